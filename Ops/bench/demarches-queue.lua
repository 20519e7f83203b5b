-- wrk script for Ops/bench/demarches: GET the back office's queue (BENCH_PATH) as a signed-in agent.
local path, host, cookie
init = function(args)
  path = os.getenv("BENCH_PATH")
  host = os.getenv("BENCH_HOST")
  cookie = os.getenv("BENCH_COOKIE")
end

request = function()
  return wrk.format("GET", path, { ["Host"] = host, ["Cookie"] = "mutualis=" .. cookie })
end

done = function(summary, latency, requests)
  io.write(string.format("BENCH requests=%d errors_status=%d duration_us=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.errors.status, summary.duration, latency:percentile(50), latency:percentile(99)))
end
