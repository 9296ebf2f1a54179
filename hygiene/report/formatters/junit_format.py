"""JUnit XML for CI systems that show test reports (GitLab, Jenkins): a test case a document.

A test case fails only for findings at or above the run's ``fail_on``, as the exit code
does; findings below it are listed in the case's output, so a report never shows red
where the run passed.

User text (file names, error messages, findings) is shown as the text report shows it,
controls, bidi and invisible characters escaped; the characters XML 1.0 cannot hold at all
(most C0 controls, lone surrogates) are escaped as ``\\uXXXX`` in the serialised document
too, so the report is always well-formed XML whatever reaches it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from hygiene.core.rule import SEVERITY_RANK
from hygiene.report.formatters.text_format import finding_line
from hygiene.report.model import Report
from hygiene.support.escape import escape_for_terminal, escape_xml_output


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
        case = ElementTree.SubElement(
            suite, "testcase", classname="hygiene", name=escape_for_terminal(path)
        )
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
        name, problem = escape_for_terminal(error.path), escape_for_terminal(error.problem)
        case = ElementTree.SubElement(suite, "testcase", classname="hygiene", name=name)
        ElementTree.SubElement(case, "error", message=problem, type="input")
    ElementTree.indent(suites)
    serialized = ElementTree.tostring(suites, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + escape_xml_output(serialized) + "\n"
