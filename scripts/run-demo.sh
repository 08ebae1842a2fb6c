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
echo "Log in as admin (system administrator), admin.hani (municipal administrator),"
echo "arta (caseworker), besim (supervisor), pol.hani (police at the case table),"
echo "gkk.hani (community group member) or auditor, with the password:"
echo "    $(cat "$DATA/demo-login.txt")"
echo "Ctrl-C stops the server; the data stays in $DATA."
echo
exec "$BIN" serve --data "$DATA" --listen "$LISTEN"
