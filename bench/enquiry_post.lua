-- wrk script: sends the contact form, every request a complete enquiry the site accepts.
--
-- bench.py fetches the contact page once beforehand and passes what a browser would send:
--   BENCH_POST_BODY  the url-encoded form, with csrfmiddlewaretoken and the signed "started"
--   BENCH_COOKIE     "csrftoken=<the cookie that goes with the token>"
-- An accepted enquiry answers 302 to the thank-you page; anything else is counted as
-- unexpected (a form error re-renders the page with 200, which wrk alone would call success).

wrk.method = "POST"
wrk.body = os.getenv("BENCH_POST_BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

EXPECT_STATUS = 302
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "expect_status.lua")
