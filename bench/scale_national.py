#!/usr/bin/env python3
"""bench/scale_national.py: docs/scaling.md's arithmetic from a scale run.

Reads what bench/scale.sh left in SCALE_DIR (result.<backend>/: stage
seconds, rows and tables.tsv; gen/manifest.json) and prints, as Markdown,
the run's per-enterprise and per-row figures carried to national scale:

  - rows: 6.5 crore enterprises; GST returns from the issue's figures
    (1.5 crore filers x 12 returns a year x the run's window); every other
    table at the run's rows per enterprise (an assumption: the generator's
    shares, docs/generator.md);
  - bytes: each table's measured bytes a row (indexes included) x its rows;
  - ingest hours: the national feed rows at the run's ingest rate, one
    writer (the store serialises writers, docs/scaling.md);
  - batch-job minutes per state: each state's enterprises (the generator's
    state shares, src/gen/gen_geo.c) at the run's enterprises a second.

Linear in rows: the run itself shows how far that holds (docs/scaling.md
compares runs at two sizes).

  bench/scale_national.py SCALE_DIR/result.BACKEND ...
                           (one or more runs, e.g. build/bench/scale/result.sqlite;
                           runs of different sizes may be mixed)
"""
import json
import os
import re
import sys

ENTERPRISES = 6.5e7          # 6.5 crore (issue 10)
GST_FILERS = 1.5e7           # 1.5 crore
RETURNS_A_YEAR = 12
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
BIG = ["enterprise", "gst_return", "credit_status", "credit_facility", "beneficiary", "skilling_record",
       "energy_declaration", "epfo_return", "stress_score", "enterprise_gstin", "quarantine"]


def read(path):
    with open(path) as f:
        return f.read().strip()


def state_shares():
    src = read(os.path.join(ROOT, "src/gen/gen_geo.c"))
    pairs = re.findall(r'\{"([A-Z]{2})", ([0-9.]+),', src)
    total = sum(float(s) for _, s in pairs)
    return [(k, float(s) / total) for k, s in pairs]


def seconds(r, stage, backend):
    """The stage's time to carry forward. SQLite does its work inside the
    samanvay process, so its CPU seconds (user + system, /usr/bin/time)
    are the work, whatever else the machine was running; on PostgreSQL
    the server does much of it, so only the wall clock counts it."""
    if backend != "sqlite":
        return float(read(os.path.join(r, f"{stage}.seconds")))
    total = 0.0
    for name in os.listdir(r):
        if name.startswith(stage + ".") and name.endswith(".time"):
            for line in open(os.path.join(r, name)):
                if line.strip().startswith(("User time", "System time")):
                    total += float(line.rsplit(":", 1)[1])
    return total


def tables(r):
    out = {}
    for line in read(os.path.join(r, "tables.tsv")).splitlines():
        t, n, b = line.split("\t")
        out[t] = (int(n), int(b))
    return out


def crore(x):
    if x >= 1e7:
        return f"{x / 1e7:,.1f} crore"
    return f"{x / 1e5:,.1f} lakh" if x >= 1e5 else f"{x:,.0f}"


