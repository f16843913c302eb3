-- bench/wrk/mandate.lua
-- The one wrk script of scripts/bench. It adds the request headers the scenario needs, taken
-- from the environment, and prints a machine-readable summary line when the run ends:
--   BENCH_COOKIE  a "name=value" session cookie, sent on every request (the people page)
--   BENCH_TOKEN   a bearer API token; with BENCH_MODE=create_person every request is
--                 POST /api/v1/people with a new, unique e-mail address (an audited write)
--   BENCH_RUN     a run id that keeps the e-mails of separate wrk runs apart (the warm-up and
--                 the measured run of one scenario need different ones)
local cookie = os.getenv("BENCH_COOKIE")
local token = os.getenv("BENCH_TOKEN")
local mode = os.getenv("BENCH_MODE") or "get"
local run = os.getenv("BENCH_RUN") or tostring(os.time())

local threads = 0
local counter = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function init(args)
  if cookie and cookie ~= "" then
    wrk.headers["Cookie"] = cookie
  end
  if token and token ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. token
  end
  if mode == "create_person" then
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
  end
end

if mode == "create_person" then
  local departments = { "Engineering", "Finance", "Operations", "Sales", "People" }
  function request()
    counter = counter + 1
    local n = string.format("%s-%d-%d", run, tid, counter)
    local body = string.format(
      '{"name":"Bench Person %s","email":"bench-%s@northwind.example",' ..
      '"job_title":"Load Tester","department":"%s"}',
      n, n, departments[counter % #departments + 1])
    return wrk.format(nil, nil, nil, body)
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d seconds=%.3f rps=%.1f p50_us=%d p99_us=%d max_us=%d " ..
    "errors_status=%d errors_socket=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout))
end
