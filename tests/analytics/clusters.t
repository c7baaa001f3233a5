# `samanvay clusters map|health --json` on a generated set (20,000
# enterprises, seed 7): the contract keys, LQs recomputed here from the
# database, the star and detection rules, the registered clusters found as
# specialisations, small cells withheld, and the stress basis switching
# from the credit feed to stress scores once scores exist.
. "$ROOT/tests/tap.sh"
S=$SAMANVAY
G=$TMPDIR/g; DB=$(store_new g)
q() { store_sql "$DB" "$1"; }

$S generate --enterprises 20000 --seed 7 --out "$G" >/dev/null 2>&1
ok $? "generate 20,000 enterprises"
$S init --db "$DB" 2>/dev/null
for f in udyam gst credit cluster cluster_member cfc_usage; do
    $S ingest --db "$DB" $f "$G/$f.csv" --quiet >/dev/null 2>&1 || break
done
ok $? "ingest the generated feeds"

$S clusters >/dev/null 2>&1
is "clusters without map or health: usage error" "$?" 2
$S clusters map >/dev/null 2>&1
is "clusters map without --db: usage error" "$?" 2
$S clusters map --db "$DB" --bogus >/dev/null 2>&1
is "clusters map with an unknown option: usage error" "$?" 2

# A write that fails (a full disk) is an error, never a silent exit 0.
if [ -w /dev/full ]; then
    $S clusters map --db "$DB" --json >/dev/full 2>"$TMPDIR/full.err"
    is "clusters map --json to a full disk: exit 2" "$?" 2
    like "and says so" "$(cat "$TMPDIR/full.err")" "cannot write"
    $S clusters health --db "$DB" >/dev/full 2>/dev/null
    is "clusters health to a full disk: exit 2" "$?" 2
else
    ok 1 "/dev/full is missing: cannot test a failing write"
fi
$S clusters map --db "$DB" --json >"$TMPDIR/map.json"
ok $? "clusters map --json exits 0"
$S clusters health --db "$DB" --json >"$TMPDIR/health.json"
ok $? "clusters health --json exits 0"
out=$($S clusters map --db "$DB"); ok $? "clusters map prints a summary"
like "the summary names the candidates" "$out" "candidate regions"

python3 - "$TMPDIR/map.json" "$DB" "$ROOT/tests/analytics" >"$TMPDIR/map.check" <<'PY'
import json, sys; sys.path.insert(0, sys.argv[3]); import store_db
m = json.load(open(sys.argv[1]))
db = store_db.connect(sys.argv[2])
def check(name, cond): print("%s %s" % ("ok" if cond else "FAIL", name))

check("map keys", set(m) >= {"method", "summary", "detected_clusters", "candidates", "registered"})
check("summary keys", set(m["summary"]) >= {"districts", "enterprises", "detected", "candidates",
                                            "registered", "registered_specialised"})
cell_keys = {"level", "state", "district", "nic", "enterprises", "employment", "lq", "share",
             "stars", "star", "registered"}
det, cand = m["detected_clusters"], m["candidates"]
check("some clusters detected", len(det) >= 10)
check("detected count agrees", len(det) == m["summary"]["detected"])
check("candidates count agrees", len(cand) == m["summary"]["candidates"] and len(cand) >= 1)
check("detected cells carry every key", all(set(d) >= cell_keys for d in det))
check("detected: >= 2 stars and >= 10 enterprises",
      all(d["stars"] >= 2 and d["enterprises"] >= 10 for d in det))
check("stars count the star flags", all(d["stars"] == sum(d["star"].values()) for d in det))
check("specialisation star iff LQ >= 2", all(d["star"]["specialisation"] == (d["lq"] >= 2) for d in det))
check("candidates: specialised, detected, no registered cluster",
      all(c["star"]["specialisation"] and not c["registered"] and c in det for c in cand))

