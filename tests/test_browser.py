"""The explorer and a city dashboard in a real headless Chromium (Debian's), driven by Playwright.

Screenshots land in tests/artifacts/ (ignored by git) for a human to look at.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright
from werkzeug.serving import make_server

from tests.graphs import city, knows, member, need, project, skill

pytestmark = pytest.mark.slow  # drives Chromium

ARTIFACTS = Path(__file__).parent / "artifacts"


def chromium() -> str:
    found = os.environ.get("GRAPHSVC_CHROMIUM") or shutil.which("chromium")
    assert found, "No Chromium: apt-get install chromium (CI does), or set GRAPHSVC_CHROMIUM"
    return found


@pytest.fixture
def served(app, load) -> Iterator[str]:
    load([
        city("toulouse"), city("blagnac"), *skill("compta"), *skill("web"),
        *member("lea", name="Léa Martin", skills={"compta": 4}),
        *member("karim", name="Karim Benali"), *member("sophie", name="Sophie Web", skills={"web": 4}),
        *member("paul", name="Paul Seul"), knows("lea", "karim"), knows("karim", "sophie"),
        *project("jardin", holder="lea", name="Jardin partagé"),
        *need("n1", ("Project", "jardin"), "web"),
    ])  # fmt: skip
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture
def page() -> Iterator[Page]:
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        yield browser.new_page(viewport={"width": 1400, "height": 900})
        browser.close()


def test_a_manager_explores_a_project_and_a_city_dashboard(served, page, api_keys) -> None:
    failures: list[str] = []
    page.on("pageerror", lambda error: failures.append(str(error)))
    page.goto(f"{served}/explore")
    page.fill("#key", api_keys["manager"])
    page.click("#save-key")
    assert page.inner_text("#key-state") == "key in use for this tab"

    page.fill("#search", "jardin")
    page.click("#search-go")
    page.click("#results .result[data-id='jardin']")
    page.wait_for_function("window.graphsvcExplorer.cy.nodes().length >= 3")
    nodes = set(page.evaluate("window.graphsvcExplorer.cy.nodes().map(n => n.id())"))
    assert {"jardin", "lea", "karim", "toulouse", "n1"} <= nodes
    page.screenshot(path=ARTIFACTS / "explore-project.png")

    # Click Karim on the canvas: his neighbourhood (Sophie) joins the graph.
    box = page.locator("#graph").bounding_box()
    x, y = page.evaluate(
        "(() => { const p = window.graphsvcExplorer.cy.getElementById('karim').renderedPosition();"
        " return [p.x, p.y]; })()"
    )
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_function("window.graphsvcExplorer.cy.getElementById('sophie').nonempty()")
    assert "Karim Benali" in page.inner_text("#details")

    page.click("#results .result[data-id='jardin']")
    page.wait_for_selector("#show-introductions")
    page.click("#show-introductions")
    page.wait_for_selector("#introductions li.introduction")
    first = page.inner_text("#introductions li.introduction >> nth=0")
    assert "Karim Benali" in first and "score" in first
    highlighted = page.evaluate("window.graphsvcExplorer.cy.edges('.path').map(e => e.id())")
    assert "lea|KNOWS|karim" in highlighted
    page.screenshot(path=ARTIFACTS / "explore-introductions.png")

    page.goto(f"{served}/explore/cities/toulouse")  # the key stays for the tab
    page.wait_for_function("document.querySelectorAll('.chart svg').length === 4")
    assert page.inner_text("#city-name") == "Toulouse"
    assert "Paul Seul" in page.inner_text("#isolated")
    assert "Sophie Web" not in page.inner_text("#isolated")
    page.screenshot(path=ARTIFACTS / "city-dashboard.png", full_page=True)
    assert failures == []
