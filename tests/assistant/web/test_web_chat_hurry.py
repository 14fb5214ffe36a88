"""The web chat for people in a hurry (issue 14), in Debian's chromium on a phone (390×844, touch) and a laptop
(1366×800): the answer as a card (summary on top, at most 1,500 characters on screen, nothing twice), streaming you
can see with a stop button, nothing lost (error, retry, reload, undo, copy), the phone, feedback, accessibility
(axe-core, focus trap, live region, reduced motion, dark scheme).

Where the pipeline's output is not under test, /api/chat is routed to a canned answer: the real server's answer to
TISCHLEREI with a `summary` (contracts.md §2) and one blocked path. Every expectation waits through Playwright's
`expect`; nothing sleeps.
"""

from __future__ import annotations

import copy
import re

import pytest
from assistant.core.answer import details_of
from helpers.axe import violations
from helpers.web import (DESKTOP, PHONE, QUESTION, ask, new_context, open_page, reveal, route_answer, sse,
                         visible_chars)
from playwright.sync_api import expect

# an extension, with an open path (a machine that only replaces an old one is no eligible cost, KR Nr. 2.6.2)
TISCHLEREI = ("Wir sind eine kleine Tischlerei in Melle und wollen eine zweite CNC-Maschine kaufen, weil die Aufträge "
              "zunehmen. Gibt es Förderung?")
BUDGET = 1500
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
NETWORK_ERROR = "Der Server ist nicht erreichbar. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut."


@pytest.fixture(scope="module")
def canned(web_server) -> dict:
    """The real answer to TISCHLEREI, with a bottom line and a blocked path as contracts.md §2 describes them."""
    status, data = web_server.post_json("/api/ask", {"question": TISCHLEREI})
    assert status == 200 and data["goals"] and data["funding_paths"], data
    data = copy.deepcopy(data)
    if len(data["funding_paths"]) < 2:  # a second card, to be blocked below
        data["funding_paths"].append({**data["funding_paths"][0], "id": "grw-infrastruktur",
                                      "name": "GRW: Wirtschaftsnahe kommunale Infrastruktur"})
    goal, path = data["goals"][0], data["funding_paths"][0]
    if not data.get("summary"):  # until the pipeline fills it
        data["summary"] = (f"Passendes Ziel: Handlungsziel {goal['code']} [{goal['citations'][0]}]. Förderweg: "
                           f"{path['name']}, für kleine Unternehmen bis 20 Prozent [{path['citations'][0]}]. "
                           "Nächster Schritt: den Antrag vor der Bestellung der Maschine bei der NBank stellen.")
        data["answer"] = f"{data['summary']}\n\n{data['answer']}"
    if not any(p["blocked"] for p in data["funding_paths"]):
        blocked = data["funding_paths"][-1]
        blocked["blocked"] = True
        blocked["reasons"] = [("Ein gewinnorientiertes Unternehmen kann nicht Träger sein. Träger sind vorzugsweise "
                               "Gemeinden und Gemeindeverbände.")]
    assert len(data["summary"]) <= 400
    data["details"] = "\n\n".join(details_of(data))  # as the server would serialise the changed answer
    return data


@pytest.fixture(params=list(VIEWPORTS))
def any_page(request, browser, web_server):
    context = new_context(browser, web_server.url, VIEWPORTS[request.param])
    page = context.new_page()
    page.js_errors = []
    page.on("pageerror", lambda error: page.js_errors.append(str(error)))
    yield page
    context.close()


def last_answer(page):
    return page.locator("#conversation > li.turn-assistant").last


def plain(text: str) -> str:
    return " ".join(re.sub(r"\s*\[\d+\]", "", text.replace("**", "")).split())


def without_chips(locator) -> str:
    """The element's text without its citation chips, white space collapsed."""
    text = locator.evaluate("el => { const c = el.cloneNode(true); c.querySelectorAll('.chip').forEach(x => x.remove()); "
                            "return c.textContent; }")
    return re.sub(r"\s+([.,;:])", r"\1", " ".join(text.split()))


