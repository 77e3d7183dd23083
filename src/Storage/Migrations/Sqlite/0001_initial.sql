-- SocialWatch schema, version 1 (SQLite).
-- Conventions: times are INTEGER milliseconds since the Unix epoch, UTC; enums are lower-case text codes;
-- lists and maps (hashtags, mentions, media, scores, signals) are JSON text.

-- Registry ---------------------------------------------------------------------------------------------

CREATE TABLE agencies (
    id   INTEGER PRIMARY KEY,
    code TEXT NOT NULL COLLATE NOCASE UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE staff (
    id        INTEGER PRIMARY KEY,
    nip       TEXT NOT NULL UNIQUE CHECK (length(nip) = 18 AND nip NOT GLOB '*[^0-9]*'),
    name      TEXT NOT NULL,
    position  TEXT,
    agency_id INTEGER NOT NULL REFERENCES agencies (id)
);
CREATE INDEX ix_staff_agency ON staff (agency_id);

CREATE TABLE accounts (
    id                   INTEGER PRIMARY KEY,
    platform             TEXT NOT NULL,
    handle               TEXT NOT NULL COLLATE NOCASE,
    platform_account_id  TEXT,
    staff_id             INTEGER NOT NULL REFERENCES staff (id),
    status               TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled', 'needs_attention')),
    status_reason        TEXT,
    cursor               TEXT,
    last_polled_at       INTEGER,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    last_error           TEXT,
    UNIQUE (platform, handle)
);
CREATE INDEX ix_accounts_staff ON accounts (staff_id);
-- The scheduler asks for the active accounts of one platform, least recently polled first.
CREATE INDEX ix_accounts_due ON accounts (platform, status, last_polled_at);

-- Posts ------------------------------------------------------------------------------------------------

-- One row per platform post; its content lives in post_versions (an edit adds a version, old ones stay).
CREATE TABLE posts (
    id               INTEGER PRIMARY KEY,
    account_id       INTEGER NOT NULL REFERENCES accounts (id),
    platform         TEXT NOT NULL,
    platform_post_id TEXT NOT NULL,
    current_version  INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    fetched_at       INTEGER NOT NULL,
    deleted_at       INTEGER,
    purged_at        INTEGER,
    UNIQUE (platform, platform_post_id)
);
CREATE INDEX ix_posts_account_created ON posts (account_id, created_at);
-- Retention looks only at posts not purged yet.
CREATE INDEX ix_posts_unpurged_fetched ON posts (fetched_at) WHERE purged_at IS NULL;

CREATE TABLE post_versions (
    post_id            INTEGER NOT NULL REFERENCES posts (id),
    version            INTEGER NOT NULL,
    fetched_at         INTEGER NOT NULL,
    edited_at          INTEGER,
    text               TEXT,
    language           TEXT,
    url                TEXT,
    is_repost          INTEGER NOT NULL,
    is_quote           INTEGER NOT NULL,
    reply_to_post_id   TEXT,
    shared_text        TEXT,
    hashtags           TEXT NOT NULL,
    mentions           TEXT NOT NULL,
    media_descriptions TEXT NOT NULL,
    media_urls         TEXT NOT NULL,
    raw_payload        TEXT,
    raw_sha256         TEXT NOT NULL,
    PRIMARY KEY (post_id, version)
);

-- Payloads a connector could not map, kept with the reason so nothing is lost silently.
CREATE TABLE quarantine (
    id             INTEGER PRIMARY KEY,
    platform       TEXT NOT NULL,
    account_id     INTEGER REFERENCES accounts (id),
    raw_payload    TEXT NOT NULL,
    reason         TEXT NOT NULL,
    quarantined_at INTEGER NOT NULL
);

-- Classification and review ----------------------------------------------------------------------------

CREATE TABLE classifications (
    id            INTEGER PRIMARY KEY,
    post_id       INTEGER NOT NULL REFERENCES posts (id),
    post_version  INTEGER NOT NULL,
    model_version TEXT NOT NULL,
    label         TEXT NOT NULL,
    scores        TEXT NOT NULL,
    signals       TEXT NOT NULL,
    classified_at INTEGER NOT NULL,
    UNIQUE (post_id, post_version, model_version)
);

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    user_name       TEXT NOT NULL COLLATE NOCASE UNIQUE,
    display_name    TEXT NOT NULL,
    email           TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'officer', 'auditor')),
    password_hash   TEXT NOT NULL,
    is_active       INTEGER NOT NULL DEFAULT 1,
    failed_sign_ins INTEGER NOT NULL DEFAULT 0,
    locked_until    INTEGER,
    created_at      INTEGER NOT NULL
);

-- The agencies an officer reviews (officers see only their agencies' flags).
CREATE TABLE user_agencies (
    user_id   INTEGER NOT NULL REFERENCES users (id),
    agency_id INTEGER NOT NULL REFERENCES agencies (id),
    PRIMARY KEY (user_id, agency_id)
) WITHOUT ROWID;

-- One flag per post. agency_id and platform are copied from the post's account and staff member when the
-- flag is created, so the queue filters, counts and sorts on this table alone and joins only the rows of a page.
CREATE TABLE flags (
    id                INTEGER PRIMARY KEY,
    post_id           INTEGER NOT NULL UNIQUE REFERENCES posts (id),
    classification_id INTEGER NOT NULL REFERENCES classifications (id),
    label             TEXT NOT NULL,
    score             REAL NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('open', 'in_review', 'confirmed', 'dismissed', 'escalated')),
    assignee_user_id  INTEGER REFERENCES users (id),
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    agency_id         INTEGER NOT NULL REFERENCES agencies (id),
    platform          TEXT NOT NULL
);
-- Queue: officers filter by their agencies and status, newest first; admins by status only; "highest score" sorts by score.
CREATE INDEX ix_flags_agency_status_created ON flags (agency_id, status, created_at);
CREATE INDEX ix_flags_status_created ON flags (status, created_at);
CREATE INDEX ix_flags_created ON flags (created_at);
CREATE INDEX ix_flags_score ON flags (score);
CREATE INDEX ix_flags_assignee ON flags (assignee_user_id) WHERE assignee_user_id IS NOT NULL;

CREATE TABLE review_decisions (
    id         INTEGER PRIMARY KEY,
    flag_id    INTEGER NOT NULL REFERENCES flags (id),
    user_id    INTEGER NOT NULL REFERENCES users (id),
    decided_at INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('confirm', 'dismiss', 'escalate', 'note', 'assign')),
    category   TEXT,
    reason     TEXT
);
CREATE INDEX ix_review_decisions_flag ON review_decisions (flag_id, id);

CREATE TRIGGER review_decisions_append_only_update BEFORE UPDATE ON review_decisions
BEGIN SELECT RAISE(ABORT, 'review decisions are append-only'); END;
CREATE TRIGGER review_decisions_append_only_delete BEFORE DELETE ON review_decisions
BEGIN SELECT RAISE(ABORT, 'review decisions are append-only'); END;

-- Audit, mail, job state -------------------------------------------------------------------------------

CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at      INTEGER NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    subject TEXT,
    details TEXT
);
CREATE INDEX ix_audit_log_at ON audit_log (at);
CREATE INDEX ix_audit_log_actor_at ON audit_log (actor, at);

CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    key             TEXT NOT NULL UNIQUE,
    to_address      TEXT NOT NULL,
    subject         TEXT NOT NULL,
    html_body       TEXT NOT NULL,
    text_body       TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,
    last_error      TEXT
);
CREATE INDEX ix_outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL;

CREATE TABLE job_state (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at INTEGER NOT NULL
) WITHOUT ROWID;
