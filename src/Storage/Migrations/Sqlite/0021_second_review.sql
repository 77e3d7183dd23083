-- Two-person decisions (docs/console.md, "Reopen, second review, supervisors"): a flag can wait for a second
-- officer's agreement, decisions can reopen, agree or disagree, and users can be supervisors. Only the CHECK lists of
-- three columns widen; every stored value stays valid.
--
-- SQLite cannot alter a CHECK, and rebuilding users, flags and review_decisions is not possible here: foreign keys are
-- enforced and cannot be switched off inside the migration's transaction, so dropping a referenced table would cascade
-- or fail. The table definitions are edited in place instead, the procedure SQLite's ALTER TABLE documentation gives for
-- loosening constraints ("making other kinds of table schema changes"). Widening a CHECK needs no data rewrite.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql, 'CHECK (role IN (''admin'', ''officer'', ''auditor''))', 'CHECK (role IN (''admin'', ''officer'', ''auditor'', ''supervisor''))')
WHERE type = 'table' AND name = 'users';
UPDATE sqlite_schema
SET sql = replace(sql, 'CHECK (status IN (''open'', ''in_review'', ''confirmed'', ''dismissed'', ''escalated''))',
                       'CHECK (status IN (''open'', ''in_review'', ''confirmed'', ''dismissed'', ''escalated'', ''awaiting_second_review''))')
WHERE type = 'table' AND name = 'flags';
UPDATE sqlite_schema
SET sql = replace(sql, 'CHECK (kind IN (''confirm'', ''dismiss'', ''escalate'', ''note'', ''assign''))',
                       'CHECK (kind IN (''confirm'', ''dismiss'', ''escalate'', ''note'', ''assign'', ''reopen'', ''agree'', ''disagree''))')
WHERE type = 'table' AND name = 'review_decisions';
-- This connection re-reads the edited definitions.
PRAGMA writable_schema = RESET;
-- Other open (pooled) connections re-read the schema only when its version changes, which the edit above does not do
-- (PRAGMA schema_version takes only a literal); creating and dropping a table changes it.
CREATE TABLE schema_version_bump_0021 (x INTEGER);
DROP TABLE schema_version_bump_0021;
