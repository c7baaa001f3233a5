# One profile per true enterprise (issue 5): every generated feed through
# ingest, in the order udyam gst credit skilling cluster cluster_member
# cfc_usage beneficiary, then scored against the generator's truth only.
# Each feed quarantines exactly its injected errors; only Udyam and GST make
# enterprises (GST one per PAN of a filer not on file); every row that truly
# belongs to an enterprise on file sits on that enterprise's one row (GSTIN,
# credit, membership: all of them; training records and beneficiary lists,
# placed by the record linker: at most 2% on a wrong enterprise and 3% left
# unlinked); no enterprise holds the rows of two true enterprises; and
# loading every feed again changes nothing.
. "$ROOT/tests/tap.sh"
S=$SAMANVAY
G=$TMPDIR/g
DB=$(store_new g)
FEEDS="udyam gst credit skilling cluster cluster_member cfc_usage beneficiary"
q() { store_sql "$DB" "$1"; }
field() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }

$S generate --enterprises 3000 --seed 5 --out "$G" >/dev/null 2>&1
ok $? "generate 3,000 enterprises (seed 5)"
$S init --db "$DB" 2>/dev/null
for f in $FEEDS; do
    $S ingest --db "$DB" "$f" "$G/$f.csv" --json --quiet > "$TMPDIR/$f.json"
    is "ingest $f exits 0" "$?" 0
done

# Everything below is computed from the generator's files and the database;
# one line per verdict, keyed by its first word.
python3 - "$G" "$TMPDIR" "$DB" "$ROOT/tests/ingest" > "$TMPDIR/verdict" <<'PY'
import csv, json, sys
sys.path.insert(0, sys.argv[4])
import store_rows  # the store, SQLite or PostgreSQL
from collections import defaultdict
g, t, db = sys.argv[1:4]
feeds = "udyam gst credit skilling cluster cluster_member cfc_usage beneficiary".split()
m = json.load(open(g + "/manifest.json"))
summary = {f: json.load(open("%s/%s.json" % (t, f))) for f in feeds}
bad = defaultdict(dict)
for r in csv.DictReader(open(g + "/truth/injected_errors.csv", encoding="utf-8")):
    bad[r["file"]][int(r["line"])] = r["reason"]

