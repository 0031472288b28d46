"""YASGUI (the SPARQL editor analysts use, npm package @triply/yasgui) in headless Chromium runs a query against
``eventgraph serve``.  YASGUI's files are served by a local static server, never a CDN; .ci/run installs the
pinned package with npm (``EVENTGRAPH_YASGUI`` names another build directory).  Without it the test is skipped,
except in CI (EVENTGRAPH_REQUIRE_BROWSER=1), where that is a failure."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO
from invented_reports import build_store
from servers import ServerProcess, free_port
from test_browser import REQUIRED, browser  # noqa: F401  (the Chromium fixture)
from test_server import start

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.servers]

YASGUI_VERSION = "4.2.28"  # .ci/run installs this version
BUILD = Path(
    os.environ.get("EVENTGRAPH_YASGUI") or REPO / ".ci" / "node" / "node_modules" / "@triply" / "yasgui" / "build"
)
PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>YASGUI on eventgraph</title>
<link rel="stylesheet" href="yasgui.min.css"><script src="yasgui.min.js"></script></head>
<body><div id="yasgui"></div><script>
  localStorage.clear();
  window.yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: {endpoint: "ENDPOINT", method: "POST"}, copyEndpointOnNewTab: false, persistenceId: null});
</script></body></html>
"""

if not (BUILD / "yasgui.min.js").is_file():
    reason = (
        f"YASGUI is not installed at {BUILD} (npm install --prefix .ci/node @triply/yasgui@{YASGUI_VERSION}; "
        ".ci/run does it)"
    )
    if REQUIRED:
        raise RuntimeError(f"browser tests required but {reason}")
    pytest.skip(reason, allow_module_level=True)


@pytest.fixture(scope="module")
def static_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """YASGUI's build files and a page, served over HTTP on a loopback port."""
    root = tmp_path_factory.mktemp("yasgui-site")
    for name in ("yasgui.min.js", "yasgui.min.css"):
        (root / name).write_bytes((BUILD / name).read_bytes())
    handler = functools.partial(_QuietHandler, directory=str(root))
    site = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{site.server_address[1]}"
    site.shutdown()
    site.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def endpoint(static_site: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    store = build_store(tmp_path_factory.mktemp("yasgui-store") / "store")
    running = start(store, tmp_path_factory.mktemp("logs"), "--cors", static_site[1])
    yield running
    running.stop()


def test_yasgui_runs_a_query_against_serve(
    browser: Any,  # noqa: F811
    static_site: tuple[Path, str],
    endpoint: ServerProcess,
) -> None:
    root, origin = static_site
    (root / "index.html").write_text(PAGE.replace("ENDPOINT", endpoint.url + "/sparql"), encoding="utf-8")
    page = browser.new_page()
    outside: list[str] = []
    local = (origin, endpoint.url)

    def route(request: Any) -> None:  # nothing leaves the machine (YASGUI asks prefix.cc for prefixes)
        if request.request.url.startswith(local):
            request.continue_()
        else:
            outside.append(request.request.url)
            request.abort()

    page.route("**/*", route)
    answers: list[Any] = []
    page.on("response", lambda r: answers.append(r) if r.url.startswith(endpoint.url) else None)
    try:
        page.goto(origin + "/index.html")
        page.wait_for_function("window.yasgui && window.yasgui.getTab()")
        page.evaluate("""() => {
            const tab = window.yasgui.getTab();
            tab.setQuery('PREFIX eg: <https://w3id.org/eventgraph/ns#>\\n'
                         + 'SELECT ?event ?date WHERE { ?event a eg:Transfer ; eg:date ?date } ORDER BY ?event');
            tab.query();
        }""")
        page.wait_for_function(
            "() => { const r = window.yasgui.getTab().getYasr().results; return r && r.getBindings().length > 0; }",
            timeout=30000,
        )
        rows = page.evaluate("window.yasgui.getTab().getYasr().results.getBindings().length")
        dates = page.evaluate("window.yasgui.getTab().getYasr().results.getBindings().map(b => b.date.value)")
        assert rows >= 5 and all(d.startswith("20") for d in dates)
        assert [a.status for a in answers] == [200] * len(answers) and answers
        assert answers[-1].headers["access-control-allow-origin"] == origin
        # the table YASR draws holds the answer
        page.wait_for_selector(".yasr table tbody tr", timeout=30000)
        assert page.locator(".yasr table tbody tr").count() >= 5
    finally:
        page.close()
