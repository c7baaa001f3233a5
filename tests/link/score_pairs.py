#!/usr/bin/env python3
"""Score a PAIRS.csv from `samanvay link` against the published ground truth,
independently of the engine's own evaluation.

usage: score_pairs.py PAIRS.csv febrl|cluster ID_COLUMN A.csv [B.csv]
  febrl:   the entity is N in rec-N-org / rec-N-dup-k (FEBRL datasets)
  cluster: the entity is the `cluster` column (Splink datasets)
With B.csv the true pairs are A x B of one entity (link); without, the pairs
of records of one entity within A (dedup). Prints precision, recall, F1."""
import csv
import sys
from collections import Counter


def read(path, idcol, kind):
    with open(path, newline="", encoding="utf-8") as f:
        rows = csv.reader(f, skipinitialspace=True)
        header = [h.strip() for h in next(rows)]
        i = header.index(idcol)
        j = header.index("cluster") if kind == "cluster" else i
        out = {}
        for r in rows:
            if not r:
                continue
            rid = r[i].strip()
            out[rid] = r[j].strip().split("-")[1] if kind == "febrl" else r[j].strip()
        return out


def main():
    pairs, kind, idcol, a = sys.argv[1:5]
    b = sys.argv[5] if len(sys.argv) > 5 else None
    left = read(a, idcol, kind)
    right = read(b, idcol, kind) if b else left
    if b:
        cl, cr = Counter(left.values()), Counter(right.values())
        true_pairs = sum(n * cr[e] for e, n in cl.items())
    else:
        true_pairs = sum(n * (n - 1) // 2 for n in Counter(left.values()).values())
    found = correct = 0
    seen = set()
    with open(pairs, newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        header = next(rows)
        assert header[:3] == ["left_id", "right_id", "match_weight"], header
        for r in rows:
            key = (r[0], r[1]) if b else tuple(sorted((r[0], r[1])))
            if key in seen:
                sys.exit("duplicate pair %s" % (key,))
            seen.add(key)
            found += 1
            correct += left[r[0]] == right[r[1]]
    p = correct / found if found else 0.0
    rc = correct / true_pairs if true_pairs else 0.0
    f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
    print("%.4f %.4f %.4f %d %d %d" % (p, rc, f1, found, correct, true_pairs))


main()
