"""A production-like server for benchmarks and audits: DEBUG off, gunicorn, whitenoise.

Used by bench/bench.py (`make bench`) and bench/lighthouse.py (`make lighthouse`). Every
process started here (the server and the one-off `manage.py` and Django snippets) sees the
same environment: this process's, with the production settings laid over it.
"""

import itertools
import os
import re
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50)


def production_env(port, page_cache=True):
    """`make serve`'s settings: DEBUG off, plain HTTP on loopback."""
    return {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_SERVE_MEDIA": "1",  # no nginx in front to serve uploaded images
        "DJANGO_LOG_LEVEL": "WARNING",
        "PAGE_CACHE_ENABLED": "1" if page_cache else "0",
        # setup_demo points the site at this address, so canonical URLs match it.
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
    }


def prepare(port):
    """Migrate, load the demo content, collect static files and empty the page cache."""
    ensure_postgres_database(os.environ.get("DATABASE_URL", ""))
    env = production_env(port)
    for command in (
        ["migrate", "--no-input", "-v", "0"],
        ["setup_demo"],
        ["collectstatic", "--no-input", "-v", "0"],
    ):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)
    # Pages cached in Redis by an earlier run hold form tokens signed with that run's secret
    # key, which this run's server would refuse: `migrate` moves the content version, which
    # retires them.


def ensure_postgres_database(url):
    """Create the PostgreSQL database DATABASE_URL names if it is missing (no psql needed)."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        return
    name = unquote(parts.path.lstrip("/"))
    server = {
        "host": parts.hostname or "localhost",
        "port": parts.port or 5432,
        "user": unquote(parts.username or "") or None,
        "password": unquote(parts.password or "") or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created PostgreSQL database {name}")


def django_query(code, port):
    """Run a snippet with the site's settings and return its printed lines."""
    env = {**production_env(port), "DJANGO_SETTINGS_MODULE": "clinic.settings"}
    result = subprocess.run(
        [PYTHON, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.split("\n")


def demo_urls(port):
    """The pages a visitor meets first, in English and in Spanish: home, article index, newest
    article, contact."""
    lines = django_query(
        "from articles.models import ArticleIndexPage, ArticlePage\n"
        "from intake.pages import ContactPage\n"
        "for code in ('en', 'es'):\n"
        "    for model in (ArticleIndexPage, ArticlePage, ContactPage):\n"
        "        pages = model.objects.live().filter(locale__language_code=code)\n"
        "        print(pages.order_by('-first_published_at').first().url)",
        port,
    )
    english, spanish = lines[:3], lines[3:6]
    return {
        "home": "/",
        "article index": english[0],
        "article": english[1],
        "contact": english[2],
        "home (es)": "/es/",
        "article index (es)": spanish[0],
        "article (es)": spanish[1],
        "contact (es)": spanish[2],
    }


# gunicorn's sync workers close each connection after its response, so a load generator
# opens a new one per request, and each closed connection holds its address and port pair for
# a minute (TIME_WAIT). Runs back to back at thousands of requests a second wrap around the
# 28,000 client ports, and the kernel then stalls new connections for a second or more: an
# artefact of one client on loopback, not of the server. The server therefore also listens on
# other loopback addresses, and each run goes to an address of its own (`fresh_url`).
LOOPBACK_ADDRESSES = [f"127.0.0.{n}" for n in range(1, 17)]


class Server:
    """gunicorn on 127.0.0.1:<port> with the production settings; samples its memory."""

    def __init__(self, port, page_cache=True, extra_env=None):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.host_header = f"127.0.0.1:{port}"
        self._addresses = itertools.cycle(LOOPBACK_ADDRESSES[1:])
        self.env = {**production_env(port, page_cache), **(extra_env or {})}
        self.process = None
        self.peak_rss_kb = 0
        self._sampling = False

    def __enter__(self):
        if port_in_use(self.port):
            # wait_until_up would otherwise be answered by whatever holds the port.
            raise SystemExit(f"port {self.port} is in use: stop that server or choose another")
        command = [PYTHON, "-m", "gunicorn", "clinic.wsgi", "--config", "gunicorn.conf.py"]
        for address in LOOPBACK_ADDRESSES:
            command += ["--bind", f"{address}:{self.port}"]
        command += ["--access-logfile", "/dev/null"]
        command += ["--log-level", "warning"]  # no start and stop lines amid the results
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env)
        wait_until_up(f"{self.url}/healthz", self.process)
        self._sampling = True
        threading.Thread(target=self._sample_memory, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._sampling = False
        self.process.terminate()
        self.process.wait(timeout=30)

    def fresh_url(self):
        """The server's URL on a loopback address no recent run has used (send `host_header`
        as the Host header: the site answers only to its own host names)."""
        return f"http://{next(self._addresses)}:{self.port}"

    def get(self, path):
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return response.read()

    def _sample_memory(self):
        while self._sampling:
            self.peak_rss_kb = max(self.peak_rss_kb, tree_rss_kb(self.process.pid))
            time.sleep(0.2)


def tree_rss_kb(pid):
    """Resident memory of the gunicorn master and its workers, from /proc."""
    total = 0
    for one in [pid, *children(pid)]:
        try:
            status = Path(f"/proc/{one}/status").read_text()
        except OSError:
            continue
        match = re.search(r"VmRSS:\s+(\d+) kB", status)
        total += int(match.group(1)) if match else 0
    return total


def children(pid):
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def port_in_use(port):
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def wait_until_up(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not answer {url} within {timeout}s")
