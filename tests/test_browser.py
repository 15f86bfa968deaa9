"""The HTML explorer in headless Chromium, offline, with hostile article text.

Skips when Playwright or Debian's chromium is missing, unless
``ZHKG_REQUIRE_BROWSER=1`` (set in CI), where a missing browser fails. Every
test opens a fresh page over ``file://`` with all other requests aborted and
checks the console stays free of errors. Screenshots go to
``test-artifacts/`` at the repository root.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from browser_support import (
    IMG_PAYLOAD, SAFE_URL, SCRIPT_PAYLOAD, hostile_document_info, hostile_graph, star_graph,
)

from graph.readwrite.html import write_html

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
REQUIRE_BROWSER = os.environ.get("ZHKG_REQUIRE_BROWSER") == "1"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
IDLE = "body[data-busy='false']"
PERSON, HUAINAN, WUHU = "PERSON:祁立衡", "PLACE:淮南市", "PLACE:芜湖市"
ORG, PROVINCE, INITIATIVE = "ORG:安徽省科技厅", "PLACE:安徽省", "INITIATIVE:免审即办"


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
def pages(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("browser")
    written = {"hostile": folder / "hostile.html", "star": folder / "star.html"}
    write_html(hostile_graph(), written["hostile"], documents=hostile_document_info())
    star = star_graph(edges=5, evidence=3)
    star.nodes["PERSON:甲"].update(first_seen="2024-01-10", last_seen="2024-09-10")
    star.edges["PERSON:甲", "PLACE:地0", "VISITED:PERSON:甲->PLACE:地0"]["dates"] = ["1990-05-01", "2024-01-10"]
    write_html(star, written["star"])
    return written


@dataclass
class PageLog:
    """Everything that went wrong while the page was open."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)


def _open(browser, path: Path):
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
    page.goto(path.as_uri())
    page.wait_for_selector(IDLE, state="attached", timeout=30_000)
    return page, log


@pytest.fixture
def opened(browser, pages):
    """The hostile page; the test fails if the console logged an error."""
    page, log = _open(browser, pages["hostile"])
    yield page
    page.close()
    assert log == PageLog()


@pytest.fixture
def star(browser, pages):
    page, log = _open(browser, pages["star"])
    yield page
    page.close()
    assert log == PageLog()


def _act(page, script: str) -> None:
    """Run ``script`` and wait until the page has drawn the result."""
    page.evaluate("document.body.dataset.busy = 'pending'")
    page.evaluate(script)
    page.wait_for_selector(IDLE, state="attached", timeout=10_000)


def _focus(page, node: str) -> None:
    _act(page, f"window.zhkg.focus({node!r})")


def _drawn_nodes(page) -> set[str]:
    return set(page.evaluate("window.zhkg.network.body.nodeIndices.slice()"))


def _drawn_relations(page) -> set[str]:
    return set(page.evaluate("""() => {
        const z = window.zhkg;
        return z.network.body.edgeIndices.filter(id => !z.network.body.edges[id].options.hidden)
            .map(id => z.edges.get(id).relation);
    }"""))


def _edge(page, relation: str, tail: str) -> str:
    return page.evaluate(f"""window.zhkg.edges.get().find(
        e => e.relation === {relation!r} && e.to === {tail!r}).id""")


def _canvas_point(page, script: str) -> tuple[float, float]:
    """The page coordinates of the canvas point ``script`` returns."""
    point = page.evaluate(script)
    box = page.locator("#network canvas").bounding_box()
    return box["x"] + point["x"], box["y"] + point["y"]


def _node_point(page, node: str) -> tuple[float, float]:
    return _canvas_point(page, f"""() => {{
        const n = window.zhkg.network; return n.canvasToDOM(n.getPosition({node!r})); }}""")


def _edge_point(page, edge: str) -> tuple[float, float]:
    return _canvas_point(page, f"""() => {{
        const n = window.zhkg.network;
        return n.canvasToDOM(n.body.edges[{edge!r}].edgeType.getPoint(0.5)); }}""")


def _hover(page, x: float, y: float):
    page.mouse.move(x - 3, y - 3)
    page.mouse.move(x, y, steps=3)
    return page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)


def _evidence_texts(page) -> list[str]:
    return page.locator("#evidence-list li").all_inner_texts()


def test_page_opens_offline_and_draws_a_canvas(opened):
    assert opened.locator("#network canvas").count() == 1


def test_overview_draws_the_top_entities_by_importance(opened):
    top = opened.evaluate("window.zhkg.data.entities.id.slice(0, 3)")
    opened.fill("#overview-size", "3")
    opened.evaluate("document.body.dataset.busy = 'pending'")
    opened.click("#overview")
    opened.wait_for_selector(IDLE, state="attached")
    assert _drawn_nodes(opened) == set(top)


def test_overview_note_says_what_is_shown_and_how_it_was_chosen(opened):
    assert "top 7 of 7 entities by importance" in opened.inner_text("#view-note")


@pytest.mark.parametrize(("query", "first"), [("祁", "祁立衡"), ("淮南", "淮南市"), ("科技", "安徽省科技厅"),
                                              ("安徽", "安徽省")])
