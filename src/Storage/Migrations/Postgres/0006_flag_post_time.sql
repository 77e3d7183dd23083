-- As Migrations/Sqlite/0006_flag_post_time.sql: the post's creation time on its flag, so the queue sorts by post
-- time walking an index of the flags table alone.
ALTER TABLE flags ADD COLUMN post_created_at BIGINT;
UPDATE flags SET post_created_at = p.created_at FROM posts p WHERE p.id = flags.post_id;
CREATE INDEX ix_flags_queue_by_post_time ON flags (post_created_at, status, agency_id, label, platform, score, assignee_user_id);
