"""Serve the sample sites on loopback: their origins plus a dead address.

    python -m samplesite.server [--scale N] [--dir D] [--slow-seconds S] [--verbose]

``start()`` builds the default site into a temporary directory (or uses ``site_dir``), starts one
``ThreadingHTTPServer`` per origin of the build's manifest on an OS-chosen port in daemon threads (on
the origin's own loopback ``address``, 127.0.0.1 unless the manifest says otherwise: a generated
platform puts other governments' hosts on 127.0.0.2 …), and reserves a ``dead`` port: a socket bound on
127.0.0.1 that never listens, so connecting to it is refused.

Static files answer conditional requests as real CMS servers do: each carries an ``ETag`` (a hash of
its bytes) and a ``Last-Modified`` (the build's ``last_modified``, else the evaluation date), and a GET
or HEAD with a matching ``If-None-Match``, or an ``If-Modified-Since`` not older than ``Last-Modified``
(when there is no ``If-None-Match``), answers 304 without a body.

Behaviour beyond static files comes from the build's ``site.json`` routes (exact paths, or prefixes
written ``/path/*``):

* ``redirect`` — answer ``status`` with ``Location``;  ``status`` — answer that status with an error page;
* ``slow`` — wait ``slow_seconds`` (default 20, longer than a crawler's timeout), then answer 200;
* ``flaky`` — answer ``status`` (503) the first ``times`` requests for the URL, then serve the file;
  the counter lives in the server process (``SampleSite.reset()`` clears it);
* ``hanweb_dataproxy`` — Hanweb ``dataproxy.jsp``: POST ``?startrecord=&endrecord=&perpage=`` with the
  ``col=1&appid=1&webid=…&columnid=…&unitid=…`` form, or GET ``?page=N&…&columnid=…``;
* ``challenge`` — 瑞数-style 412 stub unless the request carries the cookie its script sets;
* ``fjdz_search`` — Fujian 政务云 ``/fjdzapp/search`` (POST ``classsql=chnlid=N&page=&prepage=``), JSON;
* ``json_api`` — the browser-only column's list API (GET ``?page=&rows=``), JSON of its own shape;
* ``large`` — a file of ``size`` bytes (``Content-Length`` on HEAD and GET; GET streams zeros until the
  client stops reading), for download size limits.

A path with a query string is answered by the page the build stored for it (``index.html?uid=&pageNum=``,
``?page=N`` list pages; ``model.query_file``), else by the path's file, the query ignored.

HTML, XML and scripts have ``{{county}}``, ``{{department}}``, ``{{external}}``, ``{{dead}}`` (a
generated platform: ``{{site}}``, ``{{other}}`` …) replaced with ``http://ADDRESS:PORT`` as they are
served.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import socket
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from samplesite import hanweb, ruishu, schemes, templates
from samplesite.assets import content_type
from samplesite.build import build_site
from samplesite.model import file_path, query_file

LOOPBACK = "127.0.0.1"
TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml")


@dataclass
class OriginState:
    """Everything one origin's handlers share: files, routes, data, counters."""

    name: str
    root: Path
    data_dir: Path
    site_name: str
    routes: dict[str, dict]
    headers: dict[str, str]
    shared: SharedState
    last_modified: str = ""  # HTTP date every static file carries
    counters: dict[str, int] = field(default_factory=dict)
    requests: int = 0  # every request answered since the last reset (tests measure what a crawl asks)
    data: dict[str, list[str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def route_for(self, path: str) -> dict | None:
        """Exact route first, then the longest matching ``/prefix/*`` route."""
        if path in self.routes:
            return self.routes[path]
        prefixes = [key for key in self.routes if key.endswith("*") and path.startswith(key[:-1])]
        return self.routes[max(prefixes, key=len)] if prefixes else None

    def count(self, path: str) -> int:
        """How many times this URL was requested before (for flaky routes)."""
        with self.lock:
            seen = self.counters.get(path, 0)
            self.counters[path] = seen + 1
            return seen

    def records(self, key: str) -> list:
        """Records of a data endpoint (Hanweb, fjdz search, the js API), read once from ``_data``."""
        with self.lock:
            if key not in self.data:
                self.data[key] = json.loads((self.data_dir / f"{key}.json").read_text(encoding="utf-8"))
            return self.data[key]


@dataclass
class SharedState:
    """Placeholders and settings common to all origins."""

    placeholders: dict[str, bytes] = field(default_factory=dict)  # b"{{county}}" -> b"http://…"
    slow_seconds: float = 20.0
    stopping: threading.Event = field(default_factory=threading.Event)
    verbose: bool = False
    latency: float = 0.0  # seconds every answer waits, as a distant server's would

    def expand(self, body: bytes) -> bytes:
        for key, value in self.placeholders.items():
            body = body.replace(key, value)
        return body


class Handler(BaseHTTPRequestHandler):
    """Answers one origin; ``state`` is set on a per-origin subclass."""

    protocol_version = "HTTP/1.1"
    server_version = "SampleGov/1.0"
    state: OriginState

    def log_message(self, format: str, *args: object) -> None:
        if self.state.shared.verbose:
            sys.stderr.write(f"[{self.state.name}] {self.address_string()} {format % args}\n")

    # ----- entry points ------------------------------------------------------------------------
    def do_GET(self) -> None:
        self.form = ""
        time.sleep(self.state.shared.latency)
        self.dispatch()

    def do_HEAD(self) -> None:
        self.form = ""
        time.sleep(self.state.shared.latency)
        self.dispatch()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.form = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        time.sleep(self.state.shared.latency)
        self.dispatch()

    def dispatch(self) -> None:
        with self.state.lock:
            self.state.requests += 1
        parts = urlsplit(self.path)
        path = unquote(parts.path) or "/"
        route = self.state.route_for(path)
        try:
            if route and self.special(route, path, parts.query):
                return
            if self.command == "POST":
                self.send_error_page(405)
                return
            self.static(path, parts.query)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeouts on the slow route): nothing to answer

    # ----- special routes ----------------------------------------------------------------------
    def special(self, route: dict, path: str, query: str) -> bool:
        """Answer a special route; False means fall through to the static file."""
        kind = route["kind"]
        if kind == "redirect":
            self.send_body(route["status"], b"", "text/html; charset=utf-8", {"Location": route["location"]})
        elif kind == "status":
            self.send_error_page(route["status"])
        elif kind == "slow":
            self.state.shared.stopping.wait(self.state.shared.slow_seconds)
            self.send_body(200, templates.small_page("在线申请", "<p>政府信息公开在线申请平台</p>").encode(),
                           "text/html; charset=utf-8")
        elif kind == "flaky":
            if self.state.count(path) >= route.get("times", 1):
                return False
            self.send_error_page(route.get("status", 503), {"Retry-After": "1"})
        elif kind == "hanweb_dataproxy":
            self.dataproxy(route, query)
        elif kind == "fjdz_search":
            self.fjdz_search(route, query)
        elif kind == "json_api":
            self.json_api(route, query)
        elif kind == "large":
            self.large(route["size"], route.get("content_type", "application/pdf"))
        elif kind == "challenge":
            if ruishu.passes(self.headers.get("Cookie")):
                return False
            cookie = f"{ruishu.SERVER_COOKIE_NAME}={ruishu.META_TOKEN[:32]}; Path=/; HttpOnly"
            self.send_body(ruishu.STATUS, ruishu.challenge_page().encode(), "text/html; charset=utf-8",
                           {"Set-Cookie": cookie})
        else:
            raise ValueError(f"unknown route kind {kind}")
        return True

    def dataproxy(self, route: dict, query: str) -> None:
        """Hanweb dataproxy.jsp, POST (startrecord/endrecord/perpage) or GET (page) form."""
        params = dict(parse_qsl(query))
        params.update(parse_qsl(self.form))
        column = route["columns"].get(params.get("columnid", ""))
        records = self.state.records(column["data"]) if column else []
        try:
            perpage = int(params.get("perpage") or (column["perpage"] if column else 15))
            if "startrecord" in params:
                start = int(params["startrecord"])
                end = int(params.get("endrecord") or start + perpage - 1)
            else:
                page = int(params.get("page") or 1)
                start, end = (page - 1) * perpage + 1, page * perpage
        except ValueError:
            perpage, start, end = 15, 1, 0
        body = hanweb.dataproxy_response(records, start, end, perpage).encode("utf-8")
        self.send_body(200, body, "text/xml;charset=UTF-8")

    def fjdz_search(self, route: dict, query: str) -> None:
        """Fujian 政务云 ``/fjdzapp/search``: ``classsql=chnlid=N``, ``page``, ``prepage`` (POST form or query)."""
        params = dict(parse_qsl(query))
        params.update(parse_qsl(self.form))
        chnl = params.get("classsql", "").replace(" ", "").removeprefix("chnlid=")
        channel = route["channels"].get(chnl)
        records = self.state.records(channel["data"]) if channel else []
        page, prepage = _int(params.get("page"), 1), _int(params.get("prepage"), 15)
        body = schemes.fjdz_search_response(records, page, prepage).encode("utf-8")
        self.send_body(200, body, "application/json;charset=UTF-8")

    def json_api(self, route: dict, query: str) -> None:
        """The browser-only column's list API: ``?page=N&rows=K`` (GET), an unguessable JSON shape."""
        params = dict(parse_qsl(query))
        records = self.state.records(route["data"])
        page, rows = _int(params.get("page"), 1), _int(params.get("rows"), route.get("rows", 10))
        self.send_body(200, schemes.api_response(records, page, rows).encode("utf-8"),
                       "application/json;charset=UTF-8")

    def large(self, size: int, ctype: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(size))
        self.end_headers()
        if self.command == "HEAD":
            return
        chunk, sent = b"\0" * (1 << 20), 0
        while sent < size and not self.state.shared.stopping.is_set():
            self.wfile.write(chunk[:size - sent])
            sent += len(chunk)

    # ----- static files ------------------------------------------------------------------------
    def static(self, path: str, query: str = "") -> None:
        root = self.state.root
        if query and self.query_page(path, query):
            return
        try:
            target = (root / path.lstrip("/")).resolve()
        except (ValueError, OSError):  # NUL bytes and the like: no such file
            target = None
        if target is None or (root not in target.parents and target != root):
            self.send_error_page(404)
            return
        if target.is_dir():
            if not path.endswith("/"):
                self.send_body(301, b"", "text/html; charset=utf-8", {"Location": path + "/"})
                return
            target = target / "index.html"
            path = path + "index.html"
        if not target.is_file():
            self.send_error_page(404)
            return
        ctype = self.state.headers.get(path) or content_type(path)
        self.send_static(target.read_bytes(), ctype)

    def query_page(self, path: str, query: str) -> bool:
        """Serve the page stored for ``path?query`` (list pages paged by query string), if there is one;
        other queries fall through to the file of the path, as a static server ignores them."""
        stored = query_file(path, query)
        target = (self.state.root / stored.lstrip("/")).resolve()
        if self.state.root not in target.parents or not target.is_file():
            return False
        base = file_path(path)
        self.send_static(target.read_bytes(), self.state.headers.get(base) or content_type(base))
        return True

    def send_static(self, body: bytes, ctype: str) -> None:
        """200 with the file's validators, or 304 when the request's validators still match."""
        tag = f'"{hashlib.sha1(body).hexdigest()[:16]}"'
        validators = {"ETag": tag, "Last-Modified": self.state.last_modified}
        if self.command in ("GET", "HEAD") and self.not_modified(tag):
            self.send_response(304)
            for name, value in validators.items():
                self.send_header(name, value)
            self.end_headers()
            return
        self.send_body(200, body, ctype, validators)

    def not_modified(self, tag: str) -> bool:
        """RFC 9110 §13.1: If-None-Match decides when present, else If-Modified-Since."""
        none_match = self.headers.get("If-None-Match")
        if none_match is not None:
            return tag in [t.strip().removeprefix("W/") for t in none_match.split(",")] or none_match.strip() == "*"
        since = self.headers.get("If-Modified-Since")
        if not since:
            return False
        try:
            return parsedate_to_datetime(since) >= parsedate_to_datetime(self.state.last_modified)
        except (TypeError, ValueError):
            return False

    # ----- responses ---------------------------------------------------------------------------
    def send_error_page(self, status: int, extra: dict[str, str] | None = None) -> None:
        page = (templates.not_found_page(self.state.site_name) if status == 404
                else templates.error_page(status, self.state.site_name))
        self.send_body(status, page.encode("utf-8"), "text/html; charset=utf-8", extra)

    def send_body(self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None) -> None:
        if ctype.startswith(TEXT_TYPES):
            body = self.state.shared.expand(body)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def datetime_of(day: str) -> datetime:
    """Noon UTC of an ISO date: the time every file of a build was last modified."""
    return datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # stop() must not wait for a handler sleeping on the slow route


@dataclass
class SampleSite:
    """Running sample sites. ``urls`` maps each origin (county/department/external/dead for the default
    build) to ``http://ADDRESS:P/``."""

    site_dir: Path
    urls: dict[str, str]
    ground_truth: dict
    _servers: list[ThreadingHTTPServer]
    _states: list[OriginState]
    _shared: SharedState
    _dead_socket: socket.socket
    _tempdir: tempfile.TemporaryDirectory | None = None

    @property
    def origins(self) -> dict[str, str]:
        """Origins without the trailing slash, as ground-truth placeholders expand to."""
        return {name: value.rstrip("/") for name, value in self.urls.items()}

    @property
    def dead(self) -> str:
        return self.urls["dead"]

    def url(self, value: str) -> str:
        """``{county}/zwgk/`` -> ``http://127.0.0.1:P/zwgk/``."""
        for name, origin in self.origins.items():
            value = value.replace(f"{{{name}}}", origin)
        return value

    def expand(self, value: object) -> object:
        """Expand placeholders in every string of a ground-truth structure."""
        if isinstance(value, str):
            return self.url(value)
        if isinstance(value, list):
            return [self.expand(item) for item in value]
        if isinstance(value, dict):
            return {key: self.expand(item) for key, item in value.items()}
        return value

    def reset(self) -> None:
        """Forget request counts, so flaky URLs fail once more."""
        for state in self._states:
            with state.lock:
                state.counters.clear()
                state.requests = 0

    def stop(self) -> None:
        """Stop the servers, release the dead port and remove a temporary build."""
        self._shared.stopping.set()
        for server in self._servers:
            server.shutdown()
            server.server_close()
        self._dead_socket.close()
        if self._tempdir is not None:
            self._tempdir.cleanup()
            self._tempdir = None

    def __enter__(self) -> SampleSite:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def needs_build(site_dir: Path, scale_documents: int | None) -> bool:
    """No build yet, or one of another scale than the caller asked for."""
    truth = site_dir / "ground_truth.json"
    if not (site_dir / "site.json").exists() or not truth.exists():
        return True
    if scale_documents is None:
        return False
    return json.loads(truth.read_text(encoding="utf-8")).get("scale_documents") != scale_documents


def start(site_dir: Path | None = None, *, slow_seconds: float = 20.0, scale_documents: int | None = None,
          verbose: bool = False, address: str = LOOPBACK, latency: float = 0.0) -> SampleSite:
    """Serve the sample sites; build them first if ``site_dir`` is None or holds no suitable build.

    :param site_dir: a directory written by ``build_site``. It is (re)built when it has no build, or
        when ``scale_documents`` is given and differs from the scale it was built with.
    :param slow_seconds: how long the slow URL waits before answering.
    :param scale_documents: None for the default site, N for the benchmark site.
    :param verbose: log every request to stderr.
    :param address: the loopback address of the origins the manifest puts on 127.0.0.1 (and of the dead
        port): the same site on 127.0.0.11, 127.0.0.12 … is a site on a host of its own. Origins the
        manifest puts elsewhere (a generated platform's other hosts) stay there.
    :param latency: seconds every answer waits (a distant server).
    """
    tempdir = None
    if site_dir is None:
        tempdir = tempfile.TemporaryDirectory(prefix="samplesite-")
        site_dir = Path(tempdir.name)
    site_dir = Path(site_dir).resolve()
    if needs_build(site_dir, scale_documents):
        build_site(site_dir, scale_documents)
    manifest = json.loads((site_dir / "site.json").read_text(encoding="utf-8"))
    truth = json.loads((site_dir / "ground_truth.json").read_text(encoding="utf-8"))
    shared = SharedState(slow_seconds=slow_seconds, verbose=verbose, latency=latency)
    modified = format_datetime(datetime_of(manifest.get("last_modified") or manifest["as_of"]), usegmt=True)
    servers, states, addresses = [], [], {}
    for name, spec in manifest["origins"].items():
        state = OriginState(name, site_dir / name, site_dir / "_data" / name, spec["site_name"],
                            spec["routes"], spec["headers"], shared, last_modified=modified)
        handler = type(f"{name.title()}Handler", (Handler,), {"state": state})
        given = spec.get("address", LOOPBACK)
        addresses[name] = address if given == LOOPBACK else given  # other hosts (127.0.0.2 …) stay shared
        servers.append(_Server((addresses[name], 0), handler))
        states.append(state)
    dead = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    dead.bind((address, 0))  # bound, never listening: connections are refused
    urls = {name: f"http://{addresses[name]}:{server.server_address[1]}/"
            for name, server in zip(manifest["origins"], servers, strict=True)}
    urls["dead"] = f"http://{address}:{dead.getsockname()[1]}/"
    shared.placeholders = {b"{{%s}}" % name.encode(): value.rstrip("/").encode() for name, value in urls.items()}
    for server in servers:
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    return SampleSite(site_dir, urls, truth, servers, states, shared, dead, tempdir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samplesite.server", description=__doc__.split("\n")[0])
    parser.add_argument("--dir", type=Path, help="serve (or build into) this directory")
    parser.add_argument("--scale", type=int, default=None, help="documents for the benchmark site")
    parser.add_argument("--slow-seconds", type=float, default=20.0, help="delay of the slow URL")
    parser.add_argument("--verbose", action="store_true", help="log requests to stderr")
    args = parser.parse_args(argv)
    serve_until_interrupted(start(args.dir, slow_seconds=args.slow_seconds, scale_documents=args.scale,
                                  verbose=args.verbose))
    return 0


def serve_until_interrupted(site: SampleSite, *lines: str) -> None:
    """Print the site's origins (and any further lines), then serve until Ctrl-C."""
    for name, value in site.urls.items():
        print(f"{name:<11} {value}", flush=True)
    for line in lines:
        print(line, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        site.stop()


if __name__ == "__main__":
    sys.exit(main())
