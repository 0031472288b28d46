"""What ``eventgraph serve`` is started with, and the error a request is answered with."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


def is_loopback(host: str) -> bool:
    """Whether a listening address is reachable from this machine only (127.0.0.0/8, ::1, localhost)."""
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ServerSettings:
    """What ``eventgraph serve`` is started with."""

    store_path: Path
    write_token: str | None = None
    timeout: float = 30.0  # seconds a query or graph view may run
    max_rows: int = 100_000  # solutions (SELECT) or triples (CONSTRUCT) in one answer
    max_body: int = 1_000_000  # bytes in a request body
    workers: int = 2  # query processes: concurrent readers
    max_pending: int = 32  # requests waiting for a query process; past it a flood is refused (503)
    max_memory: int = 2048  # MB of address space one query process may take above its resting size (past it: 503)
    body_timeout: float = 10.0  # seconds a client may take to send its request body (past it: 408)
    allowed_hosts: tuple[str, ...] = LOOPBACK_NAMES  # host names a request may be addressed to (Host header)
    cors_origins: tuple[str, ...] = ()  # web origins whose pages may query (YASGUI served elsewhere)


class RequestFailed(Exception):
    """An answer that is an HTTP error: status and a one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
