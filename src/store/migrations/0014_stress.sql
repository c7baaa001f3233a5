-- 0014_stress: the stress early-warning model and its scores (issue 7).
-- A trained model is kept whole (the booster's own serialisation, its
-- calibration and its backtest) so that a score can always be traced to the
-- model that made it. A score is a calibrated probability that the
-- enterprise's credit becomes NPA (DPD > 90) within 12 months of `month`.
CREATE TABLE stress_model (
    id {{AUTO_ID}},
    trained_at TEXT NOT NULL,
    train_from TEXT NOT NULL,      -- first scoring month of the training panel, 'YYYY-MM'
    train_to TEXT NOT NULL,        -- last scoring month of the training panel
    features TEXT NOT NULL,        -- JSON array of feature names, in model column order
    booster {{BLOB}} NOT NULL,     -- the libxgboost model (UBJSON)
    calibration TEXT NOT NULL,     -- JSON: the map from raw margin to probability
    backtest TEXT                  -- JSON: `stress backtest --json` of this model, when run
);

-- One row per enterprise and scoring month; `reasons` is a JSON array of up
-- to three {"code", "value", "since", "contribution"} in falling order of
-- TreeSHAP contribution. Words are made at display time, in the reader's
-- language, from the code and value.
CREATE TABLE stress_score (
    enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
    month TEXT NOT NULL,           -- 'YYYY-MM': the last month of data the score used
    model_id BIGINT NOT NULL REFERENCES stress_model(id),
    probability DOUBLE PRECISION NOT NULL,
    reasons TEXT NOT NULL,
    PRIMARY KEY (enterprise_id, month)
);
CREATE INDEX stress_score_month ON stress_score(month, probability);
