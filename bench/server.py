"""A production-like server for benchmarks and audits: DEBUG off, gunicorn, whitenoise.

Used by bench/bench.py (`make bench`) and bench/lighthouse.py (`make lighthouse`).
"""

import os
import re
import secrets
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

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
        "DJANGO_LOG_LEVEL": "WARNING",
        "PAGE_CACHE_ENABLED": "1" if page_cache else "0",
        # A benchmark posts hundreds of enquiries from one address.
        "INTAKE_RATE_LIMIT_ENABLED": "0",
        # setup_demo points the site at this address, so canonical URLs match it.
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
    }


def prepare(port):
    """Migrate, load the demo content and collect static files, as a deploy would."""
    env = production_env(port)
    for command in (
        ["migrate", "--no-input", "-v", "0"],
        ["setup_demo"],
        ["collectstatic", "--no-input", "-v", "0"],
    ):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)


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
    """The pages a visitor meets first: home, article index, newest article, contact."""
    index, article = django_query(
        "from articles.models import ArticleIndexPage, ArticlePage\n"
        "print(ArticleIndexPage.objects.live().first().url)\n"
        "print(ArticlePage.objects.live().order_by('-first_published_at').first().url)",
        port,
    )[:2]
    return {"home": "/", "article index": index, "article": article, "contact": "/contact/"}


class Server:
    """gunicorn on 127.0.0.1:<port> with the production settings; samples its memory."""

    def __init__(self, port, page_cache=True):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.env = production_env(port, page_cache)
        self.process = None
        self.peak_rss_kb = 0
        self._sampling = False

    def __enter__(self):
        command = [PYTHON, "-m", "gunicorn", "clinic.wsgi", "--config", "gunicorn.conf.py"]
        command += ["--bind", f"127.0.0.1:{self.port}", "--access-logfile", "/dev/null"]
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env)
        wait_until_up(f"{self.url}/healthz")
        self._sampling = True
        threading.Thread(target=self._sample_memory, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._sampling = False
        self.process.terminate()
        self.process.wait(timeout=30)

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


def wait_until_up(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not answer {url} within {timeout}s")
