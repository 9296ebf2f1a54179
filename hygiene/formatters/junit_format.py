"""JUnit XML for CI systems that show test reports (GitLab, Jenkins): a test case a document."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from hygiene.formatters.text_format import finding_line
from hygiene.report import Report


def render(report: Report) -> str:
    by_path: dict[str, list[str]] = {record.source.path: [] for record in report.documents}
    for finding in report.findings:
        by_path.setdefault(finding.path, []).append(finding_line(finding))
    suites = ElementTree.Element("testsuites", name="hygiene")
    suite = ElementTree.SubElement(
        suites,
        "testsuite",
        name="hygiene",
        tests=str(len(by_path) + len(report.errors)),
        failures=str(sum(1 for found in by_path.values() if found)),
        errors=str(len(report.errors)),
    )
    for path, found in sorted(by_path.items()):
        case = ElementTree.SubElement(suite, "testcase", classname="hygiene", name=path)
        if found:
            failure = ElementTree.SubElement(
                case, "failure", message=f"{len(found)} finding(s)", type="hygiene"
            )
            failure.text = "\n".join(found)
    for error in report.errors:
        case = ElementTree.SubElement(suite, "testcase", classname="hygiene", name=error.path)
        ElementTree.SubElement(case, "error", message=error.problem, type="input")
    ElementTree.indent(suites)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        + ElementTree.tostring(suites, encoding="unicode")
        + "\n"
    )
