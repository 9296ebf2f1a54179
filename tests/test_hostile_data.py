"""Fuzz: JSON Lines records with arbitrary escapes (lone surrogates among them) and file
names of arbitrary bytes never end a run with a traceback: exit 0, 1 or 3, a report that
parses, and every other input still checked."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT

# JSON string escapes, the lone halves of surrogate pairs among them.
ESCAPES = st.sampled_from(
    ["\\ud83d", "\\ude00", "\\ud83d\\ude00", "\\u0000", "\\u202e", "\\u00a0", "\\\\", "\\n",
     "\\u2028", "\\udfff", "\\ud800x", "\\u0093", '\\"', "WATCH: ", "caf\\u00c3\\u00a9"]
)  # fmt: skip
NAME_BYTES = st.binary(min_size=1, max_size=12).map(
    lambda raw: raw.replace(b"/", b"_").replace(b"\0", b"_").lstrip(b".") or b"x"
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    texts=st.lists(st.lists(ESCAPES | st.text(alphabet="ab .", max_size=5), max_size=8),
                   min_size=1, max_size=6),
    ids=st.lists(ESCAPES, min_size=1, max_size=3),
    names=st.lists(NAME_BYTES, min_size=1, max_size=4, unique=True),
    other=st.sampled_from(["jsonl", "sarif", "github", "junit", "text"]),
)  # fmt: skip
def test_hostile_records_and_file_names_never_crash_a_run(
    tmp_path_factory: object,
    texts: list[list[str]],
    ids: list[str],
    names: list[bytes],
    other: str,
) -> None:
    folder = Path(str(tmp_path_factory.mktemp("hostile")))  # type: ignore[attr-defined]
    records = [
        '{"id": "' + ids[n % len(ids)] + f'{n}", "text": "' + "".join(pieces) + '"}'
        for n, pieces in enumerate(texts)
    ]
    (folder / "shard.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    for name in names:  # a file of its own in a folder walked, whatever bytes name it
        with open(os.path.join(os.fsencode(folder), name + b".md"), "wb") as handle:
            handle.write(b"WATCH: A story\n")
    (folder / "good.txt").write_text("Text.\n\nWATCH: Trump on Mexico relations\n", "utf-8")
    for output in ("json", other):  # the report, and one other format each time
        done = subprocess.run(
            [sys.executable, "-m", "hygiene", "check", ".", "--format", output, "-q"],
            cwd=folder, capture_output=True, timeout=120, check=False,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
        stderr = done.stderr.decode("utf-8", "replace")
        assert done.returncode in (0, 1, 3), stderr
        assert "Traceback" not in stderr and "internal error" not in stderr
        assert b"good.txt" in done.stdout
        if output == "json":
            report = json.loads(done.stdout)
            assert len(report["documents"]) >= len(names) + 1
    shutil.rmtree(folder)
