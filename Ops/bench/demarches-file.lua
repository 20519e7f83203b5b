-- wrk script for Ops/bench/demarches: POST /api/v1/requests as multipart/form-data — the request's
-- JSON (a 5-field form) and a 1 MB JPEG attachment whose bytes differ for every request (a
-- counter after the JPEG marker), so the document store never deduplicates them.
local head, tail, token, host
local thread_id = 0
local counter = 0

setup = function(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
end

init = function(args)
  local file = io.open(os.getenv("BENCH_BODY_HEAD"), "rb"); head = file:read("*a"); file:close()
  file = io.open(os.getenv("BENCH_BODY_TAIL"), "rb"); tail = file:read("*a"); file:close()
  token = os.getenv("BENCH_TOKEN")
  host = os.getenv("BENCH_HOST")
end

request = function()
  counter = counter + 1
  local body = head .. string.format("%04d%012d", id or 0, counter) .. tail
  return wrk.format("POST", "/api/v1/requests", {
    ["Host"] = host, ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "multipart/form-data; boundary=bench-boundary-7d1e",
  }, body)
end

done = function(summary, latency, requests)
  io.write(string.format("BENCH requests=%d errors_status=%d errors_other=%d duration_us=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.duration, latency:percentile(50), latency:percentile(99)))
end
