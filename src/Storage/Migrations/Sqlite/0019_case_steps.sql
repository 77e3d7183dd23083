-- The steps of a case after a flag is confirmed (docs/console.md, "Clarification and outcome"): the clarification
-- letter, the employee's response, forwarding to the PPK or BKN, the outcome. A case is one person (staff_id); the
-- agency is the person's when the step was recorded, for the officer's scope. step_date is the calendar day the
-- officer wrote on the letter ('yyyy-MM-dd'), not an instant, so it is text; recorded_at is when it was entered.
-- Append-only like review_decisions: a mistake is corrected by recording the step again.
CREATE TABLE case_steps (
    id          INTEGER PRIMARY KEY,
    staff_id    INTEGER NOT NULL REFERENCES staff (id),
    agency_id   INTEGER NOT NULL REFERENCES agencies (id),
    kind        TEXT NOT NULL CHECK (kind IN ('clarification_requested', 'response_received', 'forwarded', 'outcome')),
    step_date   TEXT NOT NULL,
    reference   TEXT,
    text        TEXT,
    recipient   TEXT CHECK (recipient IN ('ppk', 'bkn')),
    outcome     TEXT CHECK (outcome IN ('no_violation', 'violation_forwarded', 'closed')),
    user_id     INTEGER NOT NULL REFERENCES users (id),
    recorded_at INTEGER NOT NULL
);
CREATE INDEX ix_case_steps_staff ON case_steps (staff_id, id);
CREATE INDEX ix_case_steps_agency ON case_steps (agency_id, staff_id);
-- The dashboard's "to clarify" stage looks for people with a confirmed flag.
CREATE INDEX ix_flags_confirmed_staff ON flags (staff_id) WHERE status = 'confirmed';

CREATE TRIGGER case_steps_append_only_update BEFORE UPDATE ON case_steps
BEGIN SELECT RAISE(ABORT, 'case steps are append-only'); END;
CREATE TRIGGER case_steps_append_only_delete BEFORE DELETE ON case_steps
BEGIN SELECT RAISE(ABORT, 'case steps are append-only'); END;