def path_card(card, path: dict):  # noqa: ANN001, ANN201 - playwright Locator
    """The card of a funding path, shown or folded under "Weitere Förderwege"."""
    return card.locator(".path-card").filter(has=card.page.locator("h4", has_text=re.compile(f"^{re.escape(path['name'])}$")))


def first_sentence(text: str) -> str:
    return text.split(". ")[0][:60]


# -- the answer as a card ----------------------------------------------------------------------------------------------

def test_answer_card_summary_first_nothing_twice_within_budget(any_page, canned):
    page = any_page
    route_answer(page, canned)
    open_page(page)
    ask(page, TISCHLEREI)
    card = last_answer(page)
    summary = card.locator(".answer-summary")
    expect(summary).to_be_visible()
    assert without_chips(summary) == plain(canned["summary"])
    # the summary is the card's first content; then the sections, in this order
    assert card.evaluate("el => el.querySelector(':scope > .who').nextElementSibling.className") == "answer-summary"
    assert card.locator("h3.section-label").all_inner_texts() == ["Passende Ziele", "Förderwege", "Quellen"]

    # at most 1,500 characters on screen before anything is unfolded
    assert visible_chars(card) <= BUDGET, visible_chars(card)
    # on the phone the whole bottom line is visible without scrolling, above the sticky question field
    card.evaluate("el => el.scrollIntoView({block: 'start'})")
    box, form = summary.bounding_box(), page.locator("#ask-form").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= form["y"] + 1, (box, form)

    # Förderwege: one card each; the rate and the decisive caveat shown, the other conditions folded
    cards = card.locator(".path-card")
    expect(cards).to_have_count(len(canned["funding_paths"]))
    for path in canned["funding_paths"]:
        one = path_card(card, path)
        expect(one).to_have_count(1)
        reveal(one)  # a card that did not fit is in "Weitere Förderwege"
        if path["blocked"]:
            expect(one.locator(".badge")).to_have_text("Ausgeschlossen")
            expect(one.locator(".caveat")).to_contain_text("Warum nicht: " + first_sentence(path["reasons"][0]))
        else:
            expect(one.locator(".caveat")).to_contain_text("Wichtig: " + first_sentence(path["conditions"][0]))
            expect(one.locator(".rate")).to_contain_text(path["max_rate"])
            if len(path["conditions"]) > 1:
                expect(one.get_by_text(path["conditions"][1], exact=True)).to_be_hidden()  # folded
        expect(one.locator(".caveat")).to_be_visible()

    # nothing twice, folds included: each condition and reason stands once in its path card and nowhere else in the
    # answer (not in the prose); each goal title and the summary stand once
    for path in canned["funding_paths"]:
        one = path_card(card, path)
        text = " ".join(one.evaluate("el => el.textContent").split())
        for condition in path["conditions"] + path["reasons"]:
            assert text.count(first_sentence(" ".join(condition.split()))) == 1, condition
    outside = " ".join(card.evaluate(
        "el => { const c = el.cloneNode(true); c.querySelectorAll('.path-card').forEach(p => p.remove()); return c.textContent; }").split())
    for path in canned["funding_paths"]:
        for condition in path["conditions"] + path["reasons"]:
            assert first_sentence(" ".join(condition.split())) not in outside, condition
    text = " ".join(card.evaluate("el => el.textContent").split())
    below = " ".join(card.evaluate(  # the summary names the best goal on purpose; below it each title stands once
        "el => { const c = el.cloneNode(true); c.querySelector('.answer-summary').remove(); return c.textContent; }").split())
    for goal in canned["goals"]:
        assert below.count(goal["title"]) == 1, goal["title"]
    assert text.count(canned["summary"].split(" [")[0]) == 1
    # Quellen: compact cards (document, section, page), every citation number reachable once
    numbers = card.locator(".sources .chip").evaluate_all("chips => chips.map(c => Number(c.dataset.n))")
    assert sorted(numbers) == sorted(c["n"] for c in canned["citations"])
    expect(card.locator(".source-doc").first).to_be_visible()
    grw = next(c for c in canned["citations"] if c["page"])
    expect(card.locator(".source-card").filter(has=page.locator(f".chip[data-n='{grw['n']}']"))).to_contain_text(
        f"S. {grw['page_label']}")
    assert page.js_errors == []


