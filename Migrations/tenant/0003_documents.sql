-- A member's documents: each row describes a file whose bytes are a blob of the blob store,
-- addressed by their SHA-256 (the SHA-512 is kept for the archive). A document is kept while a
-- service holds a reference to it; the collector removes the others after a grace period.

CREATE TABLE documents (
    id             uuid PRIMARY KEY,
    sha256         text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    sha512         text NOT NULL CHECK (sha512 ~ '^[0-9a-f]{128}$'),
    size           bigint NOT NULL CHECK (size >= 0),
    media_type     text NOT NULL CHECK (length(media_type) BETWEEN 3 AND 100),
    file_name      text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
    added_by_kind  text NOT NULL,
    added_by       text,
    added_by_label text,
    added_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_sha256_idx ON documents (sha256);
CREATE INDEX documents_added_idx ON documents (added_at DESC, id DESC);

-- Who needs a document: `<module>.<object>:<id>` (a démarche's attachment, a signed file…), or
-- `documents.api` for one a partner or an agent uploaded as such.
CREATE TABLE document_references (
    document_id uuid NOT NULL REFERENCES documents (id),
    holder      text NOT NULL CHECK (length(holder) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (document_id, holder)
);
