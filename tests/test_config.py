"""Configuration files: discovery, every setting's effect, and one-line errors with exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hygiene.config.settings import project_root
from tests.conftest import run_cli

DIRTY = "Intro.\n\nWATCH: A video\n\nThe United States\u00a0all the harder.\n"


def project(tmp_path: Path, config: str, name: str = "hygiene.toml") -> Path:
    (tmp_path / "content" / "uk").mkdir(parents=True)
    (tmp_path / "content" / "a.md").write_text(DIRTY, encoding="utf-8")
    (tmp_path / "content" / "uk" / "b.md").write_text(DIRTY, encoding="utf-8")
    (tmp_path / name).write_text(config, encoding="utf-8")
    return tmp_path


def findings(tmp_path: Path, *args: str, cwd: Path | None = None) -> list[tuple[str, str, str]]:
    result = run_cli("check", *args, "--format", "json", cwd=cwd or tmp_path)
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    return [(f["path"], f["code"], f["severity"]) for f in report["findings"]]


def test_pyproject_tool_table_is_found_walking_up(tmp_path: Path) -> None:
    project(tmp_path, '[project]\nname = "x"\n[tool.hygiene]\nignore = ["UC004"]\n',
            "pyproject.toml")  # fmt: skip
    got = findings(tmp_path, ".", cwd=tmp_path / "content" / "uk")
    assert got == [("b.md", "BP001", "warning")]
    report = json.loads(run_cli("check", ".", "--format", "json", cwd=tmp_path).stdout)
    assert report["run"]["config_file"] == "pyproject.toml"


def test_pyproject_without_table_is_skipped_for_hygiene_toml_above(tmp_path: Path) -> None:
    # Inside a repository (a monorepo whose packages have their own pyproject.toml), the
    # walk goes on to the repository's top.
    project(tmp_path, 'ignore = ["BP"]\n')
    (tmp_path / ".git").mkdir()
    (tmp_path / "content" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert {code for _, code, _ in findings(tmp_path, "content")} == {"UC004"}


def test_settings_take_effect(tmp_path: Path) -> None:
    project(
        tmp_path,
        """
