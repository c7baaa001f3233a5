# ingest beneficiary: validation (a misspelt district is not a fault),
# linking by Udyam number and PAN at once, then by the record linker for
# rows with neither (Devanagari names, names swapped, a mistyped Udyam
# number), an explanation per link, nobody linked who is not on file,
# reloads, corrections, input errors and kill -9 safety.
. "$ROOT/tests/tap.sh"
. "$ROOT/tests/ingest/ingest_sql.sh"
. "$ROOT/tests/ingest/kill_resume.sh"
S=$SAMANVAY
G=$TMPDIR/g
DB=$(store_new b)
FIX=$TMPDIR/small.csv
q() { store_sql "$DB" "$1"; }
json() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }

$S generate --enterprises 2000 --seed 7 --out "$G" >/dev/null 2>&1
ok $? "generate 2,000 enterprises"
$S init --db "$DB" 2>/dev/null
$S ingest --db "$DB" udyam "$G/udyam.csv" --quiet >/dev/null

# The fixture: good rows about enterprises of the generated Udyam file
# (chosen by the script, so the test follows the generator), then one bad
# row per reason. Expected links go to $TMPDIR/want.
python3 - "$G" "$FIX" "$TMPDIR/want" <<'PY'
import csv, sys
g, fix, want = sys.argv[1:]
udyam = [r for r in csv.DictReader(open(g + "/udyam.csv", encoding="utf-8"))]
loaded = {}
for r in udyam:  # the first row of a Udyam number loads; a row with a fault may not, so pick clean-looking ones
    loaded.setdefault(r["udyam_number"], r)
def clean(r):
    return r["pan"] and r["district"].isupper() and r["pincode"] and r["registered_on"] <= "2026" and "," not in r["enterprise_name"]
pool = [r for r in loaded.values() if clean(r)]
a, b, c, d = pool[10], pool[20], pool[30], pool[40]
truth = {(t["scheme"], t["list_ref"]): t["udyam_number"]
         for t in csv.DictReader(open(g + "/truth/beneficiary_links.csv", encoding="utf-8"))}
lst = list(csv.DictReader(open(g + "/beneficiary.csv", encoding="utf-8")))
deva = next(r for r in lst if not r["pan"] and not r["udyam_number"]
            and any("\u0900" <= ch <= "\u097f" for ch in r["beneficiary_name"])
            and truth[(r["scheme"], r["list_ref"])] in loaded)
head = "scheme,list_ref,beneficiary_name,enterprise_name,pan,udyam_number,mobile_last4,district,state_code,pincode,sanctioned_on,disbursed_on,amount_rs,purpose"
def row(*f):
    return ",".join(f)
def misspell(s):
    return s[:2] + s[3:] if len(s) > 4 else s
