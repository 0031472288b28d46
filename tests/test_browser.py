"""The drawn page in a real browser: headless Chromium (Debian's /usr/bin/chromium) driven by Playwright.

Skipped, with the reason, where Chromium or Playwright is absent; .ci/run installs both, so CI runs them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventgraph.backends.embedded import EventStore
from eventgraph.projections import select_graph
from eventgraph.views import render_html
from invented_reports import HOSTILE_NAME, HOSTILE_QUOTE, build_store

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = Path("/usr/bin/chromium")
REQUIRED = os.environ.get("EVENTGRAPH_REQUIRE_BROWSER") == "1"  # set by .ci/run: a missing browser fails there


def _unavailable(reason: str) -> None:
    if REQUIRED:
        raise RuntimeError(f"browser tests required but {reason}")
    pytest.skip(reason, allow_module_level=True)


try:
    import playwright.sync_api as playwright_api
except ImportError:
    _unavailable("the playwright package is not installed (pip install -e '.[test]')")
if not CHROMIUM.exists() and shutil.which("chromium") is None:
    _unavailable("Debian's chromium is not installed (apt-get install chromium); .ci/run installs it")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EventStore]:
    path = build_store(tmp_path_factory.mktemp("browser") / "store", hostile=True)
    with EventStore(path, read_only=True) as opened:
        yield opened


class Visit:
    """A page opened from a file, with every request and console message recorded."""

    def __init__(self, browser: Any, path: Path, *, bypass_csp: bool = False) -> None:
        self.requests: list[str] = []
        self.console: list[tuple[str, str]] = []
        self.page = browser.new_page(viewport={"width": 1200, "height": 800}, bypass_csp=bypass_csp)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: self.console.append((message.type, message.text)))
        self.page.on("pageerror", lambda error: self.console.append(("pageerror", str(error))))
        self.page.goto(path.as_uri())
        # a selector, not wait_for_function: polling a function needs eval, which the page's CSP forbids
        self.page.wait_for_selector("body[data-settled='true']", state="attached", timeout=60000)

    def drawn_nodes(self) -> int:
        return int(self.page.evaluate("window.eventgraph.network.body.nodeIndices.length"))

    def click_node(self, label: str) -> None:
        click_node(self.page, label)

    def close(self) -> None:
        self.page.close()


def click_node(page: Any, label: str) -> None:
    """Click the drawn node with this label, which opens its details panel."""
    point = page.evaluate(
        """label => {
             const eg = window.eventgraph;
             const id = eg.nodes.getIds({filter: n => n.label === label})[0];
             eg.network.fit({nodes: [id], animation: false});
             const p = eg.network.canvasToDOM(eg.network.getPosition(id));
             const box = document.getElementById('graph').getBoundingClientRect();
             return {x: box.left + p.x, y: box.top + p.y};
           }""",
        label,
    )
    page.mouse.move(point["x"], point["y"])
    page.mouse.click(point["x"], point["y"])


def _draw(store: EventStore, path: Path, view: str = "events", **options: Any) -> Any:
    graph = select_graph(store, view=view)
    path.write_text(
        render_html(graph, title="<script>window.__pwned = 1</script>", view=view, **options), encoding="utf-8"
    )
    return graph


@pytest.mark.parametrize(("view", "layout"), [("events", "physics"), ("actors", "physics"), ("events", "static")])
def test_page_loads_offline_and_draws_every_node(
    browser: Any, store: EventStore, tmp_path: Path, view: str, layout: str
) -> None:
    page_file = tmp_path / "view.html"
    graph = _draw(store, page_file, view, layout=layout)
    visit = Visit(browser, page_file, bypass_csp=layout == "static")  # the CSP is not what keeps it offline
    try:
        assert visit.drawn_nodes() == graph.number_of_nodes()
        assert [url for url in visit.requests if not url.startswith("file://")] == []
        assert visit.console == []
        assert visit.page.locator("#legend").inner_text().startswith("Legend")
    finally:
        visit.close()


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_hostile_labels_do_not_execute(browser: Any, store: EventStore, tmp_path: Path, bypass_csp: bool) -> None:
    page_file = tmp_path / "hostile.html"
    _draw(store, page_file)
    visit = Visit(browser, page_file, bypass_csp=bypass_csp)
    try:
        visit.click_node(HOSTILE_NAME)
        details = visit.page.locator("#details")
        details.wait_for(state="visible")
        assert HOSTILE_NAME in details.inner_text()  # shown as text
        visit.click_node("attack 2024-12")
        text = visit.page.locator("#details").inner_text()
        assert HOSTILE_QUOTE in text and "<svg onload=window.__pwned=1>" in text
        assert visit.page.locator("#details a").count() == 0  # the javascript: URL is not a link
        assert visit.page.title() == "<script>window.__pwned = 1</script>"
        assert visit.page.evaluate("window.__pwned") is None
        assert visit.page.locator("#details img, #details script, #details svg").count() == 0
        assert [e for e in visit.console if e[0] in ("error", "pageerror")] == []
    finally:
        visit.close()


def test_filter_menu_and_search(browser: Any, store: EventStore, tmp_path: Path) -> None:
    page_file = tmp_path / "filter.html"
    graph = _draw(store, page_file)
    events = sum(d["kind"] == "event" for _, d in graph.nodes(data=True))
    attacks = sum(d.get("type") == "attack" for _, d in graph.nodes(data=True))
    visit = Visit(browser, page_file)
    try:
        visit.page.select_option("#controls select >> nth=1", "attack")
        assert visit.drawn_nodes() == graph.number_of_nodes() - events + attacks
        visit.page.select_option("#controls select >> nth=1", "")
        assert visit.drawn_nodes() == graph.number_of_nodes()
        visit.click_node("transfer 2024-11-20")
        href = visit.page.locator("#details a").get_attribute("href")
        assert href == "https://example.org/daily/front"
        visit.page.fill("#controls input[type=search]", "Kursk")
        visit.page.dispatch_event("#controls input[type=search]", "change")
        assert visit.page.evaluate("window.eventgraph.network.getSelectedNodes().length") == 1
    finally:
        visit.close()


@pytest.mark.servers
def test_served_pages_escape_hostile_text(browser: Any, store: EventStore, tmp_path: Path) -> None:
    import sys

    from servers import ServerProcess, free_port

    port = free_port()
    server = ServerProcess(
        [sys.executable, "-m", "eventgraph", "--store", str(store.path), "serve", "--port", str(port)],
        f"http://127.0.0.1:{port}",
        tmp_path / "serve.log",
    )
    page = None
    try:
        server.wait(server.url + "/")
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(server.url + "/view?view=events")
        page.wait_for_selector("body[data-settled='true']", state="attached", timeout=60000)
        click_node(page, HOSTILE_NAME)
        page.locator("#details").wait_for(state="visible")
        assert HOSTILE_NAME in page.locator("#details").inner_text()
        click_node(page, "attack 2024-12")
        assert HOSTILE_QUOTE in page.locator("#details").inner_text()
        assert page.locator("#details a").count() == 0  # the javascript: URL is not a link
        assert page.evaluate("window.__pwned") is None and errors == []
        # an error page names the hostile parameter as plain text
        page.goto(server.url + "/view?actor=" + "%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E")
        assert page.evaluate("window.__pwned") is None and page.locator("img").count() == 0
        page.goto(server.url + "/")
        assert page.locator("textarea").count() == 1 and page.evaluate("window.__pwned") is None
        assert [url for url in requests if not url.startswith(server.url)] == []
    finally:
        if page is not None:
            page.close()
        server.stop()


@pytest.mark.parametrize("layout", ["physics", "static"])
def test_a_hundred_node_view_opens_with_the_actors_names_drawn(browser: Any, tmp_path: Path, layout: str) -> None:
    import networkx as nx

    graph = nx.MultiDiGraph()
    for index in range(30):
        graph.add_node(f"a{index}", label=f"Country number {index}", kind="country", degree=5)
    for index in range(70):
        event = f"e{index}"
        graph.add_node(event, label=f"transfer 2024-{index % 12 + 1:02d}", kind="event", degree=2)
        graph.add_edge(f"a{index % 30}", event, role="actor", label="actor")
        graph.add_edge(event, f"a{(index * 7 + 3) % 30}", role="recipient", label="recipient")
    page_file = tmp_path / "hundred.html"
    page_file.write_text(render_html(graph, title="a hundred nodes", view="events", layout=layout), encoding="utf-8")
    visit = Visit(browser, page_file, bypass_csp=layout == "static")
    try:
        assert visit.drawn_nodes() == 100
        shown = visit.page.evaluate(
            """() => {
                 const eg = window.eventgraph, scale = eg.network.getScale();
                 const threshold = 6;  // the page's scaling.label.drawThreshold
                 return eg.nodes.get().map(n => [n.raw.kind,
                   eg.network.body.nodes[n.id].labelModule.fontOptions.size * scale >= threshold + 2]);
               }"""
        )
        assert all(readable for kind, readable in shown if kind == "country"), shown
        assert visit.page.evaluate("window.eventgraph.network.getScale()") * 14 < 8  # the base font is not drawn
        assert visit.console == []
    finally:
        visit.close()


def test_disputed_events_stand_out_and_their_details_list_the_claims(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from eventgraph.cli import cli

    monkeypatch.setenv("EVENTGRAPH_STORE", str(tmp_path / "store"))
    example = Path(__file__).resolve().parents[1] / "docs" / "claims-example.txt"
    assert CliRunner().invoke(cli, ["ingest", str(example), "--published", "2024-05-02"]).exit_code == 0
    page_file = tmp_path / "claims.html"
    with EventStore(tmp_path / "store", read_only=True) as opened:
        _draw(opened, page_file)
    visit = Visit(browser, page_file)
    try:
        rim = visit.page.evaluate("""() => {
            const n = window.eventgraph.nodes.get({filter: n => n.label.endsWith('(disputed)')});
            return n.map(x => [x.label, x.color.border, x.borderWidth]); }""")
        assert rim == [["transfer 2024-04 (disputed)", "#d62728", 4]]
        assert "disputed event" in visit.page.locator("#legend").inner_text()
        visit.click_node("transfer 2024-04 (disputed)")
        details = visit.page.locator("#details").inner_text()
        assert "Claims for" in details and "Claims against" in details
        assert "Belarus (denies, 2024-05-02): Belarus denied sending tanks to Russia." in details
        assert "denied by" in details and visit.console == []
    finally:
        visit.close()
