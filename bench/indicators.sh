#!/bin/sh
# bench/indicators.sh — the indicator benchmark of `make bench` (a benchmark,
# not a test: it never fails on a missed target, it reports it).
#
#   sh bench/indicators.sh [PATH/TO/rrjeti]
#
# In a temporary data directory: `rrjeti init --demo`, `rrjeti demo` with
# BENCH_CHILDREN children (1,000,000), a country-wide central analyst
# of Albania (bench.analyst of ASHDMF), referrals, protection measures and
# emergency placements added at a working volume (below) and `rrjeti
# serve`. Then, one
# request at a time with curl (time_total: the server's time plus a
# loopback round trip), BENCH_N (50) times each after a warm-up:
#   national dashboard   GET /api/v1/indicators/dashboard (the analyst)
#   one indicator        GET /api/v1/indicators/{code} for Tiranë (AL53, the
#                        largest) as its municipal administrator, each of
#                        the 13, and new cases by sex
#   by each dimension    each of the 13 by each dimension it is shown by
#                        (?by=sex, age_band, ...), BENCH_NDIM (5) times each,
#                        for three periods: the year to date, the last whole
#                        quarter (an end already past) and one that starts
#                        and ends mid-month (the 16th four months back to the
#                        14th two months back: the most days outside whole
#                        months)
# beside the raw SQL of the same aggregations in the sqlite3 shell (.timer
# on), same run, same database: for the dashboard the recount the counters
# replace and the counters' own read; for each indicator of Tiranë the
# live aggregation of its cases and (where there are counters) the
# counter rows the server reads. It checks that the counters equal a
# recount after the load, and writes its table into its own section of
# docs/PERFORMANCE.md (between the markers below).
#
# "met" is judged on the slowest request (max), the worst case.
#
# Knobs (environment): BENCH_CHILDREN (1000000), BENCH_N (50), BENCH_NDIM (5), BENCH_THREADS
# (2), BENCH_DOC (docs/PERFORMANCE.md; "-" writes nothing), BENCH_DATA (an
# existing data directory made by this script or bench/cases.sh: no load).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
root=$(cd "$here/.." && pwd)
BIN=${1:-$root/build/rrjeti}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
CHILDREN=${BENCH_CHILDREN:-1000000}
N=${BENCH_N:-50}
NDIM=${BENCH_NDIM:-5}
THREADS=${BENCH_THREADS:-2}
DOC=${BENCH_DOC:-$root/docs/PERFORMANCE.md}
DASH_MS=200; ONE_MS=20
BEGIN='<!-- BEGIN bench/indicators.sh: indicators -->'
END='<!-- END bench/indicators.sh: indicators -->'

[ -x "$BIN" ] || die "no rrjeti binary at $BIN (make all first)"
for t in curl sqlite3 awk; do
	command -v "$t" >/dev/null 2>&1 || die "$t not found (make deps)"
done

