-- Review-queue indexes, as Migrations/Sqlite/0002_queue_indexes.sql: one index per sort order holding every filter
-- column, so a page walks entries in order and tests filters without reading table rows.
DROP INDEX ix_flags_created;
DROP INDEX ix_flags_score;
CREATE INDEX ix_flags_queue_by_time ON flags (created_at, status, agency_id, label, platform, score, assignee_user_id);
CREATE INDEX ix_flags_queue_by_score ON flags (score, status, agency_id, label, platform, created_at, assignee_user_id);
