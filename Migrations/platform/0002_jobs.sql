-- Background jobs. PostgreSQL holds every job and its state (the truth); Redis Streams only
-- carry job ids to workers. A job is inserted in the same transaction as the change that
-- causes it (an outbox), so both commit or roll back together.

CREATE TABLE platform.jobs (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    queue         text NOT NULL CHECK (queue ~ '^[a-z][a-z0-9_.-]{0,62}$'),
    kind          text NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
    -- The member the job works for; NULL for consortium-wide jobs.
    tenant_slug   text REFERENCES platform.tenants (slug),
    tenant_key    text GENERATED ALWAYS AS (coalesce(tenant_slug, '')) STORED,
    payload       jsonb NOT NULL DEFAULT '{}',
    state         text NOT NULL DEFAULT 'enqueued'
                  CHECK (state IN ('enqueued', 'running', 'succeeded', 'retrying', 'dead', 'cancelled')),
    attempts      integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts  integer NOT NULL DEFAULT 10 CHECK (max_attempts BETWEEN 1 AND 100),
    -- Enqueueing with the key of a pending job yields that job rather than a second one.
    unique_key    text CHECK (length(unique_key) <= 300),
    run_at        timestamptz NOT NULL DEFAULT now(),
    -- Set when the job id was added to its Redis stream; cleared to have it dispatched again.
    dispatched_at timestamptz,
    started_at    timestamptz,
    finished_at   timestamptz,
    -- While running: the worker holding it and until when (extended by heartbeats).
    worker        text,
    lease_until   timestamptz,
    last_error    text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX jobs_unique_pending ON platform.jobs (queue, unique_key)
    WHERE unique_key IS NOT NULL AND state IN ('enqueued', 'retrying', 'running');
-- What the relay dispatches next, per queue and member, oldest first.
CREATE INDEX jobs_undispatched ON platform.jobs (queue, tenant_key, run_at, id)
    WHERE dispatched_at IS NULL AND state IN ('enqueued', 'retrying');
-- What is in a stream or in a worker's hands, per queue and member (the fairness cap).
CREATE INDEX jobs_in_flight ON platform.jobs (queue, tenant_key)
    WHERE dispatched_at IS NOT NULL AND state IN ('enqueued', 'retrying', 'running');
CREATE INDEX jobs_dead ON platform.jobs (queue, finished_at) WHERE state = 'dead';
CREATE INDEX jobs_finished ON platform.jobs (finished_at) WHERE state IN ('succeeded', 'cancelled');

-- Recurring jobs. Every worker process runs the scheduler; an occurrence fires once because
-- firing moves next_fire_at with a compare-and-set in the same transaction as the insert.
CREATE TABLE platform.job_schedules (
    name          text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_.-]{0,99}$'),
    cron          text NOT NULL,
    time_zone     text NOT NULL,
    queue         text NOT NULL,
    kind          text NOT NULL,
    payload       jsonb NOT NULL DEFAULT '{}',
    -- One job per active member at each occurrence, rather than one consortium-wide job.
    per_tenant    boolean NOT NULL DEFAULT false,
    next_fire_at  timestamptz NOT NULL,
    last_fired_at timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Diagnostics: every execution of a `diagnostics.ledger` job (used by Ops/chaos/jobs,
-- Ops/bench/jobs and the tests) is recorded here, so that lost and repeated executions can be
-- counted.
CREATE TABLE platform.job_ledger (
    job_id      bigint NOT NULL,
    attempt     integer NOT NULL,
    worker      text NOT NULL,
    executed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_ledger_job_idx ON platform.job_ledger (job_id);
