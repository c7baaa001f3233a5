-- 0010_skilling_links: a training record that names no Udyam number is
-- linked to the enterprise of its trainee by the record linker (issue 5),
-- and keeps how, as beneficiary rows do (0009): method udyam |
-- probabilistic | none (NULL: not tried yet), and for the linker its
-- weight, probability and explanation (JSON, each field's level and weight).
ALTER TABLE skilling_record ADD COLUMN link_method TEXT;
ALTER TABLE skilling_record ADD COLUMN link_weight DOUBLE PRECISION;
ALTER TABLE skilling_record ADD COLUMN link_probability DOUBLE PRECISION;
ALTER TABLE skilling_record ADD COLUMN link_explanation TEXT;
UPDATE skilling_record SET link_method = 'udyam' WHERE enterprise_id IS NOT NULL;
