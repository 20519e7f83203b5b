-- Payloads that carry secrets (a mail with a one-time link, say) are not kept: they are erased
-- when the job succeeds or is cancelled, and two days after it died (longer than any link they
-- may hold lives; until then an operator may replay it). An erased payload cannot be replayed.
ALTER TABLE platform.jobs
    ADD COLUMN secret_payload boolean NOT NULL DEFAULT false,
    ADD COLUMN payload_erased_at timestamptz;
CREATE INDEX jobs_dead_secrets ON platform.jobs (finished_at)
    WHERE state = 'dead' AND secret_payload AND payload_erased_at IS NULL;
