"""JUnit XML for CI systems that show test reports (GitLab, Jenkins): a test case a document.

A test case fails only for findings at or above the run's ``fail_on``, as the exit code
does; findings below it are listed in the case's output, so a report never shows red
where the run passed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from hygiene.formatters.text_format import finding_line
from hygiene.report import Report
from hygiene.rule import SEVERITY_RANK


def render(report: Report) -> str:
    threshold = SEVERITY_RANK[report.config.fail_on]
    paths = {record.source.path for record in report.documents}
    paths.update(finding.path for finding in report.findings)
    failing: dict[str, list[str]] = {path: [] for path in paths}
    passing: dict[str, list[str]] = {path: [] for path in paths}
    for finding in report.findings:
        at_or_above = SEVERITY_RANK[finding.severity] >= threshold
        (failing if at_or_above else passing)[finding.path].append(finding_line(finding))
    suites = ElementTree.Element("testsuites", name="hygiene")
    suite = ElementTree.SubElement(
        suites,
        "testsuite",
        name="hygiene",
        tests=str(len(failing) + len(report.errors)),
        failures=str(sum(1 for found in failing.values() if found)),
        errors=str(len(report.errors)),
    )
    for path in sorted(failing):
        case = ElementTree.SubElement(suite, "testcase", classname="hygiene", name=path)
        if failing[path]:
            failure = ElementTree.SubElement(
                case,
                "failure",
                message=f"{len(failing[path])} finding(s) at or above {report.config.fail_on}",
                type="hygiene",
            )
            failure.text = "\n".join(failing[path])
        if passing[path]:
            ElementTree.SubElement(case, "system-out").text = "\n".join(passing[path])
    for error in report.errors:
        case = ElementTree.SubElement(suite, "testcase", classname="hygiene", name=error.path)
        ElementTree.SubElement(case, "error", message=error.problem, type="input")
    ElementTree.indent(suites)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        + ElementTree.tostring(suites, encoding="unicode")
        + "\n"
    )
