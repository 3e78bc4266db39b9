-- wrk script for the member look-up benchmark.
--
--   wrk -t2 -c64 -d20s --latency -s Benchmarks/lookup.lua http://127.0.0.1:PORT -- IDS_FILE TOKEN
--
-- Each connection POSTs {"idNumber": "..."} to /api/v1/members/lookup, cycling
-- through the ID numbers in IDS_FILE (one per line); threads start at different
-- places in the list so that they do not ask for the same member at once.
-- done() prints one machine-readable line that Benchmarks/run.sh reads.

local ids = {}
local next_index = 1
local headers = {}

function init(args)
  local path, token = args[1], args[2]
  if not path or not token then
    error("usage: -- IDS_FILE TOKEN")
  end
  for line in io.lines(path) do
    if #line > 0 then
      ids[#ids + 1] = line
    end
  end
  if #ids == 0 then
    error("no ID numbers in " .. path)
  end
  headers["Content-Type"] = "application/json"
  headers["Authorization"] = "Bearer " .. token
  -- init runs once per thread, after setup() numbered it: spread the threads
  -- over the list.
  local n = wrk_thread_id or 1
  next_index = (math.floor(#ids / 7) * (n - 1)) % #ids + 1
end

local thread_count = 0

function setup(thread)
  -- Runs in wrk's main Lua state before each thread's init().
  thread_count = thread_count + 1
  thread:set("wrk_thread_id", thread_count)
end

function request()
  local id = ids[next_index]
  next_index = next_index % #ids + 1
  return wrk.format("POST", "/api/v1/members/lookup", headers, '{"idNumber":"' .. id .. '"}')
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
