-- The queue can be sorted by when the post was written as well as by when it was flagged. The post's creation time
-- is copied onto its flag (as agency and platform are), so that sort walks an index of the flags table alone.
ALTER TABLE flags ADD COLUMN post_created_at INTEGER;
UPDATE flags SET post_created_at = (SELECT p.created_at FROM posts p WHERE p.id = flags.post_id);
CREATE INDEX ix_flags_queue_by_post_time ON flags (post_created_at, status, agency_id, label, platform, score, assignee_user_id);
