#!/bin/sh
# make run: initialise the demo installation (first time only; a second run
# reuses the data) with a few hundred synthetic cases, and serve it until
# Ctrl-C.
set -eu
BIN=$1
DATA=$2
LISTEN=$3
if [ ! -f "$DATA/rrjeti.db" ]; then
	mkdir -p "$(dirname "$DATA")"
	"$BIN" init --data "$DATA" --demo
	# A living system: about 300 children with their reports, cases,
	# risk histories and timelines over three years (rrjeti demo).
	"$BIN" demo --data "$DATA" --children 300
else
	"$BIN" migrate --data "$DATA" >/dev/null
fi
echo
echo "Rrjeti is at http://$LISTEN/"
echo "Log in with the password  $(cat "$DATA/demo-login.txt")  as:"
echo "  admin          system administrator"
echo "  admin.hani     municipal administrator of Hani i Elezit (grants, training,"
echo "                 action plan, inspections)"
echo "  arta           caseworker of Hani (referrals, visits, inbox)"
echo "  besim          supervisor of Hani"
echo "  pmf.tirane     child protection worker of Tirana (measures, placements)"
echo "  pol.hani       police at the case table (reports in); also shk.hani, shd.hani"
echo "  gkk.hani       community group member"
echo "  ofruesi.hani   provider user of the shelter (referrals received, the grant;"
echo "                 also ofruesi2.hani, ofruesi3.hani, ofruesi.tirane, ofruesi2.tirane)"
echo "  donator.hani   the donor's user (its grants and projects, figures only)"
echo "  analist, auditor"
echo "Ctrl-C stops the server; the data stays in $DATA."
echo
exec "$BIN" serve --data "$DATA" --listen "$LISTEN"