good = [
    row("pmegp", "P-1", a["owner_name"], a["enterprise_name"], "", a["udyam_number"], "0123", a["district"].title(), a["state_code"], a["pincode"], "2024-01-10", "2024-02-10", "250000", "new_unit"),
    row("pmmy", "M-1", b["owner_name"], b["enterprise_name"], b["pan"], "", "", b["district"], b["state_code"], "", "2024-03-01", "", "50000", "working_capital"),
    row("cgtmse", "C-1", c["enterprise_name"], c["owner_name"], "", "", "", misspell(c["district"]), c["state_code"], c["pincode"], "2023-06-01", "2023-07-01", "900000", "machinery"),
    row("zed", "Z-1", d["owner_name"], d["enterprise_name"], "", d["udyam_number"][:-7] + "0000001", "", d["district"], d["state_code"], d["pincode"], "", "", "", "certification"),
    row(deva["scheme"], deva["list_ref"], deva["beneficiary_name"], deva["enterprise_name"], "", "", deva["mobile_last4"], deva["district"], deva["state_code"], deva["pincode"], deva["sanctioned_on"], deva["disbursed_on"], deva["amount_rs"], deva["purpose"]),
    row("pmmy", "M-2", "Zorawar Quixote", "Xylophone Zebra Widgets", "", "", "", "NICOBARS", "35", "", "2024-01-01", "", "10000", "machinery"),
]
bad = [
    row("", "X-1", "Ram", "", "", "", "", "", "", "", "", "", "", ""),                        # missing_field
    row("PM EGP", "X-2", "Ram", "", "", "", "", "", "", "", "", "", "", ""),                  # bad_enum (scheme)
    row("pmmy", "X-3", "Ram", "", "ABCDE1234", "", "", "", "", "", "", "", "", ""),           # pan_invalid
    row("pmmy", "X-4", "Ram", "", "", "UDYAM-MH-26-12", "", "", "", "", "", "", "", ""),      # udyam_invalid
    row("pmmy", "X-5", "Ram", "", "", "", "12a4", "", "", "", "", "", "", ""),                # bad_number
    row("pmmy", "X-6", "Ram", "", "", "", "", "", "99", "", "", "", "", ""),                  # unknown_state
    row("pmmy", "X-7", "Ram", "", "", "", "", "", "", "01234", "", "", "", ""),               # bad_pincode
    row("pmmy", "X-8", "Ram", "", "", "", "", "", "", "", "2024-02-30", "", "", ""),          # bad_date
    row("pmmy", "X-9", "Ram", "", "", "", "", "", "", "", "2024-03-01", "2024-02-01", "", ""),# date_order
    row("pmmy", "X-10", "Ram", "", "", "", "", "", "", "", "", "", "12,5", ""),               # field_count (unquoted comma)
    row("pmmy", "X-11", "Ram", "", "", "", "", "", "", "", "", "", "-5", ""),                 # bad_amount
    row("pmmy", "X-12", "Ram", "", "", "", "", "", "", "", "", "", "", "loan"),               # bad_enum (purpose)
    good[1],                                                                                    # duplicate_row
    good[0].replace("250000", "260000"),                                                        # conflicting_duplicate
]
with open(fix, "w", encoding="utf-8") as f:
    f.write(head + "\n" + "\n".join(good + bad) + "\n")
with open(want, "w", encoding="utf-8") as f:
    for ref, u in (("P-1", a), ("M-1", b), ("C-1", c), ("Z-1", d)):
        f.write("%s %s\n" % (ref, u["udyam_number"]))
    f.write("%s %s\n" % (deva["list_ref"], truth[(deva["scheme"], deva["list_ref"])]))
PY
want() { sed -n "s/^$1 //p" "$TMPDIR/want"; }
linked() { q "select coalesce(e.udyam,'-')||' '||coalesce(b.link_method,'pending') from beneficiary b left join enterprise e on e.id=b.enterprise_id where list_ref='$1'"; }

out=$($S ingest --db "$DB" beneficiary "$FIX" --json --quiet); rc=$?
is "ingest exits 0 with rows in quarantine" "$rc" 0
is "summary: 6 loaded, 14 quarantined, 5 linked, 3 by the linker, 1 unmatched" \
   "$(json 'd["rows"],d["loaded"],d["quarantined"],d["linked"],d["linked_by_linker"],d["unmatched"],d["new_entities"]' <<<"$out")" \
   "(20, 6, 14, 5, 3, 1, 0)"
is "quarantine: one reason per bad row" \
   "$(q "select row_no||':'||reason_code from quarantine where feed='beneficiary' order by row_no" | tr '\n' ' ')" \
   "7:missing_field 8:bad_enum 9:pan_invalid 10:udyam_invalid 11:bad_number 12:unknown_state 13:bad_pincode 14:bad_date 15:date_order 16:field_count 17:bad_amount 18:bad_enum 19:duplicate_row 20:conflicting_duplicate "
is "a Udyam number on file links at once" "$(linked P-1)" "$(want P-1) udyam"
is "a PAN on file links at once" "$(linked M-1)" "$(want M-1) pan"
is "names swapped and the district misspelt: the linker finds it" "$(linked C-1)" "$(want C-1) probabilistic"
is "a Udyam number not on file: warned, and the linker finds the unit by its names" "$(linked Z-1)" "$(want Z-1) probabilistic"
deva_ref=$(sed -n '5p' "$TMPDIR/want" | cut -d' ' -f1)
is "Devanagari names, no identifier: the linker finds the unit" "$(linked "$deva_ref")" "$(want "$deva_ref") probabilistic"
is "someone on no list of ours is linked to nobody" "$(linked M-2)" "- none"
is "the misspelt district is kept as written" \
   "$(q "select district from beneficiary where list_ref='C-1'")" \
   "$(sed -n '4p' "$FIX" | cut -d, -f8)"
