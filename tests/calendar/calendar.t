# samanvay calendar: the JSON contract (DESIGN.md §5), the window on due
# dates, a QRMP unit in each state group, and input errors.
. "$ROOT/tests/tap.sh"
S=$SAMANVAY
P=$TMPDIR/p.json
json() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }

cat >"$P" <<'JSON'
{"as_of": "2025-06-01",
 "enterprise": {"constitution": "proprietorship", "status": "existing", "state": "27",
   "turnover": 9000000, "employees": 12, "gst_scheme": "qrmp"}}
JSON
out=$($S calendar --profile "$P" --from 2025-10-01 --to 2025-10-31 --today 2025-10-20 --json); rc=$?
is "exits 0" "$rc" 0
is "every item has the contract's keys" \
   "$(json 'all({"obligation","period","due","status","late_fee","interest"} <= set(i) for i in d["items"]) and len(d["items"]) > 0' <<<"$out")" True
# A proprietor under ₹1 crore deducts no TDS (obligations/tds_deposit.yaml), files no PMT-06
# for September (a quarter's third month), and has ESI at 12 employees but not EPF.
is "the October items of a QRMP unit in Maharashtra with 12 employees" \
   "$(json '[(i["obligation"], i["period"], i["due"], i["status"]) for i in d["items"]]' <<<"$out")" \
   "[('gstr1', '2025-26-Q2', '2025-10-13', 'not_known'), ('esi', '2025-09', '2025-10-15', 'not_known'), ('gstr3b', '2025-26-Q2', '2025-10-22', 'due_soon'), ('udyam_update', '2024-25', '2025-10-31', 'upcoming')]"
is "late fee and interest are null without a filing" \
   "$(json 'set((i["late_fee"], i["interest"]) for i in d["items"])' <<<"$out")" "{(None, None)}"
is "each item cites its source" "$(json 'all(i["source"] for i in d["items"])' <<<"$out")" True
sed 's/"27"/"09"/' "$P" >"$TMPDIR/up.json"
is "the same unit in Uttar Pradesh (Group B) files GSTR-3B by the 24th" \
   "$($S calendar --profile "$TMPDIR/up.json" --from 2025-10-01 --to 2025-10-31 --json | json '[i["due"] for i in d["items"] if i["obligation"] == "gstr3b"]')" \
   "['2025-10-24']"
text=$($S calendar --profile "$P" --from 2025-10-22 --to 2025-10-22 --today 2025-10-20)
is "text: one line per item" "$text" "2025-10-22  gstr3b           2025-26-Q2   due_soon       GSTR-3B (summary return and tax payment)"
sed 's/"employees": 12, //' "$P" >"$TMPDIR/noemp.json"
is "employees unknown: ESI is listed as conditional and names the fact" \
   "$($S calendar --profile "$TMPDIR/noemp.json" --from 2025-10-01 --to 2025-10-31 --json | json '[(i["conditional"], i["missing"]) for i in d["items"] if i["obligation"] == "esi"]')" \
   "[(True, ['enterprise.employees'])]"

$S calendar --profile "$P" --from 2025-10-01 >/dev/null 2>&1
is "no --to: exit 2" "$?" 2
err=$($S calendar --profile "$P" --from 2025-10-31 --to 2025-10-01 2>&1); rc=$?
is "from after to: exit 2" "$rc" 2
check "and says so" grep -q "after --to" <<<"$err"
$S calendar --profile "$P" --from 2020-01-01 --to 2026-01-02 >/dev/null 2>&1
is "a window over five years: exit 2" "$?" 2
printf '{"enterprise": {"employees": "many"}}' >"$TMPDIR/bad.json"
err=$($S calendar --profile "$TMPDIR/bad.json" --from 2025-10-01 --to 2025-10-31 2>&1); rc=$?
is "a bad profile: exit 2" "$rc" 2
check "naming the field" grep -q "enterprise.employees" <<<"$err"
$S calendar --profile "$P" --from 2025-13-01 --to 2025-10-31 >/dev/null 2>&1
is "a bad date: exit 2" "$?" 2
done_testing
