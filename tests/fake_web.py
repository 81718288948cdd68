"""Test plugin: a small web site on 127.0.0.1 that answers as badly as real ones can.

A real ``http.server`` in a thread serves scripted answers per path: pages,
redirects, errors, slow and trickling answers, endless bodies, gzip, any
content type. mapper's fetcher talks to it over real sockets. Registered in
``conftest.py``: the fixture ``site`` is available to every test (use it with
``loopback_only`` from ``fake_geocoder``).
"""

from __future__ import annotations

import collections
import contextlib
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Answer:
    """One scripted answer.

    ``body`` is bytes, or an iterable of chunks (sent one by one: endless
    generators make endless bodies). ``length`` True sends the real
    Content-Length, an int sends that one (a lie), None sends none (the body
    ends when the connection closes). ``delay`` waits before the headers;
    ``pause`` waits before each chunk.
    """

    status: int = 200
    body: bytes | Iterable[bytes] = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)
    length: bool | int | None = True
    delay: float = 0.0
    pause: float = 0.0


class FakeSite:
    """Paths → answers (a list is answered in turn, its last answer repeating); records requests."""

    def __init__(self) -> None:
        self.answers: dict[str, collections.deque] = {}
        self.requests: list[dict] = []
        self.lock = threading.Lock()
        self.port = 0

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def add(self, path: str, *answers: Answer, **kw) -> str:
        """Script *path* (``add(path, body=..., status=...)`` for one answer); return its URL."""
        self.answers[path] = collections.deque(answers or [Answer(**kw)])
        return self.url(path)

    def page(self, path: str, html: str, **kw) -> str:
        return self.add(path, Answer(body=html.encode("utf-8"), **kw))

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        return self.add(path, Answer(status=status, headers={"Location": to}, content_type=None))

    def hits(self, path: str) -> int:
        return sum(1 for r in self.requests if r["path"] == path)

    def next(self, path: str) -> Answer | None:
        with self.lock:
            queue = self.answers.get(path)
            if not queue:
                return None
            return queue.popleft() if len(queue) > 1 else queue[0]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # one answer per connection: a body without length ends at close

    def do_GET(self):  # noqa: N802 - http.server's naming
        site: FakeSite = self.server.state
        with site.lock:
            site.requests.append({"path": self.path, "headers": dict(self.headers), "time": time.monotonic()})
        answer = site.next(self.path) or Answer(status=404, body=b"<html><body>not here</body></html>")
        if answer.delay:
            time.sleep(answer.delay)
        chunks = [answer.body] if isinstance(answer.body, bytes) else answer.body
        try:
            self.send_response(answer.status)
            if answer.content_type:
                self.send_header("Content-Type", answer.content_type)
            for k, v in answer.headers.items():
                self.send_header(k, v)
            if answer.length is True and isinstance(answer.body, bytes):
                self.send_header("Content-Length", str(len(answer.body)))
            elif isinstance(answer.length, int) and not isinstance(answer.length, bool):
                self.send_header("Content-Length", str(answer.length))
            self.end_headers()
            for chunk in chunks:
                if answer.pause:
                    time.sleep(answer.pause)
                self.wfile.write(chunk)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass  # the client stopped reading: what a bounded client does

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serving(handler, state):
    """Serve *handler* on 127.0.0.1 (any free port) in a thread; ``state`` is ``server.state`` and gets ``port``."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.block_on_close = False
    server.state = state
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def site():
    with serving(_Handler, FakeSite()) as state:
        yield state
