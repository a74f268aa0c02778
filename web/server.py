"""The WSGI server behind `nianbao serve`: waitress, with the answers it writes itself rendered by the app.

Waitress answers some requests without calling the application: a body over
its limit (413), a request line and headers over theirs (431), a request it
cannot parse (400), a transfer coding it does not know (501), an application
that raised (500). Its own answers carry none of the app's security headers
and, under /api/, not the API's JSON error shape. So those requests reach the
app after all, as a body-less GET of the same path whose environ holds the
error under `SERVER_ERROR_KEY`; the app's guard turns it into that status,
and the app renders it like any other error.

Waitress also tells a request with `Expect: 100-continue` to continue even
when it has no body to send, and then waits for one forever; here a request
that is already complete (no body, or refused) is answered at once.
"""

from __future__ import annotations

import io
import sys
from typing import Any
from urllib.parse import unquote, urlsplit

import waitress
from flask import Flask
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.server import BaseWSGIServer
from waitress.task import WSGITask

from web.context import SETTINGS_KEY
from web.guards import SERVER_ERROR_KEY

_START_LINE_BYTES = 8192
_DETAIL_CHARS = 200


class _Parser(HTTPRequestParser):
    """Waitress's request parser, keeping the start of the request line and asking no complete request to continue."""

    def __init__(self, adj: Any) -> None:
        super().__init__(adj)
        self.start_bytes = b""

    def received(self, data: bytes) -> int:
        if not self.headers_finished and len(self.start_bytes) < _START_LINE_BYTES:
            self.start_bytes += data[: _START_LINE_BYTES - len(self.start_bytes)]
        consumed = super().received(data)
        if self.completed:
            self.expect_continue = False
        return consumed


def request_path(start_bytes: bytes) -> str:
    """The path of a request from its first bytes, "/" when they hold none (for choosing the error's shape)."""
    line = start_bytes.lstrip(b"\r\n").split(b"\r\n", 1)[0]
    parts = line.split(b" ")
    try:
        path = urlsplit(parts[1].decode("latin-1")).path if len(parts) > 1 else ""
    except ValueError:
        return "/"
    return unquote(path) if path.startswith("/") else "/"


class _AppErrorTask(WSGITask):
    """Waitress's own error answers, rendered by the app for the same path; the connection closes after, as waitress does."""

    environ: dict[str, Any] | None = None

    def execute(self) -> None:
        self.set_close_on_finish()
        super().execute()

    def get_environment(self) -> dict[str, Any]:
        if self.environ is None:
            request, server = self.request, self.channel.server
            error = request.error
            self.environ = {
                "REQUEST_METHOD": "HEAD" if getattr(request, "command", "") == "HEAD" else "GET",
                "SCRIPT_NAME": "",
                "PATH_INFO": request_path(getattr(request, "start_bytes", b"")),
                "QUERY_STRING": "",
                "SERVER_NAME": server.server_name,
                "SERVER_PORT": str(server.effective_port),
                "SERVER_PROTOCOL": f"HTTP/{self.version}",
                "REMOTE_ADDR": str(self.channel.addr[0]) if self.channel.addr else "",
                "wsgi.version": (1, 0),
                "wsgi.url_scheme": "http",
                "wsgi.input": io.BytesIO(),
                "wsgi.errors": sys.stderr,
                "wsgi.multithread": True,
                "wsgi.multiprocess": False,
                "wsgi.run_once": False,
                SERVER_ERROR_KEY: (error.code, str(error.body)[:_DETAIL_CHARS]),
            }
        return self.environ


class _Channel(HTTPChannel):
    parser_class = _Parser
    error_task_class = _AppErrorTask


def create_server(app: Flask) -> Any:
    """A waitress server for `app` (from `create_app`) on the host and port of its settings.

    It is not running yet: call `.run()`, then `.close()`. Bodies are limited by
    the app's MAX_CONTENT_LENGTH, request lines and headers by the setting
    `max_request_header_bytes`, threads by `server_threads`. Raises OSError
    when it cannot listen.
    """
    settings = app.config[SETTINGS_KEY]
    body_limit = app.config.get("MAX_CONTENT_LENGTH")
    limits = {} if body_limit is None else {"max_request_body_size": body_limit + 1}  # waitress refuses sizes >= its limits
    sockets: dict[int, Any] = {}
    server = waitress.create_server(
        app,
        map=sockets,
        host=settings.host,
        port=settings.port,
        threads=settings.server_threads,
        max_request_header_size=settings.max_request_header_bytes + 1,
        ident="nianbao",
        **limits,
    )
    for listener in sockets.values():
        if isinstance(listener, BaseWSGIServer):
            listener.channel_class = _Channel
    return server
