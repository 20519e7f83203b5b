-- Partner systems' endpoints, called (signed, Standard Webhooks) for the member's events of the
-- types they chose, and the log of every delivery attempt.

CREATE TABLE webhook_subscriptions (
    id                         uuid PRIMARY KEY,
    url                        text NOT NULL CHECK (length(url) BETWEEN 8 AND 2000),
    description                text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
    event_types                text[] NOT NULL CHECK (cardinality(event_types) BETWEEN 1 AND 100),
    enabled                    boolean NOT NULL DEFAULT true,
    disabled_reason            text,
    secret                     text NOT NULL CHECK (secret LIKE 'whsec\_%'),
    -- During a rotation the previous secret signs too, until it expires.
    previous_secret            text,
    previous_secret_expires_at timestamptz,
    created_at                 timestamptz NOT NULL DEFAULT now(),
    updated_at                 timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_deliveries (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id  uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    event_id         uuid NOT NULL,
    event_type       text NOT NULL,
    attempt          integer NOT NULL CHECK (attempt >= 1),
    status_code      integer,
    latency_ms       integer,
    -- The first kilobyte of the answer.
    response_excerpt text CHECK (length(response_excerpt) <= 1024),
    error            text,
    succeeded        boolean NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, id DESC);
