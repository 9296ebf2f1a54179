"""Every rule group stays linear on hostile input: its time at 1, 4 and 16 times a size.

Run on demand; it prints figures, and exits 1 when a ratio is over the bound:

    python benchmarks/linearity.py                    # every group, every input
    python benchmarks/linearity.py encoding unicode   # some groups
    python benchmarks/linearity.py --input c1-lines   # one input (repeatable)

For each rule group (language, encoding, unicode, boilerplate, provenance: its rules as
``--select LG`` picks them) and each input below, built at 1, 4 and 16 times its base size,
it times ``Checker.check`` on the Document ``document_from_bytes`` makes of it (the best of
three runs, the garbage collector paused, the document's description for the report left
out), and prints the seconds and the ratio t(16x)/t(1x): 16 is linear, 256 quadratic
(a time under a millisecond counts as one: there the fixed cost of a check and the clock's
noise are the figure). A ratio over 20, or a rule stopped by its timeout, fails the run
(issue #27: "at most linear growth, ratio <= 20 at 16x").

The inputs vary from line to line and word to word, so that caches keyed by text (the
mojibake finder's, the language identifier's) help no more than they do on real text.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from hygiene.api import Checker
from hygiene.config.settings import Config
from hygiene.core.errors import InputError
from hygiene.inputs.decoding import document_from_bytes

GROUPS = {"language": "LG", "encoding": "EN", "unicode": "UC", "boilerplate": "BP",
          "provenance": "PV"}  # fmt: skip
SCALES = (1, 4, 16)
BOUND = 20.0
FLOOR = 0.001  # seconds: a shorter time counts as this in a ratio
# Each time is the best of this many runs, at every size alike: the machine is shared.
REPEATS = 3


def word(number: int) -> str:
    """A distinct lower-case word for each number: a, b, ..., z, ba, bb, ..."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters = chr(ord("a") + digit) + letters
        if not number:
            return letters


PROSE = ("The talks in {w} ended without an agreement on {n} March, officials said, and the "
         "two sides will meet again next month to discuss the border. ")  # fmt: skip


def prose(count: int, first: int) -> list[str]:
    """``count`` ordinary English sentences, each naming its own place and date."""
    return [PROSE.format(w=word(i).capitalize(), n=i) for i in range(first, first + count)]


@dataclass(frozen=True)
class Input:
    """A hostile input: its name, what it is, and how to build it from a number of units."""

    name: str
    what: str
    base: int  # units at 1x
    build: Callable[[int, int], str]  # (units, number of the first): the text
    path: str = "hostile.txt"


def each(template: str) -> Callable[[int, int], str]:
    """A builder of ``n`` copies of ``template``, numbered from ``k``: ``{i}`` is the
    number, ``{w}`` its word."""
    return lambda n, k: "".join(template.format(i=i, w=word(i)) for i in range(k, k + n))


def joined(mark: str) -> Callable[[int, int], str]:
    """A builder of one paragraph after a first one: ``n`` words joined by ``mark``."""
    return lambda n, k: "Text.\n\nl" + mark + mark.join(word(i) for i in range(k, k + n)) + "\n"


def repeated(unit: str) -> Callable[[int, int], str]:
    """A builder of one paragraph after a first one: its number, then ``n`` times ``unit``."""
    return lambda n, k: f"Text.\n\n{k}" + unit * n + "\n"


