/* Rrjeti — small progressive enhancements; every page works without it. */
(function () {
	"use strict";
	/* Ask before revoking an API token. */
	document.addEventListener("submit", function (ev) {
		var f = ev.target;
		if (f && f.action && /\/tokens\/\d+\/revoke(#.*)?$/.test(f.action)) {
			var msg = document.documentElement.lang === "en" ?
			    "Revoke this token?" :
			    document.documentElement.lang === "sr" ?
			    "Opozvati ovaj token?" : "Ta anuloni këtë çelës?";
			if (!window.confirm(msg))
				ev.preventDefault();
		}
	});
	/*
	 * Child population: find a municipality by name (ë, ç and other marks
	 * ignored) or show only those without a figure. Without JavaScript, or
	 * for a short list, the filter stays hidden and the whole list shows.
	 */
	function fold(s) {
		return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
		    .toLowerCase().trim();
	}
	function populationFilter() {
		var box = document.getElementById("pop-filter");
		var table = document.getElementById("pop-table");
		if (!box || !table)
			return;
		var q = document.getElementById("pop-q");
		var missing = document.getElementById("pop-missing");
		var shown = document.getElementById("pop-shown");
		var rows = Array.prototype.slice.call(table.tBodies[0].rows);
		if (rows.length < 10)	/* a short list needs no search */
			return;
		var names = rows.map(function (r) {
			return fold(r.getAttribute("data-name") || "");
		});
		function apply() {
			var s = fold(q.value), n = 0;
			rows.forEach(function (r, i) {
				var ok = names[i].indexOf(s) !== -1 &&
				    (!missing.checked ||
				    r.hasAttribute("data-missing"));
				r.hidden = !ok;
				if (ok)
					n++;
			});
			shown.textContent = (shown.getAttribute("data-label") ||
			    "") + ": " + n + " / " + rows.length;
		}
		q.addEventListener("input", apply);
		missing.addEventListener("change", apply);
		box.hidden = false;
		/* The browser may have restored the fields on going back. */
		apply();
	}
	if (document.readyState === "loading")
		document.addEventListener("DOMContentLoaded", populationFilter);
	else
		populationFilter();
	/* Select a new API token on click so it is easy to copy. */
	document.addEventListener("click", function (ev) {
		var t = ev.target;
		if (t && t.classList && t.classList.contains("token")) {
			var r = document.createRange();
			r.selectNodeContents(t);
			var s = window.getSelection();
			s.removeAllRanges();
			s.addRange(r);
		}
	});
})();
