-- Who signs in to a member's portal: citizens (usagers) and agents, their one-time tokens,
-- the member's partner API clients, and the member's tamper-evident audit journal.

CREATE TABLE accounts (
    id                  uuid PRIMARY KEY,
    email               text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
    display_name        text NOT NULL DEFAULT '' CHECK (length(display_name) <= 120),
    kind                text NOT NULL CHECK (kind IN ('citizen', 'agent')),
    roles               text[] NOT NULL DEFAULT '{}',
    status              text NOT NULL CHECK (status IN ('pending', 'active', 'disabled')),
    password_hash       text CHECK (length(password_hash) <= 300),
    email_verified_at   timestamptz,
    password_changed_at timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX accounts_email_idx ON accounts (email);

-- E-mail verification and password reset: only a hash of the token is stored.
CREATE TABLE account_tokens (
    token_hash bytea PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    purpose    text NOT NULL CHECK (purpose IN ('verify-email', 'reset-password')),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX account_tokens_account_idx ON account_tokens (account_id, purpose);

-- Partner systems: OAuth 2.0 client credentials; the secret is stored hashed.
CREATE TABLE api_clients (
    id          uuid PRIMARY KEY,
    client_id   text NOT NULL UNIQUE CHECK (client_id ~ '^[a-z0-9_-]{8,64}$'),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    secret_hash text NOT NULL,
    scopes      text[] NOT NULL,
    status      text NOT NULL CHECK (status IN ('active', 'revoked')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

-- Append-only, hash-chained: each entry's hash is SHA-256(previous hash ‖ canonical content).
CREATE TABLE audit_journal (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at   timestamptz NOT NULL,
    actor_kind    text NOT NULL,
    actor_id      text,
    actor_label   text,
    action        text NOT NULL,
    object_type   text,
    object_id     text,
    ip            text,
    outcome       text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
    details       text NOT NULL DEFAULT '{}',
    previous_hash bytea NOT NULL,
    hash          bytea NOT NULL
);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mutualis_app') THEN
        -- The server appends to the journal; it can never rewrite it.
        REVOKE UPDATE, DELETE, TRUNCATE ON audit_journal FROM mutualis_app;
    END IF;
END
$$;
