"""The explorer and a city dashboard in a real headless Chromium (Debian's), driven by Playwright.

Screenshots land in tests/artifacts/ (ignored by git) for a human to look at.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.conftest import ARTIFACTS
from tests.graphs import city, knows, member, need, project, skill

pytestmark = pytest.mark.slow  # drives Chromium


@pytest.fixture
def served(live_server: str, load) -> str:
    load([
        city("toulouse"), city("blagnac"), *skill("compta"), *skill("web"),
        *member("lea", name="Léa Martin", skills={"compta": 4}),
        *member("karim", name="Karim Benali"), *member("sophie", name="Sophie Web", skills={"web": 4}),
        *member("paul", name="Paul Seul"), knows("lea", "karim"), knows("karim", "sophie"),
        *project("jardin", holder="lea", name="Jardin partagé"),
        *need("n1", ("Project", "jardin"), "web"),
    ])  # fmt: skip
    return live_server


def explorer() -> str:
    return "window.graphsvcExplorer.cy"


def idle(page: Page) -> None:
    page.wait_for_selector("#graph[aria-busy='false']")
    page.wait_for_function(f"{explorer()}.nodes().length > 0")


def test_a_manager_explores_a_project_and_a_city_dashboard(served, page, api_keys) -> None:
    failures: list[str] = []
    page.on("pageerror", lambda error: failures.append(str(error)))
    # Chromium logs each refused request in the console itself; two are made on purpose below
    # (a wrong key, an unknown project). Any other console error is the page's.
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.goto(f"{served}/explore")
    assert page.get_attribute("html", "lang") == "fr"
    page.fill("#key", "gsk_wrong")
    page.click("#save-key")
    page.wait_for_function(
        "document.querySelector('#key-state').textContent.startsWith('clé refusée')"
    )
    page.fill("#key", api_keys["manager"])
    page.click("#save-key")
    page.wait_for_function("document.querySelector('#key-state').textContent === 'clé acceptée'")

    page.fill("#search", "jardin")
    page.click("#search-go")
    page.click("#results .result[data-id='jardin']")
    idle(page)
    nodes = set(page.evaluate(f"{explorer()}.nodes().map(n => n.id())"))
    assert {"project:jardin", "member:lea", "member:karim", "city:toulouse", "need:n1"} <= nodes
    assert "kind=project&id=jardin" in page.url  # the URL follows the view
    page.wait_for_selector("#details h3")
    assert "Léa Martin" in page.inner_text("#details")  # its team, in words
    page.screenshot(path=ARTIFACTS / "explore-project.png")

    # Click Karim on the canvas: his neighbourhood (Sophie) joins, nothing placed moves.
    before = page.evaluate(f"{explorer()}.getElementById('project:jardin').position()")
    box = page.locator("#graph").bounding_box()
    x, y = page.evaluate(
        f"(() => {{ const p = {explorer()}.getElementById('member:karim').renderedPosition();"
        " return [p.x, p.y]; })()"
    )
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_function(f"{explorer()}.getElementById('member:sophie').nonempty()")
    assert page.evaluate(f"{explorer()}.getElementById('project:jardin').position()") == before
    page.wait_for_function("document.querySelector('#details h2').textContent === 'Karim Benali'")
    assert "kind=member&id=karim" in page.url
    page.go_back()  # Back returns to the project
    page.wait_for_function("location.search.includes('kind=project')")
    idle(page)

    page.wait_for_selector("#show-introductions")
    page.click("#show-introductions")
    page.wait_for_selector("#introductions li.introduction")
    first = page.inner_text("#introductions li.introduction >> nth=0")
    assert "Sophie Web" in first and "répond à « " in first  # the need met, in words
    assert page.evaluate(f"{explorer()}.edges('.path').length") >= 1
    assert page.evaluate(f"{explorer()}.getElementById('member:sophie').hasClass('candidate')")
    page.click("#introductions li.introduction >> nth=0 >> button.propose")
    page.wait_for_selector("#introductions li.introduction >> nth=0 >> text=Introduction proposée.")
    page.wait_for_selector("#follow-up li >> text=Sophie Web")
    assert "proposée" in page.inner_text("#follow-up")
    page.screenshot(path=ARTIFACTS / "explore-introductions.png")

    # Opening another node clears the previous project's introductions.
    page.goto(f"{served}/explore?kind=member&id=paul")
    idle(page)
    assert page.is_hidden("#introductions-panel")

    # An API error shows in the page, not as an uncaught rejection.
    page.goto(f"{served}/explore?kind=project&id=nowhere")
    page.wait_for_selector("#error:not([hidden])")
    assert "nowhere" in page.inner_text("#error")

    # A dashboard in a new tab has the key; names open the explorer.
    tab = page.context.new_page()
    tab.on("pageerror", lambda error: failures.append(str(error)))
    tab.goto(f"{served}/explore/cities/toulouse")
    tab.wait_for_function("document.querySelectorAll('.chart svg').length === 4")
    assert tab.inner_text("#city-name") == "Toulouse"
    assert tab.get_attribute("#isolated a", "href") == "/explore?kind=member&id=paul"
    assert "Sophie Web" not in tab.inner_text("#isolated")
    tab.screenshot(path=ARTIFACTS / "city-dashboard.png", full_page=True)

    # Empty states: Blagnac has nobody, so each chart says so in a sentence.
    tab.goto(f"{served}/explore/cities/blagnac")
    tab.wait_for_function("document.querySelectorAll('.chart svg').length === 4")
    charts = tab.inner_text(".charts")
    assert "Aucune introduction pour l'instant." in charts and "Aucun membre relié" in charts
    assert tab.is_visible("#no-months")

    # English on request, one language per page.
    tab.goto(f"{served}/explore?lang=en")
    assert tab.get_attribute("html", "lang") == "en"
    assert tab.inner_text("#search-go") == "Search"
    assert failures == []
    refused = [c for c in console if "Failed to load resource" in c]
    assert len(refused) <= 2 and all(("401" in c) or ("404" in c) for c in refused), console
    assert len(console) == len(refused), console