def test_real_answer_within_budget_with_its_summary(any_page, web_server):
    """The real pipeline's answer (no routing): bottom line on top (its `summary`, or the first paragraph while that
    is empty), every citation reachable, at most 1,500 characters on screen."""
    page = any_page
    open_page(page)
    data = ask(page, TISCHLEREI)
    card = last_answer(page)
    expected = data.get("summary") or data["answer"].split("\n\n")[0]
    assert " ".join(card.locator(".answer-summary").inner_text().split())[:40] == plain(expected)[:40]
    assert visible_chars(card) <= BUDGET
    numbers = card.locator(".chip[data-n]").evaluate_all("chips => chips.map(c => Number(c.dataset.n))")
    assert {c["n"] for c in data["citations"]} <= set(numbers)
    assert page.js_errors == []


def test_a_path_the_main_activity_decides_is_not_shown_as_excluded(browser, web_server):
    """A kitchen studio with its own joinery: excluded only if selling furniture is its main activity (KR Nr. 2.7.1).
    The real answer's card says that it depends and what decides, not "Ausgeschlossen"."""
    context = new_context(browser, web_server.url, DESKTOP)
    page = context.new_page()
    try:
        open_page(page)
        data = ask(page, "Küchenstudio mit eigener Tischlerei in Dissen, 31 MA, Umsatz 5,8 Mio. Plant neue "
                         "CNC-Fertigung. Geht da GRW?")
        grw = next(p for p in data["funding_paths"] if p["id"] == "grw-gewerbe")
        assert grw["blocked"] and grw["undecided"], grw
        card = path_card(last_answer(page), grw)
        reveal(card)
        expect(card.locator(".badge")).to_have_text("Hängt von der Haupttätigkeit ab")
        expect(card.locator(".caveat")).to_contain_text("Entscheidend: " + first_sentence(grw["reasons"][0]))
        expect(card).not_to_contain_text("Ausgeschlossen")
    finally:
        context.close()


# -- streaming and stop ------------------------------------------------------------------------------------------------

GATED_STREAM = """
window.__gate = {chunks: []};
const realFetch = window.fetch;
window.fetch = (input, init) => {
  if (!String(input).endsWith('api/chat')) return realFetch(input, init);
  const encoder = new TextEncoder();
  const body = new ReadableStream({start(controller) {
    window.__gate.send = (text) => controller.enqueue(encoder.encode(text));
    window.__gate.close = () => controller.close();
    init.signal.addEventListener('abort', () => controller.error(new DOMException('angehalten', 'AbortError')));
  }});
  return Promise.resolve(new Response(body, {status: 200, headers: {'Content-Type': 'text/event-stream'}}));
};
"""


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_streaming_shows_the_summary_first_then_the_rest(browser, web_server, canned, motion):
    context = new_context(browser, web_server.url, DESKTOP, reduced_motion=motion)
    page = context.new_page()
    try:
        page.add_init_script(GATED_STREAM)  # the stream's pieces arrive when the test sends them
        open_page(page)
        field = page.get_by_label("Ihre Frage oder Projektbeschreibung")
        field.fill(TISCHLEREI)
        field.press("Enter")
        expect(page.get_by_role("button", name="Stopp")).to_be_visible()
        expect(field).to_have_value("")  # the server accepted it (status 200)
        events = sse(canned).split("\n\n")
        page.evaluate("t => window.__gate.send(t)", events[0] + "\n\n")
        live = last_answer(page).locator(".answer-live")
        expect(live.locator(".answer-summary")).to_contain_text(plain(canned["summary"])[:30])
        expect(live.locator(".answer-stream")).to_be_empty()
        animation = live.locator(".answer-summary").evaluate("el => getComputedStyle(el, '::after').animationName")
        assert animation == ("none" if motion == "reduce" else "blink")
        page.evaluate("t => window.__gate.send(t)", "\n\n".join(events[1:-2]) + "\n\n")
        expect(live.locator(".answer-stream")).not_to_be_empty()
        page.evaluate("t => { window.__gate.send(t); window.__gate.close(); }", events[-2] + "\n\n")
        expect(last_answer(page).locator(".answer-tools")).to_be_visible()
        expect(page.get_by_role("button", name="Stopp")).to_be_hidden()
        # the live region announces the bottom line only
        expect(page.locator("#announcer")).to_have_text("Antwort: " + plain(canned["summary"]))
        assert last_answer(page).evaluate("""card => [...document.querySelectorAll(
            '[aria-live]:not([aria-live=off]), [role=status], [role=log], [role=alert]')].every(live => !live.contains(card))""")
    finally:
        context.close()


