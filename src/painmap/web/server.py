"""`painmap serve`: the standard library's threading HTTP server in front of routes.py.

Safe by default: it binds loopback; it answers only requests whose Host header names the address it
is bound to, or an IP literal (a DNS-rebinding page reaches us under its own host name); it sends
no CORS headers and takes JSON only as `application/json` (so another site's page can neither read
an answer nor send a simple cross-site POST); GET and POST only; bodies bounded; every error a JSON
document. The page itself may fetch only from this server (Content-Security-Policy).
"""

from __future__ import annotations

import ipaddress
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from painmap.web.routes import JSON, MAX_BODY, Response, error, handle

LOOPBACK = "127.0.0.1"
_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
    "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
)


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a stuck browser connection never holds up Ctrl-C
    allow_reuse_address = True
    host_names: frozenset[str] = frozenset()


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle's algorithm on, a kept-alive connection
    # then waits for the client's delayed ACK (~40 ms) before every answer's body.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        if self._host_ok():
            self._send(handle("GET", self.path))

    def do_POST(self) -> None:
        if not self._host_ok():
            return
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self._send(error(411, "a POST needs a Content-Length"), close=True)
            return
        if int(length) > MAX_BODY:
            self._send(error(413, f"the request body is larger than {MAX_BODY // 1024} KB"), close=True)
            return
        body = self.rfile.read(int(length))
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind != "application/json":
            self._send(error(415, "send the query as application/json"))
            return
        self._send(handle("POST", self.path, body))

    def _not_allowed(self) -> None:
        self._send(error(405, f"method {self.command} is not allowed; use GET or POST"), close=True)

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_HEAD = do_TRACE = do_CONNECT = _not_allowed

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # The base class answers malformed requests with an HTML page; ours is JSON, like every error.
        self._send(error(code if 400 <= code < 600 else 400, message or "bad request"), close=True)

    def _host_ok(self) -> bool:
        host = (self.headers.get("Host") or "").strip().lower()
        if host in self.server.host_names or _ip_literal(host, self.server.server_address[1]):
            return True
        self._send(error(403, "this server answers only requests addressed to it by its own address"))
        return False

    def _send(self, response: Response, close: bool = False) -> None:
        try:
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "no-referrer")
            self.send_header("Content-Security-Policy", _CSP)
            if response.download:
                self.send_header("Content-Disposition", f'attachment; filename="{response.download}"')
            if close:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(response.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def version_string(self) -> str:
        return "painmap"

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: the terminal shows the URL and nothing per request


def _ip_literal(host: str, port: int) -> bool:
    """'127.0.0.1:8000' or '[::1]:8000' on our port: an address, not a name a rebinding DNS serves."""
    name, _, got = host.rpartition(":")
    if got != str(port):
        return False
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def make_server(host: str = LOOPBACK, port: int = 0) -> _Server:
    """Bind (port 0 picks a free one); the caller runs serve_forever()."""
    cls = _Server
    if ":" in host:  # an IPv6 address
        cls = type("_Server6", (_Server,), {"address_family": socket.AF_INET6})
    server = cls((host, port), _Handler)
    bound = server.server_address[1]
    names = {f"localhost:{bound}", f"{host.lower()}:{bound}", f"[{host.lower()}]:{bound}"}
    server.host_names = frozenset(names)
    return server


def serve(host: str = LOOPBACK, port: int = 8765, open_browser: bool = False) -> None:
    """Serve until Ctrl-C. Prints the URL on stdout; warns on stderr when not bound to loopback."""
    from painmap.dataset import load_dataset

    load_dataset()  # a broken dataset fails here, before the URL is printed
    if not is_loopback(host):
        print(
            f"painmap: warning: serving on {host}: anyone who can reach this machine can use the page",
            file=sys.stderr,
        )
    try:
        server = make_server(host, port)
    except OSError as exc:
        from painmap.errors import UsageError

        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    shown = host if ":" not in host else f"[{host}]"
    url = f"http://{shown}:{server.server_address[1]}/"
    try:  # Ctrl-C is how one stops a server: from here on it is a clean stop, not an error
        print(f"painmap is serving on {url} (Ctrl-C stops it)", flush=True)
        if open_browser:
            import webbrowser

            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        print("painmap: stopped", file=sys.stderr, flush=True)
    finally:
        server.server_close()


__all__ = ["JSON", "LOOPBACK", "is_loopback", "make_server", "serve"]
