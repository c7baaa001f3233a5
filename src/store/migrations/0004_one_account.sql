-- 0004_one_account: an enterprise has at most one entrepreneur's account.
-- Registration and claim approval check this in code; the index makes it
-- hold even for two registrations at the same moment (the second fails).
CREATE UNIQUE INDEX app_user_enterprise ON app_user(enterprise_id) WHERE enterprise_id IS NOT NULL;
