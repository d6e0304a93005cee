"""Load benchmark: `make bench`.

Starts the production-like server (bench/server.py) on 127.0.0.1, loads it with wrk
(Debian's package) and prints for each target requests per second, p50/p99 latency, errors,
the server's peak memory, and throughput as a ratio to a static file of the same size as the
article's HTML served by the same server, so results compare across machines. Pages are
measured with the whole-page cache off (every request renders) and on.

Environment: DATABASE_URL (default: the development SQLite file; PostgreSQL recommended),
BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 16), BENCH_PORT (default 8765).
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from server import ROOT, Server, demo_urls, prepare  # noqa: E402

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
STATIC_SAMPLE = "bench/same-size-as-article.html"


def wrk(url, script=None):
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", "--timeout", "5s"]
    if script:
        command += ["-s", str(script)]
    result = subprocess.run([*command, url], check=True, capture_output=True, text=True)
    return parse_wrk(result.stdout)


def parse_wrk(output):
    def latency_ms(percent):
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return {"us": value / 1000, "ms": value, "s": value * 1000}[unit]

    errors = 0
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if sockets:
        errors += sum(int(n) for n in sockets.groups())
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency_ms(50),
        "p99": latency_ms(99),
        "errors": errors,
    }


def write_static_sample(size):
    """A static file as large as the article's HTML, served by whitenoise like any asset."""
    target = ROOT / "staticfiles" / STATIC_SAMPLE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"<!-- benchmark sample -->".ljust(size, b"x"))


def measure(urls, page_cache):
    with Server(PORT, page_cache=page_cache) as server:
        results = {}
        for name, path in urls.items():
            server.get(path)  # warm up; fills the page cache when it is on
            results[name] = wrk(server.url + path)
        results["static file"] = wrk(f"{server.url}/static/{STATIC_SAMPLE}")
        return results, server.peak_rss_kb


def print_table(title, results, static_rps, peak_kb):
    print(f"\n{title} (peak server memory {peak_kb / 1024:.0f} MiB)")
    print(f"{'target':<18}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'÷ static':>10}")
    for name, r in results.items():
        ratio = r["rps"] / static_rps
        row = f"{name:<18}{r['rps']:>9.0f}{r['p50']:>9.1f}{r['p99']:>9.1f}{r['errors']:>8}"
        print(f"{row}{ratio:>10.2f}")


def main():
    if shutil.which("wrk") is None:
        raise SystemExit("wrk not found: apt-get install wrk")
    prepare(PORT)
    urls = demo_urls(PORT)
    database = os.environ.get("DATABASE_URL", "sqlite:///var/db.sqlite3").split("@")[-1]
    print(f"{os.cpu_count()} cores; {SECONDS}s per target at {CONNECTIONS} connections; {database}")

    with Server(PORT, page_cache=False) as server:
        write_static_sample(len(server.get(urls["article"])))

    for title, page_cache in (("Page cache OFF", False), ("Page cache ON", True)):
        results, peak = measure(urls, page_cache)
        print_table(title, results, results["static file"]["rps"], peak)


if __name__ == "__main__":
    main()
