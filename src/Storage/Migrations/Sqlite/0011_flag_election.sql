-- The election a flag was raised in: the phase on the post's day (before_candidates_set, candidates_set, campaign,
-- quiet, voting_day, after_vote; 'none' outside every contest) and the contests with their phases
-- ("pilpres-2024:campaign,pemilu-2024:campaign"). The calendar lives in the contest files, not in SQL, so the worker
-- records both after a flag is created; NULL means not recorded yet, which is also how existing flags start.
ALTER TABLE flags ADD COLUMN election_phase TEXT;
ALTER TABLE flags ADD COLUMN election_contests TEXT;
CREATE INDEX ix_flags_election_unrecorded ON flags (id) WHERE election_phase IS NULL;
