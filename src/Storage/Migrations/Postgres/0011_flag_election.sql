-- As Migrations/Sqlite/0011_flag_election.sql: the phase and contests a flag was raised in, recorded by the worker
-- from the contest files; NULL until recorded.
ALTER TABLE flags ADD COLUMN election_phase TEXT;
ALTER TABLE flags ADD COLUMN election_contests TEXT;
CREATE INDEX ix_flags_election_unrecorded ON flags (id) WHERE election_phase IS NULL;
