# bench/lib.sh — the helpers every benchmark script shares (sourced after
# `here` is set, not run): die, a free loopback port, and min/median/max/p95
# of timings.

die() {
	echo "bench: $*" >&2
	exit 1
}

# The first TCP port from $1 upwards that nothing listens on (/proc/net/tcp*).
free_port() {
	used=" $(awk 'FNR > 1 && $4 == "0A" { split($2, a, ":"); print a[2] }' \
	    /proc/net/tcp /proc/net/tcp6 2>/dev/null | tr '\n' ' ') "
	p=$1
	while [ "$p" -lt 65000 ]; do
		case $used in
		*" $(printf '%04X' "$p") "*) p=$((p + 1)) ;;
		*) echo "$p"; return 0 ;;
		esac
	done
	return 1
}

# min median max p95 of the numbers (ms) on stdin.
stats() {
	sort -n | awk '{ v[NR] = $1 }
	    END { if (NR == 0) { print "- - - -"; exit }
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		k = int(NR * 0.95 + 0.999); if (k < 1) k = 1
		printf "%.2f %.2f %.2f %.2f\n", v[1], m, v[NR], v[k] }'
}

# Puts the section in file $3 into the document $4 between the marker lines
# $1 and $2 (replacing what is there), or at its end when the markers are
# not there yet; the rest of the document is left alone.
doc_section() {
	if [ ! -f "$4" ]; then
		mkdir -p "$(dirname "$4")"
		printf '# Performance\n\nFigures measured by `make bench`; each section is written by its benchmark.\n\n' >"$4"
	fi
	if grep -qF "$1" "$4"; then
		awk -v b="$1" -v e="$2" -v f="$3" '
		    $0 == b { while ((getline l < f) > 0) print l; skip = 1; next }
		    $0 == e { skip = 0; next }
		    !skip' "$4" >"$3.doc"
	else
		{ cat "$4"; echo; cat "$3"; } >"$3.doc"
	fi
	cat "$3.doc" >"$4"
	rm -f "$3.doc"
}
