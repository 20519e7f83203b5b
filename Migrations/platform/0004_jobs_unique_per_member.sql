-- A uniqueness key is a member's own: `reindex:42` of one commune must not swallow the same
-- key of another (the key was unique per queue only, so the second member's job was dropped
-- and the first member's job id returned).
DROP INDEX platform.jobs_unique_pending;
CREATE UNIQUE INDEX jobs_unique_pending ON platform.jobs (queue, tenant_key, unique_key)
    WHERE unique_key IS NOT NULL AND state IN ('enqueued', 'retrying', 'running');
