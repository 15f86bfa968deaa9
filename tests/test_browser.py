"""The HTML page in headless Chromium, offline, with hostile article text.

Skips when Playwright or Debian's chromium is missing, unless
``ZHKG_REQUIRE_BROWSER=1`` (set in CI), where a missing browser fails. The
screenshot goes to ``test-artifacts/graph.png`` at the repository root.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from browser_support import IMG_PAYLOAD, SCRIPT_PAYLOAD, hostile_graph

from graph.readwrite import write_all

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
REQUIRE_BROWSER = os.environ.get("ZHKG_REQUIRE_BROWSER") == "1"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
STABILISED = "body[data-stabilized='true']"


def _unavailable(reason: str) -> None:
    if REQUIRE_BROWSER:
        pytest.fail(f"{reason} (ZHKG_REQUIRE_BROWSER=1: the browser test must run)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed: pip install playwright")
    executable = shutil.which("chromium")
    if executable is None:
        _unavailable("chromium is not installed: apt-get install chromium fonts-noto-cjk")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def graph_page(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "out"
    return write_all(hostile_graph(), out, ["html"])["html"][0]


@dataclass
class PageLog:
    """Everything that went wrong while the page was open."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)


@pytest.fixture
def opened(browser, graph_page):
    """The page opened over file:// with every other request blocked."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    log = PageLog()
    page.on("console", lambda m: log.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: log.page_errors.append(str(error)))
    page.on("requestfailed", lambda request: log.failed_requests.append(request.url))

    def only_files(route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            log.blocked_requests.append(route.request.url)
            route.abort()

    page.route("**/*", only_files)
    page.goto(graph_page.as_uri())
    page.wait_for_selector(STABILISED, state="attached", timeout=30_000)
    yield page, log
    page.close()


def _drawn_nodes(page) -> list[str]:
    return page.evaluate("window.zhkg.network.body.nodeIndices.slice()")


def _drawn_edges(page) -> list[str]:
    return page.evaluate("""() => {
        const body = window.zhkg.network.body;
        return body.edgeIndices.filter(id => !body.edges[id].options.hidden);
    }""")


def _hover(page, script: str):
    """Move the mouse to the canvas point ``script`` returns; the tooltip element."""
    point = page.evaluate(script)
    box = page.locator("#network canvas").bounding_box()
    x, y = box["x"] + point["x"], box["y"] + point["y"]
    page.mouse.move(x - 3, y - 3)
    page.mouse.move(x, y, steps=3)
    return page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)


def test_page_opens_offline_without_errors(opened):
    _, log = opened
    assert log == PageLog()


def test_nodes_are_drawn(opened):
    page, _ = opened
    assert page.locator("#network canvas").count() == 1
    assert "PERSON:冯克金" in _drawn_nodes(page)


def test_search_focuses_the_node(opened):
    page, _ = opened
    page.fill("#search", "冯克金")
    page.press("#search", "Enter")
    page.wait_for_timeout(600)
    assert page.evaluate("window.zhkg.network.getSelectedNodes()") == ["PERSON:冯克金"]
    distance = page.evaluate("""() => {
        const n = window.zhkg.network;
        const p = n.getPosition("PERSON:冯克金"), v = n.getViewPosition();
        return Math.hypot(p.x - v.x, p.y - v.y);
    }""")
    assert distance < 1


def test_search_finds_a_node_by_alias(opened):
    page, _ = opened
    page.fill("#search", "经信厅")
    page.press("#search", "Enter")
    assert page.evaluate("window.zhkg.network.getSelectedNodes()") == ["ORG:安徽省经信厅"]


def test_unticking_place_hides_place_nodes(opened):
    page, _ = opened
    assert any(n.startswith("PLACE:") for n in _drawn_nodes(page))
    page.uncheck("#type-PLACE")
    assert not any(n.startswith("PLACE:") for n in _drawn_nodes(page))
    assert "PERSON:冯克金" in _drawn_nodes(page)


def test_co_occurs_edges_are_off_until_ticked(opened):
    page, _ = opened
    assert not any(e.startswith("CO_OCCURS:") for e in _drawn_edges(page))
    page.check("#relation-CO_OCCURS")
    assert any(e.startswith("CO_OCCURS:") for e in _drawn_edges(page))


def test_physics_stops_and_the_button_toggles_it(opened):
    page, _ = opened
    assert page.evaluate("window.zhkg.network.physics.physicsEnabled") is False
    page.click("#physics-toggle")
    assert page.evaluate("window.zhkg.network.physics.physicsEnabled") is True


def test_article_markup_is_not_executed(opened):
    page, _ = opened
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('img, b, #network script').length") == 0


def test_edge_tooltip_shows_evidence_markup_as_text(opened):
    page, _ = opened
    tooltip = _hover(page, """() => {
        const n = window.zhkg.network;
        const p = n.body.edges["VISITED:PERSON:冯克金->PLACE:合肥市"].edgeType.getPoint(0.5);
        return n.canvasToDOM(p);
    }""")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "graph-tooltip.png"))
    text = tooltip.inner_text()
    assert SCRIPT_PAYLOAD in text and IMG_PAYLOAD in text
    assert tooltip.evaluate("t => t.querySelectorAll('*:not(br)').length") == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_node_tooltip_shows_alias_markup_as_text(opened):
    page, _ = opened
    tooltip = _hover(page, """() => {
        const n = window.zhkg.network;
        return n.canvasToDOM(n.getPosition("ORG:安徽省经信厅"));
    }""")
    assert "<img src=x onerror=" in tooltip.inner_text()
    assert tooltip.evaluate("t => t.querySelectorAll('*:not(br)').length") == 0


def test_screenshot_is_saved(opened):
    page, log = opened
    page.fill("#search", "冯克金")
    page.press("#search", "Enter")
    page.wait_for_timeout(600)
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "graph.png"
    page.screenshot(path=str(target))
    assert target.stat().st_size > 10_000 and log == PageLog()
