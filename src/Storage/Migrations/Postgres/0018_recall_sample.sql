-- As Migrations/Sqlite/0018_recall_sample.sql: recall-sample rows in the queue (stratum and the weight of each sample);
-- NULL stratum = a flag the classifier raised.
ALTER TABLE flags ADD COLUMN recall_stratum TEXT CHECK (recall_stratum IN ('near', 'random'));
ALTER TABLE flags ADD COLUMN recall_weight DOUBLE PRECISION;
CREATE INDEX ix_flags_recall ON flags (created_at) WHERE recall_stratum IS NOT NULL;
