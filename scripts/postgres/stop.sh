#!/usr/bin/env bash
# Stops the throwaway cluster of start.sh and removes its data.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir="$PWD/.build/pg"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -d "$dir/data" ] && [ -n "$bin" ] && runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
rm -rf "$dir"
