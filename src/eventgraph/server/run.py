"""Running the server: the listening socket, the process's limits and its logging."""

from __future__ import annotations

import contextlib
import logging
import socket
import time
from collections.abc import Callable

from eventgraph.errors import InvalidValue
from eventgraph.server.settings import ServerSettings

MAX_CONNECTIONS = 256  # open connections and requests; past it new ones get 503 before they hold a file each


def serve(
    settings: ServerSettings, *, host: str = "127.0.0.1", port: int = 8000, announce: Callable[[], None] | None = None
) -> None:
    """Run the server until interrupted; ``announce`` is called once the store has opened and the port is
    bound (a port in use is a ``ServeError``, not a message from uvicorn and exit code 3)."""
    import uvicorn

    from eventgraph.backends.embedded import EventStore
    from eventgraph.server.app import create_app

    # open the store once before serving, so that a missing or locked store is one clear error
    EventStore(settings.store_path, read_only=not settings.write_token, create=bool(settings.write_token)).close()
    listener = listening_socket(host, port)
    if announce is not None:
        announce()
    _raise_open_files_limit()
    config = uvicorn.Config(
        create_app(settings), log_level="warning", limit_concurrency=MAX_CONNECTIONS, timeout_keep_alive=5
    )
    server = uvicorn.Server(config)
    limit_logging()  # after uvicorn has configured its loggers
    try:
        server.run(sockets=[listener])
    finally:
        listener.close()


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` and listening, or an ``InvalidValue`` naming why it cannot be."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as error:
        raise InvalidValue(f"cannot listen on {host}: {error.strerror}") from None
    listener = socket.socket(family, kind, proto)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            listener.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        listener.bind(address)
        listener.listen(2048)
    except OSError as error:
        listener.close()
        raise InvalidValue(
            f"cannot listen on {host}:{port}: {error.strerror}"
            + (" (another server is using the port; choose one with --port)" if error.errno in (98, 48) else "")
        ) from None
    listener.set_inheritable(True)
    return listener


def _raise_open_files_limit() -> None:
    """Up to the hard limit: idle and slow clients then run out of time before the server runs out of files."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        with contextlib.suppress(ValueError, OSError):  # kept as it is where the system refuses
            resource.setrlimit(
                resource.RLIMIT_NOFILE, (min(hard, 65536) if hard != resource.RLIM_INFINITY else 65536, hard)
            )


class RateLimitedLog(logging.Filter):
    """At most ``burst`` records of one kind (logger and message) per ``period`` seconds, then one note of how
    many were dropped: a loop failing on every connection (out of files) must not fill the disk with log."""

    def __init__(self, burst: int = 10, period: float = 10.0) -> None:
        super().__init__()
        self.burst, self.period = burst, period
        self.counts: dict[tuple[str, str], tuple[float, int]] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, str(record.msg))
        now = time.monotonic()
        start, count = self.counts.get(key, (now, 0))
        if now - start > self.period:
            if count > self.burst:
                record.msg = f"{record.msg} (and {count - self.burst} more like it in {self.period:g} s)"
            start, count = now, 0
        self.counts[key] = (start, count + 1)
        if len(self.counts) > 1000:
            self.counts.clear()
        return count < self.burst


def limit_logging() -> None:
    """Rate-limit the loggers that a flood or a failing accept loop writes to."""
    limiter = RateLimitedLog()
    for name in ("asyncio", "uvicorn", "uvicorn.error", "uvicorn.access", "eventgraph"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RateLimitedLog) for f in logger.filters):
            logger.addFilter(limiter)