# LQ from the database, independently: employment by district and category.
emp = "coalesce(employees_male,0)+coalesce(employees_female,0)+coalesce(employees_other,0)"
base = "from enterprise where district is not null and district <> '' and length(nic) >= 3"
total = db.execute("select sum(%s) %s" % (emp, base)).fetchone()[0]
def lq(d):
    n = len(d["nic"])
    e_dc, n_dc = db.execute("select sum(%s), count(*) %s and state = ? and upper(district) = ? and substr(nic,1,%d) = ?"
                            % (emp, base, n), (d["state"], d["district"], d["nic"])).fetchone()
    e_d = db.execute("select sum(%s) %s and state = ? and upper(district) = ?" % (emp, base),
                     (d["state"], d["district"])).fetchone()[0]
    e_c = db.execute("select sum(%s) %s and substr(nic,1,%d) = ?" % (emp, base, n), (d["nic"],)).fetchone()[0]
    return (e_dc / e_d) / (e_c / total), n_dc, e_dc
bad = [d for d in det if abs(lq(d)[0] - d["lq"]) > 0.0015 or lq(d)[1] != d["enterprises"] or lq(d)[2] != d["employment"]]
check("LQ, enterprises and employment agree with the database", not bad)

reg = m["registered"]
check("registered: every cluster on file", len(reg) == db.execute("select count(*) from cluster").fetchone()[0])
check("registered keys", all(set(r) >= {"id", "name", "scheme", "status", "state", "district", "product",
                                        "nic", "group", "division", "specialised"} for r in reg))
shown = [r for r in reg if "lq" in r["group"] and r["group"].get("lq") is not None]
check("registered clusters found as specialisations (>= 20)", m["summary"]["registered_specialised"] >= 20)
check("specialised iff the shown group cell has LQ >= 2",
      all(r["specialised"] == (r["group"]["lq"] >= 2) for r in shown))
# General engineering (NIC group 259) is common everywhere, so not every
# registered cluster stands out; nearly all do.
check("at least 90% of shown registered cells are specialisations",
      sum(r["specialised"] for r in shown) >= 0.9 * len(shown))
big = [r for r in shown if r["group"]["enterprises"] >= 10]
check("registered cells of >= 10 enterprises are detected", big and all(r["group"]["detected"] for r in big))

# Suppression: a registered cluster's cell with 1-4 enterprises shows nothing.
def cell_n(r, digits):
    return db.execute("select count(*) %s and state = ? and upper(district) = ? and substr(nic,1,%d) = substr(?,1,%d)"
                      % (base, digits, digits), (r["state"], r["district"], r["nic"])).fetchone()[0]
small = [r for r in reg if 0 < cell_n(r, 3) < 5]
check("some registered cells are small", len(small) >= 1)
check("small registered cells are withheld", all(r["group"] == {"suppressed": True} for r in small))
def counts(x):
    if isinstance(x, dict):
        for k, v in x.items():
            if k == "enterprises": yield v
            else: yield from counts(v)
    elif isinstance(x, list):
        for v in x: yield from counts(v)
check("no published enterprise count is 1 to 4", all(not (0 < n < 5) for n in counts(m)))
PY
while read -r verdict name; do ok "$([ "$verdict" = ok ]; echo $?)" "map: $name"; done <"$TMPDIR/map.check"

