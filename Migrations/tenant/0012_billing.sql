-- Invoices paid online: the member's regies (each with its PayFiP client number), invoices
-- imported from billing software exports (an import applied whole, once per file), the
-- citizens' links to them, payment attempts (one pending at a time per invoice) and payments
-- (at most one per invoice: the exactly-once guarantee is this table's unique key).

CREATE TABLE billing_regies (
    id          text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{0,39}$'),
    label       text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
    -- PayFiP's client number (`numcli`): six digits.
    numcli      text NOT NULL CHECK (numcli ~ '^[0-9]{6}$'),
    -- What it collects: `eau`, `petite-enfance`, `loisirs`, `cantine`, `autre`.
    kind        text NOT NULL CHECK (kind IN ('eau', 'petite-enfance', 'loisirs', 'cantine', 'autre')),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE billing_imports (
    id          uuid PRIMARY KEY,
    -- The file's SHA-256: importing the same file again changes nothing.
    sha256      text NOT NULL UNIQUE CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    file_name   text NOT NULL DEFAULT '',
    invoices    integer NOT NULL,
    imported_by text NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE billing_invoices (
    id              uuid PRIMARY KEY,
    reference       text NOT NULL UNIQUE CHECK (reference ~ '^[A-Za-z0-9][A-Za-z0-9-]{0,29}$'),
    regie_id        text NOT NULL REFERENCES billing_regies (id),
    debtor_name     text NOT NULL CHECK (length(debtor_name) BETWEEN 1 AND 200),
    debtor_address  text NOT NULL DEFAULT '' CHECK (length(debtor_address) <= 500),
    amount_cents    bigint NOT NULL CHECK (amount_cents BETWEEN 1 AND 10000000),
    issued_on       date NOT NULL,
    due_on          date NOT NULL CHECK (due_on >= issued_on),
    -- SHA-256 (hex) of the payment key printed on the paper bill (upper case, no spaces).
    key_hash        text NOT NULL,
    document_id     uuid REFERENCES documents (id),
    import_id       uuid REFERENCES billing_imports (id),
    account_id      uuid REFERENCES accounts (id),
    linked_at       timestamptz,
    paid_at         timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX billing_invoices_account ON billing_invoices (account_id) WHERE account_id IS NOT NULL;
CREATE INDEX billing_invoices_regie ON billing_invoices (regie_id, issued_on DESC);

CREATE TABLE billing_attempts (
    id              uuid PRIMARY KEY,
    invoice_id      uuid NOT NULL REFERENCES billing_invoices (id),
    -- PayFiP's `refdet`: unique per attempt.
    refdet          text NOT NULL UNIQUE,
    id_op           text UNIQUE,
    -- The pure state machine's state (`PaymentAttempt`), as JSON, and its summary for queries.
    attempt         jsonb NOT NULL,
    state           text NOT NULL CHECK (state IN ('created', 'pending', 'paid', 'refused', 'abandoned', 'failed')),
    amount_cents    bigint NOT NULL,
    account_id      uuid REFERENCES accounts (id),
    expires_at      timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
-- Two tabs cannot both charge: one attempt in progress per invoice.
CREATE UNIQUE INDEX billing_attempts_one_pending ON billing_attempts (invoice_id) WHERE state IN ('created', 'pending');
CREATE INDEX billing_attempts_to_settle ON billing_attempts (expires_at) WHERE state = 'pending';

CREATE TABLE billing_payments (
    id              uuid PRIMARY KEY,
    invoice_id      uuid NOT NULL UNIQUE REFERENCES billing_invoices (id),
    attempt_id      uuid NOT NULL UNIQUE REFERENCES billing_attempts (id),
    amount_cents    bigint NOT NULL,
    -- `card` or `debit`.
    method          text NOT NULL CHECK (method IN ('card', 'debit')),
    authorisation   text NOT NULL DEFAULT '',
    paid_at         timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX billing_payments_day ON billing_payments (paid_at);
