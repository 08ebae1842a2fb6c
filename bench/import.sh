#!/bin/sh
# bench/import.sh — the import benchmark of `make bench` (a benchmark, not
# a test: it never fails on a missed target, it reports it).
#
#   sh bench/import.sh [PATH/TO/rrjeti]
#
# In a temporary data directory (`rrjeti init`, a sysadmin bench.admin):
# BENCH_PARTICIPANTS (100,000) training participants in a CSV file with
# distinct made-up names (a dry run first drops the few that the name
# matching takes for the same person, so the file imports whole), then,
# same run, same database:
#   rrjeti import participants FILE   every row checked, matched against
#                                     the register and the rows before it,
#                                     written in one transaction with its
#                                     audit rows, and the report
#   sqlite3 .import FILE              the same file into a plain table of
#                                     the same columns (no checks)
# Targets (issue 5): the import <= 10 s and <= 3x the sqlite3 .import.
# Writes its table into its own section of docs/PERFORMANCE.md (between
# the markers below). Knobs: BENCH_PARTICIPANTS, BENCH_DOC ("-": none).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
BIN=${1:-$root/build/rrjeti}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
N=${BENCH_PARTICIPANTS:-100000}
DOC=${BENCH_DOC:-$root/docs/PERFORMANCE.md}
BEGIN='<!-- BEGIN bench/import.sh: import -->'
END='<!-- END bench/import.sh: import -->'

die() {
	echo "bench: $*" >&2
	exit 1
}

[ -x "$BIN" ] || die "no rrjeti binary at $BIN (make all first)"
for t in sqlite3 awk; do
	command -v "$t" >/dev/null 2>&1 || die "$t not found (make deps)"
done
T=$(mktemp -d "${TMPDIR:-/tmp}/rrjeti-imp.XXXXXX")
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

now() { date +%s.%N; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (b - a) * 1000 }'; }

"$BIN" init --data "$T/d" >/dev/null 2>&1 || die "init failed"
echo 'Bench import password 7' | "$BIN" user add --data "$T/d" bench.admin \
    --role sysadmin --full-name Bench --password-stdin >/dev/null 2>&1 ||
    die "user add failed"

# Made-up family names of four syllables, given names from a list.
awk -v n="$N" 'BEGIN {
	split("ba ke lo mi nu ra se ti vo za dri gje shi zhu ndo rri lla qe" \
	    " xhe fa po ku de ha je ro su to vu ze bre kro sta tri gla pli" \
	    " dho thi nje ce", s, " ");
	split("Arta Besa Dren Genc Lule Mimoza Valon Blerim Drita Fatmir" \
	    " Jeta Kujtim Liridon Njomza Shpend Teuta Vjosa Agon Erza Ilir", g,
	    " ");
	split("social_worker head_social_services child_protection_worker" \
	    " health education police ngo ministry local_staff", p, " ");
	srand(7);
	print "given_name,family_name,sex,profile,municipality,organisation";
	while (k < n) {
		f = "";
		for (j = 0; j < 4; j++)
			f = f s[int(rand() * 40) + 1];
		f = toupper(substr(f, 1, 1)) substr(f, 2);
		if (f in seen)
			continue;
		seen[f] = 1;
		k++;
		printf "%s,%s,%s,%s,XK09,OJQ %d\n", g[int(rand() * 20) + 1], f,
		    rand() < 0.5 ? "female" : "male", p[int(rand() * 9) + 1],
		    k % 50;
	}
}' >"$T/all.csv"
"$BIN" import participants "$T/all.csv" --data "$T/d" --user bench.admin \
    --dry-run >"$T/dry.txt" 2>&1 || true
awk 'NR == FNR { if ($1 == "row") { sub(",", "", $2); bad[$2] = 1 }; next }
    !(FNR in bad)' "$T/dry.txt" "$T/all.csv" >"$T/p.csv"
rows=$(($(wc -l <"$T/p.csv") - 1))

t0=$(now)
"$BIN" import participants "$T/p.csv" --data "$T/d" --user bench.admin \
    >"$T/run.txt" 2>&1 || die "import refused: $(tail -3 "$T/run.txt")"
t1=$(now)
imp=$(ms "$t0" "$t1")
written=$(sqlite3 "$T/d/rrjeti.db" "SELECT count(*) FROM professional")

sqlite3 "$T/d/rrjeti.db" "CREATE TABLE bench_imp (given_name TEXT,
    family_name TEXT, sex TEXT, profile TEXT, municipality TEXT,
    organisation TEXT)"
t0=$(now)
sqlite3 "$T/d/rrjeti.db" ".mode csv" ".import --skip 1 $T/p.csv bench_imp"
t1=$(now)
raw=$(ms "$t0" "$t1")
ratio=$(awk -v a="$imp" -v b="$raw" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
met_s=$(awk -v a="$imp" 'BEGIN { print a <= 10000 ? "yes" : "no" }')
met_r=$(awk -v r="$ratio" 'BEGIN { print r <= 3 ? "yes" : "no" }')
echo "bench: import of $rows participants: $imp ms (<= 10000: $met_s);" \
    "sqlite3 .import: $raw ms; ratio $ratio (<= 3: $met_r); written $written"

[ "$DOC" = "-" ] && exit 0
model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
{
	echo "$BEGIN"
	echo "## Imports (bench/import.sh)"
	echo
	echo "- Machine: $(nproc) CPUs ($model), Linux $(uname -r); SQLite $(sqlite3 --version | awk '{ print $1 }')."
	echo "- $rows training participants from one CSV file (one municipality), into an empty register; wall time of the whole command (start, read, check, match, write, audit, report)."
	echo
	echo "| what | ms | target | met |"
	echo "|---|---:|---|---|"
	echo "| rrjeti import participants | $imp | <= 10000 | $met_s |"
	echo "| sqlite3 .import (plain table, no checks) | $raw | | |"
	echo "| ratio | $ratio | <= 3 | $met_r |"
	echo
	echo "Each row goes through training_prof_add_in_tx() (every check of the form, the insert, its own hash-chained audit row) and the name matching (an in-memory index of the register, svc/import.c); sqlite3 .import does none of that. The ratio target needs a bulk path with one audit row per file, not done yet."
	echo "$END"
} >"$T/section.md"
[ -f "$DOC" ] || printf '# Performance\n\n' >"$DOC"
if grep -qF "$BEGIN" "$DOC"; then
	awk -v b="$BEGIN" -v e="$END" -v f="$T/section.md" '
	    $0 == b { while ((getline l < f) > 0) print l; skip = 1; next }
	    $0 == e { skip = 0; next }
	    !skip { print }' "$DOC" >"$T/doc" && cat "$T/doc" >"$DOC"
else
	{ echo; cat "$T/section.md"; } >>"$DOC"
fi
echo "bench: wrote $DOC"