def rows(feed, loaded_only=True):
    """Fields of each data row; with loaded_only, those with no injected fault.
    No generated record spans two lines, so a row's physical line is its index + 2."""
    with open("%s/%s.csv" % (g, feed), encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    head = next(csv.reader([lines[0]]))
    for i, line in enumerate(lines[1:], start=2):
        if line and not (loaded_only and i in bad[feed + ".csv"]):
            yield dict(zip(head, next(csv.reader([line]))))

# a. Quarantine by reason, per feed.
for f in feeds:
    want = {k: v for k, v in m["injected_errors"][f].items() if v}
    got = summary[f]["quarantined_by_reason"]
    print("quarantine", f, "same" if got == want else "got %s want %s" % (sorted(got.items()), sorted(want.items())),
          summary[f]["rows"] == m["rows"][f] and summary[f]["loaded"] + summary[f]["quarantined"] == summary[f]["rows"])

# The truth about identities. Every Udyam row names its enterprise, faulty
# or not (a faulty row's PAN and other GSTINs are still the true ones; a
# gstin_checksum row's first GSTIN is not, and its PAN places those returns).
# A GST filer not on Udyam is its own true entity, keyed by PAN.
on_file = {r["udyam_number"] for r in rows("udyam")}
udyam_of_gstin, udyam_of_pan = {}, {}
for r in rows("udyam", loaded_only=False):
    for gstin in filter(None, r["gstins"].split(";")):
        udyam_of_gstin[gstin] = r["udyam_number"]
    if r["pan"]:
        udyam_of_pan[r["pan"]] = r["udyam_number"]
def of_pan(pan):
    return udyam_of_pan.get(pan) or ("PAN " + pan if pan else "")

con = store_rows.Store(db)
ent_key = {}          # enterprise id -> its true entity
db_udyams = set()
for eid, udyam, pan in con.execute("select id, udyam, pan from enterprise"):
    ent_key[eid] = udyam or of_pan(pan or "")
    if udyam:
        db_udyams.add(udyam)
udyam_ent = {u: e for e, u in con.execute("select id, udyam from enterprise where udyam is not null")}

# b. Only Udyam and GST make profiles.
n_ent = next(con.execute("select count(*) from enterprise"))[0]
print("profiles", n_ent == len(on_file) + summary["gst"]["new_entities"] or
      "%d enterprises, %d on Udyam + %d from GST" % (n_ent, len(on_file), summary["gst"]["new_entities"]))
print("udyams", db_udyams == on_file or "missing %s extra %s" % (sorted(on_file - db_udyams)[:5], sorted(db_udyams - on_file)[:5]))
print("new_entities", *(summary[f]["new_entities"] for f in feeds if f not in ("udyam", "gst")))

# c. Each loaded row: its true entity (from the generator's files) against
# the enterprise the database put it on.
def truth_rows(feed):
    if feed == "gst":
        for r in rows("gst"):
            key = udyam_of_gstin.get(r["gstin"]) or of_pan(r["gstin"][2:12])
            yield (r["gstin"], r["return_type"], r["period"]), key
    elif feed == "credit":
        for r in rows("credit"):
            yield (r["facility_id"], r["month"]), r["borrower_udyam"] or of_pan(r["borrower_pan"])
    elif feed == "cluster_member":
        for r in rows("cluster_member"):
            yield (r["cluster_id"], r["udyam_number"]), r["udyam_number"]
    elif feed == "skilling":
        links = {r["record_id"]: r["udyam_number"]
                 for r in csv.DictReader(open(g + "/truth/skilling_links.csv", encoding="utf-8"))}
        for r in rows("skilling"):
            yield (r["record_id"],), links[r["record_id"]]
    else:
        links = {(r["scheme"], r["list_ref"]): r["udyam_number"]
                 for r in csv.DictReader(open(g + "/truth/beneficiary_links.csv", encoding="utf-8"))}
        for r in rows("beneficiary"):
            yield (r["scheme"], r["list_ref"]), links[(r["scheme"], r["list_ref"])]

placed_sql = {
    "gst": "select gstin, return_type, period, enterprise_id from gst_return",
    "credit": "select s.facility_id, s.month, f.enterprise_id from credit_status s"
              " join credit_facility f on f.facility_id = s.facility_id",
    "cluster_member": "select cluster_id, udyam, enterprise_id from cluster_member",
    "skilling": "select record_id, enterprise_id from skilling_record",
    "beneficiary": "select scheme, list_ref, enterprise_id from beneficiary",
}
holds = defaultdict(set)   # enterprise id -> true entities of its deterministic rows
examples = defaultdict(list)
for feed in ("gst", "credit", "cluster_member", "skilling", "beneficiary"):
    placed = {tuple(r[:-1]): r[-1] for r in con.execute(placed_sql[feed])}
    n = on = right = wrong = unlinked = missing = none_ok = 0
    for key, truth in truth_rows(feed):
        n += 1
        eid = placed.get(key)
        if key not in placed:
            missing += 1     # a clean row that did not load: counted again by (a)
        if truth in on_file:
            on += 1
        if eid is not None and feed in ("gst", "credit", "cluster_member"):
            holds[eid].add(truth)
        if eid is not None and ent_key[eid] == truth:
            right += 1
        elif eid is not None:
            wrong += 1
            if len(examples[feed]) < 3:
                examples[feed].append("%s true %s on %s (enterprise %d)" % ("/".join(key), truth or "none", ent_key[eid] or "?", eid))
        elif truth in on_file:
            unlinked += 1
            if len(examples[feed]) < 3:
                examples[feed].append("%s true %s (enterprise %d) unlinked" % ("/".join(key), truth, udyam_ent.get(truth, -1)))
        else:
            none_ok += 1     # no true enterprise on file, and none given
    print("links", feed, n, on, right, wrong, unlinked, none_ok, missing, "; ".join(examples[feed]) or "-")

# d. No enterprise holds the rows of two true entities.
mixed = {e: s for e, s in holds.items() if len(s) > 1}
print("mixed", len(mixed), "; ".join("enterprise %d: %s" % (e, sorted(s)) for e, s in list(mixed.items())[:3]) or "-")
PY
[ -s "$TMPDIR/verdict" ]; ok $? "the truth and the database were read"

for f in $FEEDS; do
    is "$f: quarantine counts by reason equal the manifest's injected errors; every row read" \
       "$(sed -n "s/^quarantine $f //p" "$TMPDIR/verdict")" "same True"
done
is "enterprises = distinct Udyam numbers of the Udyam rows that loaded + GST's new enterprises" \
   "$(sed -n 's/^profiles //p' "$TMPDIR/verdict")" True
is "the enterprises with a Udyam number are exactly the Udyam rows that loaded" \
   "$(sed -n 's/^udyams //p' "$TMPDIR/verdict")" True
is "credit skilling cluster cluster_member cfc_usage beneficiary make no enterprise" \
   "$(sed -n 's/^new_entities //p' "$TMPDIR/verdict")" "0 0 0 0 0 0"

# links FEED checked on_file right wrong unlinked none_ok missing examples
while read -r _ feed n on right wrong unlinked none_ok missing ex; do
    echo "# $feed: $n rows checked ($on with a true enterprise on file): $right on the right enterprise, $wrong on a wrong one, $unlinked left unlinked, $none_ok rightly unlinked (no true enterprise on file), $missing not in the table"
    [ "$ex" != "-" ] && echo "#   e.g. $ex"
    case $feed in
    gst|credit|cluster_member)
        is "$feed: every row on its true enterprise, none wrong, none unlinked, none missing" \
           "$wrong $unlinked $missing $((right == n))" "0 0 0 1"
        check "$feed: rows were checked" test "$on" -gt 0 ;;
    *)
        is "$feed: wrong/checked <= 0.02, unlinked/checked <= 0.03, none missing" \
           "$(python3 -c 'import sys; n, w, u, m = map(int, sys.argv[1:]); print(w / n <= 0.02, u / n <= 0.03, m)' "$n" "$wrong" "$unlinked" "$missing")" \
           "True True 0"
        echo "#   wrong/checked $(python3 -c "print('%.4f' % ($wrong / $n))"), unlinked/checked $(python3 -c "print('%.4f' % ($unlinked / $n))")" ;;
    esac
