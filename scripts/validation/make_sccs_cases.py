#!/usr/bin/env python3
"""Writes Validation/Cases/sccs-*/case.json from the R SCCS 1.7 full-precision results and the published values.

Run from the repository root after copying the data files (amdat.csv, itpdat.csv, hibdat.csv) into the case
folders; the expected numbers come from shared/reference/sccs/expected_R_SCCS_1.7_full_precision.csv (R SCCS 1.7
standardsccs, R 4.2.2, survival 3.5-3, 10 significant digits) and shared/reference/README.md (published values).
"""
import csv, json, os, sys

ref = sys.argv[1] if len(sys.argv) > 1 else "../shared/reference/sccs/expected_R_SCCS_1.7_full_precision.csv"
rows = list(csv.DictReader(open(ref)))
R_SOURCE = ("R SCCS 1.7 standardsccs (R 4.2.2, survival 3.5-3) at 10 significant digits: "
            "expected_R_SCCS_1.7_full_precision.csv, model {m}")

def full(model, level_terms=True):
    out = []
    for r in rows:
        if r["model"] != model:
            continue
        for q, col in [("expCoefficient", "ri"), ("expCiLower", "lower95"), ("expCiUpper", "upper95")]:
            e = {"term": r["term"], "quantity": q, "value": float(r[col]), "tolerance": {"relative": 1e-6},
                 "source": R_SOURCE.format(m=model)}
            if q != "expCoefficient":
                e["level"] = 0.95
            out.append(e)
    return out

def printed(term, q, value, digits_after_point, source):
    return {"term": term, "quantity": q, "value": value, "tolerance": {"absolute": 0.5 * 10 ** -digits_after_point},
            "source": source}

PROFILE_SOURCE = ("R 4.2.2 profile likelihood, scripts/reference/sccs_profile_reference.R: Poisson glm with case fixed "
                  "effects on the SCCS::formatdata intervals, every other parameter re-fitted at each point, uniroot to 1e-12")

def profile(term, lower, upper):
    return [{"term": term, "quantity": q, "level": 0.95, "value": v, "tolerance": {"relative": 1e-6}, "source": PROFILE_SOURCE}
            for q, v in [("expProfileLower", lower), ("expProfileUpper", upper)]]

