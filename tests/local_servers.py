"""Servers the tests start on loopback for themselves: a free port, a Redis of their own, and
an SMTP server that records what it receives."""

import socket
import subprocess
import time

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
