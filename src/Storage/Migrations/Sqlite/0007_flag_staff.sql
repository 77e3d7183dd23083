-- The employee's case file and the queue's repeat-case count ask for every flag of one person. The staff member is
-- copied onto the flag when it is created (as agency and platform are), so both read an index of the flags table.
ALTER TABLE flags ADD COLUMN staff_id INTEGER REFERENCES staff (id);
UPDATE flags SET staff_id = (SELECT a.staff_id FROM posts p JOIN accounts a ON a.id = p.account_id WHERE p.id = flags.post_id);
CREATE INDEX ix_flags_staff ON flags (staff_id, agency_id, created_at);
