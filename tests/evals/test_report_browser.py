"""`irek eval report` in Debian's chromium (headless, through Playwright, as tests/assistant/web does): a run, a second
run after a change, and the page shows both with their labels, the gate's bounds, formatted axes, tooltips, the
flipped cases and a case's details. The page is opened from disk with every network request refused: it must work
offline. Screenshots go to pytest's tmp_path only (scripts/report-screenshot refreshes the README's on purpose).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from helpers.eval_runs import make_run, write_set
from helpers.web import DESKTOP, png_size
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

OLD_LABEL = "2026-11-27 09:00 · 1111111"
NEW_LABEL = "2026-11-28 14:30 · 2222222"


class FixedClock:
    """Stands in for evals.reports.datetime: the two runs are stored at these times."""

    times = [datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc), datetime(2026, 11, 28, 14, 30, tzinfo=timezone.utc)]

    def __init__(self) -> None:
        self.calls = 0

    def now(self, tz=None):  # noqa: ANN001, ANN201 - store_run calls now() twice per run
        moment = self.times[min(self.calls // 2, len(self.times) - 1)]
        self.calls += 1
        return moment


@pytest.fixture
def report_file(tmp_path, monkeypatch) -> Path:
    """Two stored runs of one set (the second after a change: one case gained, one lost) and the page of
    `irek eval report`, with a gate file that bounds goal_hit@3 and latency_ms_p95 of the set."""
    from test_eval_cli import environment, invoke

    from evals import reports

    runs_dir = tmp_path / "runs"
    environment(monkeypatch, runs_dir)
    monkeypatch.setattr(reports, "datetime", FixedClock())
    reports.store_run(make_run(tmp_path, {"weg-gewerbe", "folge-satz"}, commit="1" * 40), runs_dir)
    reports.store_run(make_run(tmp_path, {"satz-gewerbe", "folge-satz"}, commit="2" * 40), runs_dir)
    gate_file = tmp_path / "evals" / "gate.yaml"
    gate_file.parent.mkdir()
    write_set(tmp_path)
    gate_file.write_text("sets:\n  - file: werkbank.yaml\n    bounds:\n      goal_hit@3: 0.9\n      latency_ms_p95: 150\n",
                         encoding="utf-8")
    out = tmp_path / "bericht.html"
    result = invoke(["eval", "report", "--out", str(out), "--gate", str(gate_file)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def page(browser, report_file) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP, locale="de-DE")
    refused: list[str] = []

    def offline(route):  # noqa: ANN001, ANN202
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", offline)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.goto(report_file.as_uri())
    expect(opened.locator("body")).to_have_attribute("data-charts-ready", "true")
    yield opened
    assert not errors, errors
    assert not refused, f"the report asked the network: {refused}"
    context.close()


def axis_texts(page: Page, chart: str) -> list[str]:
    return [t.strip() for t in page.locator(f"#{chart} svg g[class*='role-axis-label'] text").all_text_contents()]


def test_the_report_shows_both_runs_with_labels_bounds_and_formatted_axes(page, tmp_path):
    section = page.locator("section.set[data-set-name='werkbank']")
    expect(section.locator("h2")).to_contain_text("2 Läufe")
    expect(section.locator("h2")).to_contain_text("Version 2026-11-28")
    labels = axis_texts(page, "set-1-rates")
    assert OLD_LABEL in labels and NEW_LABEL in labels, labels
    numbers = [t for t in labels if re.fullmatch(r"[\d.,]+", t)]
    assert numbers and all(re.fullmatch(r"\d(\.\d{1,3})?", t) for t in numbers), numbers  # "0.8", never "0.7999999"
    axes = page.locator("#set-1-rates svg g.role-axis").all()
    assert len(axes) >= 9, "an axis per facet"
    for axis in axes:  # no axis repeats a tick label ("0.99", "0.99")
        ticks = [t for t in axis.locator("g[class*='role-axis-label'] text").all_text_contents() if re.fullmatch(r"[\d.]+", t)]
        assert len(ticks) == len(set(ticks)), ticks
    sizes = [t for t in axis_texts(page, "set-1-sizes") if re.fullmatch(r"[\d.,]+", t)]
    assert sizes and all(re.fullmatch(r"\d{1,3}(,\d{3})*", t) for t in sizes), sizes
    # the gate's bounds as dashed lines: goal_hit@3 among the rates, latency_ms_p95 among the sizes
    for chart in ("set-1-rates", "set-1-sizes"):
        bound = page.locator(f"#{chart} svg g.mark-rule line[stroke='#b03a2e'], #{chart} svg g.mark-rule path[stroke='#b03a2e']")
        assert bound.count() >= 1, chart
    # interval bands (area marks) for the rates
    assert page.locator("#set-1-rates svg g.mark-area path").count() >= 1
    page.screenshot(path=str(tmp_path / "bericht.png"), full_page=True)
    assert png_size(tmp_path / "bericht.png")[0] == DESKTOP["width"]


def test_a_point_has_a_tooltip_with_its_figures(page):
    point = page.locator("#set-1-rates svg g.mark-symbol path").last
    point.scroll_into_view_if_needed()
    point.hover(force=True)
    tooltip = page.locator("#vg-tooltip-element")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("Wert")
    expect(tooltip).to_contain_text("95 % von")
    expect(tooltip).to_contain_text(NEW_LABEL)


def test_what_changed_lists_the_flips_both_ways_with_p_values(page):
    changed = page.get_by_role("region", name="Was hat sich geändert")
    expect(changed.locator("h3")).to_contain_text(f"{OLD_LABEL} → {NEW_LABEL}")
    expect(changed.locator(".flips.gained")).to_contain_text("Jetzt bestanden (1)")
    expect(changed.locator(".flips.gained")).to_contain_text("weg-gewerbe")
    expect(changed.locator(".flips.gained")).to_contain_text("funding_hit")
    expect(changed.locator(".flips.lost")).to_contain_text("Jetzt nicht bestanden (1)")
    expect(changed.locator(".flips.lost")).to_contain_text("satz-gewerbe")
    row = changed.locator("table.deltas tr", has_text="contains_pass")
    expect(row).to_contain_text("McNemar exakt")
    expect(row).to_contain_text("1.000")
    expect(changed).to_contain_text("1 gewonnen, 1 verloren")


def test_the_grid_marks_flips_and_opens_a_case(page):
    grid = page.locator("table.case-grid")
    expect(grid.locator("thead th")).to_have_count(3)  # the case column and two runs
    expect(grid.locator("tr.flipped th[scope=row]")).to_have_text(["satz-gewerbe", "weg-gewerbe"])
    row = grid.locator("tr", has=page.locator("th[scope=row]", has_text="satz-gewerbe"))
    expect(row.locator("td.pass")).to_have_count(1)
    row.locator("td.fail button").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#case-detail-title")).to_have_text(f"satz-gewerbe – {NEW_LABEL}")
    expect(dialog.locator(".failures")).to_contain_text("Dokumente: erwartet ein Zitat aus ['grw']")
    expect(dialog.locator(".failures")).to_contain_text("20 Prozent")
    expect(dialog.locator("pre.answer")).to_have_text("Dazu gibt es eine Regel [1].")
    expect(dialog.locator(".citations")).to_contain_text("[1] leader-os, Nr. 2.5, S. 12")
    dialog.get_by_role("button", name="Schließen").click()
    expect(dialog).to_be_hidden()
    # the flip list opens the same details
    page.get_by_role("region", name="Was hat sich geändert").get_by_role("button", name="weg-gewerbe").click()
    expect(dialog.locator("#case-detail-title")).to_have_text(f"weg-gewerbe – {NEW_LABEL}")
    expect(dialog).to_contain_text("bestanden")
