"""Rules written in Python: logic that a declarative pack cannot express.

Each module ends with an explicit ``RULES`` tuple; this package lists the modules.
No registry, no import-time discovery.
"""

from __future__ import annotations

from hygiene.rule import Rule


def python_rules() -> tuple[Rule, ...]:
    """Every built-in Python rule, imported on demand."""
    from hygiene.rules import boilerplate, encoding, language, provenance, suppression

    return (
        *boilerplate.RULES,
        *encoding.RULES,
        *language.RULES,
        *provenance.RULES,
        *suppression.RULES,
    )
