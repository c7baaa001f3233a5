# Generated gst, credit and skilling feeds through ingest: every injected
# error is quarantined with its own reason and nothing else is; GST filers
# not on file become exactly one enterprise per PAN; reloads change nothing;
# loading GST before Udyam ends in the same enterprises as after.
. "$ROOT/tests/tap.sh"
S=$SAMANVAY
G=$TMPDIR/g
DB=$(store_new g)
q() { store_sql "$1" "$2"; }

$S generate --enterprises 2000 --seed 7 --out "$G" >/dev/null 2>&1
ok $? "generate 2,000 enterprises"
$S init --db "$DB" 2>/dev/null
for f in udyam gst credit skilling; do
    $S ingest --db "$DB" "$f" "$G/$f.csv" --json --quiet > "$TMPDIR/$f.json"
    is "ingest $f exits 0" "$?" 0
done

# The exact expectations, from the generator's truth files only.
python3 - "$G" "$TMPDIR" > "$TMPDIR/expect" <<'PY'
import csv, json, sys
g, t = sys.argv[1], sys.argv[2]
m = json.load(open(g + "/manifest.json"))
bad = {}
for r in csv.DictReader(open(g + "/truth/injected_errors.csv", encoding="utf-8")):
    bad.setdefault(r["file"], {})[int(r["line"])] = r["reason"]
