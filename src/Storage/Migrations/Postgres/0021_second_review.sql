-- As Migrations/Sqlite/0021_second_review.sql: a flag can wait for a second officer's agreement, decisions can reopen,
-- agree or disagree, and users can be supervisors. Only the CHECK lists widen; every stored value stays valid.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'officer', 'auditor', 'supervisor'));
ALTER TABLE flags DROP CONSTRAINT flags_status_check;
ALTER TABLE flags ADD CONSTRAINT flags_status_check CHECK (status IN ('open', 'in_review', 'confirmed', 'dismissed', 'escalated', 'awaiting_second_review'));
ALTER TABLE review_decisions DROP CONSTRAINT review_decisions_kind_check;
ALTER TABLE review_decisions ADD CONSTRAINT review_decisions_kind_check CHECK (kind IN ('confirm', 'dismiss', 'escalate', 'note', 'assign', 'reopen', 'agree', 'disagree'));
