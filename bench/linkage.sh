#!/usr/bin/env bash
# Record linkage (docs/linkage.md): accuracy on the public benchmarks beside
# the published reference points, and deduplicating LINK_RECORDS (default one
# million) generated people beside `sort -u` on an exact key of the same file.
# Prints TSV rows for bench/run: name, value, unit, baseline, baseline value, ratio.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-build/release}
S=$ROOT/samanvay
D=$ROOT/bench/linkage/data
C=$ROOT/bench/linkage
OUT=$ROOT/build/bench/linkage
N=${LINK_RECORDS:-1000000}
mkdir -p "$OUT"
now() { date +%s.%N; }
f1() { python3 -c "import json; print('%.4f' % json.load(open('$1'))['evaluation']['f1'])"; }

$S link --quiet --config "$C/febrl4.yaml" --left "$D/febrl_dataset4a.csv" --right "$D/febrl_dataset4b.csv" \
    --out "$OUT/febrl4.csv" --report "$OUT/febrl4.json"
printf 'linkage FEBRL4 (4a x 4b) F1\t%s\t\trecordlinkage docs example (blocks on given name)\t0.787\t%s\n' \
    "$(f1 "$OUT/febrl4.json")" "$(awk -v a="$(f1 "$OUT/febrl4.json")" 'BEGIN { printf "%.2f", a / 0.787 }')"
$S link --quiet --config "$C/febrl3.yaml" --left "$D/febrl_dataset3.csv" --out "$OUT/febrl3.csv" --report "$OUT/febrl3.json"
printf 'linkage FEBRL3 (dedup) F1\t%s\t\tgoal\t0.95\t%s\n' "$(f1 "$OUT/febrl3.json")" \
    "$(awk -v a="$(f1 "$OUT/febrl3.json")" 'BEGIN { printf "%.2f", a / 0.95 }')"

"$ROOT/$BUILD/bench/link_people" "$N" 1 "$OUT/people.csv"
t0=$(now)
$S link --quiet --config "$C/people.yaml" --left "$OUT/people.csv" --out "$OUT/people_pairs.csv" --report "$OUT/people.json"
t1=$(now)
# Baseline: exact-key deduplication of the same file with coreutils sort (name, surname, year).
t2=$(now); cut -d, -f2,3,6 "$OUT/people.csv" | sort -u > /dev/null; t3=$(now)
ours=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
base=$(awk -v a="$t2" -v b="$t3" 'BEGIN { printf "%.1f", b - a }')
read -r cand f1p rss bpr < <(python3 -c "
import json; r = json.load(open('$OUT/people.json'))
print(r['candidate_pairs'], '%.4f' % r['evaluation']['f1'], r['peak_rss_kib'], '%.0f' % r['bytes_per_record'])")
printf 'linkage dedup of %s generated people (F1 %s, peak RSS %s KiB, %s bytes/record)\t%s\ts\tsort -u on an exact key of the same file\t%s\t%s\n' \
    "$N" "$f1p" "$rss" "$bpr" "$ours" "$base" "$(awk -v a="$ours" -v b="$base" 'BEGIN { printf "%.2f", b / a }')"
pps=$(awk -v n="$cand" -v a="$t0" -v b="$t1" 'BEGIN { print n / (b - a) }')
spl=$(awk -v n="$N" 'BEGIN { print n / 60 }')
printf 'linkage dedup throughput (%s candidate pairs)\t%.0f\trecords/s\tSplink published: a million records in about a minute\t%.0f\t%s\n' \
    "$cand" "$(awk -v n="$N" -v a="$t0" -v b="$t1" 'BEGIN { print n / (b - a) }')" "$spl" \
    "$(awk -v n="$N" -v a="$t0" -v b="$t1" -v s="$spl" 'BEGIN { printf "%.2f", n / (b - a) / s }')"
: "$pps"
