"""Starting real HTTP servers for tests: a free loopback port, a process, a wait until it answers."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ServerProcess:
    """A server started as a child process, its output in a log file; stopped by ``stop``."""

    def __init__(self, command: Sequence[str], url: str, log: Path, env: dict[str, str] | None = None) -> None:
        self.url = url
        self.log_path = log
        self._log = log.open("wb")
        self.process = subprocess.Popen(
            list(command), stdout=self._log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
        )

    def wait(self, probe: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                httpx.get(probe, timeout=2.0)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server did not start: {self.log_path.read_text(errors='replace')[-2000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


def unavailable(reason: str) -> None:
    """Skip locally; in CI (EVENTGRAPH_REQUIRE_SERVERS=1) a missing server is a failure."""
    if os.environ.get("EVENTGRAPH_REQUIRE_SERVERS") == "1":
        pytest.fail(f"{reason} (EVENTGRAPH_REQUIRE_SERVERS=1)")
    pytest.skip(reason)
