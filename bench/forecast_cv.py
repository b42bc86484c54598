#!/usr/bin/env python3
"""forecast_cv.py: repeated k-fold cross-validation of accord forecast's variants (docs/forecast.md).

Usage: bench/forecast_cv.py ACCORD DATA.tsv [--folds 5] [--repeats 10] [--seed 1] [--jobs 1]
                            [--models power,winset,table] [--agenda 0,0.5,1,2] [--cache DIR]

Runs `accord forecast DATA.tsv --json` once per variant of the grid below (a forecast depends on its
own row only, so one run gives every issue's forecast under every split), then for each of the
repeats shuffles the issues that have an outcome (Python's random with the fixed seed), cuts them into
folds, and for each fold picks a variant on the other folds and scores it on the fold: within one
model (--models), the values of --power (and, for the power model, --agenda) with the least mean
absolute error; among several, first the model by an inner cross-validation of the other folds
(nested), then its values. winset and table run with --agenda 0 (the first grid's figures). Prints the
out-of-fold MAE (mean, lowest and highest over the repeats) of the selection, overall and by procedure, beside the compromise model's, the in-sample MAE of each
variant, and how often each was picked. `out` is read only to score.
"""
import argparse
import json
import os
import random
import subprocess
import sys

POWERS = ("0", "0.25", "0.5", "0.75", "1")


def grid(models, agendas):
    """The variants (model, --power, --agenda): the power model over both axes, the others at agenda 0."""
    return [(m, w, b) for m in ("power", "winset", "table") if m in models for w in POWERS
            for b in (agendas if m == "power" else ("0",))]


def forecasts(accord, data, model, power, agenda, jobs, cache):
    """The issues of `accord forecast DATA --json` for one variant (kept in cache/, when given)."""
    path = cache and os.path.join(cache, "%s-%s-%s.json" % (model, power, agenda))
    if path and os.path.exists(path):
        with open(path) as f:
            return json.load(f)["issues"]
    text = subprocess.run([accord, "forecast", data, "--json", "--model", model, "--power", power,
                           "--agenda", agenda, "--jobs", str(jobs)], check=True, capture_output=True, text=True).stdout
    if path:
        os.makedirs(cache, exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    return json.loads(text)["issues"]


def best_in(err, names, ids):
    """The variant with the least total error over ids (ties: by name)."""
    return min(names, key=lambda n: (sum(err[n][i] for i in ids), n))


def select(err, train, folds, rnd):
    """The variant chosen on the training issues: within one model, the least error; among models
    (nested), the model whose own selection scores best out of fold in an inner cross-validation of
    the training issues, then its variant with the least error on all of them."""
    models = sorted(set(n.split()[0] for n in err))
    family = {m: [n for n in err if n.split()[0] == m] for m in models}
    if len(models) > 1:
        order = train[:]
        rnd.shuffle(order)
        inner = {}
        for m in models:
            total = 0
            for f in range(folds):
                held = set(order[f::folds])
                pick = best_in(err, family[m], [i for i in train if i not in held])
                total += sum(err[pick][i] for i in held)
            inner[m] = total
        models = [min(models, key=lambda m: (inner[m], m))]
    return best_in(err, family[models[0]], train)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("accord")
    ap.add_argument("data")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--models", default="power,winset,table")
    ap.add_argument("--agenda", default="0,0.5,1,2", help="the power model's values of --agenda")
    ap.add_argument("--cache", default=None, help="a folder for the variants' JSON (reused when there)")
    a = ap.parse_args()
    variants = grid(a.models.split(","), a.agenda.split(","))
    err, truth, pack, comp = {}, {}, {}, {}
    for m, w, b in variants:
        name = "%s --power %s --agenda %s" % (m, w, b)
        err[name] = {}
        for it in forecasts(a.accord, a.data, m, w, b, a.jobs, a.cache):
            if "out" not in it:
                continue
            truth[it["id"]] = it["out"]
            pack[it["id"]] = it["pack"]
            comp[it["id"]] = abs(it["compromise"] - it["out"])
            err[name][it["id"]] = abs(it["forecast"] - it["out"])
    ids = sorted(truth)
    groups = [("all", ids)] + [(p, [i for i in ids if pack[i] == p]) for p in sorted(set(pack.values()))]
    rnd = random.Random(a.seed)
    picks = {}
    oof = {g: [] for g, _ in groups}
    for _ in range(a.repeats):
        order = ids[:]
        rnd.shuffle(order)
        chosen = {}
        for f in range(a.folds):
            test = order[f::a.folds]
            held = set(test)
            train = [i for i in ids if i not in held]
            best = select(err, train, a.folds, rnd)
            picks[best] = picks.get(best, 0) + 1
            for i in test:
                chosen[i] = err[best][i]
        for g, members in groups:
            oof[g].append(sum(chosen[i] for i in members) / len(members))
    print("variants, in sample (n = %d):" % len(ids))
    for n in err:
        print("  %-34s %6.2f" % (n, sum(err[n].values()) / len(ids)))
    print("compromise model                      %6.2f" % (sum(comp.values()) / len(ids)))
    print("\nout of fold, %d folds x %d repeats (seed %d): mean [lowest, highest]" % (a.folds, a.repeats, a.seed))
    for g, members in groups:
        v = oof[g]
        print("  %-16s n %3d  selected %6.2f [%.2f, %.2f]  compromise %6.2f" % (
            g, len(members), sum(v) / len(v), min(v), max(v), sum(comp[i] for i in members) / len(members)))
    print("  each repeat (all): " + " ".join("%.2f" % x for x in oof["all"]))
    print("\npicked (of %d folds):" % (a.folds * a.repeats))
    for n, c in sorted(picks.items(), key=lambda x: -x[1]):
        print("  %-34s %d" % (n, c))
    return 0


if __name__ == "__main__":
    sys.exit(main())
