"""axe-core for the accessibility checks of the web page: fetched once from the npm registry (pinned version, checked
against the registry's sha512 integrity) into a cache outside the repository, injected into the page by the tests.

`scripts/test` fetches it before the tests run (`python -m helpers.axe`); the fixture fetches it when the cache is
empty. The page itself never loads it.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import tarfile
import urllib.request
from pathlib import Path

VERSION = "4.14.1"
TARBALL = f"https://registry.npmjs.org/axe-core/-/axe-core-{VERSION}.tgz"
INTEGRITY = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
CACHE = Path(os.environ.get("IREK_TEST_CACHE") or Path.home() / ".cache" / "irek-assistent-tests") / f"axe-core-{VERSION}"
SCRIPT = CACHE / "axe.min.js"
# the impacts that fail a test (axe's scale: minor, moderate, serious, critical)
BLOCKING = ("serious", "critical")


def _verified(data: bytes) -> bytes:
    algorithm, expected = INTEGRITY.split("-", 1)
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        raise RuntimeError(f"axe-core {VERSION}: Prüfsumme stimmt nicht ({algorithm}-{actual}).")
    return data


def axe_script() -> str:
    """The text of axe.min.js, from the cache or fetched into it."""
    if not SCRIPT.exists():
        with urllib.request.urlopen(TARBALL, timeout=60) as response:  # noqa: S310 - the pinned registry URL
            tarball = _verified(response.read())
        with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
            member = archive.extractfile("package/axe.min.js")
            if member is None:
                raise RuntimeError(f"axe-core {VERSION}: package/axe.min.js fehlt im Paket.")
            script = member.read()
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = SCRIPT.with_suffix(".part")
        partial.write_bytes(script)
        partial.replace(SCRIPT)
    return SCRIPT.read_text(encoding="utf-8")


def violations(page, context: str | None = None) -> list[dict]:  # noqa: ANN001 - playwright Page
    """axe's serious and critical violations on the page as it is now (WCAG 2.1 A/AA and best practices)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_script())  # through the DevTools protocol: no <script> element, untouched by the page's CSP
    result = page.evaluate(
        """async (context) => {
            const options = {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}};
            const r = await axe.run(context ? document.querySelector(context) : document, options);
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                           nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
        }""", context)
    return [v for v in result if v["impact"] in BLOCKING]


if __name__ == "__main__":
    axe_script()
    print(f"axe-core {VERSION}: {SCRIPT}")
