# classify: the CLI contract (DESIGN.md §5) at the boundaries of both regimes.
. "$ROOT/tests/tap.sh"
S=$SAMANVAY

is "micro at both 2025 limits (inclusive)" "$($S classify --investment 25000000 --turnover 100000000 --on 2025-04-01)" micro
is "small one rupee over the micro turnover limit" "$($S classify --investment 25000000 --turnover 100000001 --on 2025-04-01)" small
is "exports are excluded from turnover" "$($S classify --investment 100 --turnover 150000000 --exports 50000000 --on 2025-04-01)" micro
is "2020 limits before 1 April 2025" "$($S classify --investment '2 crore' --turnover '8 crore' --on 2025-03-31)" small
is "2025 limits from 1 April 2025" "$($S classify --investment '2 crore' --turnover '8 crore' --on 2025-04-01)" micro
is "large above the medium limits" "$($S classify --investment '126 crore' --turnover 1 --on 2025-04-01)" large
is "amounts in Indian notation" "$($S classify --investment '12,34,567' --turnover '12.5 lakh' --on 2025-04-01)" micro
is "the 2006 Act with --activity" "$($S classify --investment 1100000 --turnover 0 --on 2019-01-01 --activity services)" small

out=$($S classify --investment 20000000 --turnover 120000000 --on 2025-06-01 --json)
keys=$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["class"], d["regime"], d["turnover_counted"], len(d["checks"]), "exports" in d, bool(d["explanation"]))' <<<"$out")
is "--json: class, regime, counted turnover, a check per class, explanation" "$keys" "small so1364 120000000 3 True True"

$S classify --investment 1 --turnover 1 --exports 5 2>/dev/null; is "exports above turnover: exit 2" "$?" 2
$S classify --investment abc --turnover 1 2>/dev/null; is "bad amount: exit 2" "$?" 2
$S classify --investment -5 --turnover 1 2>/dev/null; is "negative amount: exit 2" "$?" 2
$S classify --turnover 1 2>/dev/null; is "missing --investment: exit 2" "$?" 2
$S classify --investment 1 --turnover 1 --on 2025-02-30 2>/dev/null; is "impossible date: exit 2" "$?" 2
err=$($S classify --investment 1 --turnover 1 --on 2019-01-01 2>&1 >/dev/null); rc=$?
is "before July 2020 without --activity: exit 2" "$rc" 2
is "with a one-line message" "$(wc -l <<<"$err")" 1
done_testing
