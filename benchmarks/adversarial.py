"""Built-in rules on adversarial text stay linear: time for n and 10n repeats of one unit.

Run on demand; it prints figures and asserts nothing:

    python benchmarks/adversarial.py

A ratio near 10 is linear; near 100 is quadratic. Units: quotation marks of several
kinds (each opens a quotation the attribution code looks around), line breaks,
blank-line paragraphs, one letter, and short sentences.
"""

from __future__ import annotations

import time

from hygiene.api import Checker
from hygiene.config.settings import Config
from hygiene.inputs.decoding import document_from_bytes

UNITS = ['"', "'", "“", "«", "„", "\n", "\n\n", "a", '"a". ', "Advertisement\n"]


def seconds(checker: Checker, text: str) -> float:
    document = document_from_bytes(text.encode("utf-8"), "adversarial.txt")
    started = time.perf_counter()
    checker.check(document)
    return time.perf_counter() - started


def main() -> None:
    checker = Checker(Config(select=("ALL",)))
    print(f"{'unit':<18} {'10k repeats':>12} {'100k repeats':>13} {'ratio':>6}")
    for unit in UNITS:
        small = seconds(checker, unit * 10_000)
        large = seconds(checker, unit * 100_000)
        print(f"{unit!r:<18} {small:>11.2f}s {large:>12.2f}s {large / max(small, 1e-6):>6.1f}")


if __name__ == "__main__":
    main()
