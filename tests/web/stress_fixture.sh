# stress_fixture.sh: the store the stress-view tests share (tests/web/stress.t,
# tests/browser/stress.t). Source it after tap.sh and web.sh, with S and T set;
# `stress_fixture DB` makes DB and prints TAP lines for its steps.
#
# Maharashtra (27): Pune 5 textiles + 7 trade; Nashik 4 food + 6 textiles +
# 9 trade; Nagpur 2 food + 3 textiles + 8 trade. Karnataka (29): Bengaluru
# Urban 3 textiles + 7 trade, Mysuru 5 textiles + 6 trade. Goa (30): North
# Goa 3 textiles, South Goa 5 textiles + 6 trade. NIC 13xxx textiles, 10xxx
# food, 47xxx trade.
stress_fixture() {
    local DB=$1
    "$S" init --db "$DB" 2>/dev/null
    ok $? "init a database"
    n=0
    unit() { # unit DISTRICT STATE LETTERS NIC COUNT NAME-PREFIX
        local i
        for i in $(seq 1 "$5"); do
            n=$((n + 1))
            printf 'UDYAM-%s-01-%07d,%s %s %d,Owner %d,,,proprietorship,general,male,N,2019-04-01,2021-02-10,manufacturing,%s,%s,%s,411001,urban,1000000,5000000,0,3,1,0\n' \
                "$3" "$n" "$6" "$1" "$i" "$n" "$4" "$2" "$1"
        done
}
{
    echo "udyam_number,enterprise_name,owner_name,pan,gstins,constitution,social_category,owner_gender,owner_disabled,commenced_on,registered_on,activity,nic_code,state_code,district,pincode,area,investment_rs,turnover_rs,exports_rs,employees_male,employees_female,employees_other"
    unit Pune 27 MH 13111 5 Textile
    unit Pune 27 MH 47110 7 Shop
    unit Nashik 27 MH 10712 4 Food
    unit Nashik 27 MH 13111 6 Textile
    unit Nashik 27 MH 47110 9 Shop
    unit Nagpur 27 MH 10712 2 Food
    unit Nagpur 27 MH 13111 3 Textile
    unit Nagpur 27 MH 47110 8 Shop
    unit "Bengaluru Urban" 29 KR 13111 3 Textile
    unit Mysuru 29 KR 13111 5 Textile
    unit Mysuru 29 KR 47110 6 Shop
    unit "Bengaluru Urban" 29 KR 47110 7 Shop
    unit "North Goa" 30 GA 13111 3 Textile
    unit "South Goa" 30 GA 13111 5 Textile
    unit "South Goa" 30 GA 47110 6 Shop
} >"$T/udyam.csv"
"$S" ingest --db "$DB" udyam "$T/udyam.csv" >/dev/null 2>&1
is "79 enterprises on file" "$(store_sql "$DB" "select count(*) from enterprise")" 79

# Scores: every enterprise 0.05 in 2026-01..03, then by hand. Pune's in
# stress, most likely first: Textile Pune 3 (0.81), Shop Pune 2 (0.64),
# Textile Pune 1 (0.40: in stress since 2026-02), Shop Pune 5 (0.25 exactly).
# Shop Pune 6 is at 0.249: not listed.
R_TURN='[{"code":"turnover_down","value":-0.38,"months":6,"since":"","contribution":0.9},{"code":"sma","value":1,"since":"2026-03","contribution":0.5},{"code":"returns_late","value":4,"since":"","contribution":0.2}]'
R_PAY='[{"code":"payments_delayed","value":2,"since":"","contribution":0.7}]'
# A one-byte blob, written as each backend writes a blob literal.
local booster="x'00'"
store_is_pg "$DB" && booster="'\\x00'"
local fixture
fixture=$(cat <<SQL
INSERT INTO stress_model(id, trained_at, train_from, train_to, features, booster, calibration)
  VALUES (1, '2026-04-01T00:00:00Z', '2024-01', '2025-06', '[]', $booster, '{}');
INSERT INTO stress_score(enterprise_id, month, model_id, probability, reasons)
  SELECT e.id, m.month, 1, 0.05, '[]' FROM enterprise e,
    (SELECT '2026-01' AS month UNION ALL SELECT '2026-02' UNION ALL SELECT '2026-03') m;
UPDATE stress_score SET probability = 0.81, reasons = '$R_TURN'
  WHERE month = '2026-03' AND enterprise_id = (SELECT id FROM enterprise WHERE name = 'Textile Pune 3');
UPDATE stress_score SET probability = 0.64, reasons = '$R_PAY'
  WHERE month = '2026-03' AND enterprise_id = (SELECT id FROM enterprise WHERE name = 'Shop Pune 2');
UPDATE stress_score SET probability = 0.40
  WHERE month IN ('2026-02', '2026-03') AND enterprise_id = (SELECT id FROM enterprise WHERE name = 'Textile Pune 1');
UPDATE stress_score SET probability = 0.10
  WHERE month = '2026-01' AND enterprise_id = (SELECT id FROM enterprise WHERE name = 'Textile Pune 1');
UPDATE stress_score SET probability = 0.25
  WHERE month = '2026-03' AND enterprise_id = (SELECT id FROM enterprise WHERE name = 'Shop Pune 5');
UPDATE stress_score SET probability = 0.249
  WHERE month = '2026-03' AND enterprise_id = (SELECT id FROM enterprise WHERE name = 'Shop Pune 6');
-- Nashik textiles: 3 of 6 in stress; Nashik trade: 1 of 9; Bengaluru: 2 of 3.
UPDATE stress_score SET probability = 0.5 WHERE month = '2026-03' AND enterprise_id IN
  (SELECT id FROM enterprise WHERE name IN ('Textile Nashik 1', 'Textile Nashik 2', 'Textile Nashik 3',
   'Shop Nashik 1', 'Textile Bengaluru Urban 1', 'Textile Bengaluru Urban 2'));
SQL
)
store_sql "$DB" "$fixture"
ok $? "scores written by hand"
}
