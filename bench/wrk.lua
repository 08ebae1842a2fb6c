-- bench/wrk.lua — the wrk script of bench/run.sh.
--
-- Adds the request headers a target needs from the environment (BENCH_AUTH
-- becomes Authorization, BENCH_COOKIE becomes Cookie; unset or empty means
-- no header) and prints one machine-readable line after the run, so that
-- run.sh does not parse wrk's human summary. Times are in microseconds.
--
-- No request() or response() function is defined: wrk then builds the
-- request once and does not hand every response to Lua, so the script costs
-- the load generator nothing per request.

local auth = os.getenv("BENCH_AUTH")
local cookie = os.getenv("BENCH_COOKIE")
local body = os.getenv("BENCH_BODY")

if auth ~= nil and auth ~= "" then
	wrk.headers["Authorization"] = auth
end
if cookie ~= nil and cookie ~= "" then
	wrk.headers["Cookie"] = cookie
end
-- BENCH_BODY (bench/pg.sh): the same JSON body POSTed by every request.
if body ~= nil and body ~= "" then
	wrk.method = "POST"
	wrk.body = body
	wrk.headers["Content-Type"] = "application/json"
end

done = function(summary, latency, requests)
	local e = summary.errors
	io.write(string.format(
	    "BENCH rps=%.1f requests=%d p50_us=%d p99_us=%d max_us=%d " ..
	    "sock_errors=%d status_errors=%d\n",
	    summary.requests / (summary.duration / 1e6), summary.requests,
	    latency:percentile(50), latency:percentile(99), latency.max,
	    e.connect + e.read + e.write + e.timeout, e.status))
end