# The explanations are JSON text, read here by Python (the backends' JSON functions differ).
expl() { q "select link_explanation from beneficiary where list_ref='$1'" | python3 -c "import json,sys; d=json.load(sys.stdin); print($2)"; }
is "the swapped row's explanation says the names were swapped" "$(expl C-1 'int(d["names_swapped"])')" 1
is "every explanation's field weights and prior add up to the stored weight" \
   "$(q "select link_weight, link_explanation from beneficiary where link_method='probabilistic'" | python3 -c '
import json, sys
n = 0
for line in sys.stdin:
    w, e = line.split("|", 1)
    d = json.loads(e)
    n += abs(float(w) - (d["prior"] + sum(f["weight"] for f in d["fields"]))) < 0.01
print(n)')" 3
is "an explanation names each field and its level" "$(expl Z-1 '" ".join(f["field"] for f in d["fields"])')" \
   "owner_name enterprise_name state district pincode"
is "only linker links carry a weight" \
   "$(q "select count(*) from beneficiary where (link_weight is null) <> (link_method <> 'probabilistic')")" 0

dump() { q "select * from beneficiary order by 1; select row_no,reason_code,reason,$(raw_hex_sql "$DB") from quarantine order by ingest_file_id, row_no"; }
before=$(dump)
out=$($S ingest --db "$DB" beneficiary "$FIX" --json --quiet)
# The linker re-judges the rows it linked before (its model is fitted to
# the same rows again, store_beneficiary_unlinked), and confirms them: 3.
is "reload: nothing new, nothing changed, the same links" \
   "$(json 'd["inserted"],d["updated"],d["unchanged"],d["quarantined"],d["linked"],d["linked_by_linker"]' <<<"$out")" "(0, 0, 6, 14, 5, 3)"
is "reload leaves every table byte-identical" "$(dump)" "$before"

# A corrected file: P-1 loses its Udyam number, so it is linked afresh (by the linker).
head -2 "$FIX" | sed '2s/,UDYAM-[A-Z0-9-]*,/,,/' > "$TMPDIR/corrected.csv"
out=$($S ingest --db "$DB" beneficiary "$TMPDIR/corrected.csv" --json --quiet)
is "corrected file: one row updated" "$(json 'd["inserted"],d["updated"],d["linked"]' <<<"$out")" "(0, 1, 1)"
is "the corrected row is linked afresh, now by the linker, to the same unit" "$(linked P-1)" "$(want P-1) probabilistic"

# Rows about units not on file yet are linked when a later load finds them.
DB2=$(store_new order)
$S init --db "$DB2" 2>/dev/null
out=$($S ingest --db "$DB2" beneficiary "$FIX" --json --quiet)
is "list before Udyam: nothing to link to" "$(json 'd["linked"],d["unmatched"]' <<<"$out")" "(0, 6)"
$S ingest --db "$DB2" udyam "$G/udyam.csv" --quiet >/dev/null
out=$($S ingest --db "$DB2" beneficiary "$FIX" --json --quiet)
is "the next load of the list links them" "$(json 'd["linked"],d["unchanged"]' <<<"$out")" "(5, 6)"
is "to the same units as when Udyam came first (before the correction)" \
   "$(store_sql "$DB2" "select list_ref||' '||coalesce(e.udyam,'-') from beneficiary b left join enterprise e on e.id=b.enterprise_id where list_ref <> 'P-1' order by 1")" \
   "$(q "select list_ref||' '||coalesce(e.udyam,'-') from beneficiary b left join enterprise e on e.id=b.enterprise_id where list_ref <> 'P-1' order by 1")"

# Input errors
printf 'scheme,list_ref,pan\n' > "$TMPDIR/badheader.csv"
err=$($S ingest --db "$DB" beneficiary "$TMPDIR/badheader.csv" 2>&1); rc=$?
is "missing required column: exit 2" "$rc" 2
check "the missing column is named" grep -q "required column 'beneficiary_name' is missing" <<<"$err"

# kill -9 in the middle: the generated list repeated under new references.
python3 - "$G/beneficiary.csv" "$TMPDIR/big.csv" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write(lines[0] + "\n")
    for k in range(8):
        for line in lines[1:]:
            scheme, ref, rest = line.split(",", 2)
            out.write("%s,%s-%d,%s\n" % (scheme, ref, k, rest))
PY
kill_resume beneficiary "$TMPDIR/big.csv" "select count(*) from beneficiary" udyam "$G/udyam.csv"
done_testing
