"""Output formats: each module has one ``render(report) -> str`` and detects nothing.

Formats are imported by name when chosen, so a text run never imports the others.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from hygiene.report.model import Report

FORMATS = ("text", "grouped", "json", "jsonl", "sarif", "github", "junit", "gitlab")

Renderer = Callable[[Report], str]


def renderer(name: str) -> Renderer:
    """The ``render`` function of the named format."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    module = importlib.import_module(f"hygiene.report.formatters.{name}_format")
    render: Renderer = module.render
    return render
