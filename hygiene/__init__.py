"""hygiene: a multilingual text-hygiene and provenance checker.

The public API is ``check_text``, ``check_paths`` and ``Checker`` (a configured rule set,
loaded once, for pipelines that check many texts), and the values they take and give:
``Config``, ``Report`` and ``Finding``. They are imported lazily so that ``import
hygiene`` (and with it every CLI start) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Checker", "Config", "Finding", "Report", "__version__", "check_paths", "check_text"]

_HOMES = {
    "Checker": "hygiene.api",
    "check_text": "hygiene.api",
    "check_paths": "hygiene.api",
    "Config": "hygiene.config.settings",
    "Finding": "hygiene.core.finding",
    "Report": "hygiene.report.model",
}

if TYPE_CHECKING:
    from hygiene.api import Checker, check_paths, check_text
    from hygiene.config.settings import Config
    from hygiene.core.finding import Finding
    from hygiene.report.model import Report


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'hygiene' has no attribute {name!r}")
