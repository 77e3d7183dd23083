-- Post versions the classifier threw on, as Migrations/Sqlite/0003_classification_failures.sql: the post is stored as
-- usual; this row says it has no verdict yet and why. A row disappears when a verdict is stored for that version.
CREATE TABLE classification_failures (
    post_id       BIGINT NOT NULL REFERENCES posts (id),
    post_version  BIGINT NOT NULL,
    model_version TEXT NOT NULL,
    error         TEXT NOT NULL,
    failed_at     BIGINT NOT NULL,
    attempts      BIGINT NOT NULL,
    PRIMARY KEY (post_id, post_version)
);
