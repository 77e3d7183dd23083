-- The last poll error kept as a template and its arguments as well as in English (last_error), so the console shows
-- it in the reader's language. Null for errors recorded before this column: the English text is shown then.
ALTER TABLE accounts ADD COLUMN last_error_template TEXT;
ALTER TABLE accounts ADD COLUMN last_error_arguments TEXT;
