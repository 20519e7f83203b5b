-- The citizens' document safe (coffre-fort numérique, NF Z42-020 functions). Nothing here is
-- readable without the install's key-encryption key: each citizen's documents are encrypted
-- (AES-256-GCM) under the citizen's data key, stored here only wrapped by the member's key,
-- itself derived from the install's KEK (MUTUALIS_KEK_FILE) and never stored. The ciphertext
-- is a document of `documents` (held by `safe.document:<id>`); file names are encrypted too.

-- One row: the member key's current version (rotation re-wraps the data keys under the next
-- one) and the member's quota per citizen (NULL: the platform's default).
CREATE TABLE safe_settings (
    id          boolean PRIMARY KEY DEFAULT true CHECK (id),
    key_version integer NOT NULL DEFAULT 1 CHECK (key_version >= 1),
    quota_bytes bigint CHECK (quota_bytes > 0),
    rotated_at  timestamptz
);
INSERT INTO safe_settings DEFAULT VALUES;

-- A citizen's data key, wrapped (nonce ‖ ciphertext ‖ tag) by the member key of `key_version`.
-- No foreign key to `accounts`: the safe outlives nothing, `safe.purge` removes it after the
-- account is closed (disabled) or gone, once the notice period is over.
CREATE TABLE safe_keys (
    account_id   uuid PRIMARY KEY,
    key_version  integer NOT NULL CHECK (key_version >= 1),
    wrapped_key  bytea NOT NULL CHECK (length(wrapped_key) = 60),
    created_at   timestamptz NOT NULL DEFAULT now(),
    rewrapped_at timestamptz
);

-- A document of a citizen's safe: its metadata (the name encrypted under the data key), the
-- SHA-256 of the plaintext, and the ciphertext's document.
CREATE TABLE safe_documents (
    id                 uuid PRIMARY KEY,
    account_id         uuid NOT NULL REFERENCES safe_keys (account_id),
    document_id        uuid NOT NULL REFERENCES documents (id),
    encrypted_name     bytea NOT NULL,
    media_type         text NOT NULL CHECK (length(media_type) BETWEEN 3 AND 100),
    size               bigint NOT NULL CHECK (size > 0),
    sha256             text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    deposited_by_kind  text NOT NULL,
    deposited_by       text,
    deposited_by_label text,
    deposited_at       timestamptz NOT NULL DEFAULT now(),
    verified_at        timestamptz,
    verification       text CHECK (verification IN ('intact', 'altered'))
);
CREATE INDEX safe_documents_account_idx ON safe_documents (account_id, deposited_at DESC, id DESC);

-- What happened in each safe (who, what, when, which document and its hash), readable by
-- the citizen. Kept as long as the safe.
CREATE TABLE safe_journal (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id  uuid NOT NULL,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    actor_kind  text NOT NULL,
    actor_id    text,
    actor_label text,
    action      text NOT NULL CHECK (action IN ('deposit', 'read', 'metadata', 'list', 'verify', 'delete', 'export', 'journal', 'rotate', 'share')),
    document_id uuid,
    sha256      text,
    outcome     text NOT NULL DEFAULT 'success' CHECK (outcome IN ('success', 'failure')),
    detail      text NOT NULL DEFAULT ''
);
CREATE INDEX safe_journal_account_idx ON safe_journal (account_id, id DESC);
