"""Edge benchmark, part of `make bench`: the cached article through Varnish
(deploy/varnish/clinic.vcl) against the same HTML as a file through nginx, and against the
app's own page cache, in one run with the same wrk settings and the same Accept-Encoding.

Targets (issue #24): Varnish at >= 0.5 of nginx, and >= 5x the app's own page cache. The
contact page, which the edge passes to the app (its form carries each visitor's own CSRF
token), is measured through Varnish too.

Needs varnishd (with Debian's varnish-modules), nginx (nginx-light) and wrk. Environment as
bench/bench.py (DATABASE_URL, REDIS_URL, BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_PORT), and
EDGE_BENCH_PORT (default 8766) and NGINX_BENCH_PORT (default 8767).
"""

import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from server import Server, demo_urls, prepare  # noqa: E402

from bench import (  # noqa: E402
    BENCH_SETTINGS,
    CONNECTIONS,
    DEFAULT_DATABASE_URL,
    PORT,
    SECONDS,
    machine,
    wrk,
)
from tests.local_servers import Varnish, wait_for_port  # noqa: E402

EDGE_PORT = int(os.environ.get("EDGE_BENCH_PORT", "8766"))
NGINX_PORT = int(os.environ.get("NGINX_BENCH_PORT", "8767"))
# What browsers send: Varnish keeps the gzipped copy, nginx serves a gzipped file beside the
# page (gzip_static), the app answers without compression.
ACCEPT_ENCODING = "gzip, deflate, br"
# And without compression, for reference: Varnish then unzips its copy for every request.
ENCODINGS = (ACCEPT_ENCODING, "identity")
MIN_NGINX_RATIO = 0.5
MIN_APP_RATIO = 5.0

NGINX_CONF = """\
worker_processes auto;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/tmp;
    proxy_temp_path {folder}/tmp;
    fastcgi_temp_path {folder}/tmp;
    uwsgi_temp_path {folder}/tmp;
    scgi_temp_path {folder}/tmp;
    default_type text/html;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 100000;
    gzip_static on;
    server {{
        listen 127.0.0.1:{port};
        root {folder}/www;
    }}
}}
"""


class Target:
    """Somewhere wrk can load, with the Host header to send (the bench's wrk() takes this)."""

    def __init__(self, port, host_header):
        self.port, self.host_header = port, host_header

    def fresh_url(self):
        return f"http://127.0.0.1:{self.port}"


class Nginx:
    """nginx in the foreground serving `html` (and its gzipped copy) as /article.html."""

    def __init__(self, port, html):
        self.port = port
        self.folder = Path(tempfile.mkdtemp(prefix="clinic-nginx-"))
        self.folder.chmod(0o755)
        (self.folder / "tmp").mkdir()
        www = self.folder / "www"
        www.mkdir(mode=0o755)
        (www / "article.html").write_bytes(html)
        (www / "article.html.gz").write_bytes(gzip.compress(html))
        for path in www.iterdir():
            path.chmod(0o644)
        conf = self.folder / "nginx.conf"
        conf.write_text(NGINX_CONF.format(folder=self.folder, port=port))
        self.command = ["nginx", "-c", str(conf), "-p", str(self.folder)]
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(self.command)
        wait_for_port(self.port, "nginx")
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)
        shutil.rmtree(self.folder, ignore_errors=True)


def fetch(url, host, headers=None):
    request = urllib.request.Request(url, headers={"Host": host, **(headers or {})})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers, response.read()


def load(target, path, encoding):
    # Without the status-checking script, as bench.py loads its static file; wrk still
    # counts 4xx and 5xx answers as errors.
    result = wrk(target, path, script=None, headers=[f"Accept-Encoding: {encoding}"])
    headers, body = fetch(
        target.fresh_url() + path, target.host_header, {"Accept-Encoding": encoding}
    )
    result["bytes"] = len(body)
    result["encoding"] = headers.get("Content-Encoding", "none")
    return result


def main():
    for program in ("wrk", "nginx"):
        if shutil.which(program) is None:
            raise SystemExit(f"{program} not found: apt-get install wrk nginx-light")
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.update(BENCH_SETTINGS)
    prepare(PORT)
    urls = demo_urls(PORT)
    article, contact = urls["article"], urls["contact"]
    site_host = f"127.0.0.1:{PORT}"
    print(f"\n{date.today()}; {machine()}")
    print(f"Edge: {SECONDS}s per target at {CONNECTIONS} connections")
    passes = {}
    with Server(PORT) as app:
        app_target = Target(PORT, site_host)
        _, html = fetch(app.url + article, site_host)
        varnish = Varnish(EDGE_PORT, [PORT], site_host)
        varnish.start()
        try:
            edge = Target(EDGE_PORT, f"127.0.0.1:{EDGE_PORT}")
            warm(edge, article)
            fetch(app.url + article, site_host)  # the app's own page cache holds it too
            with Nginx(NGINX_PORT, html):
                nginx = Target(NGINX_PORT, f"127.0.0.1:{NGINX_PORT}")
                for encoding in ENCODINGS:
                    passes[encoding] = {
                        "nginx, the file": load(nginx, "/article.html", encoding),
                        "Varnish, cached": load(edge, article, encoding),
                        "app page cache": load(app_target, article, encoding),
                        "contact via Varnish": load(edge, contact, encoding),
                    }
        finally:
            varnish.stop()
    print(f"article: {len(html):,} bytes of HTML")
    for encoding, results in passes.items():
        print_pass(encoding, results)
    report(passes[ACCEPT_ENCODING])


def warm(edge, path):
    """Varnish keeps a gzipped and a plain copy: both are cached before any load."""
    url = edge.fresh_url() + path
    for encoding in ENCODINGS:
        for _ in range(10):
            headers, _ = fetch(url, edge.host_header, {"Accept-Encoding": encoding})
            if headers.get("X-Cache") == "hit":
                break
            time.sleep(0.1)
        else:
            raise SystemExit(f"{path} is not cached by Varnish: {dict(headers)}")


def print_pass(encoding, results):
    nginx = results["nginx, the file"]["rps"]
    print(f"\nAccept-Encoding: {encoding}")
    print(
        f"{'target':<22}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'÷ nginx':>9}"
        f"{'bytes':>9}  encoding"
    )
    for name, r in results.items():
        row = f"{name:<22}{r['rps']:>9.0f}{r['p50']:>9.1f}{r['p99']:>9.1f}{r['errors']:>8}"
        print(f"{row}{r['rps'] / nginx:>9.2f}{r['bytes']:>9,}  {r['encoding']}")


def report(results):
    """The issue's targets, on what browsers send."""
    nginx = results["nginx, the file"]["rps"]
    app = results["app page cache"]["rps"]
    print(f"\nTargets (Accept-Encoding: {ACCEPT_ENCODING})")
    varnish = results["Varnish, cached"]["rps"]
    errors = sum(r["errors"] for r in results.values())
    checks = [
        (f"Varnish >= {MIN_NGINX_RATIO} of nginx: {varnish / nginx:.2f}", varnish / nginx >= 0.5),
        (f"Varnish >= {MIN_APP_RATIO:.0f}x the app's page cache: {varnish / app:.1f}x",
         varnish / app >= MIN_APP_RATIO),
        ("zero errors", errors == 0),
    ]  # fmt: skip
    for label, met in checks:
        print(f"  [{'ok' if met else 'MISSED'}] {label}")
    if not all(met for _, met in checks):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
