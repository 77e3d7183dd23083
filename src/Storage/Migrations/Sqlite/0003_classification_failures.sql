-- Post versions the classifier threw on. The post itself is stored as usual (with its payload and hash); this row
-- says it has no verdict yet and why, so admins see it and the next model tries it again. A row disappears when a
-- verdict is stored for that version.
CREATE TABLE classification_failures (
    post_id       INTEGER NOT NULL REFERENCES posts (id),
    post_version  INTEGER NOT NULL,
    model_version TEXT NOT NULL,
    error         TEXT NOT NULL,
    failed_at     INTEGER NOT NULL,
    attempts      INTEGER NOT NULL,
    PRIMARY KEY (post_id, post_version)
);
