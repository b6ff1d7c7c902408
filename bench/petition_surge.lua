-- wrk script for bench/petition_surge.py. Modes (first argument):
--   onestep <file> <offset> <count> <path> <csrf>   POST as signed-in verified citizens (file: session keys)
--   sign    <file> <offset> <count> <path> <csrf> <region>   POST the e-mail signing form (file: IINs)
--   confirm <file> <offset> <count> <prefix>        GET confirmation links (file: tokens)
--   bare    <path>                                  POST the bare-insert baseline
--   page    <path> [pause_ms]                       GET the petition page (the pause: petition_page.lua)
-- Every line of a file is used at most once across all threads, so no request repeats a signer.
-- The last line printed is "RESULT {json}" with acknowledged / other counts and latency.

local threads = {}
local nthreads = 0

function setup(thread)
  nthreads = nthreads + 1
  thread:set("tid", nthreads)
  table.insert(threads, thread)
end

function init(args)
  mode = args[1]
  ok, other, idx = 0, 0, 0
  items = {}
  if mode == "onestep" or mode == "sign" or mode == "confirm" then
    local file, offset, count = args[2], tonumber(args[3]), tonumber(args[4])
    local total = tonumber(args[#args])
    local per = math.floor(count / total)
    local first = offset + (tid - 1) * per
    local i = 0
    for line in io.lines(file) do
      if i >= first + per then break end
      if i >= first then items[#items + 1] = line end
      i = i + 1
    end
    target, csrf, region = args[5], args[6], args[7]
    n_items = #items
  else
    target = args[2]
    pause = tonumber(args[3]) or 0
    n_items = 0
  end
end

local function next_item()
  idx = idx + 1
  if idx > #items then return nil end
  return items[idx]
end

function request()
  if mode == "onestep" then
    local key = next_item() or "exhausted"
    return wrk.format("POST", target, {
      ["Cookie"] = "sessionid=" .. key .. "; csrftoken=" .. csrf,
      ["X-CSRFToken"] = csrf,
      ["Content-Type"] = "application/x-www-form-urlencoded",
    }, "show_name=on")
  elseif mode == "sign" then
    local iin = next_item() or "000000000000"
    local body = "first_name=Aigul&last_name=Serikova&iin=" .. iin .. "&email=s" .. iin ..
      "%40bench.example.kz&region=" .. region .. "&show_name=on&notify_on_response=on"
    return wrk.format("POST", target, {
      ["Cookie"] = "csrftoken=" .. csrf,
      ["X-CSRFToken"] = csrf,
      ["Content-Type"] = "application/x-www-form-urlencoded",
    }, body)
  elseif mode == "confirm" then
    local token = next_item() or "exhausted"
    return wrk.format("GET", target .. token .. "/")
  elseif mode == "bare" then
    return wrk.format("POST", target, {["Content-Type"] = "application/x-www-form-urlencoded"}, "")
  else
    return wrk.format("GET", target)
  end
end

function response(status, headers, body)
  local good = (mode == "onestep" or mode == "sign") and status == 302
    or (mode == "bare" and status == 204)
    or ((mode == "confirm" or mode == "page") and status == 200)
  if good then ok = ok + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local total_ok, total_other, exhausted = 0, 0, 0
  for _, t in ipairs(threads) do
    total_ok = total_ok + t:get("ok")
    total_other = total_other + t:get("other")
    if t:get("n_items") > 0 and t:get("idx") > t:get("n_items") then exhausted = exhausted + 1 end
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"ok": %d, "other": %d, "requests": %d, "duration_s": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, ' ..
    '"p99_ms": %.2f, "socket_errors": %d, "exhausted_threads": %d}\n',
    total_ok, total_other, summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, exhausted))
end
