"""JUnit XML of an evaluation run (`irek eval run --junit OUT.xml`), as the CI servers read it (Jenkins, GitLab,
GitHub): one <testsuite> per set, one <testcase> per eval case; a failed case has a <failure> whose message is its
failure reasons; the answer text is the case's <system-out>.
"""

from __future__ import annotations

import re
import socket
import xml.etree.ElementTree as ET
from typing import Any

# Characters XML 1.0 does not allow (control characters other than tab, newline, carriage return).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: Any) -> str:
    return _NOT_XML.sub("", str(value))


def junit_xml(run: dict[str, Any]) -> str:
    """The JUnit XML of a run in the shape of RunResult.to_json() (plus `run_at` when stored)."""
    cases = run.get("cases", [])
    failed = sum(1 for c in cases if not c["passed"])
    seconds = sum(float(c.get("latency_ms") or 0) for c in cases) / 1000
    wall = (run.get("meta") or {}).get("wall_s")
    totals = {"tests": str(len(cases)), "failures": str(failed), "errors": "0",
              "time": f"{wall if wall is not None else seconds:.3f}"}
    root = ET.Element("testsuites", {"name": f"irek-eval {run['set']}", **totals})
    suite = ET.SubElement(root, "testsuite", {"name": _text(run["set"]), **totals, "skipped": "0",
                                              "hostname": socket.gethostname()})
    if run.get("run_at") or (run.get("meta") or {}).get("started_at"):
        suite.set("timestamp", str(run.get("run_at") or run["meta"]["started_at"])[:19])
    properties = ET.SubElement(suite, "properties")
    git = (run.get("meta") or {}).get("git") or {}
    for name, value in (("set", run["set"]), ("set_version", run.get("version") or ""),
                        ("commit", git.get("commit") or ""), ("dirty", str(git.get("dirty")).lower()),
                        *((f"metric.{k}", "" if v is None else str(v)) for k, v in run.get("metrics", {}).items())):
        ET.SubElement(properties, "property", {"name": name, "value": _text(value)})
    for case in cases:
        element = ET.SubElement(suite, "testcase", {
            "name": _text(case["id"]), "classname": _text(f"irek-eval.{run['set']}"),
            "time": f"{float(case.get('latency_ms') or 0) / 1000:.3f}"})
        if not case["passed"]:
            reasons = [_text(f) for f in case.get("failures", [])] or ["nicht bestanden"]
            failure = ET.SubElement(element, "failure", {"message": "; ".join(reasons), "type": "EvalFailure"})
            failure.text = "\n".join(reasons) + (f"\n\nFrage: {_text(case['question'])}" if case.get("question") else "")
        out = ET.SubElement(element, "system-out")
        out.text = _text(case.get("answer", ""))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
