-- As Migrations/Sqlite/0008_account_error_text.sql: the last poll error as a template and its arguments (a JSON array).
ALTER TABLE accounts ADD COLUMN last_error_template TEXT;
ALTER TABLE accounts ADD COLUMN last_error_arguments TEXT;
