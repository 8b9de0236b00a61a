#!/usr/bin/env bash
# Runs every Gydex test: each test project on SQLite and on PostgreSQL (a throwaway cluster of its own),
# the CommerceML library once. The last line is "N passed, N failed" (", N skipped" when some were skipped).
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$PWD

say() { printf '\n== %s\n' "$*"; }

# --- what the suite needs on this machine -------------------------------------------------------------
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
missing=()
[ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null || { echo "apt-get install ${missing[*]} failed"; exit 1; }
  else
    echo "Gydex tests need: ${missing[*]}. Install them (Debian: sudo apt-get install ${missing[*]}) and run ./test.sh again."
    exit 1
  fi
fi
command -v dotnet >/dev/null || { echo "The .NET SDK (dotnet) is required: see global.json for the version."; exit 1; }

WORK=$(mktemp -d /tmp/gydex-test.XXXXXX)
chmod 755 "$WORK"
PGDATA="$WORK/pg"
cleanup() {
  if [ -f "$PGDATA/postmaster.pid" ]; then as_postgres "$(pg_bin)/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1; fi
  rm -rf "$WORK" /tmp/gydex-tests
}
trap cleanup EXIT

# PostgreSQL refuses to run as root: the cluster belongs to the postgres user when we are root.
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( (RANDOM % 20000) + 30000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  echo 0
}

say "starting a throwaway PostgreSQL cluster"
mkdir -p "$PGDATA" "$WORK/socket"
[ "$(id -u)" = 0 ] && chown -R postgres "$PGDATA" "$WORK/socket"
PGPORT=$(free_port)
as_postgres "$(pg_bin)/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 \
  || { cat "$WORK/initdb.log"; echo "0 passed, 1 failed"; exit 1; }
# Durability is pointless for a cluster deleted at the end; speed is not.
as_postgres "$(pg_bin)/pg_ctl" -D "$PGDATA" -l "$PGDATA/postgres.log" -w -t 60 start \
  -o "-p $PGPORT -k $WORK/socket -c listen_addresses=127.0.0.1 -c max_connections=500 -c fsync=off -c full_page_writes=off -c synchronous_commit=off" >/dev/null \
  || { cat "$PGDATA/postgres.log"; echo "0 passed, 1 failed"; exit 1; }
# The tests make hundreds of short-lived organization databases, each with its own Npgsql pool: idle connections
# are closed after 10 s rather than 300 s, or they pile up against max_connections.
PG_SERVER="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Include Error Detail=true;Connection Idle Lifetime=10;Connection Pruning Interval=2"
echo "PostgreSQL $("$(pg_bin)/postgres" --version | awk '{print $3}') on port $PGPORT"

say "building"
dotnet build Gydex.slnx -nologo -v quiet -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }

passed=0; failed=0; skipped=0
results="$WORK/results"
mkdir -p "$results"

# run NAME PROJECT [VAR=VALUE…]: one test project in one configuration, counted from its TRX report.
run() {
  local name=$1 project=$2; shift 2
  say "$name"
  env "$@" timeout 1500 dotnet test "$project" --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$results" \
    | grep -vE '^\s*$'
  local trx="$results/$name.trx"
  if [ ! -f "$trx" ]; then
    echo "$name: the test run produced no report (it crashed or timed out)"
    failed=$((failed + 1)); return
  fi
  local counters p f e t a s
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  attr() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  p=$(attr passed); f=$(attr failed); e=$(attr error); t=$(attr timeout); a=$(attr aborted); s=$(attr notExecuted)
  passed=$((passed + p)); failed=$((failed + f + e + t + a)); skipped=$((skipped + s))
  echo "$name: $p passed, $((f + e + t + a)) failed, $s skipped"
}

run commerceml tests/Gydex.CommerceML.Tests
run sqlite tests/Gydex.Tests GYDEX_TEST_PROVIDER=Sqlite
run postgres tests/Gydex.Tests GYDEX_TEST_PROVIDER=Postgres "GYDEX_TEST_POSTGRES=$PG_SERVER"
run browser-sqlite tests/Gydex.BrowserTests GYDEX_TEST_PROVIDER=Sqlite
run browser-postgres tests/Gydex.BrowserTests GYDEX_TEST_PROVIDER=Postgres "GYDEX_TEST_POSTGRES=$PG_SERVER"

echo
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