def test_stop_keeps_the_question_and_retry_asks_again(any_page, canned):
    page = any_page
    page.route("**/api/chat", lambda route: None)  # the server takes its time: the request stays open
    open_page(page)
    field = page.get_by_label("Ihre Frage oder Projektbeschreibung")
    field.fill(TISCHLEREI)
    field.press("Enter")
    stop = page.get_by_role("button", name="Stopp")
    expect(stop).to_be_visible()
    expect(field).to_have_value(TISCHLEREI)  # not accepted yet: the question stays
    stop.click()
    stopped = page.locator("#conversation .turn-stopped")
    expect(stopped).to_contain_text("Angehalten.")
    expect(stop).to_be_hidden()
    expect(field).to_have_value(TISCHLEREI)
    page.unroute("**/api/chat")
    route_answer(page, canned)
    page.get_by_role("button", name="Erneut fragen").click()
    expect(last_answer(page).locator(".answer-tools")).to_be_visible()
    expect(stopped).to_have_count(0)
    expect(page.locator("#conversation .turn-user")).to_have_count(1)
    expect(field).to_have_value("")


def test_network_error_keeps_the_question_and_retry_works(any_page, web_server):
    page = any_page
    page.route("**/api/chat", lambda route: route.abort("failed"))
    open_page(page)
    field = page.get_by_label("Ihre Frage oder Projektbeschreibung")
    field.fill(QUESTION)
    field.press("Enter")
    failure = page.locator("#conversation .turn-error")
    expect(failure).to_have_attribute("role", "alert")
    expect(failure.locator(".error-detail")).to_have_text(NETWORK_ERROR)
    expect(field).to_have_value(QUESTION)  # nothing lost
    page.unroute("**/api/chat")
    with page.expect_response("**/api/chat") as response_info:
        failure.get_by_role("button", name="Erneut fragen").click()
    assert response_info.value.status == 200
    expect(last_answer(page).locator(".goal-card").first).to_contain_text("2.3.1")
    expect(failure).to_have_count(0)
    expect(field).to_have_value("")
    assert page.js_errors == []


# -- nothing lost: reload, new conversation, copy -------------------------------------------------------------------

def test_conversation_survives_a_reload_and_new_conversation_offers_undo(any_page, canned):
    page = any_page
    route_answer(page, canned)
    open_page(page)
    ask(page, TISCHLEREI)
    page.get_by_label("Ihre Frage oder Projektbeschreibung").fill("Und wenn wir schon bestellt haben?")
    page.reload()
    expect(last_answer(page).locator(".answer-summary")).to_contain_text(plain(canned["summary"])[:30])
    expect(page.locator("#conversation .turn-user")).to_have_text(re.compile(re.escape(TISCHLEREI)))
    expect(page.get_by_label("Ihre Frage oder Projektbeschreibung")).to_have_value("Und wenn wir schon bestellt haben?")
    assert page.evaluate("window.irekAssistent.history")[0]["content"] == TISCHLEREI  # follow-ups build on it

    page.get_by_role("button", name="Neues Gespräch").click()
    expect(page.locator("#conversation > li")).to_have_count(0)
    undo = page.get_by_role("button", name="Rückgängig")
    expect(undo).to_be_focused()
    undo.click()
    expect(last_answer(page).locator(".answer-summary")).to_be_visible()
    expect(page.locator("#conversation > li")).to_have_count(2)

    page.get_by_role("button", name="Neues Gespräch").click()
    page.reload()  # cleared with the conversation: the stored copy is gone too
    expect(page.locator("#search-doc option[value='grw']")).to_be_attached()
    expect(page.locator("#conversation > li")).to_have_count(0)
    assert page.evaluate("window.irekAssistent.entries") == []