select = ["BP", "UC"]
per-file-ignores = { "content/uk/**" = ["BP001"] }
severity = { "unicode.no-break-space" = "warning" }
fail-on = "error"
languages = { "content/uk/**" = "uk", "*.md" = "en" }
""",
    )
    got = findings(tmp_path, "content")
    assert got == [
        ("content/a.md", "BP001", "warning"),
        ("content/a.md", "UC004", "warning"),
        ("content/uk/b.md", "UC004", "warning"),
    ]
    result = run_cli("check", "content", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0  # fail-on = error
    languages = {d["path"]: d["language"] for d in json.loads(result.stdout)["documents"]}
    declared_en = {"code": "en", "confidence": 1.0, "evidence": "declared"}
    assert languages == {"content/a.md": declared_en, "content/uk/b.md": declared_en}


def test_rule_options_by_name(tmp_path: Path) -> None:
    project(tmp_path, '[rules."boilerplate.embed-label"]\nmax-length = 3\n')
    assert "BP001" not in {code for _, code, _ in findings(tmp_path, "content")}


def test_flags_override_the_file(tmp_path: Path) -> None:
    project(tmp_path, 'select = ["BP"]\n')
    assert {code for _, code, _ in findings(tmp_path, "content", "--select", "UC")} == {"UC004"}
    both = findings(tmp_path, "content", "--extend-select", "UC004")
    assert {code for _, code, _ in both} == {"BP001", "UC004"}


def test_config_command_prints_the_effective_configuration(tmp_path: Path) -> None:
    project(tmp_path, 'ignore = ["UC004"]\nfail-on = "info"\n')
    result = run_cli("config", "--ignore", "LG", cwd=tmp_path)
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert (data["ignore"], data["fail_on"], data["source"]) == (["UC004", "LG"], "info",
                                                                 "hygiene.toml")  # fmt: skip
    assert data["config_digest"].startswith("sha256:")


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('colour = "red"\n', "hygiene.toml: unknown key 'colour'"),
        ('per-file-ignores = { "content/[uk/**" = ["BP001"] }\n',
         "hygiene.toml: per-file-ignores: invalid glob 'content/[uk/**': unclosed '['"),
        ('select = ["QQ001"]\n', "hygiene.toml: unknown rule selector 'QQ001'"),
        ('severity = { "no.such-rule" = "error" }\n',
         "hygiene.toml: severity: unknown rule 'no.such-rule'"),
        ('[rules."boilerplate.embed-label"]\nmax-lenght = 3\n',
         "hygiene.toml: rules.boilerplate.embed-label: unknown option 'max-lenght' "
         "(known: max-length, prose-endings, edge-lines, end-words, start-words, exempt-files)"),
        ('[rules."language.foreign-script"]\nmin-letters = "three"\n',
         "hygiene.toml: rules.language.foreign-script.min-letters: expected int, got 'three'"),
        ('fail-on = "fatal"\n', "hygiene.toml: fail-on: 'fatal' is not one of"),
        ("select = [\n", "hygiene.toml: invalid TOML: "),
    ],
    ids=["unknown-key", "bad-glob", "unknown-rule", "unknown-severity-rule", "unknown-option",
         "option-type", "bad-value", "bad-toml"],
)  # fmt: skip
def test_config_errors_are_one_line_with_exit_2(tmp_path: Path, config: str, message: str) -> None:
    project(tmp_path, config)
    result = run_cli("check", "content", cwd=tmp_path)
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert stderr.startswith(f"hygiene: error: {message}"), stderr
    assert stderr.count("\n") == 1


def test_explicit_config_file(tmp_path: Path) -> None:
    project(tmp_path, 'ignore = ["BP", "UC"]\n', "other.toml")
    assert findings(tmp_path, "content", "--config", "other.toml") == []
    missing = run_cli("check", "content", "--config", "nope.toml", cwd=tmp_path)
    assert (missing.returncode, missing.stderr.decode()) == (
        2, "hygiene: error: nope.toml: no such configuration file\n")  # fmt: skip


def test_user_rule_pack_folder_from_config(tmp_path: Path) -> None:
    project(tmp_path, 'rule-packs = ["packs"]\n')
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "x.toml").write_text('[pack]\ngroup = "x"\n', encoding="utf-8")
    result = run_cli("check", "content", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == "hygiene: error: packs/x.toml: 'rule' is a required property\n"


PLANTED = 'ignore = ["ALL"]\n'  # what anyone who can write to a parent folder would plant
UNCONFIGURED = [
    ("a.md", "BP001", "warning"),
    ("a.md", "UC004", "info"),
    ("uk/b.md", "BP001", "warning"),
    ("uk/b.md", "UC004", "info"),
]


@pytest.mark.parametrize(
    ("marker", "text"),
    [(".git", None), (".git", "gitdir: /elsewhere/.git/worktrees/work\n"), (".hg", None),
     ("pyproject.toml", '[project]\nname = "x"\n')],
    ids=["git-folder", "git-file", "hg", "pyproject-without-table"],
)  # fmt: skip
def test_a_config_above_the_project_root_is_never_read(
    tmp_path: Path, marker: str, text: str | None
) -> None:
    project(tmp_path, PLANTED)
    root = tmp_path / "content"  # the project: a repository, or a folder with its own file
    if text is None:
        (root / marker).mkdir()
    else:
        (root / marker).write_text(text, encoding="utf-8")
    assert project_root(root / "uk") == root
    # From the project, from deep inside it, and from the folder of the planted file.
    assert findings(root, ".") == UNCONFIGURED
    assert findings(root, ".", cwd=root / "uk") == [
        (path.removeprefix("uk/"), *rest) for path, *rest in UNCONFIGURED[2:]
    ]
    assert findings(tmp_path, "content") == [
        (f"content/{path}", *rest) for path, *rest in UNCONFIGURED
    ]
    report = json.loads(run_cli("check", ".", "--format", "json", cwd=root).stdout)
    assert report["run"]["config_file"] is None


def test_a_config_inside_the_repository_is_found_up_to_its_top(tmp_path: Path) -> None:
    (tmp_path / "hygiene.toml").write_text(PLANTED, encoding="utf-8")
    root = project(tmp_path / "repo", 'ignore = ["UC004"]\n')
    (root / ".git").mkdir()
    assert project_root(root / "content" / "uk") == root
    assert findings(root, ".", cwd=root / "content" / "uk") == [("b.md", "BP001", "warning")]
