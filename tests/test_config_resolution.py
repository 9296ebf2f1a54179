"""Configuration resolved per file, as ruff and typos do: each file is judged under the
configuration closest above it, whatever else the run was given; ``extend`` builds one
file on another; flags win over every file; the corpus settings come from configuration."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from hygiene.config import files
from hygiene.config.resolution import Resolver
from hygiene.config.settings import Config, Flags, load_config
from hygiene.registry.packs import RuleSet
from hygiene.run.checker import Checker
from tests.conftest import run_cli

DIRTY = "Intro.\n\nWATCH: A video\n\nThe United States\u00a0all the harder.\n"
ROOT_TABLE = """[project]
name = "x"

[tool.hygiene]
ignore = ["UC004"]
per-file-ignores = { "docs/legacy/**" = ["BP001"] }
fail-on = "error"
"""
DOCS_TABLE = """extend = "../pyproject.toml"
severity = { "boilerplate.embed-label" = "error" }
extend-exclude = ["drafts"]
"""
FILES = ("b.md", "docs/a.md", "docs/legacy/c.md", "docs/sub/d.md", "docs/drafts/e.md")
Found = set[tuple[str, int, str, str]]


def nested_tree(root: Path) -> Path:
    (root / ".git").mkdir()
    for name in FILES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(DIRTY, encoding="utf-8")
    (root / "pyproject.toml").write_text(ROOT_TABLE, encoding="utf-8")
    (root / "docs" / "hygiene.toml").write_text(DOCS_TABLE, encoding="utf-8")
    return root


def findings(cwd: Path, *args: str, root: Path | None = None) -> Found:
    """Findings as (path from ``root``, line, code, severity)."""
    result = run_cli("check", *args, "--format", "json", cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    prefix = cwd.relative_to(root or cwd)
    return {
        (os.path.normpath(prefix / f["path"]), f["span"]["line"], f["code"], f["severity"])
        for f in json.loads(result.stdout)["findings"]
    }


def test_each_file_is_judged_alike_in_a_whole_run_and_file_by_file(tmp_path: Path) -> None:
    root = nested_tree(tmp_path)
    whole = findings(root, ".")
    assert whole == {
        ("b.md", 3, "BP001", "warning"),  # the root's configuration
        ("docs/a.md", 3, "BP001", "error"),  # docs/hygiene.toml, which extends it
        ("docs/sub/d.md", 3, "BP001", "error"),
        # docs/legacy: the root's per-file ignore, its glob still relative to the root;
        # docs/drafts: left out of the walk by the docs' extend-exclude
    }
    one_by_one: Found = set()
    for name in FILES[:4]:
        one_by_one |= findings(root, name)
    assert one_by_one == whole
    assert findings(root, "docs/a.md", "b.md") == findings(root, "b.md") | findings(
        root, "docs/a.md"
    )
    # From inside docs, and over two processes: the same findings for each file.
    assert findings(root / "docs", ".", "../b.md", root=root) == whole
    assert findings(root, ".", "--jobs", "2") == whole


def test_run_settings_come_from_the_working_folder(tmp_path: Path) -> None:
    root = nested_tree(tmp_path)
    # fail-on = "error" is the root's: only an error fails the run.
    assert run_cli("check", "b.md", cwd=root).returncode == 0
    assert run_cli("check", "docs/a.md", cwd=root).returncode == 1
    (root / "docs" / "hygiene.toml").write_text(DOCS_TABLE + 'fail-on = "info"\n')
    assert run_cli("check", "b.md", cwd=root).returncode == 0  # not the docs' fail-on
    assert run_cli("check", "../b.md", cwd=root / "docs").returncode == 1
    report = json.loads(run_cli("check", "docs", "--format", "json", cwd=root).stdout)
    assert report["run"]["config_file"] == "pyproject.toml"
    assert report["run"]["fail_on"] == "error"


def test_an_explicit_config_judges_every_file(tmp_path: Path) -> None:
    root = nested_tree(tmp_path)
    forced = findings(root, ".", "--config", "pyproject.toml")
    assert forced == {
        ("b.md", 3, "BP001", "warning"),
        ("docs/a.md", 3, "BP001", "warning"),
        ("docs/sub/d.md", 3, "BP001", "warning"),
        ("docs/drafts/e.md", 3, "BP001", "warning"),
    }


def test_flags_win_over_every_configuration(tmp_path: Path) -> None:
    root = nested_tree(tmp_path)
    (root / "docs" / "hygiene.toml").write_text(DOCS_TABLE + 'select = ["UC"]\n')
    # docs selects UC anew: the root's ignore of UC004 is dropped there, as in ruff
    assert findings(root, ".") == {
        ("b.md", 3, "BP001", "warning"),
        ("docs/a.md", 5, "UC004", "info"),
        ("docs/legacy/c.md", 5, "UC004", "info"),
        ("docs/sub/d.md", 5, "UC004", "info"),
    }
    assert findings(root, ".", "--select", "BP") == {
        ("b.md", 3, "BP001", "warning"),
        ("docs/a.md", 3, "BP001", "error"),
        ("docs/sub/d.md", 3, "BP001", "error"),
    }
    assert findings(root, "docs/a.md", "--ignore", "UC004") == set()
    assert findings(root, "docs", "--extend-select", "BP001") == {
        (name, line, code, "error" if code == "BP001" else "info")
        for name in ("docs/a.md", "docs/sub/d.md")
        for line, code in ((3, "BP001"), (5, "UC004"))
    } | {("docs/legacy/c.md", 5, "UC004", "info")}
    named = findings(root, "docs/drafts/e.md", "docs/a.md", "--force-exclude")
    assert {path for path, *_ in named} == {"docs/a.md"}  # the docs' exclusions


def test_standard_input_takes_the_configuration_of_the_file_it_stands_for(
    tmp_path: Path,
) -> None:
    root = nested_tree(tmp_path)
    for name, severity in (("docs/new.md", "error"), ("new.md", "warning")):
        result = run_cli("check", "-", "--stdin-filename", name, "--format", "json",
                         cwd=root, stdin=DIRTY.encode())  # fmt: skip
        found = json.loads(result.stdout)["findings"]
        assert [(f["path"], f["code"], f["severity"]) for f in found] == [(name, "BP001", severity)]


def test_a_hidden_configuration_file_is_found_first(tmp_path: Path) -> None:
    root = nested_tree(tmp_path)
    (root / "docs" / ".hygiene.toml").write_text('ignore = ["BP"]\n', encoding="utf-8")
    assert findings(root, "docs") == {
        (name, 5, "UC004", "info")
        for name in ("docs/a.md", "docs/legacy/c.md", "docs/sub/d.md", "docs/drafts/e.md")
    }


@pytest.mark.parametrize(
    ("tables", "message"),
    [
        ({"hygiene.toml": 'extend = "base.toml"\n', "base.toml": 'extend = "hygiene.toml"\n'},
         "hygiene.toml: extend: a cycle: hygiene.toml -> base.toml -> hygiene.toml"),
        ({"hygiene.toml": 'extend = "hygiene.toml"\n'},
         "hygiene.toml: extend: a cycle: hygiene.toml -> hygiene.toml"),
        ({"hygiene.toml": 'extend = "nope.toml"\n'},
         "hygiene.toml: extend: no such configuration file 'nope.toml'"),
        ({"hygiene.toml": 'extend = "sub/pyproject.toml"\n', "sub/pyproject.toml": "[project]\n"},
         "hygiene.toml: extend: 'sub/pyproject.toml' has no [tool.hygiene] table"),
        ({"hygiene.toml": 'extend = "base.toml"\n', "base.toml": 'colour = "red"\n'},
         "base.toml: unknown key 'colour'"),
    ],
    ids=["cycle", "itself", "missing", "no-table", "error-in-the-base"],
)  # fmt: skip
def test_extend_errors_are_one_line_naming_the_file(
    tmp_path: Path, tables: dict[str, str], message: str
) -> None:
    for name, text in tables.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "a.md").write_text(DIRTY, encoding="utf-8")
    result = run_cli("check", "a.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == f"hygiene: error: {message}\n"


def test_extend_merges_as_ruff_does(tmp_path: Path) -> None:
    (tmp_path / "packs").mkdir()
    (tmp_path / "base.toml").write_text(
        'select = ["BP"]\nextend-select = ["UC001"]\nignore = ["BP002"]\n'
        'exclude = ["old"]\nextend-exclude = ["tmp"]\nrule-packs = ["packs"]\n'
        'fail-on = "info"\n'
        '[languages]\n"content/**" = "en"\n"content/uk/**" = "uk"\n'
        '[rules."boilerplate.embed-label"]\nmax-length = 3\nend-words = ["x"]\n',
        encoding="utf-8",
    )
    child = tmp_path / "site" / "hygiene.toml"
    child.parent.mkdir()
    child.write_text(
        'extend = "../base.toml"\nextend-select = ["UC004"]\nignore = ["BP003"]\n'
        'extend-exclude = ["cache", "cache/*.md"]\nfail-on = "error"\n'
        '[languages]\n"content/**" = "fr"\n"*.de.md" = "de"\n'
        '[rules."boilerplate.embed-label"]\nmax-length = 5\n',
        encoding="utf-8",
    )
    config = load_config(child)
    assert (config.select, config.extend_select, config.ignore) == (
        ("BP",), ("UC001", "UC004"), ("BP002", "BP003"))  # fmt: skip
    assert (config.exclude, config.extend_exclude, config.default_exclude) == (
        ("old",), ("tmp", "cache", "site/cache/*.md"), False)  # fmt: skip
    # The globs are relative to the folder above both files; the child's entries last.
    assert list(config.languages.items()) == [
        ("content/**", "en"), ("content/uk/**", "uk"), ("site/content/**", "fr"),
        ("*.de.md", "de"),
    ]  # fmt: skip
    assert config.rules["boilerplate.embed-label"] == {"max-length": 5, "end-words": ["x"]}
    assert config.fail_on == "error"
    assert Path(config.rule_packs[0]).resolve() == (tmp_path / "packs").resolve()
    assert Path(config.root).resolve() == tmp_path.resolve()
    (child.parent / "again.toml").write_text(
        'extend = "hygiene.toml"\nselect = ["UC"]\nextend-select = ["LG"]\n', encoding="utf-8"
    )
    anew = load_config(child.parent / "again.toml")  # select starts the selection anew
    assert (anew.select, anew.extend_select, anew.ignore) == (("UC",), ("LG",), ())


def jsonl(records: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


def test_corpus_settings_from_configuration_apply_to_a_json_lines_run(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "hygiene.toml").write_text(
        'text-field = ["body", "title"]\nid-field = "key"\ntext-format = "markdown"\n',
        encoding="utf-8",
    )
    records = [
        {"key": "k1", "body": "Intro.\n\nWATCH: A video\n", "title": "WATCH: Top", "text": "x"},
        {"key": "k2", "body": "Fine text.", "title": "WATCH: Again"},
    ]
    (tmp_path / "shards").mkdir()
    (tmp_path / "shards" / "s.jsonl").write_text(jsonl(records), encoding="utf-8")
    expected = [("k1", "body"), ("k1", "title"), ("k2", "title")]
    for extra in ((), ("--jobs", "2")):
        result = run_cli("check", "shards", "--format", "json", *extra, cwd=tmp_path)
        report = json.loads(result.stdout)
        got = [(f["record"]["id"], f["record"]["field"]) for f in report["findings"]]
        assert got == expected
        assert {document["format"] for document in report["documents"]} == {"markdown"}
        streamed = run_cli("check", "shards", "--format", "jsonl", *extra, cwd=tmp_path)
        lines = [json.loads(line) for line in streamed.stdout.decode().splitlines()]
        records_out = [line["finding"]["record"] for line in lines if line["type"] == "finding"]
        assert [(record["id"], record["field"]) for record in records_out] == expected
    # The flags win over the file.
    flagged = run_cli("check", "shards", "--format", "json", "--text-field", "title",
                      "--id-field", "body", cwd=tmp_path)  # fmt: skip
    found = json.loads(flagged.stdout)["findings"]
    got = [(f["record"]["id"], f["record"]["field"]) for f in found]
    assert got == [("Intro.\n\nWATCH: A video\n", "title"), ("Fine text.", "title")]
    # A shard in a folder with its own configuration is read as that one says.
    (tmp_path / "shards" / "hygiene.toml").write_text(
        'extend = "../hygiene.toml"\ntext-field = "title"\n', encoding="utf-8"
    )
    report = json.loads(run_cli("check", ".", "--format", "json", cwd=tmp_path).stdout)
    got = [(f["record"]["id"], f["record"]["field"]) for f in report["findings"]]
    assert got == [("k1", "title"), ("k2", "title")]


def test_run_settings_format_and_jobs_are_read(tmp_path: Path) -> None:
    (tmp_path / "hygiene.toml").write_text('format = "json"\njobs = 2\n', encoding="utf-8")
    data = json.loads(run_cli("config", cwd=tmp_path).stdout)
    assert (data["output_format"], data["jobs"]) == ("json", 2)
    # How a run goes is not what it finds: the digest is the defaults'.
    assert data["config_digest"] == Config().digest()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "hygiene.toml").write_text('format = "pdf"\njobs = 0\n', encoding="utf-8")
    result = run_cli("config", cwd=bad)
    assert result.returncode == 2
    assert result.stderr.decode().startswith("hygiene: error: hygiene.toml: ")


def test_the_format_setting_is_the_default_format(tmp_path: Path) -> None:
    (tmp_path / "hygiene.toml").write_text('format = "json"\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(DIRTY, encoding="utf-8")
    result = run_cli("check", "a.md", cwd=tmp_path)
    assert json.loads(result.stdout)["findings"]


def test_configuration_files_are_read_once_a_run(
    tmp_path: Path, ruleset: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = nested_tree(tmp_path)
    for number in range(20):
        (root / "docs" / "sub" / f"n{number}.md").write_text(DIRTY, encoding="utf-8")
    reads: list[Path] = []
    real = files.read_table

    def counted(path: Path) -> dict[str, Any]:
        reads.append(path)
        return real(path)

    monkeypatch.setattr(files, "read_table", counted)
    monkeypatch.chdir(root)
    run = Config(source=None, flags=Flags())
    checker = Checker(run, ruleset)
    for path in sorted((root / "docs").rglob("*.md")):
        checker.excluded(path.relative_to(root).as_posix())
        checker.declared_encoding(path.relative_to(root).as_posix())
    assert sorted(p.name for p in reads) == ["hygiene.toml", "pyproject.toml"]
    resolver = Resolver(run, str(root))
    assert resolver.for_path("docs/sub/n1.md") is resolver.for_path("docs/a.md")
    assert resolver.for_path("b.md") is not resolver.for_path("docs/a.md")
    assert Resolver(Config(), str(root)).for_path("docs/a.md") == Config()  # no flags: one


def test_config_shows_the_configuration_a_path_is_judged_under(tmp_path: Path) -> None:
    root = nested_tree(tmp_path)
    nested = json.loads(run_cli("config", "docs/a.md", cwd=root).stdout)
    top = json.loads(run_cli("config", "b.md", cwd=root).stdout)
    assert nested["severity"] == {"boilerplate.embed-label": "error"}
    assert top["severity"] == {}
    assert nested["config_digest"] != top["config_digest"]
