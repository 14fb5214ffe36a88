"""Refreshes the README's screenshot of `irek eval report` (docs/screenshots/auswertung.png) on purpose; run through
scripts/report-screenshot. The browser test takes its pictures into a temporary folder only.

Builds the index of the real corpus in a temporary folder, runs the dev set twice in-process (as `irek eval run`
does: the second run with answer-changing settings, CHANGED_SETTINGS, so that the page shows flipped cases,
p-values and the settings warning), writes the report with the gate's bounds and photographs the top
of the dev section in Debian's chromium (headless, offline).
"""

from __future__ import annotations

import sys
from pathlib import Path

from helpers.corpus import PROJECT_ROOT
from helpers.screenshots import real_index
from helpers.web import launch_chromium, png_size

DEFAULT_TARGET = PROJECT_ROOT / "docs" / "screenshots" / "auswertung.png"
SET_FILE = PROJECT_ROOT / "evals" / "sets" / "dev.yaml"
VIEWPORT = {"width": 1280, "height": 1700}
# The second run's answer-changing settings: the section register on and the whole question embedded (README,
# "Einstellungen"), so that the page has flipped cases, p-values and the settings warning to show.
CHANGED_SETTINGS = {"section_register": True, "embedding_query_tokens": 0}


def main(target: Path = DEFAULT_TARGET) -> Path:
    from playwright.sync_api import expect, sync_playwright

    from evals import provenance
    from evals.harness import InProcessTarget, load_set, run_set
    from evals.reports import html_report, store_run

    with real_index("irek-report-screenshot-") as (settings, root):
        eval_set = load_set(SET_FILE)
        changed = settings.model_copy(update=CHANGED_SETTINGS)
        for variant in (settings, changed):
            print(f"Satz {eval_set.name} ({'geändert: ' + str(CHANGED_SETTINGS) if variant is changed else 'Standard'}) …",
                  flush=True)
            run = run_set(eval_set, InProcessTarget(variant))
            run.meta = provenance.in_process(variant)
            store_run(run, root / "runs")
        page_file = root / "auswertung.html"
        page_file.write_text(html_report(root / "runs"), encoding="utf-8")
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                page = browser.new_page(viewport=VIEWPORT, locale="de-DE")
                page.goto(page_file.as_uri())
                expect(page.locator("body")).to_have_attribute("data-charts-ready", "true")
                target.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(target))
            finally:
                browser.close()
    width, height = png_size(target)
    print(f"{target} ({width} × {height})", flush=True)
    return target


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_TARGET)
