"""Load benchmark: `make bench`.

Starts the production-like server (DEBUG off, gunicorn, whitenoise) on 127.0.0.1, loads it
with wrk (Debian's package) at 16 connections, and prints for each target requests per
second, p50/p99 latency, errors, the server's peak memory, and throughput as a ratio to a
static file of the same size served by the same server, so results compare across machines.
Pages are measured twice: with the whole-page cache off (every request renders) and on.

Environment: DATABASE_URL (default: the development SQLite file; PostgreSQL recommended),
BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 16), BENCH_PORT (default 8765).
"""

import os
import re
import secrets
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
STATIC_SAMPLE = "bench/same-size-as-article.html"


def server_env(page_cache):
    env = dict(os.environ)
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", secrets.token_urlsafe(50)),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_LOG_LEVEL="WARNING",
        PAGE_CACHE_ENABLED="1" if page_cache else "0",
        # The benchmark posts hundreds of enquiries from one address.
        INTAKE_RATE_LIMIT_ENABLED="0",
    )
    return env


def manage(*args, env):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(env):
    manage("migrate", "--no-input", "-v", "0", env=env)
    manage("setup_demo", env=env)
    manage("collectstatic", "--no-input", "-v", "0", env=env)


def discover_urls(env):
    """The demo's article index and one article, found the way a visitor would."""
    code = (
        "import django; django.setup();"
        "from articles.models import ArticleIndexPage, ArticlePage;"
        "print(ArticleIndexPage.objects.live().first().url);"
        "print(ArticlePage.objects.live().order_by('-first_published_at').first().url)"
    )
    out = subprocess.run(
        [PYTHON, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "clinic.settings"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return {"home": "/", "article index": out[0], "article": out[1], "contact (GET)": "/contact/"}


class Server:
    def __init__(self, env):
        self.env = env
        self.process = None
        self.peak_rss_kb = 0
        self._sampling = False

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "clinic.wsgi",
                "--config",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--access-logfile",
                "/dev/null",
            ],
            cwd=ROOT,
            env=self.env,
        )
        wait_until_up(f"{BASE}/healthz")
        self._sampling = True
        threading.Thread(target=self._sample_memory, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._sampling = False
        self.process.terminate()
        self.process.wait(timeout=30)

    def _sample_memory(self):
        while self._sampling:
            self.peak_rss_kb = max(self.peak_rss_kb, tree_rss_kb(self.process.pid))
            time.sleep(0.2)


def tree_rss_kb(pid):
    """Resident memory of the gunicorn master and its workers, from /proc."""
    total = 0
    pids = [pid, *children(pid)]
    for one in pids:
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


def fetch(path):
    with urllib.request.urlopen(BASE + path, timeout=10) as response:
        return response.read()


def wrk(path, script=None):
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", "--timeout", "5s"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(
        [*command, BASE + path], check=True, capture_output=True, text=True
    ).stdout
    return parse_wrk(output)


def parse_wrk(output):
    def latency_ms(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = 0
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors += int(non_2xx.group(1)) if non_2xx else 0
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors += sum(int(n) for n in socket.groups()) if socket else 0
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency_ms("50"),
        "p99": latency_ms("99"),
        "errors": errors,
    }


def write_static_sample(size):
    """A static file as large as the article's HTML, served by whitenoise like any asset."""
    target = ROOT / "staticfiles" / STATIC_SAMPLE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"<!-- benchmark sample -->" + b"x" * max(0, size - 25))


def run_pages(urls, page_cache, static_rps=None):
    env = server_env(page_cache)
    results = {}
    with Server(env) as server:
        for name, path in urls.items():
            fetch(path)  # warm up (fills the page cache when it is on)
            results[name] = wrk(path)
        if static_rps is None:
            results["static file"] = wrk("/static/" + STATIC_SAMPLE)
        peak = server.peak_rss_kb
    return results, peak


def print_table(title, results, static_rps, peak_kb):
    print(f"\n{title}  (peak server memory {peak_kb / 1024:.0f} MiB)")
    print(f"{'target':<22}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}{'÷ static':>10}")
    for name, r in results.items():
        ratio = r["rps"] / static_rps if static_rps else 0
        print(
            f"{name:<22}{r['rps']:>10.0f}{r['p50']:>10.1f}{r['p99']:>10.1f}{r['errors']:>8}{ratio:>10.2f}"
        )


def main():
    if shutil.which("wrk") is None:
        raise SystemExit("wrk not found: apt-get install wrk")
    env = server_env(page_cache=False)
    prepare(env)
    urls = discover_urls(env)
    print(f"machine: {os.cpu_count()} cores; {SECONDS}s per target at {CONNECTIONS} connections")
    print(f"database: {os.environ.get('DATABASE_URL', 'sqlite (var/db.sqlite3)').split('@')[-1]}")

    with Server(server_env(page_cache=False)):
        article_size = len(fetch(urls["article"]))
    write_static_sample(article_size)

    uncached, peak_uncached = run_pages(urls, page_cache=False)
    static_rps = uncached["static file"]["rps"]
    print_table("Page cache OFF (every request renders)", uncached, static_rps, peak_uncached)

    cached, peak_cached = run_pages(urls, page_cache=True, static_rps=static_rps)
    print_table("Page cache ON (anonymous visitors)", cached, static_rps, peak_cached)


if __name__ == "__main__":
    main()
