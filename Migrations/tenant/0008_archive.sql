-- Electronic archiving (SEDA): the member's referentials (archival agreements, agencies,
-- management rules), the transfers received (accepted or refused, with the reply sent), the
-- archive units (a tree per transfer) and their binary objects. The objects' bytes are
-- documents of the document store (content addressed, referenced by `archive.object:<id>`), with
-- a second copy in the archive's second storage location.

CREATE TABLE archive_agreements (
    identifier           text PRIMARY KEY CHECK (identifier ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$'),
    name                 text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- The originating agencies it allows; empty: any agency of the member's referential.
    originating_agencies text[] NOT NULL DEFAULT '{}',
    active               boolean NOT NULL DEFAULT true,
    created_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE archive_agencies (
    identifier text PRIMARY KEY CHECK (identifier ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$'),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Management rules as SEDA references them (`Rule` identifiers in a unit's Management block).
CREATE TABLE archive_rules (
    identifier   text PRIMARY KEY CHECK (identifier ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$'),
    kind         text NOT NULL CHECK (kind IN ('AppraisalRule', 'AccessRule', 'DisseminationRule', 'ReuseRule',
                                               'ClassificationRule', 'StorageRule')),
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- Duration in `measurement` units; NULL: unlimited.
    duration     integer CHECK (duration >= 0),
    measurement  text NOT NULL DEFAULT 'year' CHECK (measurement IN ('year', 'month', 'day')),
    -- AppraisalRule: Keep or Destroy; StorageRule: RestrictAccess, Transfer or Copy.
    final_action text CHECK (final_action IN ('Keep', 'Destroy', 'RestrictAccess', 'Transfer', 'Copy')),
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- Archival profiles: how records a module makes final (a completed parapheur folder of a type)
-- are transferred without anyone typing a manifest: under which agreement, for which
-- originating agency, with which appraisal rule.
CREATE TABLE archive_profiles (
    document_type      text PRIMARY KEY CHECK (length(document_type) BETWEEN 3 AND 200),
    archival_agreement text NOT NULL REFERENCES archive_agreements (identifier),
    originating_agency text NOT NULL,
    appraisal_rule     text,
    final_action       text NOT NULL DEFAULT 'Keep' CHECK (final_action IN ('Keep', 'Destroy')),
    created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE archive_transfers (
    id                   uuid PRIMARY KEY,
    message_identifier   text NOT NULL CHECK (length(message_identifier) <= 200),
    seda_version         text NOT NULL CHECK (seda_version IN ('2.1', '2.2', '2.3')),
    status               text NOT NULL CHECK (status IN ('accepted', 'refused')),
    archival_agreement   text,
    originating_agency   text,
    submission_agency    text,
    comment              text,
    -- Refused: the reasons, [{"code": …, "message": …}] in French.
    reasons              jsonb NOT NULL DEFAULT '[]',
    reply_identifier     text NOT NULL,
    -- The ArchiveTransferReply sent, as SEDA XML and as the API's JSON.
    reply                text NOT NULL,
    reply_json           text NOT NULL,
    sip_sha256           text CHECK (sip_sha256 ~ '^[0-9a-f]{64}$'),
    sip_size             bigint NOT NULL DEFAULT 0,
    object_count         integer NOT NULL DEFAULT 0,
    total_size           bigint NOT NULL DEFAULT 0,
    submitted_by_kind    text NOT NULL,
    submitted_by         text,
    submitted_by_label   text,
    received_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX archive_transfers_received_idx ON archive_transfers (received_at DESC, id DESC);

CREATE TABLE archive_units (
    id                 uuid PRIMARY KEY,
    transfer_id        uuid NOT NULL REFERENCES archive_transfers (id),
    parent_id          uuid REFERENCES archive_units (id),
    seda_id            text NOT NULL,
    title              text NOT NULL,
    description        text NOT NULL DEFAULT '',
    level              text,
    start_date         date,
    end_date           date,
    originating_agency text,
    keywords           text[] NOT NULL DEFAULT '{}',
    appraisal_rule     text,
    appraisal_start    date,
    final_action       text CHECK (final_action IN ('Keep', 'Destroy')),
    access_rule        text,
    access_start       date,
    legal_hold         boolean NOT NULL DEFAULT false,
    search             tsvector NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (transfer_id, seda_id)
);
CREATE INDEX archive_units_parent_idx ON archive_units (parent_id);
CREATE INDEX archive_units_search_idx ON archive_units USING gin (search);
CREATE INDEX archive_units_dates_idx ON archive_units (start_date, end_date);

CREATE TABLE archive_objects (
    id                 uuid PRIMARY KEY,
    transfer_id        uuid NOT NULL REFERENCES archive_transfers (id),
    seda_id            text NOT NULL,
    group_id           text,
    -- NULL once eliminated (the document and its bytes are gone; the row stays as a tombstone).
    document_id        uuid REFERENCES documents (id),
    sha256             text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    sha512             text NOT NULL CHECK (sha512 ~ '^[0-9a-f]{128}$'),
    size               bigint NOT NULL CHECK (size >= 0),
    media_type         text NOT NULL,
    format_id          text,
    file_name          text NOT NULL,
    -- Both copies were read back and matched the SHA-512 (at ingest, then by the integrity worker).
    copies_verified_at timestamptz NOT NULL,
    -- The integrity worker's last look: when, and what it found (a damaged copy it could not
    -- repair from the other stays `damaged` until an operator acts).
    checked_at         timestamptz NOT NULL DEFAULT now(),
    integrity          text NOT NULL DEFAULT 'intact' CHECK (integrity IN ('intact', 'repaired', 'damaged')),
    UNIQUE (transfer_id, seda_id)
);
CREATE INDEX archive_objects_checked_idx ON archive_objects (checked_at, id);

-- Records transferred by the archiving worker: one transfer per event (the worker may run twice).
CREATE TABLE archive_event_transfers (
    event_id    uuid PRIMARY KEY,
    transfer_id uuid NOT NULL REFERENCES archive_transfers (id),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Which units reference which objects (a `DataObjectReference`, directly or through its group).
CREATE TABLE archive_unit_objects (
    unit_id   uuid NOT NULL REFERENCES archive_units (id),
    object_id uuid NOT NULL REFERENCES archive_objects (id),
    PRIMARY KEY (unit_id, object_id)
);
CREATE INDEX archive_unit_objects_object_idx ON archive_unit_objects (object_id);

-- Retention: a unit past its DUA with final action Destroy may be eliminated (asked by one
-- archivist, approved by another); its objects leave both storage locations, the unit and the
-- objects' rows stay as tombstones (title, fingerprints, when). A legal hold forbids it.
ALTER TABLE archive_units ADD COLUMN eliminated_at timestamptz;
ALTER TABLE archive_objects ADD COLUMN eliminated_at timestamptz;

CREATE TABLE archive_eliminations (
    id            uuid PRIMARY KEY,
    state         text NOT NULL CHECK (state IN ('requested', 'approved', 'executed', 'rejected', 'cancelled')),
    units         uuid[] NOT NULL,
    requested_by  text NOT NULL,
    requested_at  timestamptz NOT NULL DEFAULT now(),
    approved_by   text,
    closed_by     text,
    reason        text,
    executed_at   timestamptz,
    -- The proof: the ArchiveDestructionNotification (SEDA 2.2) and its CAdES signature by the
    -- member's seal (DER; NULL when the install has no PKI).
    notification  text,
    signature     bytea,
    CHECK (approved_by IS NULL OR approved_by <> requested_by)
);

-- The journal secured day by day: a Merkle tree (RFC 6962) over the day's entries of the
-- member's audit journal (leaves: the entries' chained hashes, in order), its root stamped by an
-- RFC 3161 timestamp. Any entry of a sealed day is proved by its audit path.
CREATE TABLE archive_journal_seals (
    day        date PRIMARY KEY,
    entries    integer NOT NULL CHECK (entries > 0),
    first_id   bigint NOT NULL,
    last_id    bigint NOT NULL,
    root       bytea NOT NULL,
    token      bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
