-- 0008_golden: the golden record (issue 5). An officer's correction of a
-- field is a profile_fact with source 'officer'; `note` keeps the reason
-- the officer gave, beside the author (user_id) and the time (at).
ALTER TABLE profile_fact ADD COLUMN note TEXT;
