# check-id: the contract (DESIGN.md §5) and agreement with an independent validator.
. "$ROOT/tests/tap.sh"
S=$SAMANVAY

out=$($S check-id gstin 27AAPFU0939F1ZV); rc=$?
is "valid GSTIN prints ID<TAB>valid" "$out" $'27AAPFU0939F1ZV\tvalid'
is "all valid exits 0" "$rc" 0

out=$($S check-id gstin 27AAPFU0939F1ZA); rc=$?
is "invalid GSTIN exits 1" "$rc" 1
is "invalid GSTIN prints ID<TAB>invalid<TAB>reason" "$(cut -f1,2 <<<"$out")" $'27AAPFU0939F1ZA\tinvalid'
check "invalid verdict has a reason" test -n "$(cut -f3 <<<"$out")"

out=$($S check-id gstin 07DELA12345B1D5)
is "TDS deductor GSTIN is an unsupported registration type" "$out" $'07DELA12345B1D5\tinvalid\tunsupported registration type'
out=$($S check-id gstin 9917USA29001OSX)
is "OIDAR GSTIN is an unsupported registration type" "$(cut -f3 <<<"$out")" "unsupported registration type"

out=$(printf '27AAPFU0939F1ZV\r\nAAAAA\n\n24AAATT6829N1ZY\n' | $S check-id gstin); rc=$?
is "stdin: one answer per input line, CRLF stripped, blank line answered" "$(cut -f1,2 <<<"$out")" \
   $'27AAPFU0939F1ZV\tvalid\nAAAAA\tinvalid\n\tinvalid\n24AAATT6829N1ZY\tvalid'
is "stdin with an invalid line exits 1" "$rc" 1

out=$(printf 'AAAPL1234C\nABCPE1234F\n' | $S check-id pan); rc=$?
is "stdin all valid exits 0" "$rc" 0

out=$($S check-id pan AAAPL1234C AAAEL1234C AAAPL0000C)
is "PAN holder type and serial rules" "$(cut -f2 <<<"$out" | tr '\n' ' ')" "valid invalid invalid "
out=$($S check-id udyam UDYAM-MH-26-0012345 UDYAM-KA-01-0000001)
is "Udyam state letters come from data/states.csv" "$(cut -f2 <<<"$out" | tr '\n' ' ')" "valid invalid "
out=$($S check-id ifsc SBIN0001234 SBIN1001234)
is "IFSC fifth character is 0" "$(cut -f2 <<<"$out" | tr '\n' ' ')" "valid invalid "

$S check-id aadhaar 123 >/dev/null 2>&1; rc=$?
is "unknown type is a usage error (exit 2)" "$rc" 2
err=$($S check-id 2>&1 >/dev/null)
is "usage error prints one line" "$(wc -l <<<"$err")" 1

# Long line: one answer, not split
out=$(head -c 10000 /dev/zero | tr '\0' 'A' | $S check-id pan)
is "an over-long line gets exactly one answer" "$(wc -l <<<"$out")" 1

python3 "$ROOT/tests/cli/independent_ids.py" "$S" 40000 7 | sed "s/^\(not \)\?ok [0-9]*/&/" > "$TMPDIR/ind"
while IFS= read -r line; do
    case "$line" in
        "ok "*) ok 0 "${line#ok * - }" ;;
        "not ok "*) ok 1 "${line#not ok * - }" ;;
    esac
done < "$TMPDIR/ind"
done_testing
