-- A member's event log: what happened in its services (news.published, document.added…), in
-- commit order (`seq`), read by partners (/api/v1/events) and by the consumers that notify
-- people and deliver webhooks. Kept for MUTUALIS_EVENTS_RETENTION_DAYS (at least 30).

CREATE TABLE events (
    seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id          uuid NOT NULL UNIQUE,
    type        text NOT NULL CHECK (type ~ '^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+$' AND length(type) <= 100),
    subject     text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    data        jsonb NOT NULL DEFAULT '{}',
    actor_kind  text NOT NULL,
    actor_id    text,
    actor_label text,
    occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_type_idx ON events (type, seq);
CREATE INDEX events_occurred_idx ON events (occurred_at);
