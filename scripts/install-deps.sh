#!/bin/sh
# Installs the Debian packages and npm modules Rrjeti needs to build, test, benchmark and run.
# Idempotent: quick when everything is already there. Uses sudo when not root.
set -eu
cd "$(dirname "$0")/.."

PKGS="gcc make pkg-config git ca-certificates
libmicrohttpd-dev libsqlite3-dev sqlite3 libsodium-dev libjansson-dev libutf8proc-dev
libcmocka-dev libpq-dev libhpdf-dev libxlsxwriter-dev libzip-dev libexpat1-dev zlib1g-dev libcurl4-openssl-dev
fonts-dejavu-core poppler-utils clang libclang-rt-14-dev
postgresql postgresql-contrib
chromium nodejs npm
wrk nginx-light curl procps"

missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$st" = "installed" ] || missing="$missing $p"
done

# nodejs from another source may already provide npm: do not ask Debian's npm then.
if command -v npm >/dev/null 2>&1; then
	missing=$(echo "$missing" | tr ' ' '\n' | grep -vx npm | grep -vx nodejs | tr '\n' ' ' || true)
fi
missing=$(echo $missing)

if [ -n "$missing" ]; then
	SUDO=""
	if [ "$(id -u)" -ne 0 ]; then
		if ! command -v sudo >/dev/null 2>&1; then
			echo "install-deps: missing: $missing" >&2
			echo "install-deps: run 'sh scripts/install-deps.sh' as root (or install sudo)" >&2
			exit 1
		fi
		SUDO="sudo"
	fi
	echo "install-deps: installing $missing"
	log=$(mktemp)
	# shellcheck disable=SC2086
	if ! { $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
	    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $missing; } >"$log" 2>&1; then
		cat "$log" >&2
		rm -f "$log"
		echo "install-deps: apt-get failed" >&2
		exit 1
	fi
	rm -f "$log"
fi

# Browser-test modules (playwright-core drives Debian's chromium; axe-core audits accessibility).
if [ -f tests/browser/package.json ] && [ ! -d tests/browser/node_modules/playwright-core ]; then
	echo "install-deps: npm modules for the browser tests"
	(cd tests/browser && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --silent; else npm install --no-audit --no-fund --silent; fi)
fi
exit 0
