-- Review-queue indexes sized for 1,000,000 posts and 50,000 flags (docs/bench/foundation.md).
-- A queue page walks the index that is already in the requested order (time or score) and tests every filter on
-- the index entry itself, so neither a rare filter (scan without table reads) nor a common one (stop after one
-- page) has to read and sort a whole status range. The time index also covers the dashboard's per-day counts.
DROP INDEX ix_flags_created;
DROP INDEX ix_flags_score;
CREATE INDEX ix_flags_queue_by_time ON flags (created_at, status, agency_id, label, platform, score, assignee_user_id);
CREATE INDEX ix_flags_queue_by_score ON flags (score, status, agency_id, label, platform, created_at, assignee_user_id);
