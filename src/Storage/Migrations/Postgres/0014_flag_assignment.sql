-- As Migrations/Sqlite/0014_flag_assignment.sql: an assignment names its assignee (NULL: unassigned); earlier
-- assignments were all "assign to me", filled in with the trigger lifted for that one statement.
ALTER TABLE review_decisions ADD COLUMN assignee_user_id BIGINT REFERENCES users (id);
ALTER TABLE review_decisions DISABLE TRIGGER review_decisions_append_only;
UPDATE review_decisions SET assignee_user_id = user_id WHERE kind = 'assign';
ALTER TABLE review_decisions ENABLE TRIGGER review_decisions_append_only;
