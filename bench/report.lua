-- wrk reports one line of JSON when it is done: the figures bench/run.py reads.
-- Headers come from the WRK_HEADERS environment variable ("Name: value" lines); a write sets
-- WRK_METHOD and WRK_BODY.
local headers = os.getenv("WRK_HEADERS")
if headers then
  for line in string.gmatch(headers, "[^\n]+") do
    local name, value = string.match(line, "^([^:]+):%s*(.*)$")
    if name then wrk.headers[name] = value end
  end
end

wrk.method = os.getenv("WRK_METHOD") or "GET"
local body = os.getenv("WRK_BODY")
if body and body ~= "" then wrk.body = body end

-- A body with "{n}" is numbered per request (from a random start, so that runs differ): every
-- edit of a document changes it, as a person's would.
if body and string.find(body, "{n}", 1, true) then
  math.randomseed(os.time())
  local n = math.random(1, 1000000000)
  request = function()
    n = n + 1
    return wrk.format(nil, nil, nil, (string.gsub(body, "{n}", tostring(n))))
  end
end

done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "connect_errors": %d, "read_errors": %d, '
      .. '"write_errors": %d, "timeouts": %d, "errors_4xx_5xx": %d, "p50_us": %d, "p99_us": %d, '
      .. '"mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout, summary.errors.status,
    latency:percentile(50), latency:percentile(99), latency.mean))
end
