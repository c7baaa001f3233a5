-- 0015_stress_linear: the stress model is a linear part plus trees that
-- learn what the linear part misses (docs/stress-model.md, "Linear plus
-- trees"). The linear part is kept as JSON beside the booster; NULL for a
-- model trained before this migration (trees alone).
ALTER TABLE stress_model ADD COLUMN linear TEXT;