def test_search_ranks_matches_in_a_drop_down(opened, query, first):
    opened.fill("#search", query)
    options = opened.locator("#search-results li")
    assert options.count() >= 1 and options.first.inner_text().startswith(first)


def test_search_finds_an_entity_by_alias_with_markup(opened):
    opened.fill("#search", "科技厅<img")
    assert opened.locator("#search-results li").first.inner_text().startswith("安徽省科技厅")


def test_search_without_a_match_says_so(opened):
    opened.fill("#search", "不存在的名字")
    opened.press("#search", "Enter")
    assert "not found" in opened.inner_text("#search-status")


def test_choosing_a_result_with_the_keyboard_focuses_it(opened):
    opened.keyboard.press("/")
    opened.keyboard.type("淮南")
    opened.keyboard.press("ArrowDown")
    opened.keyboard.press("ArrowUp")
    opened.evaluate("document.body.dataset.busy = 'pending'")
    opened.keyboard.press("Enter")
    opened.wait_for_selector(IDLE, state="attached")
    assert opened.evaluate("window.zhkg.network.getSelectedNodes()") == [HUAINAN]
    assert {HUAINAN, PERSON, PROVINCE} <= _drawn_nodes(opened)
    assert "Ego network of 淮南市" in opened.inner_text("#view-note")


def test_focus_draws_typed_neighbours_only(opened):
    _focus(opened, PERSON)
    assert _drawn_nodes(opened) == {PERSON, HUAINAN, WUHU, ORG}
    assert "CO_OCCURS" not in _drawn_relations(opened)


def test_ticking_co_occurs_adds_co_occurrence_neighbours(opened):
    _focus(opened, PERSON)
    _act(opened, "document.getElementById('relation-CO_OCCURS').click()")
    assert INITIATIVE in _drawn_nodes(opened) and "CO_OCCURS" in _drawn_relations(opened)


def test_two_hops_reach_the_neighbours_of_neighbours(opened):
    _focus(opened, PERSON)
    _act(opened, "document.getElementById('hops-2').click()")
    assert {PROVINCE, INITIATIVE} <= _drawn_nodes(opened)


def test_double_click_expands_a_neighbour(opened):
    _focus(opened, PERSON)
    assert PROVINCE not in _drawn_nodes(opened)
    x, y = _node_point(opened, HUAINAN)
    opened.evaluate("document.body.dataset.busy = 'pending'")
    opened.mouse.dblclick(x, y)
    opened.wait_for_selector(IDLE, state="attached")
    assert PROVINCE in _drawn_nodes(opened)
    assert opened.evaluate("window.zhkg.state.view.expanded.length") == 1


def test_back_and_forward_step_through_the_focus_history(opened):
    _focus(opened, PERSON)
    _focus(opened, HUAINAN)
    _act(opened, "document.getElementById('back').click()")
    assert "Ego network of 祁立衡" in opened.inner_text("#view-note")
    _act(opened, "document.getElementById('forward').click()")
    assert "Ego network of 淮南市" in opened.inner_text("#view-note")
    opened.evaluate("document.body.dataset.busy = 'pending'")
    opened.keyboard.press("Alt+ArrowLeft")
    opened.wait_for_selector(IDLE, state="attached")
    assert "Ego network of 祁立衡" in opened.inner_text("#view-note")


def test_date_range_keeps_only_relations_dated_in_it(opened):
    _focus(opened, PERSON)
    opened.fill("#date-from", "2024-06")
    opened.evaluate("document.body.dataset.busy = 'pending'")
    opened.fill("#date-to", "2024-06")
    opened.wait_for_selector(IDLE, state="attached")
    assert WUHU in _drawn_nodes(opened) and HUAINAN not in _drawn_nodes(opened)
    _act(opened, "document.getElementById('date-clear').click()")
    assert HUAINAN in _drawn_nodes(opened)


def test_timeline_counts_the_focused_entity_by_month(opened):
    _focus(opened, PERSON)
    months = opened.eval_on_selector_all("#timeline-svg .month", "bars => bars.map(b => b.dataset.month)")
    assert months == ["2024-05", "2024-06"]
    assert "VISITED 1" in opened.get_attribute("#timeline-svg .month[data-month='2024-06']", "aria-label")


def test_clicking_a_month_filters_to_it(opened):
    _focus(opened, PERSON)
    _act(opened, "document.querySelector(\"#timeline-svg .month[data-month='2024-05']\")"
                 ".dispatchEvent(new MouseEvent('click'))")
    assert opened.input_value("#date-from") == "2024-05" and opened.input_value("#date-to") == "2024-05"
    assert HUAINAN in _drawn_nodes(opened) and WUHU not in _drawn_nodes(opened)


def test_a_month_can_be_chosen_from_the_keyboard(opened):
    _focus(opened, PERSON)
    opened.focus("#timeline-svg .month[data-month='2024-06']")
    opened.evaluate("document.body.dataset.busy = 'pending'")
    opened.keyboard.press("Enter")
    opened.wait_for_selector(IDLE, state="attached")
    assert opened.input_value("#date-from") == "2024-06"


