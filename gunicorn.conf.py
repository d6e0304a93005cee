"""gunicorn settings for `make serve` and production; GUNICORN_CMD_ARGS overrides any."""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = 30
graceful_timeout = 20
keepalive = 5
# The app is imported once, before the workers are forked: they share its memory pages and
# start at once. Nothing opens a database or cache connection at import time.
preload_app = True
# Workers are not recycled by default: on a 2-core machine each recycling stalled the requests
# around it for up to seconds (docs/benchmarks.md), and nothing here is known to leak. Set
# GUNICORN_MAX_REQUESTS (e.g. 10000) to recycle them should memory ever creep up.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 0))
max_requests_jitter = max_requests // 10
accesslog = "-"
# Query strings are left out of the access log: they can carry search terms.
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
