-- What each account is told: its inbox (one notification per account and event at most), and
-- how it wants to hear about each family of events (immediate mail, daily digest, in-app only).

CREATE TABLE notifications (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id),
    event_id   uuid NOT NULL,
    family     text NOT NULL CHECK (length(family) BETWEEN 1 AND 60),
    title      text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    body       text NOT NULL CHECK (length(body) <= 2000),
    link       text CHECK (link IS NULL OR (link LIKE '/%' AND length(link) <= 500)),
    created_at timestamptz NOT NULL DEFAULT now(),
    read_at    timestamptz,
    -- Sent by mail (immediately, or in a digest).
    mailed_at  timestamptz,
    UNIQUE (account_id, event_id)
);
CREATE INDEX notifications_account_idx ON notifications (account_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (account_id) WHERE read_at IS NULL;
CREATE INDEX notifications_unmailed_idx ON notifications (created_at) WHERE mailed_at IS NULL AND read_at IS NULL;

CREATE TABLE notification_preferences (
    account_id uuid NOT NULL REFERENCES accounts (id),
    family     text NOT NULL CHECK (length(family) BETWEEN 1 AND 60),
    delivery   text NOT NULL CHECK (delivery IN ('immediate', 'digest', 'in_app')),
    PRIMARY KEY (account_id, family)
);
