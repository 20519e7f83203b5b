-- The consortium's operators, their time-limited grants to act inside a member, the platform's
-- audit journal, and the mail outbox.

CREATE TABLE platform.operators (
    id                  uuid PRIMARY KEY,
    email               text NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
    display_name        text NOT NULL DEFAULT '' CHECK (length(display_name) <= 120),
    roles               text[] NOT NULL DEFAULT '{consortium_admin}',
    status              text NOT NULL CHECK (status IN ('active', 'disabled')),
    password_hash       text CHECK (length(password_hash) <= 300),
    password_changed_at timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

-- An operator acts inside a member only under an explicit grant that expires.
CREATE TABLE platform.operator_grants (
    id          uuid PRIMARY KEY,
    operator_id uuid NOT NULL REFERENCES platform.operators (id),
    tenant_slug text NOT NULL REFERENCES platform.tenants (slug),
    reason      text NOT NULL CHECK (length(reason) BETWEEN 3 AND 500),
    granted_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    CHECK (expires_at > granted_at)
);

CREATE TABLE platform.audit_journal (
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

-- Messages to send (verification, password reset…), written by the mail job. Without an SMTP
-- relay configured, this table is where mail ends up (development, tests).
CREATE TABLE platform.mail_outbox (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_slug text REFERENCES platform.tenants (slug),
    recipient   text NOT NULL,
    subject     text NOT NULL,
    body        text NOT NULL,
    job_id      bigint,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX mail_outbox_job_idx ON platform.mail_outbox (job_id) WHERE job_id IS NOT NULL;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mutualis_app') THEN
        REVOKE UPDATE, DELETE, TRUNCATE ON platform.audit_journal FROM mutualis_app;
    END IF;
END
$$;
