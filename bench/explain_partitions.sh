#!/usr/bin/env bash
# bench/explain_partitions.sh: the query plans behind docs/scaling.md's
# "Partitioning by state" for `application` and `audit_log` (issue 10).
# Not part of `make check` or `make bench`; run it by hand.
#
# It starts a throwaway PostgreSQL server (scripts/pg-temp), makes a store
# with `samanvay init`, loads EXPLAIN_ENTERPRISES generated enterprises
# (`samanvay generate`, then `samanvay ingest udyam`), and then makes the
# portal's rows in SQL, because the generator writes feeds, not the portal's
# own tables: a bundle per enterprise, APPS_PER enterprise applications
# across schemes and application states, three events per application, and
# AUDIT_ROWS audit rows spread over 2025-2026 by 50 officers. Each
# partitioned table gets an unpartitioned twin (`application_flat`,
# `audit_flat`: same columns, keys and indexes) holding the same rows.
#
# Each query is the store's own SQL text, prepared with a generic plan
# (plan_cache_mode = force_generic_plan) because the store prepares its
# statements once per connection and PostgreSQL switches to the generic
# plan after five runs. It runs RUNS times on each table; the table printed
# on stdout gives the fastest "Execution Time" of each and their ratio.
# The plans go to build/bench/explain/*.plan.
#
#   bench/explain_partitions.sh   SAMANVAY (./samanvay), EXPLAIN_ENTERPRISES (20000),
#                                 APPS_PER (10), AUDIT_ROWS (1000000), RUNS (7)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
S=${SAMANVAY:-$ROOT/samanvay}
N=${EXPLAIN_ENTERPRISES:-20000}
APPS_PER=${APPS_PER:-10}
AUDIT_ROWS=${AUDIT_ROWS:-1000000}
RUNS=${RUNS:-7}
OUT=$ROOT/build/bench/explain
PG_DIR=$OUT/pg
DBNAME=explain

for v in "$N" "$APPS_PER" "$AUDIT_ROWS" "$RUNS"; do
    case "$v" in '' | *[!0-9]*) echo "bench/explain_partitions.sh: the sizes must be numbers" >&2; exit 2 ;; esac
done
[ -x "$S" ] || { echo "bench/explain_partitions.sh: no binary at $S (run make)" >&2; exit 1; }
command -v psql >/dev/null || { echo "bench/explain_partitions.sh: psql is missing (apt-get install postgresql)" >&2; exit 1; }

say() { echo "bench/explain_partitions.sh: $*" >&2; }

rm -rf "$OUT"
mkdir -p "$OUT"
eval "$("$ROOT/scripts/pg-temp" start "$PG_DIR" fast)"
trap '"$ROOT/scripts/pg-temp" stop "$PG_DIR" >/dev/null 2>&1 || true' EXIT
psql -X -q -d postgres -c "CREATE DATABASE $DBNAME"
DB=postgresql:///$DBNAME
q() { psql -X -q -v ON_ERROR_STOP=1 -d "$DBNAME" "$@"; }

say "init, generate $N enterprises, ingest udyam"
"$S" init --db "$DB" >/dev/null
"$S" generate --enterprises "$N" --seed 1 --out "$OUT/gen" >/dev/null
"$S" ingest --db "$DB" udyam "$OUT/gen/udyam.csv" --quiet >/dev/null

say "portal rows: $APPS_PER applications an enterprise, $AUDIT_ROWS audit rows"
q -v apps_per="$APPS_PER" -v audit_rows="$AUDIT_ROWS" <<'SQL'
INSERT INTO app_user(username, password_hash, role, state, district, created_at)
SELECT 'officer' || g, 'x', 'officer', '27', NULL, '2025-01-01T00:00:00Z' FROM generate_series(1, 50) g;
INSERT INTO bundle(enterprise_id, user_id, answers, created_at)
SELECT id, (SELECT MIN(id) FROM app_user), '{}', '2025-01-01T00:00:00Z' FROM enterprise;
INSERT INTO application(bundle_id, enterprise_id, scheme_id, state, gst_state, district, sla_days,
                        eligibility, benefit_paise, created_on, updated_at)