def rows(name):
    """(physical line, fields) of each data row; no generated record spans two lines."""
    with open(g + "/" + name, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    head = next(csv.reader([lines[0]]))
    for i, line in enumerate(lines[1:], start=2):
        if line:
            yield i, dict(zip(head, next(csv.reader([line]))))
for feed in ("gst", "credit", "skilling"):
    s = json.load(open("%s/%s.json" % (t, feed)))
    want = {k: v for k, v in m["injected_errors"][feed].items() if v}
    print(feed, "same" if s["quarantined_by_reason"] == want
          else "got %s want %s" % (s["quarantined_by_reason"], want),
          s["rows"] == m["rows"][feed] and s["loaded"] + s["quarantined"] == s["rows"])
# Udyam rows quarantined for their own fault (a repeat's original loads).
ub = bad.get("udyam.csv", {})
quarantined_pans = {r["pan"] for i, r in rows("udyam.csv")
                    if i in ub and ub[i] != "duplicate_row" and r["pan"]}
loaded_pans = {r["pan"] for i, r in rows("udyam.csv") if i not in ub and r["pan"]}
without = {r["pan"] for r in csv.DictReader(open(g + "/truth/gst_filers_without_udyam.csv",
                                                  encoding="utf-8"))}
gb = bad.get("gst.csv", {})
filer_pans = {r["gstin"][2:12] for i, r in rows("gst.csv") if i not in gb}
new = filer_pans & (without | quarantined_pans)
print("new_entities", len(new))
print("partition", filer_pans - new <= loaded_pans and not (new & loaded_pans), len(new) > 0)
trained = sum(1 for i, r in rows("skilling.csv")
              if r["udyam_number"] and (i not in bad.get("skilling.csv", {})))
print("skilling_linked", trained)
PY
json() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$TMPDIR/$1.json" "$2"; }
for f in gst credit skilling; do
    is "$f: quarantine counts by reason equal the manifest's injected errors; every row read" \
       "$(grep "^$f " "$TMPDIR/expect")" "$f same True"
done
is "gst: one new enterprise per PAN of the filers not on file (truth: not on Udyam, or Udyam row quarantined)" \
   "$(json gst 'd["new_entities"]')" "$(sed -n 's/^new_entities //p' "$TMPDIR/expect")"
is "gst: every other filer is on file, and some new ones exist" \
   "$(sed -n 's/^partition //p' "$TMPDIR/expect")" "True True"
is "gst: every loaded return is linked or created its enterprise" \
   "$(json gst 'd["linked"] + d["new_entities"] == d["loaded"]')" True
is "gst: the new enterprises are in the table, without a Udyam number or a name" \
   "$(q "$DB" "select count(*) from enterprise where udyam is null and name = '' and src_feed = 'gst'")" \
   "$(json gst 'd["new_entities"]')"
is "gst: one enterprise per return's GSTIN, and each GSTIN's PAN is its enterprise's" \
   "$(q "$DB" "select count(*) from gst_return r join enterprise_gstin g on g.gstin = r.gstin
              join enterprise e on e.id = g.enterprise_id
              where e.id = r.enterprise_id and e.pan = substr(r.gstin, 3, 10)")" \
   "$(json gst 'd["loaded"]')"
is "credit: every loaded row is linked" "$(json credit 'd["linked"] == d["loaded"], d["new_entities"]')" "(True, 0)"
is "skilling: rows linked by Udyam number are those naming one" \
   "$(q "$DB" "select count(*) from skilling_record where link_method = 'udyam'")" \
   "$(sed -n 's/^skilling_linked //p' "$TMPDIR/expect")"
is "skilling: linked = by Udyam number + by the record linker (scored in generated_skilling.t)" \
   "$(json skilling 'd["linked"]')" \
   "$(q "$DB" "select count(*) from skilling_record where enterprise_id is not null")"
is "skilling: the rest are marked unmatched, with name and district as given" \
   "$(q "$DB" "select count(*) from skilling_record where enterprise_id is null and link_method = 'none' and trainee_name <> ''")" \
   "$(json skilling 'd["loaded"] - d["linked"]')"

for f in udyam gst credit skilling; do
    out=$($S ingest --db "$DB" "$f" "$G/$f.csv" --json --quiet)
    is "reloading $f changes nothing" \
       "$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["inserted"], d["updated"], d["new_entities"], d["loaded"] == d["unchanged"])' "$out")" \
       "0 0 0 True"
done

# The other order: GST first creates every filer, Udyam then fills them.
DB2=$(store_new g2)
$S init --db "$DB2" 2>/dev/null
for f in gst udyam credit skilling; do
    $S ingest --db "$DB2" "$f" "$G/$f.csv" --json --quiet > "$TMPDIR/$f-2.json"
done
is "gst first: every GST filer is a new enterprise" \
   "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["linked"] + d["new_entities"] == d["loaded"], d["new_entities"] > 0)' "$TMPDIR/gst-2.json")" "True True"
is "udyam after gst: same quarantine as before" \
   "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["quarantined_by_reason"] == json.load(open(sys.argv[2]))["quarantined_by_reason"])' "$TMPDIR/udyam.json" "$TMPDIR/udyam-2.json")" True
# (each enterprise's GSTINs by a second query: SQLite 3.40 has no string_agg, PostgreSQL no group_concat)
ents="select coalesce(e.udyam,''), coalesce(e.pan,''), e.name, e.state, coalesce(e.district,''),
      coalesce(e.turnover_paise,-1), e.src_feed, e.content_hash
      from enterprise e order by 1, 2;
      select coalesce(e.udyam,''), coalesce(e.pan,''), g.gstin || '/' || g.src_feed
      from enterprise_gstin g join enterprise e on e.id = g.enterprise_id order by g.gstin"
is "both orders give the same enterprises, GSTINs included" "$(q "$DB2" "$ents" | md5sum)" "$(q "$DB" "$ents" | md5sum)"
rets="select r.gstin, r.return_type, r.period, coalesce(e.udyam, e.pan), r.content_hash
      from gst_return r join enterprise e on e.id = r.enterprise_id order by 1, 2, 3"
is "both orders attach every return to the same enterprise" "$(q "$DB2" "$rets" | md5sum)" "$(q "$DB" "$rets" | md5sum)"
cred="select c.facility_id, c.month, coalesce(e.udyam, e.pan) from credit_status c
      join credit_facility f on f.facility_id = c.facility_id join enterprise e on e.id = f.enterprise_id order by 1, 2"
is "both orders attach every facility-month to the same enterprise" "$(q "$DB2" "$cred" | md5sum)" "$(q "$DB" "$cred" | md5sum)"
done_testing
