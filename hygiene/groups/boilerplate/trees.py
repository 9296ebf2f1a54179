"""The furniture model as data: shallow decision trees, read without the library that
fitted them."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from hygiene.groups.lexicon import read_lexicon

# A tree node: (feature index, threshold, left, right), or (leaf value,).
Node = tuple[float, ...]


@dataclass(frozen=True)
class Model:
    """Gradient-boosted decision trees over ``FEATURES``: the sum of one leaf of each tree,
    after ``baseline``, is the log-odds that a candidate is furniture; from ``threshold``
    on, it is reported. Shallow trees, written as plain data: each split reads one feature
    against one value, so any decision can be followed by hand."""

    baseline: float
    trees: tuple[tuple[Node, ...], ...]
    threshold: float

    def log_odds(self, features: tuple[float, ...]) -> float:
        total = self.baseline
        for tree in self.trees:
            node = tree[0]
            while len(node) > 1:
                feature, value, left, right = node
                node = tree[int(left if features[int(feature)] <= value else right)]
            total += node[0]
        return total

    def probability(self, features: tuple[float, ...]) -> float:
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, self.log_odds(features)))))


UNSCORED = Model(0.0, (), 1.0)  # every candidate at one half: what the build reads features with


def read_model(features: Sequence[str]) -> Model:
    """The trees ``benchmarks/build_furniture.py`` fitted, checked to read ``features``."""
    data = read_lexicon("furniture-model.json")
    if data["features"] != list(features):
        raise ValueError("furniture-model.json was fitted on other features: rebuild it")
    trees = tuple(tuple(tuple(node) for node in tree) for tree in data["trees"])
    return Model(float(data["baseline"]), trees, float(data["threshold"]))
