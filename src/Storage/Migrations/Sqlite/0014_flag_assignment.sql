-- Team triage: an officer assigns a flag to another officer of the agency, or to nobody. An assignment stays one
-- 'assign' decision, which now names the assignee (NULL: unassigned). Every earlier assignment was "assign to me",
-- so its assignee is the deciding user; the append-only trigger is lifted for that one statement only, which fills
-- the new column from the row itself and changes no decision.
ALTER TABLE review_decisions ADD COLUMN assignee_user_id INTEGER REFERENCES users (id);
DROP TRIGGER review_decisions_append_only_update;
UPDATE review_decisions SET assignee_user_id = user_id WHERE kind = 'assign';
CREATE TRIGGER review_decisions_append_only_update BEFORE UPDATE ON review_decisions
BEGIN SELECT RAISE(ABORT, 'review decisions are append-only'); END;
