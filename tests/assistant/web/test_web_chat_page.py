"""The web chat at "/", driven in Debian's chromium: chat with streamed answers, citations in the source panel,
Projekt-Check, passage search with "Zitat kopieren", draft export, feedback, keyboard use, phone width and errors.

Every expectation waits through Playwright's `expect` (no sleeps, no timed assertions).
"""

from __future__ import annotations

import re
from pathlib import Path

from helpers.web import (CHAT_SCREENSHOT, DESKTOP, FACT_QUESTION, PHONE, QUESTION, ask, open_page, paged_citation,
                         png_size, reveal, screenshot_chat, screenshot_phone, screenshot_source)
from playwright.sync_api import expect

STATIC = Path(__file__).resolve().parents[3] / "assistant" / "web" / "static"


def test_page_runs_as_native_modules_from_the_app_alone(page, web_server):
    requests, scripts = [], {}
    page.on("request", lambda request: requests.append(request.url))
    page.on("response", lambda response: scripts.update(
        {response.url: response.headers["content-type"]} if response.request.resource_type == "script" else {}))
    open_page(page)  # waits until the document filter is filled: the modules ran
    modules = {path.name for path in (STATIC / "js").glob("*.js")}
    assert {url.rsplit("/", 1)[-1] for url in scripts} == modules  # every module loaded, and only those
    for url, content_type in scripts.items():
        assert url.startswith(f"{web_server.url}/js/"), url
        assert content_type.startswith("text/javascript"), (url, content_type)
    assert all(url.startswith(web_server.url) for url in requests), "nothing is fetched from outside"
    assert page.evaluate("typeof window.irekAssistent.entries") == "object"
    assert page.js_errors == []


def test_question_gives_streamed_answer_as_a_card(page, web_server):
    open_page(page)
    data = ask(page)

    answer = page.locator("#conversation > li.turn-assistant").last
    # the bottom line on top: `summary`, or the first paragraph of the answer while the pipeline leaves it empty;
    # bold rendered, the markers [n] as chips
    summary = answer.locator(".answer-summary")
    first = data.get("summary") or data["answer"].split("\n\n")[0]
    expect(summary).to_contain_text(re.sub(r"\s*\[\d+\]", "", first.replace("**", ""))[:60])
    assert "**" not in summary.inner_text()
    used = sorted({int(n) for n in re.findall(r"\[(\d+)\]", first)})
    assert sorted({int(n) for n in summary.locator("button.chip").evaluate_all("chips => chips.map(c => c.dataset.n)")}) == used

    goal = answer.locator(".goal-card").filter(has_text="2.3.1")
    expect(goal).to_be_visible()
    expect(goal).to_contain_text("Energieautarke Gewerbegebiete")
    expect(goal.locator(".fit")).to_contain_text("Passung: hoch")
    goal.get_by_text("Einordnung").click()
    expect(goal.locator("dl")).to_contain_text("Leitziel")
    expect(goal.locator("dl")).to_contain_text("2.3 Energiewende als Standortfaktor nutzen")
    expect(goal.locator("dl")).to_contain_text("2 Zukunftsthemen und Innovation")

    path = answer.locator(".path-card").first
    expect(path.locator(".rate")).to_contain_text("Fördersatz")
    expect(path.locator(".caveat")).to_contain_text("Wichtig:")
    path.get_by_text("Bedingungen, Antrag, nächste Schritte").click()
    expect(path).to_contain_text("Wer darf beantragen")
    expect(path).to_contain_text("Weitere Bedingungen")
    expect(path).to_contain_text("Nächste Schritte")
    # the source cards: document once, then section and page; every citation once, the strings the server's
    assert all(c["citation"] for c in data["citations"])
    for c in data["citations"]:
        chip = reveal(answer.locator(f".sources .chip[data-n='{c['n']}']"))
        expect(chip).to_have_count(1)
        expect(chip).to_have_attribute("aria-label", f"Beleg {c['n']} öffnen: {c['citation']}")
        card = answer.locator(".source-card").filter(has=page.locator(f".chip[data-n='{c['n']}']"))
        expect(card).to_contain_text(c["citation"].split(", ", 1)[-1])
    assert page.js_errors == []


def test_follow_up_sends_the_conversation_history(page, web_server):
    open_page(page)
    first = ask(page)
    page.get_by_label("Ihre Frage oder Projektbeschreibung").fill("Und wie hoch wäre der Fördersatz?")
    with page.expect_request("**/api/chat") as request_info:
        page.get_by_role("button", name="Fragen", exact=True).click()
    sent = request_info.value.post_data_json
    assert sent["question"] == "Und wie hoch wäre der Fördersatz?"
    assert sent["history"][0] == {"role": "user", "content": QUESTION}
    assert sent["history"][1]["role"] == "assistant"
    assert sent["history"][1]["content"].startswith(first["answer"][:200])
    expect(page.locator("#conversation > li.turn-assistant")).to_have_count(2)
    expect(page.locator("#conversation > li.turn-assistant").last.locator(".answer-tools")).to_be_visible()
    expect(page.locator("#conversation > li.turn-assistant").last).to_contain_text(re.compile(r"\d+ ?(%|Prozent)"))