health_check() { # health_check JSON -> verdict lines
python3 - "$1" "$DB" "$ROOT/tests/analytics" <<'PY'
import json, sys; sys.path.insert(0, sys.argv[3]); import store_db
h = json.load(open(sys.argv[1]))
db = store_db.connect(sys.argv[2])
def check(name, cond): print("%s %s" % ("ok" if cond else "FAIL", name))
check("health keys", set(h) >= {"as_of", "stress_basis", "stress_threshold", "weights", "sick_when",
                                "summary", "clusters"})
check("weights sum to 100", sum(h["weights"].values()) == 100)
keys = {"id", "name", "scheme", "status", "state", "district", "product", "nic", "sector", "members",
        "turnover_growth", "stress_share", "stress_assessed", "member_growth", "cfc_utilisation",
        "index", "sick", "reasons", "benchmark"}
cs = h["clusters"]
check("one entry per registered cluster", len(cs) == db.execute("select count(*) from cluster").fetchone()[0])
check("entries carry every key", all(set(c) >= keys for c in cs))
check("index within 0-100", all(c["index"] is None or 0 <= c["index"] <= 100 for c in cs))
check("sick iff reasons", all(c["sick"] == bool(c["reasons"]) for c in cs))
check("reasons in words", all(r["code"] and r["text"] for c in cs for r in c["reasons"]))
check("sick count agrees", h["summary"]["sick"] == sum(c["sick"] for c in cs))
check("some clusters are sick", h["summary"]["sick"] >= 1)
check("an underused CFC reason reads as words", any(r["code"] == "cfc_underused" and "% of capacity over" in r["text"]
                                                   for c in cs for r in c["reasons"]))
members = dict(db.execute("select cluster_id, count(*) from cluster_member group by 1").fetchall())
check("member counts of 1-4 are withheld, others shown",
      all((c["members"] is None) == (members.get(c["id"], 0) < 5) for c in cs)
      and all(c["members"] is None or c["members"] == members[c["id"]] for c in cs))
check("no published count is 1 to 4", all(not (v is not None and 0 < v < 5)
                                         for c in cs for v in (c["members"], c["stress_assessed"])))
check("percentiles within 0-100 and only with an index",
      all((c["benchmark"]["percentile"] is None or (c["index"] is not None and 0 <= c["benchmark"]["percentile"] <= 100))
          for c in cs))
check("manufacturing and services are apart",
      all(c["sector"] == ("manufacturing" if 10 <= int(c["nic"][:2]) <= 33 else "services") for c in cs))
# Turnover growth and CFC use recomputed here from the tables, for every
# cluster that shows them: matched returns a year apart; hours over
# capacity x months since the CFC's first use within the 12-month window.
as_of = h["as_of"]
y, mo = int(as_of[:4]), int(as_of[5:])
def shift(months):
    k = y * 12 + mo - 1 + months
    return "%04d-%02d" % (k // 12, k % 12 + 1)
bad_t, bad_c, n_t, n_c = [], [], 0, 0
for c in cs:
    if c["turnover_growth"] is not None:
        n_t += 1
        rows = db.execute("""select c.enterprise_id, sum(coalesce(c.taxable_value_paise,0)), sum(coalesce(p.taxable_value_paise,0))
            from cluster_member m join gst_return c on c.enterprise_id = m.enterprise_id
            join gst_return p on p.gstin = c.gstin and p.return_type = c.return_type
             and p.period = cast(cast(substr(c.period,1,4) as integer) - 1 as text) || substr(c.period,5)
            where m.cluster_id = ? and c.period > ? and c.period <= ? and c.filed_on is not null and p.filed_on is not null
            group by c.enterprise_id""", (c["id"], shift(-12), as_of)).fetchall()
        rows = [r for r in rows if r[2] > 0]
        g = sum(r[1] for r in rows) / sum(r[2] for r in rows) - 1
        if abs(g - c["turnover_growth"]) > 0.0006 or len(rows) != c["turnover_members"]: bad_t.append(c["id"])
    if c["cfc_utilisation"] is not None:
        n_c += 1
        cap, first, approved = db.execute("select cfc_capacity_hours, (select min(month) from cfc_usage u where u.cluster_id = c.cluster_id), substr(approved_on, 1, 7) from cluster c where cluster_id = ?", (c["id"],)).fetchone()
        hours = db.execute("select sum(hours_used) from cfc_usage where cluster_id = ? and month > ? and month <= ?", (c["id"], shift(-12), as_of)).fetchone()[0] or 0
        # Never used: capacity from the window's start or the approval.
        start = max(first, shift(-11)) if first else max(approved or "", shift(-11))
        months = (y * 12 + mo) - (int(start[:4]) * 12 + int(start[5:])) + 1
        if abs(hours / (cap * months) - c["cfc_utilisation"]) > 0.0006 or months != c["cfc_months"]: bad_c.append(c["id"])
check("turnover growth agrees with the returns (%d clusters)" % n_t, n_t >= 5 and not bad_t)
check("CFC utilisation agrees with cfc_usage (%d clusters)" % n_c, n_c >= 5 and not bad_c)
check("CFC utilisation only for functional clusters", all(c["cfc_utilisation"] is None or c["status"] == "functional" for c in cs))
print("basis %s" % h["stress_basis"])
for c in cs: print("cluster %s %s %s" % (c["id"], c["stress_share"], ",".join(r["code"] for r in c["reasons"])))
PY
}
health_check "$TMPDIR/health.json" >"$TMPDIR/health.check"
grep -E '^(ok|FAIL) ' "$TMPDIR/health.check" |
    while read -r verdict name; do ok "$([ "$verdict" = ok ]; echo $?)" "health: $name"; done
is "without stress scores, stress is judged on the credit feed" "$(sed -n 's/^basis //p' "$TMPDIR/health.check")" sma1_or_worse

# Scores for every member of the largest cluster, all above the alert
# threshold: the basis becomes the scores and that cluster is sick with
# every member in stress.
big=$(q "select cluster_id from cluster_member group by 1 order by count(*) desc, 1 limit 1")
# A one-byte booster: the engines write a blob literal differently.
if store_is_pg "$DB"; then blob="'\\x00'"; else blob="x'00'"; fi
q "insert into stress_model (trained_at, train_from, train_to, features, booster, calibration)
   values ('2026-10-01T00:00:00Z', '2024-01', '2025-06', '[]', $blob, '{}');
   insert into stress_score (enterprise_id, month, model_id, probability, reasons)
   select distinct enterprise_id, '2026-09', 1, 0.9, '[]' from cluster_member where cluster_id = '$big';
   insert into stress_score (enterprise_id, month, model_id, probability, reasons)
   select distinct enterprise_id, '2026-08', 1, 0.01, '[]' from cluster_member where cluster_id = '$big'"
$S clusters health --db "$DB" --json >"$TMPDIR/health2.json"
ok $? "clusters health --json with stress scores"
health_check "$TMPDIR/health2.json" >"$TMPDIR/health2.check"
is "with stress scores, the scores are the basis" "$(sed -n 's/^basis //p' "$TMPDIR/health2.check")" stress_score
is "the latest score of each member counts: all of $big in stress, sick for it" \
   "$(sed -n "s/^cluster $big //p" "$TMPDIR/health2.check" | grep -c '^1.0 .*stress_high')" 1
is "clusters without scored members show no stress share" \
   "$(grep '^cluster ' "$TMPDIR/health2.check" | grep -v "^cluster $big " | awk '$3 != "None"' | wc -l)" 0

# A functional cluster whose CFC was never used (no usage rows at all) is
# the worst case, 0% of capacity: it is flagged, not left without a figure.
idle=$(q "select cluster_id from cluster where status = 'functional' and cfc_capacity_hours > 0
          and (approved_on is null or approved_on < '2026-01-01')
          and cluster_id in (select cluster_id from cfc_usage) order by 1 limit 1")
ok "$([ -n "$idle" ]; echo $?)" "a functional cluster with a CFC on file ($idle)"
q "delete from cfc_usage where cluster_id = '$idle'"
$S clusters health --db "$DB" --json >"$TMPDIR/health3.json"
ok $? "clusters health --json with an idle CFC"
got=$(python3 - "$TMPDIR/health3.json" "$idle" <<'PY'
import json, sys
c = [c for c in json.load(open(sys.argv[1]))["clusters"] if c["id"] == sys.argv[2]][0]
print(c["cfc_utilisation"], c["cfc_months"] > 0, "cfc_underused" in [r["code"] for r in c["reasons"]])
PY
)
is "a never-used CFC reads 0% over its months and is flagged underused" "$got" "0.0 True True"
health_check "$TMPDIR/health3.json" >"$TMPDIR/health3.check"
is "with an idle CFC, every health check still agrees" "$(grep -c '^FAIL' "$TMPDIR/health3.check")" 0
done_testing
