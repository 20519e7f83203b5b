-- wrk script for Ops/bench/login: GET /api/v1/news/{id} rotating over the members, with each
-- member's session cookie when BENCH_COOKIES is set (host=cookie pairs), without otherwise.
local members = {}
for entry in string.gmatch(os.getenv("BENCH_MEMBERS") or "", "%S+") do
  local host, cookie = string.match(entry, "([^=]+)=?(.*)")
  table.insert(members, { host = host, cookie = cookie })
end
local counter = 0

request = function()
  counter = counter + 1
  local member = members[(counter % #members) + 1]
  local id = (math.floor(counter / #members) % 3) + 1
  local headers = { ["Host"] = member.host }
  if member.cookie ~= "" then headers["Cookie"] = "mutualis=" .. member.cookie end
  return wrk.format("GET", "/api/v1/news/" .. id, headers)
end

done = function(summary, latency, requests)
  io.write(string.format("BENCH requests=%d errors_status=%d duration_us=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.errors.status, summary.duration, latency:percentile(50), latency:percentile(99)))
end