def test_citation_opens_source_panel_with_highlighted_quote(page, web_server):
    open_page(page)
    data = ask(page)
    cited = paged_citation(data)  # a GRW citation: document, section and page
    answer = page.locator("#conversation > li.turn-assistant").last
    chip = reveal(answer.locator(f".sources .chip[data-n='{cited['n']}']"))
    chip.click()

    panel = page.get_by_role("dialog", name=f"Beleg {cited['n']}")
    expect(panel).to_be_visible()
    expect(chip).to_have_attribute("aria-expanded", "true")
    expect(panel.locator("mark")).to_have_text(re.compile(r"\s+".join(map(re.escape, cited["quote"].split()))))
    status, passage = web_server.get_json(f"/api/passages/{cited['chunk_id']}")
    assert status == 200
    expect(panel.locator(".source-document")).to_contain_text(passage["document_title"])
    expect(panel.locator(".source-section")).to_contain_text(passage["section"])
    expect(panel.locator(".source-page")).to_contain_text(f"S. {passage['page_label']}")
    expect(panel.locator(".source-citation")).to_have_text(passage["citation"])
    if passage["prev"]:
        expect(panel.get_by_text("Davor", exact=True)).to_be_visible()

    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(chip).to_be_focused()  # focus returns to the chip that opened the panel