def test_copy_answer_gives_plain_text_with_sources(any_page, canned):
    page = any_page
    route_answer(page, canned)
    open_page(page)
    ask(page, TISCHLEREI)
    card = last_answer(page)
    card.get_by_role("button", name="Antwort kopieren").click()
    expect(card.locator(".copy-status")).to_have_text("Antwort mit Quellen kopiert.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(f"Frage: {TISCHLEREI}\n\n{canned['summary'].replace('**', '')}")
    assert "**" not in copied and "<" not in copied
    sources = copied.split("\n\nQuellen:\n", 1)[1].splitlines()
    assert len(sources) == len(canned["citations"])
    for line, c in zip(sources, canned["citations"]):
        assert line == f"[{c['n']}] {c['citation']}: „{' '.join(c['quote'].split())}“"


# -- the phone -----------------------------------------------------------------------------------------------------------

def test_phone_keeps_the_question_field_in_reach_with_touch_sized_targets(phone_page, canned):
    page = phone_page
    route_answer(page, canned)
    open_page(page)
    expect(page.locator(".example").first).to_be_in_viewport()  # starter questions at the start
    ask(page, TISCHLEREI)
    ask(page, "Und welche Unterlagen brauchen wir?")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 3)")  # somewhere inside the long conversation
    expect(page.get_by_label("Ihre Frage oder Projektbeschreibung")).to_be_in_viewport()
    expect(page.get_by_role("button", name="Fragen", exact=True)).to_be_in_viewport()
    page.locator("#starters > summary").click()  # the starter questions stay one tap away
    expect(page.locator(".example").first).to_be_visible()
    page.locator("#starters > summary").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    small = page.evaluate("""() => [...document.querySelectorAll(
            '#panel-chat button, #panel-chat summary, #panel-chat a, .tabs [role=tab]')]
        .filter(el => el.getClientRects().length && !el.closest('details:not([open]) > :not(summary)'))
        .map(el => [el.textContent.trim().slice(0, 30), el.getBoundingClientRect()])
        .filter(([, r]) => r.width < 44 || r.height < 44)
        .map(([t, r]) => `${t}: ${Math.round(r.width)}×${Math.round(r.height)}`)""")
    assert small == [], small


# -- feedback --------------------------------------------------------------------------------------------------------------

def test_feedback_thumb_first_then_an_optional_comment(page, web_server, canned):
    route_answer(page, canned)
    open_page(page)
    ask(page, TISCHLEREI)
    card = last_answer(page)
    comment = card.get_by_label("Kommentar (freiwillig)")
    expect(comment).to_be_hidden()  # no comment box before a thumb
    # a comment without a thumb is not silently dropped: the form says why nothing was stored
    card.locator(".feedback-form").evaluate("form => form.requestSubmit()")
    expect(card.locator(".feedback .field-error")).to_contain_text("Bitte wählen Sie zuerst „Ja“ oder „Nein“")
    card.get_by_role("button", name="Ja", exact=True).click()
    expect(comment).to_be_focused()
    expect(card.get_by_text("Ihre Bewertung wird mit dem Kommentar gesendet.")).to_be_visible()
    expect(card.locator(".feedback .field-error")).to_be_empty()
    key = page.evaluate("window.irekAssistent.entries")[-1]["key"]
    card.get_by_role("button", name="Rückmeldung senden").click()  # the thumb alone counts
    expect(card.get_by_text("Danke für Ihre Rückmeldung!")).to_be_focused()
    stored = web_server.state.feedback.list(50)  # reading feedback over HTTP needs the admin token
    mine = [item.to_dict() for item in stored if item.answer_id == key]
    assert len(mine) == 1 and mine[0]["rating"] == "up" and mine[0]["comment"] is None


