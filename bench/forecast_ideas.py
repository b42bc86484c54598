#!/usr/bin/env python3
"""forecast_ideas.py: the second screen of ideas for accord forecast (docs/forecast.md, "Ideas screened
after the agenda term"), by the repeated cross-validation of bench/forecast_cv.py.

Usage: bench/forecast_ideas.py DATA.tsv CACHE [--seeds 1,2,3,4,5] [--folds 5] [--repeats 10]

CACHE holds the JSON of `accord forecast DATA --json --model M --power W --agenda B` as
bench/forecast_cv.py --cache writes it (M-W-B.json): the power model at W in {0, 0.25, 0.5, 0.75, 1}
x B in {0, 0.5, 1, 2}, and table and winset at the five W with B = 0. A forecast depends on its own row
only, so these runs serve every split. `out` is read only to score.

The reference, "default", is as in forecast_cv.py: the power model with (W, B) chosen per fold (least
training error). Each idea below has its grid fixed before any of its results were seen; its free
values, together with the power model's (W, B), are chosen per fold the same way, and it is scored on
the same shuffles (Python's random.Random(seed), ids sorted, shuffled once per repeat, fold f =
order[f::folds], as forecast_cv.py does when it selects within one model):

1. Forecast combination (equal weights, no parameter; Clemen 1989, Armstrong 2001): the mean of the
   power model's forecast and the compromise model's (comb-comp), the table model's (comb-table),
   the winset model's (comb-winset); the median of power, table and compromise (med3). The partner's
   W (table, winset) is chosen per fold with the power model's (W, B). Also "comb-nested": the
   default or one of the four, chosen per fold by an inner 5-fold cross-validation (as forecast_cv.py
   chooses among models).
2. The exchange model across the issues of one proposal (Stokman & van Oosten 1994; Arregui, Stokman
   & Thomson 2006), in a simple deterministic form, on the prototype's weighted compromise (no noise,
   no runs; power from the JSON): for each ordered pair of issues (i, j) of a proposal (`prnr`) and
   each pair of actors a, b with positions on both, r_a = s_ai / (s_ai + s_aj); if r_a < r_b and
   both issues divide them, a concedes on i: it moves toward p_bi by min(1, L (r_b - r_a)) of the
   distance (b's concession on j is the pair (j, i)). An actor's moves on an issue are averaged over
   all its (partner, other issue) pairs, then the compromise weighted by salience x capability is
   taken of the moved positions. L in {0, 1, 2, 4} (L = 0: the prototype's default). Compared with
   the prototype's default (the same compromise without the exchange), not the engine's.
3. The Commission's proposal as the starting point of bargaining, under every procedure: the
   forecast pulled toward the Commission's position, (1 - g) F + g p_com (where the Commission has a
   position), g in {0, 0.1, 0.2, 0.3} (g = 0: the default), on the engine's power forecasts.
4. (--noise0 DIR: the same power runs with --noise 0, named as in CACHE) No noise on the inputs: for a
   point forecast scored by absolute error the noise adds nothing to the information (the forecast
   is the median over runs of the weighted compromise, which the clamping at 0 and 100 and the noise
   on saliences move off the noiseless value); the engine's default noise (5) was never chosen by
   cross-validation. Noise in {0, 5}, with (W, B) per fold. Unlike 1-3 this one was suggested by
   a figure already seen: the noiseless prototype of the first screen scores about 0.1 below the
   engine.
"""
import argparse
import csv
import json
import os
import random
import statistics
import sys

POWERS = ("0", "0.25", "0.5", "0.75", "1")
AGENDAS = ("0", "0.5", "1", "2")
ACTORS = ("com ep at be bu cr cy cz dk ee fi fr de el hu ie it lv lt lu mt nl pl pt ro si sk es se "
          "uk").split()


def load(cache, model, w, b):
    with open(os.path.join(cache, "%s-%s-%s.json" % (model, w, b))) as f:
        return {it["id"]: it for it in json.load(f)["issues"]}


def num(x):
    return float(x) if x.strip() != "" else None


def exchange(rows, lam):
    """Positions after the exchange step: {isnr: {actor: position}} (issues of one-issue proposals
    unchanged)."""
    by_prop = {}
    for r in rows:
        by_prop.setdefault(r["prnr"], []).append(r)
    moved = {}
    for issues in by_prop.values():
        pos = {r["isnr"]: {a: num(r["p" + a]) for a in ACTORS if num(r["p" + a]) is not None} for r in issues}
        sal = {r["isnr"]: {a: (num(r["s" + a]) if num(r["s" + a]) is not None else 50.0) for a in pos[r["isnr"]]}
               for r in issues}
        for r in issues:
            i = r["isnr"]
            new = dict(pos[i])
            for a in pos[i]:
                shift, count = 0.0, 0
                for j in pos:
                    if j == i or a not in pos[j]:
                        continue
                    if sal[i][a] + sal[j][a] <= 0:
                        continue
                    ra = sal[i][a] / (sal[i][a] + sal[j][a])
                    for b in pos[i]:
                        if b == a or b not in pos[j] or sal[i][b] + sal[j][b] <= 0:
                            continue
                        count += 1
                        rb = sal[i][b] / (sal[i][b] + sal[j][b])
                        if ra < rb and pos[i][b] != pos[i][a] and pos[j][b] != pos[j][a]:
                            shift += min(1.0, lam * (rb - ra)) * (pos[i][b] - pos[i][a])
                if count:
                    new[a] = min(100.0, max(0.0, pos[i][a] + shift / count))
            moved[i] = new
    return moved