SELECT b.id, e.id, 'scheme' || k,
       (ARRAY['submitted', 'under_review', 'returned', 'resubmitted', 'sanctioned', 'disbursed',
              'rejected', 'withdrawn'])[1 + (e.id + k) % 8],
       lpad(e.state, 2, '0'), e.district, 30, 'eligible', 100000,
       to_char(DATE '2025-01-01' + ((e.id * 7 + k) % 700)::int, 'YYYY-MM-DD'), '2026-12-01T00:00:00Z'
FROM enterprise e JOIN bundle b ON b.enterprise_id = e.id CROSS JOIN generate_series(1, :apps_per) k;
INSERT INTO application_event(application_id, application_gst_state, action, from_state, to_state,
                              user_id, role, on_date, at)
SELECT a.id, a.gst_state, 'step' || k, NULL, a.state, (SELECT MIN(id) FROM app_user), 'officer',
       a.created_on, '2026-01-01T00:00:00Z'
FROM application a CROSS JOIN generate_series(1, 3) k;
INSERT INTO audit_log(at, user_id, username, role, action, enterprise_id, route, reason, prev_hash, hash)
SELECT to_char(TIMESTAMP '2025-01-01' + (g * (730.0 * 86400 / :audit_rows)) * INTERVAL '1 second',
               'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       u.id, u.username, 'officer', 'enterprise.read', 1 + g % (SELECT MAX(id) FROM enterprise),
       'GET /api/v1/enterprises/{id}', CASE WHEN g % 5 = 0 THEN 'grievance 12' ELSE 'worklist' END,
       md5(g::text), md5((g + 1)::text)
FROM generate_series(1, :audit_rows) g
JOIN app_user u ON u.username = 'officer' || (1 + g % 50);

CREATE TABLE application_flat (LIKE application INCLUDING DEFAULTS INCLUDING INDEXES);
INSERT INTO application_flat SELECT * FROM application;
CREATE TABLE audit_flat (LIKE audit_log INCLUDING DEFAULTS INCLUDING INDEXES);
INSERT INTO audit_flat SELECT * FROM audit_log;
VACUUM ANALYZE;
SQL

# A state with many applications, one of its districts, an application of
# that state, an enterprise, an officer and the hour before the last audit row.
read -r STATE DISTRICT < <(q -At -F ' ' -c "SELECT gst_state, replace(district, ' ', '_') FROM application
    WHERE district IS NOT NULL GROUP BY 1, 2 ORDER BY COUNT(*) DESC LIMIT 1")
DISTRICT=${DISTRICT//_/ }
APP_ID=$(q -At -c "SELECT MAX(id) FROM application WHERE gst_state = '$STATE'")
APP_ENT=$(q -At -c "SELECT enterprise_id FROM application WHERE id = $APP_ID")
ENT=$(q -At -c "SELECT enterprise_id FROM audit_log ORDER BY id DESC LIMIT 1")
USER_ID=$(q -At -c "SELECT user_id FROM audit_log ORDER BY id DESC LIMIT 1")
SINCE=$(q -At -c "SELECT to_char(MAX(at)::timestamp - INTERVAL '1 hour', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM audit_log")
say "state $STATE, district $DISTRICT, application $APP_ID, enterprise $ENT, user $USER_ID"

# explain NAME TYPES ARGS SQL: the fastest execution of RUNS on each table;
# the SQL names the table as TBL, replaced by the partitioned or flat one.
explain() {
    local name=$1 types=${2:+($2)} args=${3:+($3)} sql=$4 which table best ms
    printf '| %s |' "$name"
    for which in part flat; do
        table=$sql
        if [ "$which" = flat ]; then
            table=${table//application_TBL/application_flat}
            table=${table//audit_TBL/audit_flat}
        else
            table=${table//application_TBL/application}
            table=${table//audit_TBL/audit_log}
        fi
        best=
        for _ in $(seq "$RUNS"); do
            ms=$(q -At <<EOF | tee "$OUT/$name.$which.plan" | sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p'
SET plan_cache_mode = force_generic_plan;
PREPARE p$types AS $table;
EXPLAIN (ANALYZE, COSTS OFF) EXECUTE p$args;
EOF
)
            [ -n "$ms" ] || { say "no plan for $name ($which): see $OUT/$name.$which.plan"; exit 1; }
            best=$(awk -v a="$best" -v b="$ms" 'BEGIN { print (a == "" || b < a) ? b : a }')
        done
        printf ' %s ms |' "$best"
        eval "${which}_ms=$best"
    done
    # shellcheck disable=SC2154 # set by the eval above
    awk -v a="$part_ms" -v b="$flat_ms" 'BEGIN { printf " %.2f |\n", a / b }'
}

ROWS_APP=$(q -At -c "SELECT COUNT(*) FROM application")
ROWS_AUDIT=$(q -At -c "SELECT COUNT(*) FROM audit_log")
echo "Plans of the portal's queries, $ROWS_APP applications and $ROWS_AUDIT audit rows over 41 state / 18 year partitions"
echo "against unpartitioned twins; fastest of $RUNS runs, generic plans ($(date -u +%Y-%m-%d), $(nproc) cores)."
echo
echo "| query | partitioned | unpartitioned | ratio |"
echo "|---|---:|---:|---:|"
WAITING="'submitted', 'under_review', 'resubmitted', 'sanctioned'"
explain worklist_district "text, text, text, text, bigint, text, text" \
    "$WAITING, 1000, '$STATE', '$DISTRICT'" \
    "SELECT a.id, a.sla_days, ev.to_state, ev.on_date FROM
     (SELECT id, sla_days FROM application_TBL WHERE state IN (\$1, \$2, \$3, \$4)
      AND gst_state = \$6 AND lower(district) = lower(\$7) ORDER BY id LIMIT \$5) a
     JOIN application_event ev ON ev.application_id = a.id ORDER BY a.id, ev.id"
explain worklist_district_read_twice "text, text, text, text, bigint, text, text" \
    "$WAITING, 1000, '$STATE', '$DISTRICT'" \
    "SELECT a.id, a.sla_days, ev.to_state, ev.on_date FROM application_TBL a
     JOIN application_event ev ON ev.application_id = a.id WHERE a.id IN
     (SELECT id FROM application_TBL WHERE state IN (\$1, \$2, \$3, \$4)
      AND gst_state = \$6 AND lower(district) = lower(\$7) ORDER BY id LIMIT \$5) ORDER BY a.id, ev.id"
explain applications_of_enterprise "bigint, bigint" "$APP_ENT, 50" \
    "SELECT a.id, a.bundle_id, a.enterprise_id, a.scheme_id, a.state, a.gst_state, a.district,
     a.sla_days, a.eligibility, a.benefit_paise, a.created_on, a.updated_at, e.name
     FROM application_TBL a JOIN enterprise e ON e.id = a.enterprise_id
     WHERE a.enterprise_id = \$1 ORDER BY a.id DESC LIMIT \$2"
explain application_by_id "bigint" "$APP_ID" \
    "SELECT enterprise_id, gst_state, COALESCE(district, '') FROM application_TBL WHERE id = \$1"
explain application_by_key "bigint, text" "$APP_ID, '$STATE'" \
    "SELECT enterprise_id, gst_state, COALESCE(district, '') FROM application_TBL
     WHERE id = \$1 AND gst_state = \$2"
explain audit_last_hash "" "" \
    "SELECT hash FROM audit_TBL ORDER BY id DESC LIMIT 1"
explain audit_reason_hold "bigint, bigint, text" "$USER_ID, $ENT, '$SINCE'" \
    "SELECT reason FROM audit_TBL WHERE user_id = \$1 AND enterprise_id = \$2 AND at >= \$3
     AND reason NOT IN ('worklist', 'api read', 'portal page') ORDER BY id DESC LIMIT 1"
explain audit_of_enterprise "bigint, bigint" "$ENT, 50" \
    "SELECT at, username, role, action, route, reason FROM audit_TBL
     WHERE enterprise_id = \$1 AND role <> 'entrepreneur' ORDER BY id DESC LIMIT \$2"
