#!/usr/bin/env python3
"""Writes the Validation/Cases/sccs-* cases of issue 14 (event-dependent exposure and observation, season from a date
of birth, pre-exposure, sample size) from the R SCCS 1.7 reference files.

Run from the repository root: python3 scripts/validation/make_sccs_eventdep_cases.py [../shared/reference/sccs]
The reference numbers are those of shared/reference/sccs/expected_R_SCCS_1.7_<function>.csv (CRAN SCCS 1.7, R 4.2.2,
survival 3.5-3, gnm 1.1-2, 10 significant digits; shared/reference/sccs/README.md gives every call). The data files
are copied into the case folders with their source named in the case description.
"""
import csv, json, os, shutil, sys

ref = sys.argv[1] if len(sys.argv) > 1 else "../shared/reference/sccs"

def load(function):
    return list(csv.DictReader(open(os.path.join(ref, f"expected_R_SCCS_1.7_{function}.csv"))))

def source(function, model):
    return (f"R SCCS 1.7 {function} (R 4.2.2, survival 3.5-3, gnm 1.1-2) at 10 significant digits: "
            f"expected_R_SCCS_1.7_{function}.csv, model {model}")

def value(rows, model, quantity, term=""):
    for r in rows:
        if r["model"] == model and r["quantity"] == quantity and r["term"] == term:
            return float(r["value"])
    raise KeyError((model, quantity, term))

def terms(rows, model, quantity="ri"):
    return [r["term"] for r in rows if r["model"] == model and r["quantity"] == quantity]

def write(name, case, data_files):
    folder = os.path.join("Validation", "Cases", name)
    os.makedirs(folder, exist_ok=True)
    for f in data_files:
        shutil.copyfile(os.path.join(ref, f), os.path.join(folder, f))
    with open(os.path.join(folder, "case.json"), "w") as out:
        json.dump(dict({"schemaVersion": 1}, **case), out, indent=2)
        out.write("\n")

# eventdepenexp -------------------------------------------------------------------------------------------------------
exp_rows = load("eventdepenexp")

def eventdepenexp_expected(model, tol=1e-5):
    src = source("eventdepenexp", model)
    out = []
    for t in terms(exp_rows, model):
        out.append({"term": t, "quantity": "expCoefficient", "value": value(exp_rows, model, "ri", t), "tolerance": {"relative": tol}, "source": src})
        out.append({"term": t, "quantity": "standardError", "value": value(exp_rows, model, "se_sandwich", t), "tolerance": {"relative": tol},
                    "source": src, "note": "sandwich standard error"})
        for q, col in [("expCiLower", "lower95"), ("expCiUpper", "upper95")]:
            out.append({"term": t, "quantity": q, "value": value(exp_rows, model, col, t), "tolerance": {"relative": tol}, "source": src,
                        "note": "exp(coef -/+ 1.96 * sandwich se), 1.96 exactly as R prints it"})
    out.append({"quantity": "cases", "value": value(exp_rows, model, "n_cases"), "tolerance": {"absolute": 0}, "source": src})
    out.append({"quantity": "iterations", "value": value(exp_rows, model, "iterations"), "tolerance": {"absolute": 0}, "source": src,
                "note": "fits of the outer fixed-point iteration"})
    out.append({"quantity": "exposuresAfterEventRemoved", "value": value(exp_rows, model, "n_exposures_after_event_removed"),
                "tolerance": {"absolute": 0}, "source": src})
    for r in exp_rows:
        if r["model"] == model and r["quantity"] == "n_events_stack_level":
            out.append({"term": r["term"], "quantity": "stackLevelStrata", "value": float(r["value"]), "tolerance": {"absolute": 0}, "source": src})
    return out

write("sccs-rotdat-eventdepenexp", {
    "title": "Rotavirus vaccine and intussusception (rotdat), SCCS for event-dependent exposure (R eventdepenexp rot.mod1)",
    "description": "R: eventdepenexp(indiv=case, astart=sta, aend=end, aevent=intus, adrug=cbind(rv,rvd2), "
                   "aedrug=cbind(rv+21,rvd2+21), expogrp=1, agegrp=seq(56,168,14), dataformat=\"multi\", data=rotdat) "
                   "(package help-page example). Risk window days 1-21 after each dose, the dose day in the baseline. "
                   "Data: R SCCS 1.7 rotdat, copied from shared/reference/sccs/rotdat.csv.",
    "method": "sccs-eventdepenexp",
    "data": "rotdat.csv",
    "model": {"indiv": "case", "start": "sta", "end": "end", "event": "intus",
              "exposure": {"name": "rv", "doseColumns": ["rv", "rvd2"], "cutPoints": [1], "endOffset": 21},
              "ageCutPoints": list(range(56, 169, 14))},
    "expected": eventdepenexp_expected("rot.mod1"),
}, ["rotdat.csv"])

write("sccs-siddat-eventdepenexp", {
    "title": "Hexavalent vaccine (three doses) and sudden infant death (siddat), SCCS for event-dependent exposure",
    "description": "R: eventdepenexp(indiv=case, astart=sta, aend=end, aevent=sids, adrug=cbind(hex,hexd2,hexd3), "
                   "aedrug=cbind(hex+27,hexd2+27,hexd3+27), expogrp=c(0,7), agegrp=c(61,91,121,151,181,241,301), "
                   "dataformat=\"multi\", data=siddat). Death stops vaccination; the standard SCCS gives hex1 4.10, hex2 4.43 "
                   "on these data. Data: simulated siddat of R SCCS 1.7, copied from shared/reference/sccs/siddat.csv.",
    "method": "sccs-eventdepenexp",
    "data": "siddat.csv",
    "model": {"indiv": "case", "start": "sta", "end": "end", "event": "sids",
              "exposure": {"name": "hex", "doseColumns": ["hex", "hexd2", "hexd3"], "cutPoints": [0, 7], "endOffset": 27},
              "ageCutPoints": [61, 91, 121, 151, 181, 241, 301]},
    "expected": eventdepenexp_expected("sid.hex"),
}, ["siddat.csv"])
