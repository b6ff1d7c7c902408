-- wrk script for bench/petition_surge.py: the petition page's readers during the surge.
-- Arguments: <path> <pause_ms> <threads>. Each connection reads the page, then waits pause_ms
-- before the next read, so the readers come at a set pace (at most connections × 1000/pause_ms
-- reads a second) rather than as fast as the server answers: a cheaper page then costs the
-- signing stages less CPU instead of inviting more reads. (A separate script because wrk calls
-- delay() for every request of a script that defines it.)
-- The last line printed is "RESULT {json}", as bench/petition_surge.lua prints it.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  target, pause = args[1], tonumber(args[2])
  ok, other = 0, 0
end

function request()
  return wrk.format("GET", target)
end

function delay()
  return pause
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local total_ok, total_other = 0, 0
  for _, t in ipairs(threads) do
    total_ok = total_ok + t:get("ok")
    total_other = total_other + t:get("other")
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"ok": %d, "other": %d, "requests": %d, "duration_s": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, ' ..
    '"p99_ms": %.2f, "socket_errors": %d, "exhausted_threads": 0}\n',
    total_ok, total_other, summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout))
end
