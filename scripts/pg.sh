#!/bin/sh
# A throw-away PostgreSQL 15 for tests: initdb and pg_ctl in a temporary
# directory, listening on a free loopback port (and a socket in that
# directory), as an unprivileged user when run as root. Stopped and removed
# on exit, whatever happens.
#
#   sh scripts/pg.sh run CMD [ARG...]
#	starts it, runs CMD with RRJETI_TEST_PG=postgresql://... (a database
#	"rrjeti" owned by the superuser "rrjeti", trust authentication on
#	loopback only), stops it, and exits with CMD's status.
#   sh scripts/pg.sh check
#	exits 0 when PostgreSQL 15 can be started here, else prints why.
#   sh scripts/pg.sh ctl stop [fast|immediate] | start | status
#	inside CMD of `run`: stops (default fast), starts again (same port,
#	same data) or asks about the server of that run (RRJETI_PG_DIR, which
#	`run` exports), for tests of a database restarting under load.
#
# RRJETI_PG_DURABLE=1 keeps synchronous_commit on: a commit is acknowledged
# once its WAL is written, so it survives `ctl stop immediate` (a crash of
# the server, not of the machine: fsync stays off). Without it a commit can
# be acknowledged a moment before it is written.
#
# Where the server binaries are missing, prints "skipped: ..." and exits 77.
set -u

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

skip() {
	echo "skipped: PostgreSQL: $*" >&2
	exit 77
}

[ -x "$PGBIN/initdb" ] && [ -x "$PGBIN/pg_ctl" ] && [ -x "$PGBIN/postgres" ] ||
	skip "no PostgreSQL 15 server in $PGBIN (install postgresql and postgresql-contrib: sh scripts/install-deps.sh)"
[ -f "$(dirname "$PGBIN")/../../../share/postgresql/15/extension/pg_trgm.control" ] ||
	[ -f /usr/share/postgresql/15/extension/pg_trgm.control ] ||
	skip "pg_trgm missing (install postgresql-contrib)"

case ${1:-} in
run|check|ctl) ;;
*)	echo "usage: sh scripts/pg.sh run CMD [ARG...] | check | ctl stop [fast|immediate] | ctl start | ctl status" >&2; exit 2 ;;
esac
mode=$1; shift

# As root the server refuses to start: run it as "nobody".
AS=""
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		AS="setpriv --reuid=nobody --regid=nogroup --init-groups --"
	elif command -v runuser >/dev/null 2>&1; then
		AS="runuser -u nobody --"
	else
		skip "running as root without setpriv or runuser"
	fi
fi

if [ "$mode" = ctl ]; then
	[ -n "${RRJETI_PG_DIR:-}" ] && [ -d "$RRJETI_PG_DIR/data" ] || {
		echo "pg.sh ctl: RRJETI_PG_DIR is not set: run it inside 'pg.sh run'" >&2
		exit 2
	}
	case ${1:-} in
	stop)	$AS "$PGBIN/pg_ctl" -D "$RRJETI_PG_DIR/data" -m "${2:-fast}" -w \
		    -t 30 stop >/dev/null ;;
	start)	$AS "$PGBIN/pg_ctl" -D "$RRJETI_PG_DIR/data" \
		    -l "$RRJETI_PG_DIR/server.log" -w -t 30 start >/dev/null ;;
	status)	$AS "$PGBIN/pg_ctl" -D "$RRJETI_PG_DIR/data" status >/dev/null ;;
	*)	echo "usage: sh scripts/pg.sh ctl stop [fast|immediate] | start | status" >&2
		exit 2 ;;
	esac
	exit
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/rrjeti-pg.XXXXXX") || exit 1
[ -n "$AS" ] && chown nobody "$dir"
chmod 700 "$dir"

stop() {
	if [ -f "$dir/data/postmaster.pid" ]; then
		$AS "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop \
		    >/dev/null 2>&1 || true
	fi
	rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM HUP

# A free loopback port: the kernel's choice, released just before use.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
	echo $((20000 + $$ % 20000)))

cd "$dir" || exit 1
if ! $AS "$PGBIN/initdb" -D "$dir/data" -U rrjeti --auth=trust -E UTF8 \
    --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
	cat "$dir/initdb.log" >&2
	echo "pg.sh: initdb failed" >&2
	exit 1
fi
# Small and fast: a test database, nothing here needs to survive a crash.
cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
full_page_writes = off
max_connections = 100
shared_buffers = 64MB
log_min_messages = warning
CONF
[ "${RRJETI_PG_DURABLE:-0}" = 1 ] ||
	echo "synchronous_commit = off" >>"$dir/data/postgresql.conf"
if ! $AS "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    start >/dev/null 2>&1; then
	cat "$dir/server.log" >&2
	echo "pg.sh: the server did not start" >&2
	exit 1
fi
if ! $AS "$PGBIN/psql" -h 127.0.0.1 -p "$port" -U rrjeti -d postgres -qAt \
    -c "CREATE DATABASE rrjeti" >/dev/null 2>"$dir/createdb.log"; then
	cat "$dir/createdb.log" >&2
	exit 1
fi
cd - >/dev/null || exit 1

RRJETI_TEST_PG="postgresql://rrjeti@127.0.0.1:$port/rrjeti"
export RRJETI_TEST_PG
PGSERVER_LOG="$dir/server.log"
RRJETI_PG_DIR=$dir
export PGSERVER_LOG RRJETI_PG_DIR
if [ "$mode" = check ]; then
	echo "pg.sh: PostgreSQL 15 started and stopped on port $port"
	exit 0
fi
"$@"
