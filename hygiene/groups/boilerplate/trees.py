"""The furniture model as data: shallow decision trees, read without the library that
fitted them."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from hygiene.groups.lexicon import read_lexicon

# A tree node: (feature index, threshold, left, right), or (leaf value,).
Node = tuple[float, ...]
# A tree as parallel lists: the feature of each node (-1 at a leaf), its threshold or leaf
# value, and its children.
Flat = tuple[list[int], list[float], list[int], list[int]]


@dataclass(frozen=True)
class Thresholds:
    """The probabilities from which a line, and the words glued after a sentence, are
    called furniture: each kind from the probability at which its own were right as
    often."""

    lines: float
    glued: float


@dataclass(frozen=True)
class Model:
    """Gradient-boosted decision trees over ``FEATURES``: the sum of one leaf of each tree,
    after ``baseline``, is the log-odds that a candidate is furniture. ``strict`` holds the
    thresholds at which the out-of-fold candidates were furniture with precision 0.99, what
    a gate needs; ``favour_recall`` those at 0.97, for a filter that would rather drop a
    doubtful line than keep one. Shallow trees, written as plain data: each split reads one
    feature against one value, so any decision can be followed by hand."""

    baseline: float
    trees: tuple[tuple[Node, ...], ...]
    strict: Thresholds
    favour_recall: Thresholds
    _flat: tuple[Flat, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Each tree as parallel lists, a leaf's feature -1: the walk asked of every
        # candidate reads list items, not tuples of varying length.
        flat = []
        for tree in self.trees:
            feature = [int(node[0]) if len(node) > 1 else -1 for node in tree]
            value = [float(node[1]) if len(node) > 1 else float(node[0]) for node in tree]
            left = [int(node[2]) if len(node) > 1 else 0 for node in tree]
            right = [int(node[3]) if len(node) > 1 else 0 for node in tree]
            flat.append((feature, value, left, right))
        object.__setattr__(self, "_flat", tuple(flat))

    def log_odds(self, features: tuple[float, ...]) -> float:
        total = self.baseline
        for feature, value, left, right in self._flat:
            at = 0
            while (index := feature[at]) >= 0:
                at = left[at] if features[index] <= value[at] else right[at]
            total += value[at]
        return total

    def probability(self, features: tuple[float, ...]) -> float:
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, self.log_odds(features)))))


# Every candidate at one half: the build reads features so.
UNSCORED = Model(0.0, (), Thresholds(1.0, 1.0), Thresholds(1.0, 1.0))


def read_model(features: Sequence[str]) -> Model:
    """The trees ``benchmarks/build_furniture.py`` fitted, checked to read ``features``."""
    data = read_lexicon("furniture-model.json")
    if data["features"] != list(features):
        raise ValueError("furniture-model.json was fitted on other features: rebuild it")
    trees = tuple(tuple(tuple(node) for node in tree) for tree in data["trees"])
    return Model(
        float(data["baseline"]),
        trees,
        Thresholds(float(data["threshold"]), float(data["glued_threshold"])),
        Thresholds(float(data["recall_threshold"]), float(data["recall_glued_threshold"])),
    )