def main():
    runs = {}
    for r in sys.argv[1:]:
        r = r.rstrip("/")
        runs[os.path.basename(r).split(".", 1)[1]] = r
    backends = list(runs)
    mans = {b: json.load(open(os.path.join(os.path.dirname(r), "gen/manifest.json"))) for b, r in runs.items()}
    months = mans[backends[0]]["window"]["months"]
    gst_national = GST_FILERS * RETURNS_A_YEAR * months / 12
    tabs = {b: tables(r) for b, r in runs.items()}
    ents = {b: int(read(os.path.join(r, "enterprises"))) for b, r in runs.items()}

    print(f"National rows: {crore(ENTERPRISES)} enterprises; GST returns {crore(GST_FILERS)} filers x "
          f"{RETURNS_A_YEAR} a year x {months} months = {crore(gst_national)}; every other table at the "
          f"run's rows per enterprise.\n")
    head = ["table", "national rows"]
    for b in backends:
        head += [f"{NAMES[b]}: rows/enterprise in the run", f"{NAMES[b]}: bytes/row", f"{NAMES[b]}: national bytes"]
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|")
    ref = backends[0]
    national_rows = {}
    for t in BIG:
        if t not in tabs[ref]:
            continue
        per_ent = tabs[ref][t][0] / ents[ref]
        rows = ENTERPRISES if t == "enterprise" else gst_national if t == "gst_return" else per_ent * ENTERPRISES
        national_rows[t] = rows
        row = [t, crore(rows)]
        for b in backends:
            n, by = tabs[b].get(t, (0, 0))
            row += [f"{n / ents[b]:.2f}", f"{by / n:,.0f}" if n else "—", f"{rows * by / n / 1e9:,.0f} GB" if n else "—"]
        print("| " + " | ".join(row) + " |")
    row = ["**all tables**", ""]
    for b in backends:
        total_b = sum(by for _, by in tabs[b].values())
        # every table scaled by its own rows: the big ones as above, the rest per enterprise
        nat = 0.0
        for t, (n, by) in tabs[b].items():
            if n == 0:
                continue
            rows = national_rows.get(t, n / ents[b] * ENTERPRISES)
            nat += rows * by / n
        row += ["", f"{total_b / ents[b]:,.0f} bytes an enterprise in the run", f"**{nat / 1e12:,.2f} TB**"]
    print("| " + " | ".join(row) + " |")

    # feed rows at national scale: the run's feed rows scaled like the tables they fill
    man = mans[backends[0]]
    feed_rows = man["rows"]
    gen_ents = man["enterprises"]
    nat_feed = sum(v / gen_ents * ENTERPRISES for k, v in feed_rows.items() if k != "gst")
    nat_feed += gst_national
    print(f"\nNational feed rows a 36-month load: {crore(nat_feed)} (GST as above, the other feeds at the "
          f"generator's rows per enterprise).\n")
    print("Rates: SQLite's from its CPU seconds (the work, on one machine shared with other jobs), "
          "PostgreSQL's from the wall clock (the server's work is not in the client's CPU time).\n")
    print("| backend | run size | ingest rows/s (9 feeds) | link rows/s (skilling, beneficiary) | "
          "national first load, one writer | a month's new rows, one writer |")
    print("|---|---:|---:|---:|---:|---:|")
    for b, r in runs.items():
        feed_rows, gen_ents = mans[b]["rows"], mans[b]["enterprises"]
        ing = int(read(os.path.join(r, "ingest.rows"))) / seconds(r, "ingest", b)
        lnk = int(read(os.path.join(r, "link.rows"))) / seconds(r, "link", b)
        link_share = (feed_rows["skilling"] + feed_rows["beneficiary"]) / gen_ents * ENTERPRISES
        hours = ((nat_feed - link_share) / ing + link_share / lnk) / 3600
        print(f"| {NAMES[b]} | {ents[b]:,} enterprises | {ing:,.0f} | {lnk:,.0f} | {hours:,.0f} h "
              f"({hours / 24:,.1f} days) | {hours / months:,.1f} h |")

    shares = state_shares()
    stages = [("eligibility", "batch eligibility"), ("stress", "stress train + score"),
              ("clusters", "cluster map"), ("overlap", "overlap + awareness")]
    print("\nBatch jobs per state, minutes, at the run's enterprises a second (state shares: the "
          "generator's, src/gen/gen_geo.c; the five largest states, the smallest, and all India):\n")
    head = ["state", "enterprises"]
    for b in backends:
        head += [f"{NAMES[b]} (run of {ents[b]:,}): {label}" for _, label in stages]
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|")
    shown = shares[:5] + [shares[-1], ("all India", 1.0)]
    for key, share in shown:
        n = share * ENTERPRISES
        row = [key, crore(n)]
        for b, r in runs.items():
            for st, _ in stages:
                rate = ents[b] / seconds(r, st, b)
                row.append(f"{n / rate / 60:,.1f}")
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