def compromise(row, positions, power, w, b):
    """The compromise weighted by salience x capability, (1 - W) + W (1 + B [COM]) power n."""
    n = len(positions)
    num_, den = 0.0, 0.0
    for a, p in positions.items():
        s = num(row["s" + a])
        s = 50.0 if s is None else s
        pw = power.get(a.upper(), 0.0)
        cap = (1 - w) + w * (1 + (b if a == "com" else 0)) * pw * n
        num_ += s * cap * p
        den += s * cap
    return num_ / den if den > 0 else statistics.mean(positions.values())


def best(err, names, ids):
    return min(names, key=lambda n: (sum(err[n][i] for i in ids), n))


def shuffles(ids, seed, repeats):
    rnd = random.Random(seed)
    out = []
    for _ in range(repeats):
        order = ids[:]
        rnd.shuffle(order)
        out.append(order)
    return out


def oof(err, names, ids, orders, folds, groups=None, picks=None):
    """Out-of-fold MAE per shuffle of choosing among names per fold (least training error); with
    groups ({name: ids}), also each group's per shuffle appended to groups' lists in `by`."""
    res = []
    for order in orders:
        chosen = {}
        for f in range(folds):
            test = order[f::folds]
            held = set(test)
            pick = best(err, names, [i for i in ids if i not in held])
            if picks is not None:
                picks[pick] = picks.get(pick, 0) + 1
            for i in test:
                chosen[i] = err[pick][i]
        res.append(sum(chosen.values()) / len(ids))
        if groups is not None:
            for g, (members, acc) in groups.items():
                acc.append(sum(chosen[i] for i in members) / len(members))
    return res


