"""JUnit XML (the Ant/Jenkins schema that GitLab, Jenkins, Azure and the test-report actions read).

One ``testsuite`` named ``auditor``; one ``testcase`` per article (``name`` is its relative path,
``classname`` that path dotted, as pytest does for modules). An article that fails the policy has a
``failure`` whose ``message`` gives the reasons and whose text lists its findings one per line;
a passing article lists its findings (if any) in ``system-out``. An unreadable input is a testcase
with an ``error``. Corpus findings (several articles) go in the suite's ``system-out``: they do not
fail an article, so they do not fail a testcase either. No timings or timestamps: the same run gives
byte-identical XML.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from . import relpath
from .text import finding_line

FORMAT = "junit"
SUITE = "auditor"
# Characters XML 1.0 cannot carry, even escaped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def classname(path: str) -> str:
    rel = relpath(path)
    stem = rel.rsplit(".", 1)[0] if "." in rel.rsplit("/", 1)[-1] else rel
    return ".".join(p for p in stem.replace("\\", "/").split("/") if p and p != ".") or SUITE


def _findings_text(path: str, findings) -> str:
    return "\n".join(finding_line(path, f) for f in findings)


def _corpus_text(run) -> str:
    out = []
    for c in run.corpus_findings:
        where = ", ".join(f"{relpath(s.path)}:{s.line}:{s.column}" for s in c.spans)
        out.append(f"corpus: {c.rule} [{c.severity.value}] {c.message}: {where}")
    return "\n".join(out)


def tree(run) -> ET.Element:
    failures = sum(1 for a in run.articles if not a.passed)
    tests = len(run.articles) + len(run.errors)
    root = ET.Element("testsuites", {"name": SUITE, "tests": str(tests), "failures": str(failures),
                                     "errors": str(len(run.errors))})
    suite = ET.SubElement(root, "testsuite", {
        "name": SUITE, "tests": str(tests), "failures": str(failures),
        "errors": str(len(run.errors)), "skipped": "0"})
    for a in run.articles:
        rel = relpath(a.path)
        case = ET.SubElement(suite, "testcase", {"name": clean(rel), "classname": clean(classname(a.path))})
        body = _findings_text(rel, a.findings)
        summary = (f"quality {a.scores['quality']}, traceability {a.scores['traceability']}, "
                   f"{len(a.findings)} finding(s)")
        if not a.passed:
            fail = ET.SubElement(case, "failure", {
                "message": clean(f"{'; '.join(a.fail_reasons)} ({summary})"), "type": "policy"})
            fail.text = clean(body)
        elif a.findings:
            ET.SubElement(case, "system-out").text = clean(f"{summary}\n{body}")
    for e in run.errors:
        rel = relpath(e.path)
        case = ET.SubElement(suite, "testcase", {"name": clean(rel), "classname": clean(classname(e.path))})
        ET.SubElement(case, "error", {"message": clean(e.reason), "type": "input"}).text = clean(str(e))
    corpus = _corpus_text(run)
    if corpus:
        ET.SubElement(suite, "system-out").text = clean(corpus)
    return root


def render(run) -> str:
    root = tree(run)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