done < <(grep '^links ' "$TMPDIR/verdict")
mixed=$(sed -n 's/^mixed //p' "$TMPDIR/verdict")
is "no enterprise holds GST, credit or member rows of two true enterprises" "$mixed" "0 -"

# e. A second load of every feed changes nothing.
links="select 'g', gstin, return_type, period, enterprise_id from gst_return
       union all select 'c', facility_id, '', '', enterprise_id from credit_facility
       union all select 'm', cluster_id, udyam, '', enterprise_id from cluster_member
       union all select 'k', record_id, link_method, '', enterprise_id from skilling_record
       union all select 'b', scheme, list_ref, link_method, enterprise_id from beneficiary order by 1, 2, 3, 4"
before=$(q "$links" | md5sum)
n_ent=$(q "select count(*) from enterprise")
for f in $FEEDS; do
    $S ingest --db "$DB" "$f" "$G/$f.csv" --json --quiet > "$TMPDIR/$f-2.json"
    rc=$?
    is "reloading $f: exit 0, inserted 0, updated 0, new_entities 0" \
       "$rc $(field "$TMPDIR/$f-2.json" 'd["inserted"], d["updated"], d["new_entities"]')" "0 (0, 0, 0)"
done
is "reloading leaves the enterprise count as it was" "$(q "select count(*) from enterprise")" "$n_ent"
is "reloading moves no row to another enterprise" "$(q "$links" | md5sum)" "$before"
done_testing
