"""The web page in Debian's chromium: launch options, the usual steps on the page (open it, ask, open a citation)
and the documentation's screenshots. Used by the browser tests (tests/assistant/web) and by scripts/screenshots.

Never a browser download: chromium is Debian's (`/usr/bin/chromium`), driven headless by Playwright for Python.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Locator, Page, Playwright, Route, expect

CHROMIUM = os.environ.get("IREK_TEST_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
EXPECT_TIMEOUT_MS = 60_000

DESKTOP = {"width": 1366, "height": 800}
PHONE = {"width": 390, "height": 844}  # with touch: `pointer: coarse` applies
CHAT_SCREENSHOT = {"width": 1366, "height": 1500}  # tall enough for the answer card

QUESTION = "Unsere Gemeinde will ein Gewerbegebiet mit eigener Wasserstoffversorgung bauen. Was passt?"
FACT_QUESTION = "Wie hoch ist der Fördersatz für die Erschließung von Gewerbegelände?"


def launch_chromium(playwright: Playwright) -> Browser:
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def new_context(browser: Browser, base_url: str, viewport: dict[str, int], **options) -> BrowserContext:  # noqa: ANN003
    """A fresh German browser context on the server, with clipboard permissions and downloads accepted; the phone
    viewport comes with a touch screen. Further options go to Playwright (e.g. color_scheme, reduced_motion)."""
    phone = viewport == PHONE
    context = browser.new_context(viewport=viewport, locale="de-DE", base_url=base_url, accept_downloads=True,
                                  has_touch=phone, is_mobile=phone, **options)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    context.set_default_timeout(EXPECT_TIMEOUT_MS)
    return context


def open_page(page: Page) -> None:
    page.goto("/")
    expect(page).to_have_title(re.compile("IREK-Assistent"))
    expect(page.locator("#search-doc option[value='grw']")).to_be_attached()  # documents loaded: the app is ready


def ask(page: Page, question: str = QUESTION) -> dict:
    """Types the question, sends it with Enter, waits for the finished answer; returns the answer JSON the page got."""
    page.get_by_label("Ihre Frage oder Projektbeschreibung").fill(question)
    with page.expect_response("**/api/chat") as response_info:
        page.get_by_label("Ihre Frage oder Projektbeschreibung").press("Enter")
    response = response_info.value
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/event-stream")  # the answer is streamed
    turns = page.locator("#conversation > li.turn-assistant")
    last = turns.last
    expect(last).not_to_have_attribute("aria-busy", "true")
    expect(last.locator(".answer-tools")).to_be_visible()
    entries = page.evaluate("window.irekAssistent.entries")
    return entries[-1]["data"]


def reveal(locator: Locator) -> Locator:
    """Unfolds every <details> around the element (a citation chip in a folded card), so that it can be clicked."""
    locator.evaluate("el => { for (let d = el.closest('details'); d; d = d.parentElement.closest('details')) d.open = true; }")
    return locator


def visible_chars(locator: Locator) -> int:
    """The characters of an element on screen (its innerText, white space collapsed): folded text does not count."""
    return locator.evaluate("el => el.innerText.replace(/\\s+/g, ' ').trim().length")


def sse(data: dict) -> str:
    """The answer as /api/chat streams it: a `delta` per paragraph (the summary first), then `answer`."""
    parts = data["answer"].split("\n\n")
    deltas = [parts[0], *("\n\n" + part for part in parts[1:])]
    events = [f"event: delta\ndata: {json.dumps({'text': d}, ensure_ascii=False)}\n\n" for d in deltas]
    events.append(f"event: answer\ndata: {json.dumps(data, ensure_ascii=False)}\n\n")
    return "".join(events)


def route_answer(page: Page, data: dict) -> None:
    """/api/chat answers with this canned answer (for tests of the page where the pipeline's output is not tested)."""
    def fulfil(route: Route) -> None:
        route.fulfill(status=200, headers={"Content-Type": "text/event-stream; charset=utf-8"}, body=sse(data))
    page.route("**/api/chat", fulfil)


def paged_citation(data: dict) -> dict:
    """The first citation of an answer with a page (a GRW citation: document, section and page)."""
    return next(c for c in data["citations"] if c["page"])


# -- the documentation's screenshots -------------------------------------------------------------------------------

def screenshot_chat(page: Page, path: Path) -> dict:
    """docs/screenshots/chat.png: the answer card to QUESTION (summary, goal and funding-path cards, sources), from
    the top of the page. Returns the answer JSON."""
    page.set_viewport_size(CHAT_SCREENSHOT)
    open_page(page)
    data = ask(page)
    page.evaluate("window.scrollTo(0, 0)")
    expect(page.locator("#conversation .goal-card").first).to_be_in_viewport()
    page.screenshot(path=str(path))
    return data


def screenshot_phone(page: Page, path: Path) -> dict:
    """docs/screenshots/handy.png: the answer card on a phone (PHONE, touch), its top at the top of the screen and the
    question field at the bottom. Returns the answer JSON."""
    open_page(page)
    data = ask(page)
    page.locator("#conversation > li.turn-assistant").last.evaluate("el => el.scrollIntoView({block: 'start'})")
    expect(page.locator("#conversation .answer-summary").last).to_be_in_viewport()
    page.screenshot(path=str(path))
    return data


def screenshot_source(page: Page, path: Path) -> dict:
    """docs/screenshots/quelle.png: the source panel of a GRW citation, its quote highlighted. Returns the citation."""
    page.set_viewport_size(DESKTOP)
    open_page(page)
    cited = paged_citation(ask(page))
    reveal(page.locator("#conversation > li.turn-assistant").last.locator(f".sources .chip[data-n='{cited['n']}']").first).click()
    panel = page.get_by_role("dialog", name=f"Beleg {cited['n']}")
    expect(panel.locator("mark")).to_be_in_viewport()
    expect(panel.locator(".source-citation")).not_to_be_empty()
    page.screenshot(path=str(path))
    return cited


def png_size(path: Path) -> tuple[int, int]:
    """Width and height of a PNG file (from its IHDR chunk); ValueError for anything else."""
    head = Path(path).read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise ValueError(f"{path} ist keine PNG-Datei")
    return struct.unpack(">II", head[16:24])