# -- keyboard, panel, accessibility ------------------------------------------------------------------------------------

def test_keyboard_only_with_focus_trapped_in_the_source_panel(page, canned):
    route_answer(page, canned)
    open_page(page)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Zum Inhalt springen")).to_be_focused()
    for _ in range(20):
        if page.evaluate("document.activeElement && document.activeElement.id") == "question":
            break
        page.keyboard.press("Tab")
    page.keyboard.type(TISCHLEREI)
    page.keyboard.press("Enter")
    card = last_answer(page)
    expect(card.locator(".answer-tools")).to_be_visible()
    chip = card.locator(".answer-summary .chip").first
    chip.focus()
    page.keyboard.press("Enter")
    panel = page.locator("#source-panel")
    expect(page.locator("#source-heading")).to_be_focused()
    expect(panel.get_by_role("button", name="Zitat kopieren")).to_be_visible()
    for key in ["Tab"] * 8 + ["Shift+Tab"] * 8:
        page.keyboard.press(key)
        assert page.evaluate("document.getElementById('source-panel').contains(document.activeElement)"), key
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(chip).to_be_focused()
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bpanel-open\b"))  # the close handled
    # a folded path card opens with the keyboard
    fold = card.locator(".path-card .fold > summary").first
    # the key only once the summary holds the focus: the closed panel hands the focus back to its chip, and a busy
    # machine may do that after Playwright's own focus (fresh-clone CI runs pressed Enter on the chip once, and once
    # found the focus taken back from the summary); the panel now leaves a focus the user has moved alone
    fold.focus()
    expect(fold).to_be_focused()
    page.keyboard.press("Enter")
    expect(card.locator(".path-card .fold").first).to_have_attribute("open", "")
    # "Neues Gespräch" and its undo by keyboard
    page.get_by_role("button", name="Neues Gespräch").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Rückgängig")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#conversation > li")).to_have_count(2)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation_on_any_view(browser, web_server, canned, scheme):
    found = {}
    for name, viewport in VIEWPORTS.items():
        context = new_context(browser, web_server.url, viewport, color_scheme=scheme)
        page = context.new_page()
        try:
            route_answer(page, canned)
            open_page(page)
            found[f"{name}/start"] = violations(page)
            ask(page, TISCHLEREI)
            card = last_answer(page)
            card.get_by_role("button", name="Ja", exact=True).click()
            for fold in card.locator("details").all():
                fold.evaluate("d => d.open = true")
            found[f"{name}/answer"] = violations(page)
            card.locator(".answer-summary .chip").first.click()
            expect(page.locator("#source-panel mark")).to_be_visible()
            found[f"{name}/source panel"] = violations(page)
            page.keyboard.press("Escape")

            page.get_by_role("tab", name="Projekt-Check").click()
            form = page.locator("#check-form")
            form.get_by_label("Wer stellt den Antrag?").select_option("company")
            form.get_by_label("Kurzbeschreibung des Vorhabens").fill(TISCHLEREI)
            form.get_by_role("button", name="Vorhaben prüfen").click()
            expect(page.get_by_role("heading", name="Ergebnis des Projekt-Checks")).to_be_visible()
            found[f"{name}/Projekt-Check"] = violations(page)

            page.get_by_role("tab", name="Quellensuche").click()
            page.locator("#search-form").get_by_label("Suchbegriff").fill("Grunderwerb")
            page.locator("#search-form").get_by_role("button", name="Suchen").click()
            expect(page.locator("#search-results > li").first).to_be_visible()
            found[f"{name}/search"] = violations(page)

            page.get_by_role("tab", name="Entwurf exportieren").click()
            expect(page.locator("#export-answers input")).to_have_count(2)
            found[f"{name}/export"] = violations(page)
            if scheme == "dark":
                assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(18, 24, 32)"
        finally:
            context.close()
    assert {view: v for view, v in found.items() if v} == {}
