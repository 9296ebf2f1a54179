"""Every rule's reference page is where the reports send their readers: every rule has one,
the JSON report and SARIF link the same address for it, and every link on the pages (and
every link to them from the README) resolves: a relative link to a file that exists, an
anchor to a heading that exists.

The pages themselves are generated and kept current by ``tests/test_rule_docs.py``; links
to other sites are not fetched (CI runs offline, and the examples' URLs are made up).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from hygiene import __version__
from hygiene.registry.packs import RuleSet
from hygiene.report import ruledoc
from hygiene.support import schemas
from tests.conftest import README, ROOT, run_cli

REFERENCE = ROOT / ruledoc.REFERENCE_FOLDER
# The address of a file of this repository at the running version's tag, as the reports
# write it: checked against the file here.
AT_THIS_VERSION = f"{ruledoc.REPOSITORY_URL}/blob/v{__version__}/"
MARKDOWN = MarkdownIt("commonmark").enable("table")


def _inline_text(token: Token) -> str:
    """What a reader sees of an inline token: its text and code spans, no markup."""
    return "".join(
        child.content for child in token.children or () if child.type in ("text", "code_inline")
    )


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped (letters, digits,
    ``_`` and ``-`` stay, in any script), each space a hyphen."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """The anchors of a Markdown file's headings; a repeated heading gets ``-1``, ``-2`` ..."""
    tokens = MARKDOWN.parse(path.read_text(encoding="utf-8"))
    seen: Counter[str] = Counter()
    found = set()
    for opening, inline in pairwise(tokens):
        if opening.type == "heading_open":
            base = slug(_inline_text(inline))
            found.add(base if not seen[base] else f"{base}-{seen[base]}")
            seen[base] += 1
    return found


def links(text: str) -> Iterator[str]:
    """The targets of a Markdown text's links and images (not of URLs shown in code)."""
    for token in MARKDOWN.parse(text):
        for child in token.children or ():
            if child.type == "link_open":
                yield str(child.attrs["href"])
            elif child.type == "image":
                yield str(child.attrs["src"])


def broken_links(page: Path, text: str | None = None) -> list[str]:
    """What is wrong with the links of a page in this repository: each a line naming the
    link. ``text`` stands for the page's content when given."""
    problems = []
    for target in links(page.read_text(encoding="utf-8") if text is None else text):
        where = f"{page.relative_to(ROOT).as_posix()}: {target}"
        if target.startswith(AT_THIS_VERSION):
            target = "/" + target[len(AT_THIS_VERSION) :]  # a file of this repository
        elif re.match(r"[a-z][a-z0-9+.-]*:", target, re.I):
            continue  # another site, or mailto:
        path, _, anchor = target.partition("#")
        if path.startswith("/"):
            file = ROOT / path.lstrip("/")
        else:
            file = (page.parent / path).resolve() if path else page
        if not file.exists():
            problems.append(f"{where}: no file {file.relative_to(ROOT).as_posix()}")
        elif anchor and file.suffix == ".md" and anchor not in anchors(file):
            problems.append(f"{where}: no heading with the anchor #{anchor}")
    return problems


def test_every_rule_has_a_page_at_its_address(ruleset: RuleSet) -> None:
    for rule in ruleset.rules:
        url = ruledoc.reference_url(rule)
        assert url == f"{AT_THIS_VERSION}{ruledoc.REFERENCE_FOLDER}/{rule.code}.md", rule.code
        assert (REFERENCE / f"{rule.code}.md").is_file(), rule.code


@pytest.mark.parametrize("page", sorted(REFERENCE.glob("*.md")), ids=lambda path: path.name)
def test_every_link_on_the_pages_resolves(page: Path) -> None:
    assert broken_links(page) == []


