-- As Migrations/Sqlite/0007_flag_staff.sql: the staff member on the flag, for the case file and the repeat-case count.
ALTER TABLE flags ADD COLUMN staff_id BIGINT REFERENCES staff (id);
UPDATE flags SET staff_id = a.staff_id FROM posts p JOIN accounts a ON a.id = p.account_id WHERE p.id = flags.post_id;
CREATE INDEX ix_flags_staff ON flags (staff_id, agency_id, created_at);
