-- Per-user API tokens for scripts (Authorization: Bearer). Only the SHA-256 of a token is stored: the token itself
-- is shown once when it is created and is not recoverable from the database. A revoked token keeps its row (who
-- made it, when it was revoked) for the audit trail.
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_by   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER,
    revoked_at   INTEGER,
    last_used_at INTEGER
);
CREATE INDEX ix_api_tokens_user ON api_tokens (user_id);
