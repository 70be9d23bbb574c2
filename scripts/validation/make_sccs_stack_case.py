#!/usr/bin/env python3
"""Writes Validation/Cases/sccs-hibdat-stack: hibdat (R SCCS 1.7) restacked into R's dataformat = "stack".

Each event row of hibdat becomes one row per dose (dose k of DTP and dose k of Hib on row k; rows after the first
with neither dose left out). Unstacked, the doses are those of sccs-hibdat, so R SCCS 1.7's hib.mod1 estimates
(expected_R_SCCS_1.7_full_precision.csv) apply unchanged. Run from the repository root.
"""
import csv
import json

rows = list(csv.DictReader(open("Validation/Cases/sccs-hibdat/hibdat.csv")))
with open("Validation/Cases/sccs-hibdat-stack/hibdat_stack.csv", "w") as out:
    out.write("case,sta,end,conv,dtp,hib\n")
    for r in rows:
        for k, (d, h) in enumerate([("dtp", "hib"), ("dtpd2", "hibd2"), ("dtpd3", "hibd3")]):
            if k > 0 and r[d] in ("", "NA") and r[h] in ("", "NA"):
                continue
            value = lambda v: "" if v == "NA" else v
            out.write(",".join([r["case"], r["sta"], r["end"], r["conv"], value(r[d]), value(r[h])]) + "\n")
case = json.load(open("Validation/Cases/sccs-hibdat/case.json"))
case["title"] = "hibdat hib.mod1 from data in R SCCS's stack layout (one row per event and dose)"
case["description"] = (
    "The hibdat rows restacked (scripts/validation/make_sccs_stack_case.py): each event row becomes one row per dose "
    "with the DTP and Hib dose ages in single columns dtp and hib (R dataformat = \"stack\"). Unstacked, the doses are "
    "the same as in sccs-hibdat, so R SCCS 1.7's hib.mod1 numbers apply unchanged.")
case["data"] = "hibdat_stack.csv"
case["model"]["layout"] = "stack"
case["model"]["exposures"] = [
    {"name": "dtp", "doseColumns": ["dtp"], "cutPoints": [0, 4, 8], "endOffset": 14},
    {"name": "hib", "doseColumns": ["hib"], "cutPoints": [0, 8], "endOffset": 14},
]
json.dump(case, open("Validation/Cases/sccs-hibdat-stack/case.json", "w"), indent=2)
