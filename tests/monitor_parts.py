"""Real local parts for the schedule's tests: a webhook receiver, an SMTP server, a homepage that fails
chosen probes, and a clock the test moves by hand."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email import message_from_bytes
from email.header import decode_header, make_header
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller

from monitor.probes import USER_AGENT


@dataclass
class ManualClock:
    """The scheduler's clock in tests: it moves only when the test says so."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@dataclass
class Webhook:
    """A JSON webhook (Apprise json://) on loopback; answers 500 to the first `fail_first` posts."""

    address: str = "127.0.0.1"
    fail_first: int = 0
    received: list[dict[str, Any]] = field(default_factory=list)
    attempts: int = 0

    @property
    def url(self) -> str:
        return f"json://{self.address}:{self.server.server_address[1]}/hook"

    def start(self) -> Webhook:
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                hook.attempts += 1
                if hook.attempts <= hook.fail_first:
                    self.send_response(500)
                else:
                    hook.received.append(json.loads(body))
                    self.send_response(200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer((self.address, 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@contextmanager
def webhook(**kwargs: Any) -> Iterator[Webhook]:
    hook = Webhook(**kwargs).start()
    try:
        yield hook
    finally:
        hook.stop()


@dataclass
class Mail:
    to: list[str]
    subject: str
    text: str


@contextmanager
def smtp_server() -> Iterator[tuple[str, list[Mail]]]:
    """An SMTP server on loopback (aiosmtpd); yields the Apprise mailto:// URL and the mails it got."""
    mails: list[Mail] = []

    class Handler:
        async def handle_DATA(self, server, session, envelope) -> str:
            message = message_from_bytes(envelope.content)
            part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
            mails.append(Mail(list(envelope.rcpt_tos), str(make_header(decode_header(message["Subject"]))),
                              part.get_payload(decode=True).decode("utf-8")))
            return "250 OK"

    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield f"mailto://127.0.0.1:{port}?from=monitor@example.org&to=office@example.org", mails
    finally:
        controller.stop()


HOMEPAGE = "<html><head><title>某县人民政府</title></head><body><h1>某县人民政府</h1><a href='/a.html'>新闻</a></body></html>"


@dataclass
class ProbedSite:
    """A one-page site whose homepage answers probe number n (counted from 1) with 503 when n is in
    `failing`; the crawler's own requests always get the page."""

    address: str
    failing: set[int]
    probes: int = 0

    @property
    def url(self) -> str:
        return f"http://{self.address}:{self.server.server_address[1]}/"

    def start(self) -> ProbedSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.headers.get("User-Agent") == USER_AGENT:
                    site.probes += 1
                    if site.probes in site.failing:
                        self.send_response(503)
                        self.send_header("Content-Type", "text/html; charset=utf-8")
                        self.end_headers()
                        self.wfile.write("<html><body>服务暂时不可用</body></html>".encode())
                        return
                body = HOMEPAGE.encode() if self.path == "/" else b"<html><body>x</body></html>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_HEAD = do_GET

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer((self.address, 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
