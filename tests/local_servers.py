"""Servers the tests start on loopback for themselves: a free port, a Redis of their own, and
an SMTP server that records what it receives."""

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, what, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not start on port {port}")


def start_redis_server(port, *options):
    """redis-server on 127.0.0.1:`port`, without snapshots unless `options` ask; returns once
    it takes connections."""
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", *options]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    wait_for_port(port, "redis-server")
    return process


class RecordingHandler(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


class SMTPServer:
    """A real SMTP server on localhost, started and stopped by the test."""

    def __init__(self, port):
        self.port = port
        self.handler = RecordingHandler()
        self.controller = None

    @property
    def messages(self):
        return self.handler.messages

    def start(self):
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


VARNISH_VCL = Path(__file__).resolve().parent.parent / "deploy" / "varnish" / "clinic.vcl"


def site_vcl(backend_ports, canonical_host, purgers=("127.0.0.1", "::1")):
    """A clinic-site.vcl (see deploy/varnish/) for app servers on loopback `backend_ports`."""
    backends = "".join(
        f"backend clinic_app_{n} {{\n"
        f'    .host = "127.0.0.1";\n    .port = "{port}";\n'
        f'    .host_header = "{canonical_host}";\n    .probe = clinic_healthz;\n'
        "    .connect_timeout = 1s;\n}\n"
        for n, port in enumerate(backend_ports, 1)
    )
    added = "".join(
        f"    clinic_app.add_backend(clinic_app_{n});\n" for n in range(1, len(backend_ports) + 1)
    )
    acl = "".join(f'    "{address}";\n' for address in purgers)
    return (
        f"{backends}\nsub vcl_init {{\n    new clinic_app = directors.round_robin();\n{added}}}\n\n"
        f"acl purgers {{\n{acl}}}\n\n"
        f'sub clinic_site {{\n    set req.http.X-Clinic-Canonical-Host = "{canonical_host}";\n}}\n'
    )


def varnishd_path():
    found = shutil.which("varnishd")
    if found is None and Path("/usr/sbin/varnishd").exists():
        found = "/usr/sbin/varnishd"  # root's PATH has it; others' may not
    return found


class Varnish:
    """varnishd in the foreground with deploy/varnish/clinic.vcl and a clinic-site.vcl of the
    test's own, on 127.0.0.1:`port`.

    Its folder is one of its own under the system's temporary folder, readable by all:
    varnishd compiles the VCL as its own unprivileged user, who cannot read pytest's folders."""

    def __init__(self, port, backend_ports, canonical_host):
        self.port = port
        self.folder = Path(tempfile.mkdtemp(prefix="clinic-varnish-"))
        self.folder.chmod(0o755)
        site = self.folder / "clinic-site.vcl"
        site.write_text(site_vcl(backend_ports, canonical_host))
        site.chmod(0o644)
        self.log_path = self.folder / "varnishd.log"
        self.process = None

    def start(self):
        command = [
            varnishd_path(),
            "-F",
            "-n", str(self.folder / "work"),
            "-a", f"127.0.0.1:{self.port}",
            "-T", "127.0.0.1:0",
            "-f", str(VARNISH_VCL),
            "-p", f"vcl_path={self.folder}",
            "-s", "malloc,64m",
        ]  # fmt: skip
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        try:
            # It compiles the VCL with the C compiler first: slow on a busy machine.
            wait_for_port(self.port, "varnishd", timeout=120)
        except RuntimeError:
            log = self.log_path.read_text()[-3000:]
            self.stop()
            raise RuntimeError(log) from None

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        shutil.rmtree(self.folder, ignore_errors=True)
