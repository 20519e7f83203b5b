-- Indexes for what the relay asks every few seconds, so that its cost does not grow with the
-- finished jobs kept in the table (a week of them: possibly millions).
-- Leases of running jobs (the reaper's "worker lost" scan).
CREATE INDEX jobs_running_lease ON platform.jobs (lease_until) WHERE state = 'running';
-- Dispatched but not yet claimed jobs (the reaper's "stream entry lost" scan).
CREATE INDEX jobs_dispatched_waiting ON platform.jobs (dispatched_at)
    WHERE dispatched_at IS NOT NULL AND state IN ('enqueued', 'retrying');
-- Queue statistics (ready, running, dead per queue) for the metrics.
CREATE INDEX jobs_by_queue_state ON platform.jobs (queue, state, run_at)
    WHERE state IN ('enqueued', 'retrying', 'running', 'dead');
