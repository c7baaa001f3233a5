# bench/overlap_store.sh: the store the overlap benchmarks share (sourced by
# bench/overlap.sh and bench/overlap_kept.sh). overlap_store N sets OUT and
# DB to build/bench/overlap/N, building it when missing: N generated
# enterprises (seed 1), the Udyam and beneficiary feeds. Needs ROOT, S and
# a say function.
overlap_store() {
    OUT=$ROOT/build/bench/overlap/$1
    DB=$OUT/samanvay.db
    [ -f "$DB" ] && return 0
    say "building a store of $1 enterprises"
    rm -rf "$OUT"
    mkdir -p "$OUT"
    "$S" generate --enterprises "$1" --seed 1 --out "$OUT/gen" >/dev/null 2>&1
    "$S" init --db "$DB" 2>/dev/null
    "$S" ingest --db "$DB" udyam "$OUT/gen/udyam.csv" --quiet >/dev/null
    "$S" ingest --db "$DB" beneficiary "$OUT/gen/beneficiary.csv" --quiet >/dev/null
}
