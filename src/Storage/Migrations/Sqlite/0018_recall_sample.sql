-- The daily recall sample (docs/learning.md): unflagged posts sent to the queue as "periksa: mungkin terlewat". They are
-- flags rows so that officers review them like any other, marked by recall_stratum ('near': scored at least half a
-- flag threshold; 'random': the rest) and carrying recall_weight, how many unflagged posts of that day and stratum
-- each one stands for. NULL stratum = a flag the classifier raised. A sample counts against nobody unless confirmed.
ALTER TABLE flags ADD COLUMN recall_stratum TEXT CHECK (recall_stratum IN ('near', 'random'));
ALTER TABLE flags ADD COLUMN recall_weight REAL;
CREATE INDEX ix_flags_recall ON flags (created_at) WHERE recall_stratum IS NOT NULL;
