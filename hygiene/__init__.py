"""hygiene: a multilingual text-hygiene and provenance checker.

The public API is ``check_text``, ``check_paths`` and ``Checker`` (a configured rule set,
loaded once, for pipelines that check many texts). They are imported lazily so that
``import hygiene`` (and with it every CLI start) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Checker", "__version__", "check_paths", "check_text"]

if TYPE_CHECKING:
    from hygiene.api import Checker, check_paths, check_text


def __getattr__(name: str) -> Any:
    if name in ("Checker", "check_text", "check_paths"):
        from hygiene import api

        return getattr(api, name)
    raise AttributeError(f"module 'hygiene' has no attribute {name!r}")
