#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the tests on 127.0.0.1 (port $SIGNALSTATS_PGPORT, default 55432), with
# Debian's postgresql package (installed here if missing), its data in .build/pg/data, run as the postgres user, and
# a random throwaway password. Writes .build/pg/env (PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD) for the
# Makefile and tests to source. Needs root (or password-less sudo) for apt-get and to run as postgres; where that is
# impossible it says why and exits 1, and the server tests skip with that reason.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir="$PWD/.build/pg"
port="${SIGNALSTATS_PGPORT:-55432}"
mkdir -p "$dir"
run_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif sudo -n true 2>/dev/null; then sudo "$@"; else return 1; fi; }

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  echo "postgres: installing Debian's postgresql package"
  run_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
    || { run_root apt-get update -qq && run_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; } \
    || { echo "postgres: cannot install postgresql (not root, no password-less sudo)" >&2; exit 1; }
fi
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
as_postgres() { run_root runuser -u postgres -- "$@"; }

if [ -f "$dir/env" ] && [ -d "$dir/data" ] && as_postgres "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  echo "postgres: already running on 127.0.0.1:$(grep PGPORT "$dir/env" | cut -d= -f2)"
  exit 0
fi
rm -rf "$dir/data" "$dir/socket"
mkdir -p "$dir/socket"
password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$password" > "$dir/pwfile"
chmod 600 "$dir/pwfile"
run_root chown -R postgres "$dir" || { echo "postgres: cannot hand $dir to the postgres user" >&2; exit 1; }
# The postgres user must be able to reach the folder.
p="$dir"; while [ "$p" != "/" ]; do p="$(dirname "$p")"; chmod o+x "$p" 2>/dev/null || true; done
as_postgres "$bin/initdb" -D "$dir/data" -U signalstats --auth=scram-sha-256 --pwfile="$dir/pwfile" >"$dir/initdb.log" \
  || { echo "postgres: initdb failed (see $dir/initdb.log)" >&2; exit 1; }
# A port taken by another server (another checkout's cluster, say) moves us to the next one.
started=0
for try_port in $(seq "$port" $((port + 9))); do
  if as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $try_port -k $dir/socket -c fsync=off -c synchronous_commit=off" start >/dev/null; then
    port="$try_port"; started=1; break
  fi
  grep -q "Address already in use" "$dir/server.log" 2>/dev/null || break
  echo "postgres: port $try_port is in use, trying $((try_port + 1))"
done
[ "$started" -eq 1 ] || { echo "postgres: server did not start (see $dir/server.log)" >&2; exit 1; }
run_root rm -f "$dir/pwfile"
cat > "$dir/env" <<ENV
PGHOST=127.0.0.1
PGPORT=$port
PGUSER=signalstats
PGDATABASE=postgres
PGPASSWORD=$password
ENV
chmod 600 "$dir/env"
echo "postgres: throwaway cluster on 127.0.0.1:$port (user signalstats; connection settings in $dir/env)"
