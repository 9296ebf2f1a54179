"""Configuration globs: the same answers as a plain translation, without its backtracking."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from hygiene.config.globs import compile_glob, glob_matches, glob_tokens


def _plain(pattern: str) -> re.Pattern[str]:
    """The translation without atomic groups: right, and slow on hostile patterns."""
    body = pattern.lstrip("/")
    if "/" not in body:
        body = "**/" + body
    return re.compile("".join(glob_tokens(pattern, body)) + r"\Z")


@settings(max_examples=1500, deadline=None)
@given(
    pattern=st.text(alphabet="ab/*?", min_size=1, max_size=10).filter(lambda p: p.strip("/")),
    path=st.text(alphabet="ab/", max_size=12),
)
def test_atomic_translation_agrees_with_the_plain_one(pattern: str, path: str) -> None:
    assert glob_matches(pattern, path) == (_plain(pattern).match(path) is not None)


def test_a_hostile_glob_answers_at_once() -> None:
    # Exponential for the plain translation (and for pathspec): minutes at 60 characters.
    assert not glob_matches("*a*a*a*a*a*a*a*a*a*a*a*a*b", "a" * 5_000)
    assert not glob_matches("**a**a**a**a**a**a**b", "a/" * 3_000)
    assert not glob_matches("**/" * 12 + "z", "a/" * 30 + "y")  # past two minutes once
    assert not glob_matches("**/a/" * 8 + "z", "a/" * 32 + "y")
    assert glob_matches("docs/*a*a*b.md", "docs/xaxaxb.md")
    assert glob_matches("**/a/**/b", "x/a/y/a/b")
    assert compile_glob("*a*b").pattern.count("(?>") == 1
