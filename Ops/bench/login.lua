-- wrk script for Ops/bench/login: JSON sign-ins of accounts spread over the members.
local accounts = {}
for entry in string.gmatch(os.getenv("BENCH_ACCOUNTS") or "", "%S+") do
  local host, email = string.match(entry, "([^,]+),(.+)")
  table.insert(accounts, { host = host, email = email })
end
local password = os.getenv("BENCH_PASSWORD")
local counter = 0

request = function()
  counter = counter + 1
  local account = accounts[(counter % #accounts) + 1]
  local body = string.format('{"email":"%s","password":"%s"}', account.email, password)
  return wrk.format("POST", "/api/v1/session", { ["Host"] = account.host, ["Content-Type"] = "application/json" }, body)
end

done = function(summary, latency, requests)
  io.write(string.format("BENCH requests=%d errors_status=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d\n",
    summary.requests, summary.errors.status, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