def one_in_the_middle(odd: str) -> Callable[[int, int], str]:
    """A builder of ``n`` lines of prose with ``odd`` on a line in the middle."""

    def build(n: int, k: int) -> str:
        lines = prose(n, k)
        return "\n".join([*lines[: n // 2], odd, *lines[n // 2 :]]) + "\n"

    return build


INPUTS = (
    Input("c1-lines", "lines of 2,000 characters, a C1 control after every letter", 4,
          each("{i} " + "a\x93" * 1000 + "\n")),
    Input("c1-line", "one line, a C1 control in every word", 2_000, each("a{i}\x93 ")),
    Input("mojibake-lines", "lines of words read through the wrong codec", 200,
          each("{i} cafÃ© dÃ©jÃ  vu â€œ{w}â€\x9d\n")),
    Input("hyphen-run", "one word of words joined by '-'", 20_000, joined("-")),
    Input("apostrophe-run", "one word of words joined by \"'\"", 20_000, joined("'")),
    Input("curly-apostrophe-run", "one word of words joined by '’'", 20_000, joined("’")),
    Input("letter-run", "two runs of one letter, one closed by '@', one by '?'", 20_000,
          lambda n, k: prose(1, k)[0] + f"\n\n{word(k)}" + "x" * n + "@\n" + "x" * n + "?\n"),
    Input("huge-line", "ordinary sentences on one line", 300,
          lambda n, k: "".join(prose(n, k)) + "\n"),
    Input("short-lines", "many short lines", 5_000, each("Item {w}\n")),
    Input("paragraphs", "many one-line paragraphs", 300,
          lambda n, k: "\n\n".join(prose(n, k)) + "\n"),
    Input("blank-lines", "line breaks only, around one word", 20_000,
          lambda n, k: "\n" * n + word(k) + "\n" * n),
    Input("nbsp-document", "ordinary lines (10 MB at 16x) holding one no-break space", 4_000,
          one_in_the_middle("the United States\u00a0all the harder, pass\u200bword")),
    Input("zero-width", "a zero width space after every letter", 10_000, repeated("a\u200b")),
    Input("emoji-joiners", "one emoji sequence joined by zero width joiners", 20_000,
          repeated("\N{WOMAN}\u200d")),
    Input("curly-quotes", "opening quotation marks only", 10_000, repeated("“")),
    Input("guillemets", "opening guillemets only", 10_000, repeated("«")),
    Input("quoted-said", "short quotations, each with a speaker", 2_000,
          each("“{w},” he said. ")),
    Input("quoted-alone", "quotations standing alone with no speaker, on one line", 2_000,
          each("“{w} will go.” ")),
    Input("list-quotes", "a list item continued by indented lines, each a quotation", 2_000,
          lambda n, k: "1. Intro\n" + "".join(f'   "{word(k + i)} goes," she' + "\n"
                                             for i in range(n))),
    Input("mistyped-closers", "quotations closed by an opening mark", 2_000,
          each("“{w}“ ")),
    Input("addresses", "one line of web and mail addresses", 5_000,
          each("https://example.com/{w}?a=b {w}@mail.example ")),
    Input("latin-in-cyrillic", "a Cyrillic page, every other paragraph a Latin label", 1_000,
          each("Это строка номер {i} о переговорах.\n\nWord {w}\n\n")),
    Input("code-fences", "Markdown code blocks between paragraphs", 500,
          each("Text {w}.\n\n```\ncode {i}\n```\n\n"), path="hostile.md"),
)  # fmt: skip


# The numbers the words of each run start from: words of six letters, another run's.
FIRST = tuple(26**5 + run * 1_000_000 for run in range(REPEATS))


def seconds(checker: Checker, item: Input, units: int) -> tuple[float, list[InputError]]:
    """The best time of a few checks of ``item`` built from ``units`` (each run its own
    text, so that no cache keyed by text remembers the run before), and any errors.

    The garbage collector is paused while the clock runs. Its full collections are
    amortised linear, but they start only once a check has made a quarter as many objects
    as the process already holds (the rule set, the lexicons): a ratio between a size under
    that threshold and one over it grew by a fifth on inputs with 100,000 findings or
    lines, which is the collector's threshold and not the rules' growth."""
    best, errors = float("inf"), []
    for first in FIRST:
        document = document_from_bytes(item.build(units, first).encode("utf-8"), item.path)
        found: list[InputError] = []
        gc.collect()
        gc.disable()
        try:
            started = time.perf_counter()
            checker.check(document, found)
            best = min(best, time.perf_counter() - started)
        finally:
            gc.enable()
        errors.extend(found)
        del document
    return best, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("groups", nargs="*", help=f"rule groups ({', '.join(GROUPS)})")
    parser.add_argument("--input", action="append", choices=[i.name for i in INPUTS])
    options = parser.parse_args()
    groups = options.groups or list(GROUPS)
    unknown = sorted(set(groups) - set(GROUPS))
    if unknown:
        parser.error(f"unknown group {unknown[0]!r}: one of {', '.join(GROUPS)}")
    inputs = [i for i in INPUTS if not options.input or i.name in options.input]
    for item in inputs:
        size = len(item.build(item.base, FIRST[0]).encode("utf-8"))
        print(f"{item.name}: {item.what} ({size / 1000:,.0f} KB at 1x)")
    print()
    header = "".join(f"{f'{scale}x':>9}" for scale in SCALES)
    print(f"{'group':<12} {'input':<21}{header} {'ratio':>7}")
    failures = []
    started = time.perf_counter()
    for group in groups:
        checker = Checker(Config(select=(GROUPS[group],)), describe=False)
        worst = 0.0
        for item in inputs:
            times, errors = [], []
            for scale in SCALES:
                took, found = seconds(checker, item, item.base * scale)
                times.append(took)
                errors.extend(found)
            ratio = max(times[-1], FLOOR) / max(times[0], FLOOR)
            worst = max(worst, ratio)
            flag = ""
            if ratio > BOUND or errors:
                failures.append(f"{group} on {item.name}")
                flag = "  <- over the bound" if ratio > BOUND else "  <- a rule timed out"
            figures = "".join(f"{took:>8.3f}s" for took in times)
            print(f"{group:<12} {item.name:<21}{figures} {ratio:>7.1f}{flag}", flush=True)
        print(f"{group:<12} {'(worst ratio)':<21}{'':>{9 * len(SCALES)}} {worst:>7.1f}")
    print(f"\n{time.perf_counter() - started:.0f} s in all; bound: ratio <= {BOUND:.0f} at 16x")
    if failures:
        print("over the bound: " + ", ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
