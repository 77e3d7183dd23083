-- Learning from decisions (docs/learning.md). A confirmation or dismissal carries the label the officer chose: on a
-- confirmation the flag label (endorse, oppose, campaign; the classifier's may be corrected), on a dismissal civic or
-- other. NULL on older decisions and on escalations, notes and assignments.
ALTER TABLE review_decisions ADD COLUMN label TEXT CHECK (label IN ('endorse', 'oppose', 'campaign', 'civic', 'other'));

-- Every model the service has used or considered: the shipped one (recorded when first replaced), each retrained
-- candidate whether promoted or not, with its data counts and metrics. The active model is the one activated last;
-- no row activated means Classifier:ModelPath.
CREATE TABLE models (
    id             INTEGER PRIMARY KEY,
    version        TEXT NOT NULL,
    file_path      TEXT NOT NULL,
    trained_at     INTEGER NOT NULL,
    origin         TEXT NOT NULL CHECK (origin IN ('shipped', 'retrained')),
    training_rows  INTEGER NOT NULL,
    decision_rows  INTEGER NOT NULL,
    heldback_rows  INTEGER NOT NULL,
    metrics        TEXT NOT NULL,
    promoted       INTEGER NOT NULL,
    reason         TEXT NOT NULL,
    activated_at   INTEGER
);
CREATE INDEX ix_models_activated ON models (activated_at) WHERE activated_at IS NOT NULL;
