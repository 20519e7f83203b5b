-- The parapheur: desks (bureaux) and their holders, delegations between desks, the typology
-- (type / subtype, each with its circuit template), folders with their documents and circuit
-- state, and the signatories' keys (sealed envelopes: useless without the platform's KEK and
-- the signatory's PIN).

CREATE TABLE parapheur_desks (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name       text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE parapheur_desk_holders (
    desk_id    uuid NOT NULL REFERENCES parapheur_desks (id) ON DELETE CASCADE,
    account_id uuid NOT NULL REFERENCES accounts (id),
    PRIMARY KEY (desk_id, account_id)
);
CREATE INDEX parapheur_desk_holders_account_idx ON parapheur_desk_holders (account_id);

-- Desk `from_desk` (A) is delegated to `to_desk` (B) over [starts_at, ends_at): B's holders act
-- for A, recorded as "B pour A".
CREATE TABLE parapheur_delegations (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    from_desk  uuid NOT NULL REFERENCES parapheur_desks (id) ON DELETE CASCADE,
    to_desk    uuid NOT NULL REFERENCES parapheur_desks (id) ON DELETE CASCADE,
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL,
    created_by uuid REFERENCES accounts (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (from_desk <> to_desk),
    CHECK (ends_at > starts_at)
);
CREATE INDEX parapheur_delegations_to_idx ON parapheur_delegations (to_desk, ends_at);

CREATE TABLE parapheur_types (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    type       text NOT NULL CHECK (length(type) BETWEEN 1 AND 100),
    subtype    text NOT NULL CHECK (length(subtype) BETWEEN 1 AND 100),
    -- A CircuitTemplate (JSON): ordered steps of kind visa, signature or seal, each with its desks.
    circuit    jsonb NOT NULL,
    -- Days a step may wait before the desk is reminded.
    step_days  integer NOT NULL DEFAULT 3 CHECK (step_days BETWEEN 1 AND 60),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (type, subtype)
);

CREATE TABLE parapheur_folders (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    type_id       uuid NOT NULL REFERENCES parapheur_types (id),
    emitter_desk  uuid NOT NULL REFERENCES parapheur_desks (id),
    metadata      jsonb NOT NULL DEFAULT '{}',
    due_date      date,
    -- The circuit's state (a Circuit, JSON), and what queries need of it.
    circuit       jsonb NOT NULL,
    status        text NOT NULL CHECK (status IN ('inProgress', 'rejected', 'completed')),
    pending_desks uuid[] NOT NULL DEFAULT '{}',
    waiting_since timestamptz NOT NULL,
    reminded_at   timestamptz,
    created_by    text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       integer NOT NULL DEFAULT 1
);
CREATE INDEX parapheur_folders_pending_idx ON parapheur_folders USING gin (pending_desks);
CREATE INDEX parapheur_folders_updated_idx ON parapheur_folders (updated_at DESC);

-- A folder's files: main documents (PDF, replaced by their signed version at each PAdES
-- signature: `version` grows), annexes, detached signatures (.p7s) and timestamp tokens.
CREATE TABLE parapheur_documents (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    folder_id   uuid NOT NULL REFERENCES parapheur_folders (id) ON DELETE CASCADE,
    role        text NOT NULL CHECK (role IN ('main', 'annex', 'signature')),
    position    integer NOT NULL,
    document_id uuid NOT NULL REFERENCES documents (id),
    -- For a main document: its version (1: as submitted). For a signature: the main document signed.
    version     integer NOT NULL DEFAULT 1,
    signs       uuid REFERENCES parapheur_documents (id),
    current     boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX parapheur_documents_folder_idx ON parapheur_documents (folder_id, role, position);

CREATE TABLE parapheur_signatories (
    account_id  uuid PRIMARY KEY REFERENCES accounts (id),
    certificate text NOT NULL,
    envelope    jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