def oof_nested(err, families, ids, orders, folds, seed):
    """Out-of-fold MAE per shuffle of choosing the family by an inner cross-validation, then its values."""
    rnd = random.Random(seed * 1000 + 7)
    res = []
    for order in orders:
        total = 0.0
        for f in range(folds):
            test = set(order[f::folds])
            train = [i for i in ids if i not in test]
            inner_order = train[:]
            rnd.shuffle(inner_order)
            score = {}
            for fam, names in families.items():
                s = 0.0
                for g in range(folds):
                    held = set(inner_order[g::folds])
                    pick = best(err, names, [i for i in train if i not in held])
                    s += sum(err[pick][i] for i in held)
                score[fam] = s
            fam = min(score, key=lambda k: (score[k], k))
            pick = best(err, families[fam], train)
            total += sum(err[pick][i] for i in test)
        res.append(total / len(ids))
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("cache")
    ap.add_argument("--seeds", default="1,2,3,4,5")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=10)
    ap.add_argument("--noise0", default=None, help="a folder of the power runs with --noise 0")
    a = ap.parse_args()
    with open(a.data) as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    byid = {r["isnr"]: r for r in rows}
    pw = {(w, b): load(a.cache, "power", w, b) for w in POWERS for b in AGENDAS}
    tb = {w: load(a.cache, "table", w, "0") for w in POWERS}
    ws = {w: load(a.cache, "winset", w, "0") for w in POWERS}
    base = pw[("0.5", "1")]
    ids = sorted(i for i, it in base.items() if "out" in it)
    out = {i: base[i]["out"] for i in ids}
    comp = {i: base[i]["compromise"] for i in ids}
    pack = {i: base[i]["pack"] for i in ids}
    fams = {}  # family -> {name: {id: forecast}}

    def add(fam, name, fc):
        fams.setdefault(fam, {})[name] = fc

    for (w, b), d in pw.items():
        add("default", "power W%s B%s" % (w, b), {i: d[i]["forecast"] for i in ids})
        add("comb-comp", "power W%s B%s + comp" % (w, b), {i: (d[i]["forecast"] + comp[i]) / 2 for i in ids})
        for w2 in POWERS:
            add("comb-table", "power W%s B%s + table W%s" % (w, b, w2),
                {i: (d[i]["forecast"] + tb[w2][i]["forecast"]) / 2 for i in ids})
            add("comb-winset", "power W%s B%s + winset W%s" % (w, b, w2),
                {i: (d[i]["forecast"] + ws[w2][i]["forecast"]) / 2 for i in ids})
            add("med3", "median(power W%s B%s, table W%s, comp)" % (w, b, w2),
                {i: statistics.median([d[i]["forecast"], tb[w2][i]["forecast"], comp[i]]) for i in ids})
        for g in (0, 0.1, 0.2, 0.3):
            fc = {}
            for i in ids:
                pc = num(byid[i]["pcom"])
                fc[i] = d[i]["forecast"] if pc is None else (1 - g) * d[i]["forecast"] + g * pc
            add("com-pull", "power W%s B%s g%s" % (w, b, g), fc)
    if a.noise0:
        for w in POWERS:
            for b in AGENDAS:
                d = load(a.noise0, "power", w, b)
                add("noise", "power W%s B%s noise0" % (w, b), {i: d[i]["forecast"] for i in ids})
        fams["noise"].update(fams["default"])
    # the prototype (deterministic compromise) and the exchange model on it
    power = {i: base[i]["power"] for i in ids}
    for lam in (0, 1, 2, 4):
        moved = exchange(rows, lam)
        for w, b in pw:
            fc = {i: compromise(byid[i], moved[i], power[i], float(w), float(b)) for i in ids}
            add("proto-default" if lam == 0 else "exchange", "proto W%s B%s L%s" % (w, b, lam), fc)
    fams["exchange"].update(fams["proto-default"])
    err = {}
    for fam, names in fams.items():
        for n, fc in names.items():
            err[n] = {i: abs(fc[i] - out[i]) for i in ids}
    groups = [("all", ids)] + [(p, [i for i in ids if pack[i] == p]) for p in sorted(set(pack.values()))]
    print("in sample (n %d; compromise model %.2f): best of each family" % (
        len(ids), sum(abs(comp[i] - out[i]) for i in ids) / len(ids)))
    for fam, names in fams.items():
        n = best(err, list(names), ids)
        print("  %-14s %6.2f  %s" % (fam, sum(err[n].values()) / len(ids), n))
    for n in ("power W0.5 B1", "power W0.5 B1 + comp", "power W0.5 B1 + table W0", "power W0.5 B1 + winset W0.5",
              "median(power W0.5 B1, table W0, comp)", "proto W0.5 B1 L0", "proto W0.5 B1 L1", "proto W0.5 B1 L2",
              "proto W0.5 B1 L4", "power W0.5 B1 g0.1", "power W0.5 B1 g0.2", "power W0.5 B1 g0.3",
              "power W0.5 B1 noise0"):
        if n not in err:
            continue
        print("  %-40s %6.2f  " % (n, sum(err[n].values()) / len(ids)) + "  ".join(
            "%s %.2f" % (g, sum(err[n][i] for i in m) / len(m)) for g, m in groups[1:]))
    res = {fam: [] for fam in fams}
    res["comb-nested"] = []
    bygroup = {fam: {g: (m, []) for g, m in groups[1:]} for fam in fams}
    picks = {fam: {} for fam in fams}
    for seed in [int(s) for s in a.seeds.split(",")]:
        orders = shuffles(ids, seed, a.repeats)
        for fam, names in fams.items():
            res[fam] += oof(err, list(names), ids, orders, a.folds, bygroup[fam], picks[fam])
        nested = {k: list(fams[k]) for k in ("default", "comb-comp", "comb-table", "comb-winset", "med3")}
        res["comb-nested"] += oof_nested(err, nested, ids, orders, a.folds, seed)
    print("\nout of fold, %d folds x %d repeats x seeds %s: mean [min, max] (seed 1 only), mean over all; "
          "shuffles better than the reference, mean gain" % (a.folds, a.repeats, a.seeds))
    for fam, v in res.items():
        ref = res["proto-default"] if fam == "exchange" else res["default"]
        s1 = v[:a.repeats]
        better = sum(1 for x, y in zip(v, ref) if x < y)
        gain = sum(y - x for x, y in zip(v, ref)) / len(v)
        print("  %-14s seed 1: %6.2f [%.2f, %.2f]  all: %6.2f [%.2f, %.2f]  better %2d of %d  gain %+.2f" % (
            fam, sum(s1) / len(s1), min(s1), max(s1), sum(v) / len(v), min(v), max(v), better, len(v), gain))
    print("\nper seed (mean over its repeats), and the gain per shuffle (lowest, highest):")
    for fam, v in res.items():
        ref = res["proto-default"] if fam == "exchange" else res["default"]
        d = [y - x for x, y in zip(v, ref)]
        print("  %-14s " % fam + " ".join("%.2f" % (sum(v[k:k + a.repeats]) / a.repeats)
                                          for k in range(0, len(v), a.repeats))
              + "   gain [%+.2f, %+.2f]" % (min(d), max(d)))
    print("\nout of fold by procedure (mean over all shuffles), and the most picked values:")
    for fam in fams:
        top = sorted(picks[fam].items(), key=lambda x: -x[1])[:3]
        print("  %-14s " % fam + "  ".join("%s %.2f" % (g, sum(acc) / len(acc)) for g, (m, acc) in bygroup[fam].items())
              + "  | " + ", ".join("%s %d" % t for t in top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
