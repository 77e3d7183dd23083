-- Evidence beyond a flagged post's text (docs/console.md, "Evidence"): the images the flagged version showed and the
-- post it replied to, kept at flag time with their SHA-256 so the case survives the post's deletion. A job collects
-- them after the flag is stored (never inside the ingestion transaction); evidence_collected_at NULL means not yet,
-- which is also how existing flags start. Written once per flag and never changed.
ALTER TABLE flags ADD COLUMN evidence_collected_at INTEGER;
CREATE INDEX ix_flags_evidence_pending ON flags (id) WHERE evidence_collected_at IS NULL;
-- The near-duplicate key of the flagged text (TextFingerprint), recorded by the same job; NULL for short texts.
ALTER TABLE flags ADD COLUMN text_fingerprint TEXT;
CREATE INDEX ix_flags_text_fingerprint ON flags (text_fingerprint, agency_id) WHERE text_fingerprint IS NOT NULL;

-- content is NULL and skipped_reason says why when an item was not kept (too large, not an allowed image, an error).
CREATE TABLE evidence_media (
    id             INTEGER PRIMARY KEY,
    flag_id        INTEGER NOT NULL REFERENCES flags (id),
    position       INTEGER NOT NULL,
    source_url     TEXT NOT NULL,
    content_type   TEXT CHECK (content_type IN ('image/jpeg', 'image/png', 'image/gif', 'image/webp')),
    byte_count     INTEGER,
    sha256         TEXT,
    content        BLOB,
    skipped_reason TEXT,
    fetched_at     INTEGER NOT NULL,
    UNIQUE (flag_id, position),
    CHECK ((content IS NULL) = (skipped_reason IS NOT NULL))
);

-- source: 'stored' (a post SocialWatch holds) or 'fetched' (read from the platform at collection time).
CREATE TABLE evidence_parents (
    flag_id          INTEGER PRIMARY KEY REFERENCES flags (id),
    platform         TEXT NOT NULL,
    platform_post_id TEXT NOT NULL,
    account_handle   TEXT,
    created_at       INTEGER,
    text             TEXT,
    url              TEXT,
    raw_payload      TEXT,
    raw_sha256       TEXT,
    source           TEXT NOT NULL CHECK (source IN ('stored', 'fetched')),
    skipped_reason   TEXT,
    fetched_at       INTEGER NOT NULL,
    CHECK ((raw_payload IS NULL) = (skipped_reason IS NOT NULL))
);

CREATE TRIGGER evidence_media_append_only_update BEFORE UPDATE ON evidence_media
BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;
CREATE TRIGGER evidence_media_append_only_delete BEFORE DELETE ON evidence_media
BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;
CREATE TRIGGER evidence_parents_append_only_update BEFORE UPDATE ON evidence_parents
BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;
CREATE TRIGGER evidence_parents_append_only_delete BEFORE DELETE ON evidence_parents
BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;
