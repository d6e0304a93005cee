"""gunicorn settings for `make serve` and production; GUNICORN_CMD_ARGS overrides any."""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = 30
graceful_timeout = 20
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
# Query strings are left out of the access log: they can carry search terms.
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
