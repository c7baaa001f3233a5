"""Score a feed's links to enterprises in a database against the generator's truth.

usage: score_links.py beneficiary|skilling DB GENERATED_DIR [--json]
(DB: a SQLite file or a postgresql:// URI)

A row's true enterprise is the truth file's Udyam number (truth/beneficiary_links.csv,
truth/skilling_links.csv) when that Udyam number is on file (a unit whose Udyam row was
quarantined, or a person with no registration, has none). Precision: of the rows linked, the
share linked to their true enterprise; recall: of the rows with a true
enterprise on file, the share linked to it. Counted over every loaded row
and, apart, over the rows the record linker decided (no identifier on file).
"""
import csv
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import store_rows  # noqa: E402  (a SQLite path or a postgresql:// URI)


FEEDS = {
    "beneficiary": ("truth/beneficiary_links.csv", lambda r: (r["scheme"], r["list_ref"]),
                    "select b.scheme, b.list_ref, e.udyam, b.link_method from beneficiary b"
                    " left join enterprise e on e.id = b.enterprise_id"),
    "skilling": ("truth/skilling_links.csv", lambda r: (r["record_id"],),
                 "select k.record_id, e.udyam, k.link_method from skilling_record k"
                 " left join enterprise e on e.id = k.enterprise_id"),
}


def score(feed, db, gen):
    path, key, sql = FEEDS[feed]
    truth = {key(r): r["udyam_number"] for r in csv.DictReader(open(gen + "/" + path, encoding="utf-8"))}
    con = store_rows.Store(db)
    on_file = {r[0] for r in con.execute("select udyam from enterprise where udyam is not null")}
    rows = [(tuple(r[:-2]), r[-2], r[-1]) for r in con.execute(sql)]
    out = {}
    for part in ("all", "linker"):
        tp = fp = fn = n = 0
        for k, got, method in rows:
            if part == "linker" and method not in ("probabilistic", "none"):
                continue
            n += 1
            want = truth[k]
            want = want if want in on_file else ""
            if got and got == want:
                tp += 1
            elif got:
                fp += 1
            if want and got != want:
                fn += 1
        out[part] = {"rows": n, "tp": tp, "fp": fp, "fn": fn,
                     "precision": tp / (tp + fp) if tp + fp else 1.0,
                     "recall": tp / (tp + fn) if tp + fn else 1.0}
    return out


if __name__ == "__main__":
    s = score(sys.argv[1], sys.argv[2], sys.argv[3])
    if "--json" in sys.argv:
        print(json.dumps(s))
    else:
        for part, v in s.items():
            print("%-6s rows %d  precision %.4f  recall %.4f  (tp %d fp %d fn %d)"
                  % (part, v["rows"], v["precision"], v["recall"], v["tp"], v["fp"], v["fn"]))