def test_documentation_screenshots_are_taken_into_a_temporary_folder(page, phone_page, web_server, tmp_path):
    """The steps of scripts/screenshots (which refreshes docs/screenshots on purpose), here into tmp_path only."""
    chat = tmp_path / "chat.png"
    data = screenshot_chat(page, chat)
    assert png_size(chat) == (CHAT_SCREENSHOT["width"], CHAT_SCREENSHOT["height"])
    assert not data["abstained"] and data["goals"] and data["funding_paths"]  # the picture shows cards

    quelle = tmp_path / "quelle.png"
    cited = screenshot_source(page, quelle)
    assert png_size(quelle) == (DESKTOP["width"], DESKTOP["height"])
    assert cited["document"] == "grw" and cited["page"]

    phone = tmp_path / "handy.png"
    screenshot_phone(phone_page, phone)
    assert png_size(phone) == (PHONE["width"], PHONE["height"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chat.png", "handy.png", "quelle.png"]
    assert page.js_errors == []


def test_projekt_check(page, web_server):
    open_page(page)
    page.get_by_role("tab", name="Projekt-Check").click()
    form = page.locator("#check-form")
    form.get_by_label("Wer stellt den Antrag?").select_option("municipality")
    form.get_by_label("Art des Vorhabens").select_option("industrial_site")
    form.get_by_label("Nein").check()
    form.get_by_label("Kommune im Landkreis").fill("Melle")
    form.get_by_label("Kurzbeschreibung des Vorhabens").fill(
        "Wir wollen ein neues Gewerbegebiet erschließen und an das Wasserstoffnetz anbinden.")
    with page.expect_request("**/api/match") as request_info:
        form.get_by_role("button", name="Vorhaben prüfen").click()
    sent = request_info.value.post_data_json
    assert sent["applicant_type"] == "municipality" and sent["already_started"] is False
    assert sent["project_types"] == ["industrial_site"] and sent["municipality"] == "Melle"

    result = page.locator("#check-result")
    expect(result.get_by_role("heading", name="Ergebnis des Projekt-Checks")).to_be_focused()
    expect(result.locator(".profile-summary")).to_contain_text("Kommune")
    expect(result.locator(".goal-card").first).to_be_visible()
    path = result.locator(".path-card").first
    expect(path).to_contain_text("Gewerbegelände")
    expect(path).to_contain_text("Fördersatz")
    # the result joins the conversation: a follow-up in the chat builds on it
    page.get_by_role("tab", name="Chat").click()
    expect(page.locator("#conversation .turn-user").last).to_contain_text("Gewerbegebiet erschließen")
    assert page.evaluate("window.irekAssistent.history")[0]["content"].startswith("Projekt-Check:")


def test_projekt_check_shows_the_german_error_of_the_api(page, web_server):
    open_page(page)
    page.get_by_role("tab", name="Projekt-Check").click()
    form = page.locator("#check-form")
    form.get_by_role("button", name="Vorhaben prüfen").click()
    expect(form.locator("#check-error")).to_have_text("Bitte beschreiben Sie Ihr Vorhaben in ein paar Sätzen.")
    form.get_by_label("Kommune im Landkreis").fill("Hamburg")
    form.get_by_label("Kurzbeschreibung des Vorhabens").fill("Wir bauen ein Gründerzentrum.")
    form.get_by_role("button", name="Vorhaben prüfen").click()
    expect(form.locator("#check-error")).to_contain_text("Die Gemeinde „Hamburg“ liegt nicht im Landkreis Osnabrück")


def test_copy_citation_from_the_source_panel(page, web_server):
    open_page(page)
    data = ask(page)
    cited = paged_citation(data)
    reveal(page.locator("#conversation > li.turn-assistant").last.locator(f".sources .chip[data-n='{cited['n']}']")).click()
    panel = page.locator("#source-panel")
    expect(panel.locator("mark")).to_be_visible()
    panel.get_by_role("button", name="Zitat kopieren").click()
    expect(panel.get_by_role("status").first).to_have_text("Zitat mit Fundstelle in die Zwischenablage kopiert.")
    _, passage = web_server.get_json(f"/api/passages/{cited['chunk_id']}")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"„{' '.join(cited['quote'].split())}“ ({passage['citation']})"
    assert re.search(r"\(GRW-Koordinierungsrahmen 2026, (Nr\. [\d.]+|Anhang \d+), S\. \d+\)$", copied), copied


def test_passage_search_with_filters_and_copy(page, web_server):
    open_page(page)
    page.get_by_role("tab", name="Quellensuche").click()
    form = page.locator("#search-form")
    form.get_by_label("Suchbegriff").fill("Grunderwerb")
    form.get_by_label("Dokument").select_option("grw")
    form.get_by_label("Anzahl Treffer").select_option("5")
    form.get_by_role("button", name="Suchen").click()
    hits = page.locator("#search-results > li")
    expect(hits).to_have_count(5)
    for citation in hits.locator(".hit-citation").all_inner_texts():
        assert citation.startswith("GRW-Koordinierungsrahmen 2026")
    first = hits.first
    text = first.locator(".hit-text").inner_text()
    citation = first.locator(".hit-citation").inner_text()
    first.get_by_role("button", name="Zitat kopieren").click()
    expect(first.get_by_role("status")).to_have_text("Zitat mit Fundstelle in die Zwischenablage kopiert.")
    assert page.evaluate("navigator.clipboard.readText()") == f"„{' '.join(text.split())}“ ({citation})"

    # corridor filter: only passages of the IREK's Themenkorridor 2
    form.get_by_label("Suchbegriff").fill("Energie")
    form.get_by_label("Dokument").select_option("")
    form.get_by_label("Themenkorridor des IREK").select_option("2")
    with page.expect_response("**/api/search?*") as response_info:
        form.get_by_role("button", name="Suchen").click()
    found = response_info.value.json()["hits"]
    assert found and all(hit["document"] == "irek" and (hit["goal_code"] or hit["section"] or "").startswith("2")
                         for hit in found)
    expect(hits).to_have_count(len(found))
    # "Quelle öffnen" shows the passage in the panel
    hits.first.get_by_role("button", name="Quelle öffnen").click()
    expect(page.locator("#source-panel .source-citation")).to_have_text(found[0]["citation"])


def test_export_draft_as_docx_and_markdown(page, web_server, tmp_path):
    import docx

    open_page(page)
    data = ask(page)
    page.get_by_role("tab", name="Entwurf exportieren").click()
    expect(page.locator("#export-answers input[type=checkbox]")).to_have_count(1)
    expect(page.locator("#export-answers input[type=checkbox]").first).to_be_checked()
    page.get_by_label("Titel des Abschnitts").fill("Gewerbegebiet Wasserstoff – Bezug zum IREK")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Entwurf herunterladen").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    document = docx.Document(str(target))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "Gewerbegebiet Wasserstoff – Bezug zum IREK" in text
    assert "2.3.1" in text
    grw_quote = next(c["quote"] for c in data["citations"] if c["document"] == "grw")
    assert " ".join(grw_quote.split()) in " ".join(text.split())
    expect(page.locator("#export-status")).to_contain_text("heruntergeladen")

    page.get_by_label("Markdown").check()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Entwurf herunterladen").click()
    markdown_file = tmp_path / "entwurf.md"
    download_info.value.save_as(markdown_file)
    markdown = markdown_file.read_text(encoding="utf-8")
    assert markdown.lstrip().startswith("#") and "2.3.1" in markdown
    assert page.js_errors == []


def test_feedback_with_comment_is_stored(page, web_server):
    open_page(page)
    data = ask(page, FACT_QUESTION)
    answer = page.locator("#conversation > li.turn-assistant").last
    answer.get_by_role("button", name="Nein").click()
    expect(answer.get_by_role("button", name="Nein")).to_have_attribute("aria-pressed", "true")
    comment = "Browsertest: Fördersatz für Kommunen bitte deutlicher nennen."
    answer.get_by_label("Kommentar (freiwillig)").fill(comment)
    answer.get_by_role("button", name="Rückmeldung senden").click()
    expect(answer.get_by_text("Danke für Ihre Rückmeldung!")).to_be_focused()

    stored = web_server.state.feedback.list(20)  # reading feedback over HTTP needs the admin token
    mine = [item.to_dict() for item in stored if item.comment == comment]
    assert len(mine) == 1
    assert mine[0]["rating"] == "down"
    assert mine[0]["question"] == FACT_QUESTION
    assert mine[0]["answer"] == data["answer"]


def test_keyboard_only(page, web_server):
    open_page(page)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Zum Inhalt springen")).to_be_focused()
    field = page.get_by_label("Ihre Frage oder Projektbeschreibung")
    for _ in range(20):  # Tab through header, tabs and examples to the question field
        if page.evaluate("document.activeElement && document.activeElement.id") == "question":
            break
        page.keyboard.press("Tab")
    expect(field).to_be_focused()
    page.keyboard.type("Wie hoch ist der Fördersatz für kleine Unternehmen?")
    page.keyboard.press("Enter")
    answer = page.locator("#conversation > li.turn-assistant").last
    expect(answer.locator(".answer-tools")).to_be_visible()
    # the tabs work with the arrow keys
    page.get_by_role("tab", name="Chat").focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("tab", name="Projekt-Check")).to_be_focused()
    expect(page.get_by_role("tab", name="Projekt-Check")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#panel-check")).to_be_visible()
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#panel-chat")).to_be_visible()
    # a chip opens the panel with Enter; Escape closes it and focus returns
    chip = answer.locator(".answer-summary .chip").first
    chip.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#source-heading")).to_be_focused()
    page.keyboard.press("Escape")
    expect(chip).to_be_focused()


def test_phone_width_has_no_horizontal_scroll(phone_page, web_server):
    page = phone_page
    open_page(page)
    ask(page)
    expect(page.locator("#conversation .goal-card").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    ask(page, "Wir möchten ein Gründerzentrum mit Coworking-Flächen in Bramsche einrichten.")  # long source titles
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.locator("#conversation .answer-summary .chip").first.click()
    panel = page.locator("#source-panel")
    expect(panel).to_be_visible()
    assert page.evaluate("document.querySelector('#source-panel').matches(':modal')")  # a dialog on phones
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box = panel.bounding_box()
    assert box["x"] >= 0 and box["width"] <= PHONE["width"]
    page.get_by_role("button", name="Quelle schließen").click()
    expect(panel).to_be_hidden()
    for tab in ("Projekt-Check", "Quellensuche", "Entwurf exportieren"):
        page.get_by_role("tab", name=tab).click()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], tab


def test_overlong_question_shows_the_german_error_of_the_api(page, web_server):
    open_page(page)
    question = "Förderung für unser Gewerbegebiet? " * 60  # about 2,100 characters
    status, error = web_server.post_json("/api/ask", {"question": question.strip()})
    assert status == 413 and "zu lang" in error["detail"]
    field = page.get_by_label("Ihre Frage oder Projektbeschreibung")
    field.fill(question)
    expect(page.locator("#question-count")).to_contain_text("zu lang")
    field.press("Enter")
    failure = page.locator("#conversation .turn-error")
    expect(failure).to_be_visible()
    expect(failure).to_have_attribute("role", "alert")
    expect(failure.locator(".error-detail")).to_have_text(error["detail"])


def test_empty_question_is_not_sent(page, web_server):
    open_page(page)
    page.get_by_role("button", name="Fragen", exact=True).click()
    expect(page.locator("#question-error")).to_have_text(
        "Bitte geben Sie eine Frage oder eine Beschreibung Ihres Vorhabens ein.")
    expect(page.get_by_label("Ihre Frage oder Projektbeschreibung")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#conversation > li")).to_have_count(0)


def test_missing_index_gives_a_friendly_message(empty_page, empty_web_server):
    page = empty_page
    status, body = empty_web_server.get_json("/readyz")
    assert status == 503
    page.goto("/")
    banner = page.locator("#service-status")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Der Assistent ist im Moment nicht verfügbar.")
    expect(banner).to_contain_text(body["detail"])
    page.get_by_label("Ihre Frage oder Projektbeschreibung").fill(QUESTION)
    page.get_by_label("Ihre Frage oder Projektbeschreibung").press("Enter")
    failure = page.locator("#conversation .turn-error")
    expect(failure).to_contain_text(body["detail"])
    content = page.content()
    assert "Traceback" not in content and "Exception" not in content
    assert page.js_errors == []
