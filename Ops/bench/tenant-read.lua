-- wrk script for Ops/bench/tenant-read: every request names a different member than the
-- previous one (Host header rotates over all members), and a news id among the first three.
local hosts = {}
for host in string.gmatch(os.getenv("BENCH_HOSTS") or "amiens.localhost", "%S+") do
  table.insert(hosts, host)
end
-- The requests are formatted once: request n is the (n mod count)-th of hosts x ids, so the
-- member changes at every request and the load generator spends its time on the network.
local requests = {}
for n = 0, #hosts * 3 - 1 do
  local host = hosts[(n % #hosts) + 1]
  local id = (math.floor(n / #hosts) % 3) + 1
  requests[n + 1] = wrk.format("GET", "/api/v1/news/" .. id, { ["Host"] = host })
end
local counter = 0

request = function()
  counter = counter + 1
  return requests[(counter % #requests) + 1]
end

done = function(summary, latency, requests)
  io.write(string.format("BENCH requests=%d errors_status=%d errors_socket=%d duration_us=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.duration, latency:percentile(50), latency:percentile(99)))
end
