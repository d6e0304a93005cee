-- wrk script: counts responses whose status is not the expected one.
--
-- wrk itself only counts statuses of 400 and above as errors, so a page that answers with a
-- redirect to the sign-in form (302) would pass unnoticed. Success is 200, or the
-- EXPECT_STATUS a script sets before loading this one. BENCH_COOKIE in the environment, if
-- set, is sent as the Cookie header of every request. Prints "Unexpected statuses: N"
-- (and the first few of them) after the run.

local expected = EXPECT_STATUS or 200
local cookie = os.getenv("BENCH_COOKIE")
if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  unexpected = 0
  seen = ""
end

function response(status, headers, body)
  if status ~= expected then
    unexpected = unexpected + 1
    if #seen < 40 then
      seen = seen .. status .. " "
    end
  end
end

function done(summary, latency, requests)
  local total, statuses = 0, ""
  for _, thread in ipairs(threads) do
    total = total + thread:get("unexpected")
    statuses = statuses .. thread:get("seen")
  end
  io.write(string.format("Unexpected statuses: %d %s\n", total, statuses))
end