def test_clicking_an_edge_lists_its_evidence_with_both_entities_marked(opened):
    _focus(opened, PERSON)
    x, y = _edge_point(opened, _edge(opened, "VISITED", HUAINAN))
    opened.mouse.click(x, y)
    texts = _evidence_texts(opened)
    assert len(texts) == 2 and any(SCRIPT_PAYLOAD in t for t in texts) and any(IMG_PAYLOAD in t for t in texts)
    marks = set(opened.locator("#evidence-list mark").all_inner_texts())
    assert {"祁立衡", "淮南市"} <= marks


def test_evidence_markup_stays_text(opened):
    _focus(opened, PERSON)
    opened.evaluate(f"window.zhkg.showEdge(window.zhkg.edges.get({_edge(opened, 'VISITED', HUAINAN)!r}).index)")
    tags = opened.eval_on_selector_all("#evidence-list *", "els => [...new Set(els.map(e => e.tagName))]")
    assert set(tags) <= {"LI", "DIV", "SPAN", "MARK", "A"}
    assert opened.evaluate("typeof window.__pwned") == "undefined"


def test_evidence_shows_title_and_date_and_links_only_http_urls(opened):
    _focus(opened, PERSON)
    opened.evaluate("window.zhkg.showEntity(window.zhkg.data.entities.id.indexOf('PERSON:祁立衡'))")
    text = opened.inner_text("#evidence-list")
    assert "祁立衡到淮南市调研" in text and "祁立衡赴芜湖市考察" in text and "2024-06-02" in text
    links = opened.eval_on_selector_all("#evidence-list a", "as => as.map(a => [a.href, a.target, a.rel])")
    assert links and all(link == [SAFE_URL, "_blank", "noopener noreferrer"] for link in links)


def test_evidence_pages_through_long_lists(star):
    _focus(star, "PERSON:甲")
    assert star.inner_text("#evidence-page") == "1 / 2" and len(_evidence_texts(star)) == 8
    star.click("#evidence-next")
    assert star.inner_text("#evidence-page") == "2 / 2" and len(_evidence_texts(star)) == 7
    assert "15 sentences in this page of 15" in star.inner_text("#evidence-status")


def test_unticking_place_hides_place_nodes(opened):
    _focus(opened, PERSON)
    opened.uncheck("#type-PLACE")
    assert not any(n.startswith("PLACE:") for n in _drawn_nodes(opened))
    assert PERSON in _drawn_nodes(opened)


def test_unticking_a_relation_hides_its_edges(opened):
    _focus(opened, PERSON)
    opened.uncheck("#relation-VISITED")
    assert "VISITED" not in _drawn_relations(opened) and "HOLDS_POST" in _drawn_relations(opened)


def test_physics_stops_and_the_button_toggles_it(opened):
    assert opened.evaluate("window.zhkg.network.physics.physicsEnabled") is False
    opened.click("#physics-toggle")
    assert opened.evaluate("window.zhkg.network.physics.physicsEnabled") is True


def test_article_markup_is_not_executed(opened):
    _focus(opened, PERSON)
    assert opened.evaluate("typeof window.__pwned") == "undefined"
    assert opened.evaluate("document.querySelectorAll('img, b, #network script').length") == 0


def test_edge_tooltip_shows_evidence_markup_as_text(opened):
    _focus(opened, PERSON)
    tooltip = _hover(opened, *_edge_point(opened, _edge(opened, "VISITED", HUAINAN)))
    text = tooltip.inner_text()
    assert SCRIPT_PAYLOAD in text and IMG_PAYLOAD in text
    assert tooltip.evaluate("t => t.querySelectorAll('*:not(br)').length") == 0
    assert opened.evaluate("typeof window.__pwned") == "undefined"


def test_node_tooltip_shows_alias_markup_as_text(opened):
    _focus(opened, PERSON)
    tooltip = _hover(opened, *_node_point(opened, ORG))
    text = tooltip.inner_text()
    assert "<img" in text and "onerror=" in text
    assert tooltip.evaluate("t => t.querySelectorAll('*:not(br)').length") == 0


def test_screenshot_of_a_focused_entity_is_saved(opened):
    _focus(opened, PERSON)
    opened.evaluate("window.zhkg.showEntity(window.zhkg.data.entities.id.indexOf('PERSON:祁立衡'))")
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "graph.png"
    opened.screenshot(path=str(target))
    assert target.stat().st_size > 10_000


def test_overview_draws_co_occurrence_only_as_hidden_layout_links(opened):
    hidden = opened.evaluate("""() => window.zhkg.edges.get().filter(e => e.hidden).map(e => e.relation)""")
    assert hidden and set(hidden) == {"CO_OCCURS"} and "CO_OCCURS" not in _drawn_relations(opened)


def test_timeline_leaves_out_months_before_the_articles(star):
    _focus(star, "PERSON:甲")
    months = star.eval_on_selector_all("#timeline-svg .month", "bars => bars.map(b => b.dataset.month)")
    assert months[0] == "2024-01" and "1990-05" not in months
    assert "1 months outside the articles' dates" in star.inner_text("#timeline-title")
