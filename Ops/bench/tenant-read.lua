-- wrk script for Ops/bench/tenant-read: every request names a different member than the
-- previous one (Host header rotates over all members), and a news id among the first three.
local hosts = {}
for host in string.gmatch(os.getenv("BENCH_HOSTS") or "amiens.localhost", "%S+") do
  table.insert(hosts, host)
end
local counter = 0

request = function()
  counter = counter + 1
  local host = hosts[(counter % #hosts) + 1]
  local id = (math.floor(counter / #hosts) % 3) + 1
  return wrk.format("GET", "/api/v1/news/" .. id, { ["Host"] = host })
end

done = function(summary, latency, requests)
  io.write(string.format("BENCH requests=%d errors_status=%d errors_socket=%d duration_us=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.duration, latency:percentile(50), latency:percentile(99)))
end