T=$(mktemp -d "${TMPDIR:-/tmp}/rrjeti-ind.XXXXXX")
srv=""
cleanup() {
	set +e
	[ -n "$srv" ] && kill "$srv" 2>/dev/null && wait "$srv" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- data -----------------------------------------------------------------------

if [ -n "${BENCH_DATA:-}" ]; then
	D=$BENCH_DATA
	gen_line="(an existing data set)"
else
	D=$T/data
	"$BIN" init --data "$D" --demo >"$T/init.log" 2>&1 ||
		die "rrjeti init failed: $(tail -3 "$T/init.log")"
	echo "bench: generating $CHILDREN children ..."
	"$BIN" demo --data "$D" --children "$CHILDREN" --seed 1 >"$T/demo.log" 2>&1 ||
		die "rrjeti demo failed: $(tail -3 "$T/demo.log")"
	gen_line=$(tail -1 "$T/demo.log")
fi
PW=$(cat "$D/demo-login.txt")
DB=$D/rrjeti.db
APW="Bench-analyst-$$-pw"
echo "$APW" | "$BIN" user add --data "$D" bench.analyst --role central_analyst \
    --agency ASHDMF --full-name "Bench analyst" --password-stdin >/dev/null 2>&1 ||
	echo "$APW" | "$BIN" user reset-password --data "$D" bench.analyst \
	    --password-stdin >/dev/null 2>&1 || die "cannot make bench.analyst"
sqlite3 "$DB" "UPDATE user SET must_change_pw = 0 WHERE username IN ('bench.analyst', 'admin.tirane')"
muni=$(sqlite3 "$DB" "SELECT id FROM municipality WHERE code = 'AL53'")

# --- referrals and measures at a working volume ---------------------------------

# The demo's load makes few referrals and protection measures (14 and 4 at
# 1,000,000 children), so indicators 8 and 9 would be measured on nearly
# empty tables. Added here, in one transaction of the sqlite3 shell with
# every trigger on (the counters kept as in use): for one case of Tiranë in
# four a consent and a referral two days after the opening to another
# agency of the municipality, in every status, the service started for two
# in five; for one case in twenty (every municipality) a protection measure
# decided six days after the opening; for one in forty an emergency
# placement started the day after, ended within its 72 hours for a third.
# Not again on a data set that has them (BENCH_DATA).
volume_line="none added: the data set had them"
if [ "$(sqlite3 "$DB" "SELECT count(*) FROM referral")" -lt 1000 ]; then
	echo "bench: adding referrals, measures and placements ..."
	rows_sql="SELECT (SELECT count(*) FROM referral) + (SELECT count(*) FROM protection_measure) + (SELECT count(*) FROM emergency_placement) + (SELECT count(*) FROM consent)"
	before=$(sqlite3 "$DB" "$rows_sql")
	t0=$(date +%s%N)
	sqlite3 -bail "$DB" <<EOF || die "adding referrals and measures failed"
PRAGMA foreign_keys = ON;
BEGIN;
CREATE TEMP TABLE pick AS SELECT c.id AS case_id, c.agency_id AS agency_id,
    coalesce(c.worker_id, (SELECT min(id) FROM user)) AS worker_id,
    c.opened_at + 2 * 86400 AS at,
    CASE c.id % 3 WHEN 0 THEN (SELECT min(a.id) FROM agency a
	WHERE a.municipality_id = c.municipality_id AND a.id <> c.agency_id
	AND a.type IN ('provider', 'health', 'school', 'police'))
    WHEN 1 THEN (SELECT max(a.id) FROM agency a
	WHERE a.municipality_id = c.municipality_id AND a.id <> c.agency_id
	AND a.type IN ('provider', 'health', 'school', 'police'))
    ELSE (SELECT max(a.id) FROM agency a
	WHERE a.municipality_id = c.municipality_id AND a.id <> c.agency_id
	AND a.type = 'provider') END AS to_id
FROM case_file c WHERE c.municipality_id = $muni AND c.id % 4 = 0
    AND c.opened_at + 2 * 86400 < strftime('%s', 'now');
INSERT INTO consent (case_id, kind, giver_name, relation, all_agencies,
    consent_date, author_id, created_at)
SELECT case_id, 'consent', 'Prindi', 'parent', 1, date(at, 'unixepoch'),
    worker_id, at FROM pick WHERE to_id IS NOT NULL;
INSERT INTO referral (case_id, from_agency_id, to_agency_id, service, reason,
    urgency, due_date, due_at, consent_id, status, service_start, worker_id,
    created_at)
SELECT p.case_id, p.agency_id, p.to_id, 'counselling', 'bench', 'routine',
    date(p.at + 5 * 86400, 'unixepoch'), p.at + 5 * 86400,
    (SELECT max(k.id) FROM consent k WHERE k.case_id = p.case_id),
    CASE p.case_id % 5 WHEN 0 THEN 'sent' WHEN 1 THEN 'accepted'
	WHEN 2 THEN 'in_service' WHEN 3 THEN 'declined' ELSE 'closed' END,
    CASE WHEN p.case_id % 5 IN (2, 4)
	THEN date(p.at + 7 * 86400, 'unixepoch') ELSE '' END,
    p.worker_id, p.at
FROM pick p WHERE p.to_id IS NOT NULL;
INSERT INTO protection_measure (case_id, type, decided_by, decision_date,
    status, author_id, created_at, updated_at)
SELECT c.id, CASE c.id % 3 WHEN 0 THEN 'family_supervision'
	WHEN 1 THEN 'alternative_care' ELSE 'emergency_protection' END,
    'unit', date(c.opened_at + 6 * 86400, 'unixepoch'), 'confirmed',
    coalesce(c.worker_id, (SELECT min(id) FROM user)),
    c.opened_at + 6 * 86400, c.opened_at + 6 * 86400
FROM case_file c WHERE c.id % 20 = 0
    AND c.opened_at + 6 * 86400 < strftime('%s', 'now');
INSERT INTO emergency_placement (case_id, place_kind, place_name, started_at,
    ends_at, ended_at, end_how, author_id, created_at)
SELECT c.id, 'shelter', 'Strehëza', c.opened_at + 86400,
    c.opened_at + 4 * 86400,
    CASE WHEN c.id % 3 = 0 THEN c.opened_at + 3 * 86400 END,
    CASE WHEN c.id % 3 = 0 THEN 'returned_family' ELSE '' END,
    coalesce(c.worker_id, (SELECT min(id) FROM user)), c.opened_at + 86400
FROM case_file c WHERE c.id % 40 = 1
    AND c.opened_at + 86400 < strftime('%s', 'now');
COMMIT;
EOF
	t1=$(date +%s%N)
	added=$(( $(sqlite3 "$DB" "$rows_sql") - before ))
	volume_line=$(awk -v n="$added" -v ns="$((t1 - t0))" 'BEGIN { printf "%d rows (consents included) in %.1f s with every trigger on, %.2f ms a row", n, ns / 1e9, ns / 1e6 / n }')
fi
events=$(sqlite3 "$DB" "SELECT count(*) FROM case_event")
cases=$(sqlite3 "$DB" "SELECT count(*) FROM case_file")
children=$(sqlite3 "$DB" "SELECT count(*) FROM child")
refs=$(sqlite3 "$DB" "SELECT count(*) FROM referral")
muni_refs=$(sqlite3 "$DB" "SELECT count(*) FROM referral r JOIN case_file c ON c.id = r.case_id WHERE c.municipality_id = $muni")
measures=$(sqlite3 "$DB" "SELECT count(*) FROM protection_measure")
placements=$(sqlite3 "$DB" "SELECT count(*) FROM emergency_placement")
muni_cases=$(sqlite3 "$DB" "SELECT count(*) FROM case_file WHERE municipality_id = $muni")
year=$(date -u +%Y)
FROM="$year-01-01"; TO=$(date -u +%Y-%m-%d)
from_s=$(date -u -d "$FROM" +%s); to_s=$(date -u -d "$TO +1 day" +%s)

# --- the counters stay exact ----------------------------------------------------

# The recount of queries_indicator.h (Q_IND_CNT_DIFF), in the shell; the
# counters of 0026 against their *_recount views (Q_IND_CNT_DIFF2).
d2=0
for t in ind_cohort ind_hist ind_quality ind_review ind_measure \
    ind_placement ind_referral ind_ref_days ind_received ind_worker_open \
    ind_new_dim ind_open_dim ind_review_dim ind_cohort_dim ind_hist_dim \
    ind_closed_dim ind_received_dim ind_open_mo ind_ref_dim ind_refdays_dim \
    ind_measure_dim ind_placement_dim; do
	d2=$((d2 + $(sqlite3 "$DB" "SELECT (SELECT count(*) FROM (SELECT * FROM ${t}_recount EXCEPT SELECT * FROM $t)) + (SELECT count(*) FROM (SELECT * FROM $t EXCEPT SELECT * FROM ${t}_recount))")))
done
check2="$d2 rows differing (zero rows left by subtractions included)"
dd_rows=$(sqlite3 "$DB" "SELECT (SELECT count(*) FROM ind_open_dim) + (SELECT count(*) FROM ind_review_dim) + (SELECT count(*) FROM ind_cohort_dim) + (SELECT count(*) FROM ind_hist_dim) + (SELECT count(*) FROM ind_closed_dim) + (SELECT count(*) FROM ind_received_dim) + (SELECT count(*) FROM ind_open_mo) + (SELECT count(*) FROM ind_ref_dim) + (SELECT count(*) FROM ind_refdays_dim) + (SELECT count(*) FROM ind_measure_dim) + (SELECT count(*) FROM ind_placement_dim)")
diff_rows=$(sqlite3 "$DB" "SELECT
 (SELECT count(*) FROM (SELECT * FROM ind_open WHERE n <> 0 EXCEPT SELECT municipality_id, coalesce(risk, ''), count(*) FROM case_file WHERE status NOT IN ('closed', 'transferred') GROUP BY 1, 2))
 + (SELECT count(*) FROM (SELECT municipality_id, coalesce(risk, ''), count(*) FROM case_file WHERE status NOT IN ('closed', 'transferred') GROUP BY 1, 2 EXCEPT SELECT * FROM ind_open))
 + (SELECT count(*) FROM (SELECT * FROM ind_new WHERE n <> 0 EXCEPT SELECT municipality_id, strftime('%Y-%m', opened_at, 'unixepoch'), source, count(*), count(reopened_from), sum(EXISTS (SELECT 1 FROM case_transfer t WHERE t.new_case_id = case_file.id)) FROM case_file GROUP BY 1, 2, 3))
 + (SELECT count(*) FROM (SELECT * FROM ind_closed WHERE n <> 0 EXCEPT SELECT municipality_id, strftime('%Y-%m', closed_at, 'unixepoch'), coalesce(close_reason, ''), count(*), sum((closed_at - opened_at) / 86400) FROM case_file WHERE closed_at IS NOT NULL GROUP BY 1, 2, 3))")
echo "bench: counter rows differing from a recount: $diff_rows"

# --- raw SQL in the sqlite3 shell ----------------------------------------------

raw() {	# FILE SQL: N timed runs (real ms) after one warm-up
	{
		echo "$2"
		echo ".timer on"
		i=0
		while [ $i -lt "$N" ]; do echo "$2"; i=$((i + 1)); done
	} >"$T/raw.sql"
	sqlite3 "$DB" <"$T/raw.sql" 2>&1 | awk '/^Run Time/ { print $4 * 1000 }' >"$1"
}
raw "$T/raw_recount.ms" "SELECT m.code, coalesce(c.risk, ''), count(*) FROM case_file c JOIN municipality m ON m.id = c.municipality_id WHERE c.status NOT IN ('closed', 'transferred') GROUP BY 1, 2; SELECT strftime('%Y-%m', opened_at, 'unixepoch'), count(*), count(reopened_from) FROM case_file WHERE opened_at >= $from_s AND opened_at < $to_s GROUP BY 1; SELECT source, count(*) FROM case_file WHERE opened_at >= $from_s AND opened_at < $to_s GROUP BY 1; SELECT close_reason, count(*) FROM case_file WHERE closed_at >= $from_s AND closed_at < $to_s GROUP BY 1;"
m1=$(date -u -d "$FROM" +%Y-%m); m2=$(date -u -d "$TO" +%Y-%m)
raw "$T/raw_counters.ms" "SELECT m.code, o.risk, o.n FROM ind_open o JOIN municipality m ON m.id = o.municipality_id; SELECT month, sum(n) - sum(transferred_in), sum(reopened) FROM ind_new WHERE month BETWEEN '$m1' AND '$m2' GROUP BY 1; SELECT source, sum(n) - sum(transferred_in) FROM ind_new WHERE month BETWEEN '$m1' AND '$m2' GROUP BY 1; SELECT reason, sum(n) FROM ind_closed WHERE month BETWEEN '$m1' AND '$m2' GROUP BY 1;"
# One municipality, each indicator: the live aggregation (L) and the
# counter rows read instead (C), as the server's queries do them.
P="c.municipality_id = $muni"
O="c.opened_at >= $from_s AND c.opened_at < $to_s"
CM="municipality_id = $muni AND month BETWEEN '$m1' AND '$m2'"
raw "$T/L1.ms" "SELECT count(*), count(c.reopened_from) FROM case_file c JOIN child ch ON ch.id = c.child_id WHERE $P AND $O;"
raw "$T/C1.ms" "SELECT month, source, n, reopened, transferred_in FROM ind_new WHERE $CM;"
raw "$T/L2.ms" "SELECT coalesce(c.risk, ''), count(*) FROM case_file c WHERE $P AND c.status NOT IN ('closed', 'transferred') GROUP BY 1;"
raw "$T/C2.ms" "SELECT risk, n FROM ind_open WHERE municipality_id = $muni;"
raw "$T/L3.ms" "SELECT count(*), sum(coalesce(f.fte_permille, 1000)) FROM user u JOIN agency g ON g.id = u.agency_id LEFT JOIN worker_fte f ON f.user_id = u.id WHERE g.municipality_id = $muni AND u.role = 'caseworker' AND u.active = 1; SELECT sum(n) FROM ind_open WHERE municipality_id = $muni;"
raw "$T/L4.ms" "SELECT u.id, (SELECT count(*) FROM case_file c WHERE c.worker_id = u.id AND c.opened_at < $to_s AND (c.closed_at IS NULL OR c.closed_at >= $to_s) AND c.status <> 'transferred'), (SELECT count(*) FROM case_file c WHERE c.worker_id = u.id AND $O) FROM user u JOIN agency g ON g.id = u.agency_id WHERE g.municipality_id = $muni AND u.role = 'caseworker' AND u.active = 1;"
raw "$T/L5.ms" "SELECT count(*), count(fc.done_at), count(da.done_at) FROM case_file c LEFT JOIN deadline fc ON fc.case_id = c.id AND fc.step = 'first_contact' AND fc.done_at IS NOT NULL LEFT JOIN deadline da ON da.case_id = c.id AND da.step = 'assessment' AND da.done_at IS NOT NULL WHERE $P AND $O;"
raw "$T/C5.ms" "SELECT * FROM ind_cohort WHERE $CM; SELECT month, value, n FROM ind_hist WHERE $CM AND measure = 'contact_h'; SELECT month, value, n FROM ind_hist WHERE $CM AND measure = 'assess_d';"
raw "$T/L6.ms" "SELECT count(*), count((SELECT min(f.held_at) FROM conference_case k JOIN conference f ON f.id = k.conference_id WHERE k.case_id = c.id AND f.status = 'held')) FROM case_file c WHERE $P AND $O AND c.risk IN ('medium', 'high');"
raw "$T/C6.ms" "SELECT * FROM ind_cohort WHERE $CM; SELECT month, value, n FROM ind_hist WHERE $CM AND measure = 'meeting_d';"
raw "$T/L7.ms" "SELECT count(*), sum(EXISTS (SELECT 1 FROM plan p WHERE p.case_id = c.id AND p.status = 'active')) FROM case_file c WHERE $P AND $O AND c.risk IN ('medium', 'high');"
raw "$T/C7.ms" "SELECT * FROM ind_cohort WHERE $CM; SELECT month, value, n FROM ind_hist WHERE $CM AND measure = 'plan_d';"
raw "$T/L8.ms" "SELECT pm.type, count(*) FROM case_file c JOIN protection_measure pm ON pm.case_id = c.id WHERE $P AND pm.decision_date >= '$FROM' AND pm.decision_date <= '$TO' GROUP BY 1; SELECT count(*) FROM case_file c JOIN emergency_placement ep ON ep.case_id = c.id WHERE $P AND ep.started_at >= $from_s AND ep.started_at < $to_s;"
raw "$T/C8.ms" "SELECT * FROM ind_measure WHERE $CM; SELECT * FROM ind_placement WHERE $CM;"
raw "$T/L9.ms" "SELECT r.status, count(*) FROM case_file c JOIN referral r ON r.case_id = c.id WHERE $P AND r.created_at >= $from_s AND r.created_at < $to_s GROUP BY 1; SELECT referrer_type, count(*) FROM report WHERE municipality_id = $muni AND received_at >= $from_s AND received_at < $to_s GROUP BY 1;"
raw "$T/C9.ms" "SELECT * FROM ind_referral WHERE $CM; SELECT * FROM ind_ref_days WHERE $CM; SELECT * FROM ind_received WHERE $CM;"
# The same by sex: the referrals and measures of the period with their
# child, and the counters by dimension (0035, 0036) read instead.
raw "$T/L8s.ms" "SELECT ch.sex, pm.type, count(*) FROM case_file c JOIN child ch ON ch.id = c.child_id JOIN protection_measure pm ON pm.case_id = c.id WHERE $P AND pm.decision_date >= '$FROM' AND pm.decision_date <= '$TO' GROUP BY 1, 2; SELECT ch.sex, count(*) FROM case_file c JOIN child ch ON ch.id = c.child_id JOIN emergency_placement ep ON ep.case_id = c.id WHERE $P AND ep.started_at >= $from_s AND ep.started_at < $to_s GROUP BY 1;"
raw "$T/C8s.ms" "SELECT * FROM ind_measure_dim WHERE $CM AND dim = 4; SELECT * FROM ind_placement_dim WHERE $CM AND dim = 4;"
raw "$T/L9s.ms" "SELECT ch.sex, r.status, count(*) FROM case_file c JOIN child ch ON ch.id = c.child_id JOIN referral r ON r.case_id = c.id WHERE $P AND r.created_at >= $from_s AND r.created_at < $to_s GROUP BY 1, 2;"
raw "$T/C9s.ms" "SELECT * FROM ind_ref_dim WHERE $CM AND dim = 4; SELECT * FROM ind_refdays_dim WHERE $CM AND dim = 4;"
raw "$T/L10.ms" "SELECT coalesce(c.close_reason, ''), count(*), sum(EXISTS (SELECT 1 FROM case_file n WHERE n.child_id = c.child_id AND n.id <> c.id AND n.opened_at > c.closed_at AND n.opened_at <= c.closed_at + 365 * 86400)) FROM case_file c WHERE $P AND c.closed_at >= $from_s AND c.closed_at < $to_s GROUP BY 1;"
raw "$T/C10.ms" "SELECT * FROM ind_closed WHERE $CM; SELECT month, value, n FROM ind_hist WHERE $CM AND measure IN ('closed_d', 'reref');"
raw "$T/L11.ms" "SELECT c.source, count(*) FROM case_file c WHERE $P AND $O GROUP BY 1;"
raw "$T/L12.ms" "SELECT u.id FROM user u JOIN agency g ON g.id = u.agency_id WHERE g.municipality_id = $muni AND u.role = 'caseworker' AND u.active = 1 AND NOT EXISTS (SELECT 1 FROM case_file c WHERE c.worker_id = u.id AND c.opened_at < $to_s AND (c.closed_at IS NULL OR c.closed_at >= $from_s));"
raw "$T/L13.ms" "SELECT count(*), sum(ch.birth_date IS NULL), sum(NOT EXISTS (SELECT 1 FROM case_concern p WHERE p.case_id = c.id AND p.is_primary = 1)), sum(EXISTS (SELECT 1 FROM deadline d WHERE d.case_id = c.id AND d.step = 'review' AND d.done_at IS NULL AND d.due_at < $to_s)) FROM case_file c JOIN child ch ON ch.id = c.child_id WHERE $P AND c.status NOT IN ('closed', 'transferred');"
raw "$T/C13.ms" "SELECT * FROM ind_quality WHERE municipality_id = $muni; SELECT coalesce(sum(n), 0) FROM ind_review WHERE municipality_id = $muni AND hour < $to_s / 3600;"

# --- the server -----------------------------------------------------------------

port=$(free_port $((23000 + $$ % 20000))) || die "no free port"
RRJETI_THREADS=$THREADS "$BIN" serve --data "$D" --listen "127.0.0.1:$port" \
    >"$T/rrjeti.log" 2>&1 &
srv=$!
url="http://127.0.0.1:$port"
i=0
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/healthz" || true)" != 000 ]; do
	i=$((i + 1)); [ $i -lt 100 ] || die "rrjeti serve did not start"
	sleep 0.2
done
tok() {	# USER PASSWORD
	curl -s -X POST -H 'Content-Type: application/json' \
	    --data "{\"username\":\"$1\",\"password\":\"$2\",\"name\":\"bench\"}" \
	    "$url/api/v1/tokens" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}
ana=$(tok bench.analyst "$APW"); [ -n "$ana" ] || die "no API token for bench.analyst"
adm=$(tok admin.tirane "$PW"); [ -n "$adm" ] || die "no API token for admin.tirane"

timed() {
	out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$@")
	[ "${out%% *}" = 200 ] || { echo "bench: HTTP ${out%% *} for $*" >&2; return 0; }
	echo "${out#* }" | awk '{ printf "%.3f\n", $1 * 1000 }'
}
measure() {	# FILE TOKEN PATH [COUNT]
	timed -H "Authorization: Bearer $2" "$url$3" >/dev/null
	: >"$1"
	i=0
	while [ $i -lt "${4:-$N}" ]; do
		timed -H "Authorization: Bearer $2" "$url$3" >>"$1"
		i=$((i + 1))
	done
}
load_before=$(uptime | sed 's/.*load/load/')
measure "$T/dash.ms" "$ana" "/api/v1/indicators/dashboard?from=$FROM&to=$TO"
q="from=$FROM&to=$TO"
CODES="new_cases open_by_risk workforce caseload time_to_contact conference plan measures referrals closures sources idle_workers data_quality"
k=0
for code in $CODES; do
	k=$((k + 1))
	measure "$T/S$k.ms" "$adm" "/api/v1/indicators/$code?$q"
done
measure "$T/one_sex.ms" "$adm" "/api/v1/indicators/new_cases?$q&by=sex"
measure "$T/meas_sex.ms" "$adm" "/api/v1/indicators/measures?$q&by=sex"
measure "$T/ref_sex.ms" "$adm" "/api/v1/indicators/referrals?$q&by=sex"
measure "$T/one_sector.ms" "$adm" "/api/v1/indicators/referrals?$q&by=sector"
# Each indicator by each dimension it is shown by (svc/indicator.c, defs).
CASE_DIMS="municipality admin_unit country sex age_band community disability concern risk sector month"
UNIT_DIMS="municipality country"
dims_of() {
	case $1 in
	workforce|caseload|idle_workers) echo "$UNIT_DIMS" ;;
	open_by_risk) echo "$CASE_DIMS" | sed 's/ risk//; s/ month//' ;;
	data_quality) echo "$CASE_DIMS" | sed 's/ month//' ;;
	sources) echo "$CASE_DIMS" | sed 's/ sector//' ;;
	referrals) echo "$CASE_DIMS provider" ;;
	*) echo "$CASE_DIMS" ;;
	esac
}
# The last whole quarter and a period from the 16th to the 14th, two
# months between.
m0=$(date -u +%Y-%m-01); m=$(date -u +%m); m=${m#0}
QFROM=$(date -u -d "$m0 -$(( (m - 1) % 3 + 3 )) months" +%Y-%m-%d)
QTO=$(date -u -d "$QFROM +3 months -1 day" +%Y-%m-%d)
MFROM=$(date -u -d "$m0 -4 months +15 days" +%Y-%m-%d)
MTO=$(date -u -d "$m0 -2 months +13 days" +%Y-%m-%d)
load_dims=$(uptime | sed 's/.*load/load/')
for code in $CODES; do
	for d in $(dims_of "$code"); do
		measure "$T/D-$code-$d.ms" "$adm" \
		    "/api/v1/indicators/$code?$q&by=$d" "$NDIM"
	done
done
for p in Q M; do
	[ $p = Q ] && pq="from=$QFROM&to=$QTO" || pq="from=$MFROM&to=$MTO"
	for code in $CODES; do
		measure "$T/$p-$code-none.ms" "$adm" \
		    "/api/v1/indicators/$code?$pq" "$NDIM"
		for d in $(dims_of "$code"); do
			measure "$T/$p-$code-$d.ms" "$adm" \
			    "/api/v1/indicators/$code?$pq&by=$d" "$NDIM"
		done
	done
done
load_dims_after=$(uptime | sed 's/.*load/load/')

row() {	# NAME FILE TARGET_MS
	set -- "$1" "$2" "${3:--}" $(stats <"$2")
	met="-"
	if [ "$3" != "-" ]; then
		met=yes
		awk -v p="$6" -v t="$3" 'BEGIN { exit !(p > t) }' && met=no
		echo "| $1 | $4 / $5 / $6 | $7 | ≤ $3 ms | $met |"
	else
		echo "| $1 | $4 / $5 / $6 | $7 | (raw) | - |"
	fi
}
{
	echo "| Measure | min / median / max (ms) | p95 (ms) | target | met |"
	echo "|---|---|---|---|---|"
	row "National dashboard \`GET /api/v1/indicators/dashboard\` (analyst of Albania, 13 tables)" "$T/dash.ms" $DASH_MS
	row "Raw SQL: the same four aggregations recounted from case_file (sqlite3 shell)" "$T/raw_recount.ms"
	row "Raw SQL: the same four read from the counters (sqlite3 shell)" "$T/raw_counters.ms"
	k=0
	for code in $CODES; do
		k=$((k + 1))
		row "Tiranë, $k $code: \`GET /api/v1/indicators/$code\`" "$T/S$k.ms" $ONE_MS
		row "Tiranë, $k $code: raw SQL, the live aggregation" "$T/L$k.ms"
		[ -f "$T/C$k.ms" ] &&
			row "Tiranë, $k $code: raw SQL, the counter rows read" "$T/C$k.ms"
	done
	row "Tiranë: new cases by sex (counters of 0031)" "$T/one_sex.ms" $ONE_MS
	row "Tiranë: referrals by sector (counters)" "$T/one_sector.ms" $ONE_MS
	row "Tiranë: measures by sex (counters of 0036)" "$T/meas_sex.ms" $ONE_MS
	row "Tiranë: measures by sex: raw SQL, the live aggregation" "$T/L8s.ms"
	row "Tiranë: measures by sex: raw SQL, the counter rows read" "$T/C8s.ms"
	row "Tiranë: referrals by sex (counters of 0035)" "$T/ref_sex.ms" $ONE_MS
	row "Tiranë: referrals by sex: raw SQL, the live aggregation" "$T/L9s.ms"
	row "Tiranë: referrals by sex: raw SQL, the counter rows read" "$T/C9s.ms"
} >"$T/table.md"
# Per indicator and dimension: min / median / max, met on the max. PREFIX:
# D (the year to date; by nothing: the S files), Q or M.
dims_table() {
	pfx=$1
	echo "| Tiranë, by | $(for code in $CODES; do printf '%s | ' "$code"; done)"
	echo "|---|$(for code in $CODES; do printf -- '---|'; done)"
	for d in none $CASE_DIMS provider; do
		printf '| %s |' "$d"
		for code in $CODES; do
			if [ "$d" = none ] && [ "$pfx" = D ]; then
				k=0; f=""
				for c2 in $CODES; do
					k=$((k + 1)); [ "$c2" = "$code" ] && f=$T/S$k.ms
				done
			else
				f=$T/$pfx-$code-$d.ms
			fi
			if [ -s "$f" ]; then
				set -- $(stats <"$f")
				mark=""
				awk -v x="$3" -v t=$ONE_MS 'BEGIN { exit !(x > t) }' && mark=" **over**"
				printf ' %s / %s / %s%s |' "$(printf %.1f "$1")" \
				    "$(printf %.1f "$2")" "$(printf %.1f "$3")" "$mark"
			else
				printf ' |'
			fi
		done
		echo
	done
}
dims_table D >"$T/dims.md"
dims_table Q >"$T/dimsq.md"
dims_table M >"$T/dimsm.md"
# Requests over the target at their max and median: FILES...
overs() {
	o=0; om=0
	for f in "$@"; do
		set -- $(stats <"$f")
		awk -v x="$3" -v t=$ONE_MS 'BEGIN { exit !(x > t) }' && o=$((o + 1))
		awk -v x="$2" -v t=$ONE_MS 'BEGIN { exit !(x > t) }' && om=$((om + 1))
	done
	echo "$o $om"
}
combos=$(ls "$T"/D-*.ms | wc -l)
all=$((combos + 13))
set -- $(overs "$T"/D-*.ms "$T"/S*.ms); over=$1; over_med=$2
allq=$(ls "$T"/Q-*.ms | wc -l)
set -- $(overs "$T"/Q-*.ms); overq=$1; overq_med=$2
allm=$(ls "$T"/M-*.ms | wc -l)
set -- $(overs "$T"/M-*.ms); overm=$1; overm_med=$2
echo
cat "$T/table.md"
echo
cat "$T/dims.md" "$T/dimsq.md" "$T/dimsm.md"
echo "bench: $all indicator × dimension requests, $FROM to $TO; over $ONE_MS ms at max: $over; at median: $over_med"
echo "bench: $allq, $QFROM to $QTO; over at max: $overq; at median: $overq_med"
echo "bench: $allm, $MFROM to $MTO; over at max: $overm; at median: $overm_med"

[ "$DOC" = "-" ] && exit 0
model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
{
	echo "$BEGIN"
	echo "## Indicators: the national dashboard and one municipality"
	echo
	echo "_Generated by \`make bench\` (bench/indicators.sh) on $(date -u '+%Y-%m-%d %H:%M UTC'); do not edit by hand._"
	echo
	echo "- Machine: $(nproc) CPUs ($model), $mem, Linux $(uname -r); SQLite $(sqlite3 --version | awk '{ print $1 }')."
	echo "- Data: \`rrjeti demo --children $CHILDREN --seed 1\`: $gen_line"
	echo "  ($children children, $cases cases, $events case events; Tiranë holds $muni_cases cases;"
	echo "  $refs referrals, $muni_refs of them from Tiranë's cases, $measures protection measures and"
	echo "  $placements emergency placements; beyond the demo's few, added by the script: $volume_line)."
	echo "- Period: $FROM to $TO. The counters (0017_indicator.sql: open cases by municipality and"
	echo "  risk, cases opened and closed by municipality and month) are kept by triggers on case_file;"
	echo "  after the load they differed from a full recount in **$diff_rows** rows (0 = exact); the"
	echo "  counters of 0026 (indicators 5-10, 13), 0031 (open cases per worker, new cases by"
	echo "  dimension), 0032 (indicators 2, 5, 6, 7, 9, 10, 13 by dimension), 0034 (open cases by"
	echo "  month opened), 0035 (referrals sent by dimension) and 0036 (measures and placements by"
	echo "  dimension; $dd_rows rows, these five) against their recount: **$check2**."
	echo "- Method: $N requests each ($NDIM for each dimension), one at a time with curl on 127.0.0.1 after a warm-up"
	echo "  (\`time_total\`: server time plus a loopback round trip); rrjeti \`serve\` with $THREADS threads."
	echo "  The raw SQL runs $N times in the sqlite3 shell (\`.timer on\`, real) on the same database."
	echo "  The dashboard reads every indicator but 3 (workforce) and 12 (idle workers) from the"
	echo "  counters for the whole months of the period. One indicator reads the whole months from"
	echo "  the counters, and the month holding the end of the period from its counter too when"
	echo "  nothing of the municipality is dated in it after the end (a period up to today) or the"
	echo "  hours after the end are fewer than the days before (the days after taken out again); the"
	echo "  month holding the start likewise when its days before \`from\` are fewer than those after."
	echo "  The days left outside whole months are counted from what each case or report last added"
	echo "  to the counters (0031, 0032, 0035, 0036), closures live. Caseload's"
	echo "  open cases come from the open cases per worker (0031) when none of the worker's cases"
	echo "  opened or closed after the end. By admin unit, sex, age band, community, disability,"
	echo "  concern, risk and sector: new cases and sources from ind_new_dim (0031); open cases (2:"
	echo "  and by country; at an end already past, less those opened since, 0034, corrected case by"
	echo "  case over the few others that differ, 0033), time to contact, conferences, plans,"
	echo "  closures, reports received and data quality from the counters by dimension of 0032;"
	echo "  referrals sent from those of 0035, measures and placements from those of 0036; every"
	echo "  filter on the child or the case is counted live."
	echo "- Load: \`uptime\` before the timings: $load_before; after: $(uptime | sed 's/.*load/load/')."
	echo "  \"met\" is judged on the slowest request (max)."
	echo
	cat "$T/table.md"
	echo
	echo "Each indicator for Tiranë by each dimension it is shown by: min / median / max in ms"
	echo "($NDIM requests each; **over**: the max above $ONE_MS ms; load before: $load_dims;"
	echo "after the three periods: $load_dims_after), $FROM to $TO. Of $all requests (indicator ×"
	echo "dimension, \"none\" included), **$over** are over $ONE_MS ms at their max, **$over_med** at"
	echo "their median."
	echo
	cat "$T/dims.md"
	echo
	echo "The same for the last whole quarter, $QFROM to $QTO (open cases and data quality as at"
	echo "an end already past): of $allq requests, **$overq** are over $ONE_MS ms at their max,"
	echo "**$overq_med** at their median."
	echo
	cat "$T/dimsq.md"
	echo
	echo "The same from the 16th to the 14th, $MFROM to $MTO: the days outside the whole"
	echo "months, about a month, counted from what each case last added to the counters (or"
	echo "the month holding \`from\` read whole and the days before it taken out). Of $allm"
	echo "requests, **$overm** are over $ONE_MS ms at their max, **$overm_med** at their median."
	echo
	cat "$T/dimsm.md"
	echo "$END"
} >"$T/section.md"
mkdir -p "$(dirname "$DOC")"
[ -f "$DOC" ] || printf '# Performance\n\nFigures measured by `make bench`; each section is written by its benchmark.\n\n' >"$DOC"
if grep -qF "$BEGIN" "$DOC"; then
	awk -v b="$BEGIN" -v e="$END" -v f="$T/section.md" '
	    $0 == b { while ((getline l < f) > 0) print l; skip = 1; next }
	    $0 == e { skip = 0; next }
	    !skip { print }' "$DOC" >"$T/doc" && cat "$T/doc" >"$DOC"
else
	{ echo; cat "$T/section.md"; } >>"$DOC"
fi
echo "bench: wrote $DOC"