def test_the_index_links_every_page_and_the_readme_links_the_index(ruleset: RuleSet) -> None:
    index = REFERENCE / "README.md"
    assert set(links(index.read_text(encoding="utf-8"))) >= {
        f"{rule.code}.md" for rule in ruleset.rules
    }
    readme = README.read_text(encoding="utf-8")
    into_reference = [target for target in links(readme) if ruledoc.REFERENCE_FOLDER in target]
    assert f"{ruledoc.REFERENCE_FOLDER}/README.md" in into_reference
    assert broken_links(README, "\n".join(f"[x]({target})" for target in into_reference)) == []


def test_the_link_check_finds_a_missing_file_and_a_missing_anchor() -> None:
    page = REFERENCE / "BP001.md"
    text = (
        "[fine](BP002.md#what-it-finds) [fine](#why-it-matters) [other site](https://example.org/x)\n"
        "[gone](BP999.md) [gone](BP002.md#no-such-heading) "
        f"[gone]({AT_THIS_VERSION}rules/reference/XX001.md)\n"
    )
    assert broken_links(page, text) == [
        "rules/reference/BP001.md: BP999.md: no file rules/reference/BP999.md",
        "rules/reference/BP001.md: BP002.md#no-such-heading: no heading with the anchor "
        "#no-such-heading",
        f"rules/reference/BP001.md: {AT_THIS_VERSION}rules/reference/XX001.md: "
        "no file rules/reference/XX001.md",
    ]


def test_slugs_follow_github() -> None:
    assert slug("Why it matters") == "why-it-matters"
    assert slug("BP001 boilerplate.embed-label") == "bp001-boilerplateembed-label"
    assert slug("Formats and scopes") == "formats-and-scopes"
    assert slug("Мова і `код`") == "мова-і-код"


def _json_report(*args: str, cwd: Path = ROOT) -> dict[str, Any]:
    result = run_cli("check", *args, "--format", "json", "-q", cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    assert schemas.first_error(schemas.REPORT, report) is None
    return report


def test_the_json_report_links_each_rule_to_the_page_sarif_links(ruleset: RuleSet) -> None:
    report = _json_report("fixtures/documents", "--select", "ALL")
    urls = report["run"]["rule_urls"]
    assert set(urls) == set(report["run"]["rules"]) == {rule.code for rule in ruleset.rules}
    assert urls == {rule.code: ruledoc.reference_url(rule) for rule in ruleset.rules}
    sarif = json.loads(
        run_cli("check", "fixtures/documents", "--select", "ALL", "--format", "sarif").stdout
    )
    help_uris = {
        entry["id"]: entry["helpUri"] for entry in sarif["runs"][0]["tool"]["driver"]["rules"]
    }
    assert help_uris == urls
    # A JSON Lines header carries the same run block.
    header = json.loads(
        run_cli("check", "fixtures/documents", "--format", "jsonl", "-q").stdout.splitlines()[0]
    )
    assert header["run"]["rule_urls"] == {code: urls[code] for code in header["run"]["rules"]}


def test_a_rule_of_the_users_own_pack_has_no_address(tmp_path: Path) -> None:
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "extra.toml").write_text(
        '[pack]\ngroup = "extra"\nprefix = "XX"\ndescription = "Test pack."\n\n'
        '[[rule]]\ncode = "XX001"\nname = "extra.shout"\nseverity = "warning"\n'
        'scope = "line"\nkind = "pattern"\npattern = \'[A-Z]{10,}\'\n'
        'message = "shouting: {match}"\nsummary = "Ten capitals in a row."\n'
        'why = "It reads as shouting."\nhow-to-fix = "Lower the case."\n'
        'example-bad = "THISISLOUDER"\nexample-good = "This is not."\n',
        encoding="utf-8",
    )
    (tmp_path / "doc.txt").write_text("VERYLOUDWORDS here\n", encoding="utf-8")
    report = _json_report("doc.txt", "--rule-packs", "packs", cwd=tmp_path)
    assert "XX001" in report["run"]["rules"] and "XX001" not in report["run"]["rule_urls"]
    assert [f["code"] for f in report["findings"]] == ["XX001"]
    assert "UC001" in report["run"]["rule_urls"]  # the built-in rules beside it keep theirs
