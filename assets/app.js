/* Rrjeti — small progressive enhancements; every page works without it. */
(function () {
	"use strict";
	/* Ask before revoking an API token. */
	document.addEventListener("submit", function (ev) {
		var f = ev.target;
		if (f && f.action && /\/tokens\/\d+\/revoke$/.test(f.action)) {
			var msg = document.documentElement.lang === "en" ?
			    "Revoke this token?" :
			    document.documentElement.lang === "sr" ?
			    "Opozvati ovaj token?" : "Ta anuloni këtë çelës?";
			if (!window.confirm(msg))
				ev.preventDefault();
		}
	});
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
