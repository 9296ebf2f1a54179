"""The built-in rule groups written in Python, and the document facets they describe.

Each group's ``rules`` module ends with an explicit ``RULES`` tuple, and a group that
describes documents lists its ``FACETS``; this module names the groups. No registry, no
import-time discovery.
"""

from __future__ import annotations

from hygiene.core.rule import Facet, Rule


def python_rules() -> tuple[Rule, ...]:
    """Every built-in Python rule, imported on demand."""
    from hygiene.groups.boilerplate import rules as boilerplate
    from hygiene.groups.encoding import rules as encoding
    from hygiene.groups.language import rules as language
    from hygiene.groups.provenance import rules as provenance
    from hygiene.groups.suppression import rules as suppression

    return (
        *boilerplate.RULES,
        *encoding.RULES,
        *language.RULES,
        *provenance.RULES,
        *suppression.RULES,
    )


def python_facets() -> tuple[Facet, ...]:
    """What the built-in groups say about every document, in the report's order."""
    from hygiene.groups.language import facets as language
    from hygiene.groups.provenance import facets as provenance

    return (*language.FACETS, *provenance.FACETS)
