-- bench/bench_eligible.sql: the baseline of bench_eligible, written as a
-- plain SQL query over the same store (SQLite or PostgreSQL; it is run
-- as it stands on either). It computes, for every enterprise, the status
-- of three schemes under the same criteria as the rules engine's batch
-- run, and counts them; bench_eligible refuses to report unless both
-- sides give the same counts.
--
-- Three-valued through NULL, as the engine is:
--   class   micro/small/medium by the 2025 limits on investment and on
--           turnover net of exports; unknown without investment or
--           turnover (an enterprise only the GST feed has seen). With
--           exports unknown the class must agree at both extremes
--           (exports 0 and exports = all of the turnover), else it is
--           unknown.
--   cgtmse  eligible for micro and small, ineligible above, unknown
--           when the class is.
--   pmmy    ineligible for companies, unknown without a constitution.
--   samadhaan ineligible above small or without a Udyam number,
--           unknown when the class is.
-- Need: the batch run fixes it at working capital of ₹10 lakh, within
-- the three schemes' limits, so no line below tests it.
WITH k AS (SELECT udyam, constitution, investment_paise IS NOT NULL AND turnover_paise IS NOT NULL AS known,
  CASE WHEN investment_paise <= 2500000000 AND t_lo <= 10000000000 THEN 'micro'
       WHEN investment_paise <= 25000000000 AND t_lo <= 100000000000 THEN 'small'
       WHEN investment_paise <= 125000000000 AND t_lo <= 500000000000 THEN 'medium' ELSE 'large' END AS c_lo,
  CASE WHEN investment_paise <= 2500000000 AND t_hi <= 10000000000 THEN 'micro'
       WHEN investment_paise <= 25000000000 AND t_hi <= 100000000000 THEN 'small'
       WHEN investment_paise <= 125000000000 AND t_hi <= 500000000000 THEN 'medium' ELSE 'large' END AS c_hi
  FROM (SELECT udyam, constitution, investment_paise, turnover_paise,
               turnover_paise - COALESCE(exports_paise, 0) AS t_lo,
               CASE WHEN exports_paise IS NULL THEN 0 ELSE turnover_paise - exports_paise END AS t_hi
        FROM enterprise) AS e),
c AS (SELECT udyam, constitution, CASE WHEN known AND c_lo = c_hi THEN c_lo END AS class FROM k),
s AS (SELECT
  CASE WHEN class IS NULL THEN 'unknown' WHEN class IN ('micro', 'small') THEN 'eligible' ELSE 'ineligible' END AS cgtmse,
  CASE WHEN constitution IN ('private_company', 'public_company') THEN 'ineligible'
       WHEN constitution IS NULL THEN 'unknown' ELSE 'eligible' END AS pmmy,
  CASE WHEN class IS NOT NULL AND class NOT IN ('micro', 'small') THEN 'ineligible'
       WHEN udyam IS NULL THEN 'ineligible' WHEN class IS NULL THEN 'unknown' ELSE 'eligible' END AS samadhaan
  FROM c)
SELECT 0, cgtmse, COUNT(*) FROM s GROUP BY cgtmse UNION ALL
SELECT 1, pmmy, COUNT(*) FROM s GROUP BY pmmy UNION ALL
SELECT 2, samadhaan, COUNT(*) FROM s GROUP BY samadhaan