cases = {
    "sccs-amdat": {
        "title": "MMR vaccine and aseptic meningitis (amdat), SCCS from raw case data",
        "description": "Observation 366-730 days of age; one risk window mmr+15..mmr+35; age groups cut at 548 days. "
                       "Data: R SCCS 1.7 amdat (copied from shared/reference/sccs/amdat.csv).",
        "data": "amdat.csv",
        "model": {"indiv": "case", "start": "sta", "end": "end", "event": "am",
                  "exposures": [{"name": "mmr", "doseColumns": ["mmr"], "cutPoints": [15], "endOffset": 35}],
                  "ageCutPoints": [548]},
        "expected": full("amdat_model") + [
            printed("mmr1", "expCoefficient", 12.037, 3, "Whitaker et al. 2006, Stat Med 25:1768, tutorial section 3.1 (Stata sccsdta help output)"),
            printed("mmr1", "expCiLower", 3.002, 3, "Whitaker et al. 2006, tutorial section 3.1"),
            printed("mmr1", "expCiUpper", 48.259, 3, "Whitaker et al. 2006, tutorial section 3.1"),
            printed("age2", "expCoefficient", 0.225, 3, "Whitaker et al. 2006, tutorial section 3.1"),
            printed("age2", "expCiLower", 0.025, 3, "Whitaker et al. 2006, tutorial section 3.1"),
            printed("age2", "expCiUpper", 2.016, 3, "Whitaker et al. 2006, tutorial section 3.1"),
            {"quantity": "logLikelihood", "value": -10.088277, "tolerance": {"absolute": 5e-7},
             "source": "Whitaker et al. 2006, tutorial section 3.1: log likelihood -10.088277 (conditional form without constants)"},
            {"quantity": "cases", "value": 10, "tolerance": {"absolute": 0}, "source": "amdat has 10 cases (R SCCS amdat.Rd)"},
        ] + profile("mmr1", 3.027673438, 53.88327948),
    },
    "sccs-itpdat-mod1": {
        "title": "MMR vaccine and ITP (itpdat), mod1: one risk window 0-42 days, no age adjustment",
        "description": "R: standardsccs(itp ~ mmr, indiv=case, astart=sta, aend=end, aevent=itp, adrug=mmr, aedrug=mmr+42, data=itpdat). Every admission is an event.",
        "data": "itpdat.csv",
        "model": {"indiv": "case", "start": "sta", "end": "end", "event": "itp",
                  "exposures": [{"name": "mmr", "doseColumns": ["mmr"], "cutPoints": [0], "endOffset": 42}]},
        "expected": full("itpdat_mod1") + [
            printed("mmr1", "expCoefficient", 4.525, 3, "R SCCS 1.7 standardsccs examples (itpdat mod1), printed"),
            {"quantity": "events", "value": 44, "tolerance": {"absolute": 0}, "source": "itpdat: 44 admissions in 35 children (Miller et al. 2001)"},
            {"quantity": "cases", "value": 35, "tolerance": {"absolute": 0}, "source": "itpdat: 44 admissions in 35 children (Miller et al. 2001)"},
        ],
    },
    "sccs-itpdat-mod2": {
        "title": "MMR vaccine and ITP (itpdat), mod2: risk window 0-42 days and age groups",
        "description": "As mod1 with agegrp = c(427, 488, 549, 610, 671).",
        "data": "itpdat.csv",
        "model": {"indiv": "case", "start": "sta", "end": "end", "event": "itp",
                  "exposures": [{"name": "mmr", "doseColumns": ["mmr"], "cutPoints": [0], "endOffset": 42}],
                  "ageCutPoints": [427, 488, 549, 610, 671]},
        "expected": full("itpdat_mod2"),
    },
    "sccs-itpdat-mod3": {
        "title": "MMR vaccine and ITP (itpdat), mod3: risk windows 0-14, 15-28, 29-42 days and age groups",
        "description": "As mod2 with expogrp = c(0, 15, 29).",
        "data": "itpdat.csv",
        "model": {"indiv": "case", "start": "sta", "end": "end", "event": "itp",
                  "exposures": [{"name": "mmr", "doseColumns": ["mmr"], "cutPoints": [0, 15, 29], "endOffset": 42}],
                  "ageCutPoints": [427, 488, 549, 610, 671]},
        "expected": full("itpdat_mod3") + profile("mmr1", 0.2060642326, 4.614176996)
                    + profile("mmr2", 2.380189979, 13.58280002) + profile("mmr3", 0.5974373079, 7.938030554),
    },
    "sccs-hibdat": {
        "title": "DTP and Hib vaccines and febrile convulsion (hibdat), hib.mod1: three doses each, recurrent events",
        "description": "DTP doses: windows 0-3, 4-7, 8-14 days; Hib doses: 0-7, 8-14 days; doses of one vaccine share "
                       "parameters; a later dose ends the earlier dose's windows; windows of different vaccines overlap "
                       "and both apply; age cut points 57, 85, ..., 337. 1378 event rows for 1213 cases.",
        "data": "hibdat.csv",
        "model": {"indiv": "case", "start": "sta", "end": "end", "event": "conv",
                  "exposures": [
                      {"name": "dtp", "doseColumns": ["dtp", "dtpd2", "dtpd3"], "cutPoints": [0, 4, 8], "endOffset": 14},
                      {"name": "hib", "doseColumns": ["hib", "hibd2", "hibd3"], "cutPoints": [0, 8], "endOffset": 14}],
                  "ageCutPoints": [57, 85, 113, 141, 169, 197, 225, 253, 281, 309, 337]},
        "expected": full("hibdat_hib.mod1") + [
            {"quantity": "events", "value": 1378, "tolerance": {"absolute": 0}, "source": "hibdat has 1378 event rows (R SCCS hibdat.Rd)"},
            {"quantity": "cases", "value": 1213, "tolerance": {"absolute": 0}, "source": "hibdat: 1378 rows for 1213 cases (shared reference README)"},
        ],
    },
}
for name, c in cases.items():
    doc = {"schemaVersion": 1, "title": c["title"], "description": c["description"], "method": "sccs",
           "data": c["data"], "model": c["model"], "expected": c["expected"]}
    os.makedirs(f"Validation/Cases/{name}", exist_ok=True)
    with open(f"Validation/Cases/{name}/case.json", "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    print(name, len(c["expected"]))
