-- 0011_payment_claim_msmed: what the MSMED Act ss.15-16 engine
-- (src/calendar/msmed.c) needs to compute a claim's interest, and the
-- claim's referral to the Micro and Small Enterprise Facilitation Council
-- (s.18) as a grievance. Rows of 0003 stay valid: a NULL invoice_date is
-- read as the acceptance date, a NULL agreed_days as "nothing agreed in
-- writing" (15 days, s.2(b)); buyer ids and state are optional.
ALTER TABLE payment_claim ADD COLUMN invoice_date TEXT;
ALTER TABLE payment_claim ADD COLUMN agreed_days INTEGER
    CHECK (agreed_days IS NULL OR (agreed_days >= 0 AND agreed_days <= 3650));
ALTER TABLE payment_claim ADD COLUMN buyer_pan TEXT;      -- core/ident.c checked, or NULL
ALTER TABLE payment_claim ADD COLUMN buyer_gstin TEXT;    -- core/ident.c checked, or NULL
ALTER TABLE payment_claim ADD COLUMN buyer_state TEXT;    -- GST state code '27', or NULL

-- Part payments received against a claim (applied interest first, msmed.c).
CREATE TABLE payment_claim_receipt (
    id {{AUTO_ID}},
    claim_id BIGINT NOT NULL REFERENCES payment_claim(id),
    received_on TEXT NOT NULL,
    amount_paise BIGINT NOT NULL,
    CHECK (amount_paise > 0)
);
CREATE INDEX payment_claim_receipt_claim ON payment_claim_receipt(claim_id, received_on);

-- A claim goes to the Council once: the second referral is refused by the
-- page, and this index refuses it even when two requests race.
CREATE UNIQUE INDEX grievance_msefc_claim ON grievance(payment_claim_id)
    WHERE category = 'msefc';
