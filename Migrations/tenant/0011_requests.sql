-- Online procedures (démarches): the procedure types the member's agents build (each change a
-- new version: a request keeps the version it was filed with), the requests the member
-- processes (filed on its own portal or, for its competences, on a member commune's), the
-- links to requests its citizens filed with another member (a mirror kept by jobs: no query
-- crosses schemas), citizens' drafts, and the teams requests are assigned to.

CREATE TABLE request_types (
    id                  uuid PRIMARY KEY,
    -- In addresses, Open311's service_code and the numbers (`DEPOTS-2026-000042`).
    slug                text NOT NULL UNIQUE CHECK (slug ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' AND length(slug) <= 40),
    title               text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description         text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    -- Filing without an account (an e-mail address, a tracking link by mail).
    allows_anonymous    boolean NOT NULL DEFAULT false,
    -- An intercommunality's competence: offered on every member commune's portal too.
    offered_to_members  boolean NOT NULL DEFAULT false,
    -- Shown on the portals and in Open311 (a draft type is being built).
    published           boolean NOT NULL DEFAULT false,
    -- Open311's group and keywords (a located type, with an address field, is an Open311 service).
    open311_group       text NOT NULL DEFAULT '' CHECK (length(open311_group) <= 100),
    delay_days          integer NOT NULL DEFAULT 30 CHECK (delay_days BETWEEN 1 AND 3650),
    current_version     integer NOT NULL DEFAULT 1 CHECK (current_version >= 1),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE request_type_versions (
    type_id     uuid NOT NULL REFERENCES request_types (id) ON DELETE CASCADE,
    version     integer NOT NULL CHECK (version >= 1),
    form        jsonb NOT NULL CHECK (jsonb_typeof(form) = 'object'),
    workflow    jsonb NOT NULL CHECK (jsonb_typeof(workflow) = 'object'),
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (type_id, version)
);

CREATE TABLE request_teams (
    id          uuid PRIMARY KEY,
    name        text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    members     uuid[] NOT NULL DEFAULT '{}'
);

-- Numbers per type and year, without gaps visible to concurrent filings (a row lock).
CREATE TABLE request_sequences (
    type_id     uuid NOT NULL REFERENCES request_types (id) ON DELETE CASCADE,
    year        integer NOT NULL,
    last        integer NOT NULL,
    PRIMARY KEY (type_id, year)
);

CREATE TABLE requests (
    id              uuid PRIMARY KEY,
    number          text NOT NULL UNIQUE,
    type_id         uuid NOT NULL REFERENCES request_types (id),
    type_version    integer NOT NULL,
    -- The member whose portal it was filed on (this member, or a member commune for a competence
    -- of the intercommunality); `requester` is an account of that member.
    filing_member   text NOT NULL CHECK (filing_member ~ '^[a-z][a-z0-9-]{1,62}$'),
    requester       uuid,
    contact_name    text NOT NULL DEFAULT '' CHECK (length(contact_name) <= 200),
    contact_email   text NOT NULL CHECK (length(contact_email) BETWEEN 3 AND 254),
    -- SHA-256 (hex) of an anonymous filer's tracking token.
    tracking_hash   text UNIQUE,
    -- `portal`, `api` (a partner system) or `open311`.
    channel         text NOT NULL DEFAULT 'portal' CHECK (channel IN ('portal', 'api', 'open311')),
    answers         jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'object'),
    lifecycle       jsonb NOT NULL CHECK (jsonb_typeof(lifecycle) = 'object'),
    status          text NOT NULL,
    assignee_agent  uuid,
    assignee_team   uuid REFERENCES request_teams (id),
    address         text,
    latitude        double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude       double precision CHECK (longitude BETWEEN -180 AND 180),
    closed          boolean NOT NULL DEFAULT false,
    late_from       timestamptz NOT NULL,
    filed_at        timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    revision        integer NOT NULL DEFAULT 1,
    search          tsvector NOT NULL DEFAULT ''::tsvector,
    CHECK (requester IS NOT NULL OR tracking_hash IS NOT NULL OR channel <> 'portal')
);
CREATE INDEX requests_queue ON requests (filed_at DESC, id);
CREATE INDEX requests_status ON requests (type_id, status, filed_at DESC);
-- The open requests newest first (the queue's « non closes » and « en retard » filters walk it
-- in order and stop at a page; an index on the delay's end made the planner sort every late one).
CREATE INDEX requests_open_queue ON requests (filed_at DESC, id) WHERE NOT closed;
CREATE INDEX requests_requester ON requests (filing_member, requester, filed_at DESC);
CREATE INDEX requests_assignee ON requests (assignee_agent) WHERE assignee_agent IS NOT NULL;
CREATE INDEX requests_search ON requests USING gin (search);

-- Requests this member's citizens filed on its portal for another member's procedure: what
-- « Mes demandes » lists, refreshed from the owner's events by a job.
CREATE TABLE request_links (
    owner_member    text NOT NULL,
    request_id      uuid NOT NULL,
    number          text NOT NULL,
    requester       uuid,
    tracking_hash   text,
    type_title      text NOT NULL,
    owner_name      text NOT NULL,
    status_label    text NOT NULL,
    closed          boolean NOT NULL DEFAULT false,
    -- The owner's revision this mirror reflects (a late, older update is ignored).
    revision        integer NOT NULL,
    filed_at        timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (owner_member, request_id)
);
CREATE INDEX request_links_requester ON request_links (requester, filed_at DESC);

-- A signed-in citizen's form in progress (the raw answers of the pages done so far).
CREATE TABLE request_drafts (
    account         uuid NOT NULL,
    owner_member    text NOT NULL,
    type_slug       text NOT NULL,
    type_version    integer NOT NULL,
    answers         jsonb NOT NULL,
    page            integer NOT NULL DEFAULT 0,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account, owner_member, type_slug)
);
