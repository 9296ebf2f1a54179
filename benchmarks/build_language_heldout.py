"""Build the held-out documents the language rules are measured on.

    python benchmarks/build_language_heldout.py --mirrors /work/.mirror [--cache DIR]

Nothing here is a source the language rules were built or tuned from. Their lexicons are
mkdocs-material's labels, CLDR's language names, stopwords-iso and wordfreq; their tuning
set (``fixtures/corpus/language/documents.jsonl``) is Django's catalogues. The documents
come in two halves that share no source, so that one can guide work on the rules and the
other still measure text they never met:

- ``dev``: real paragraphs of the Universal Dependencies treebanks of 58 languages (news,
  Wikipedia, fiction, parliament; ``build_quotations_corpus``'s *lexicon* treebanks, four
  to five paragraphs in a row), with leftovers from the catalogues of WordPress, Plone,
  DokuWiki, Docusaurus and tarteaucitron and from the sentences of the same treebanks
  (each planted in a document of another language);
- ``test``: help pages of two desktop suites written and translated apart, a page of
  each in turn: GNOME's (``fixtures/corpus/clean``, 42 languages, titles and subheadings
  kept) and LibreOffice's task guides (``help_manuals``, Debian's packages, 30
  languages), with leftovers from the catalogues of MediaWiki, Weblate, Orejime, Shariff
  and pydata-sphinx-theme and from the sentences of the Parallel UD treebanks
  (``build_quotations_corpus``'s *evaluation* treebanks).

Catalogue leftovers are translated strings of one to ten words that read as text (no
placeholders, paths, markup or digits), none that a catalogue of the document's language
writes the same. Some documents carry other damage as well, real text damaged the way it
is found: a paragraph decoded as Windows-1252 (mojibake), a line of page furniture of the
document's own language from a catalogue of the same half, a sentence of the document in
quotation marks with nobody named. Every leftover is labelled with its offsets, language,
source, kind, length (``1-3`` words, ``4-10``, ``sentence``, ``paragraph``) and whether it
shares the document's script. ``benchmarks/language.py`` reads the file. Seeded: the same
sources give the same file.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from typing import Any

import ftfy  # noqa: F401  (registers sloppy-windows-1252, the codec of real mojibake)
from build_furniture import (
    Item,
    furniture_items,
    help_pages,
    in_fives,
    strings,
    treebank_paragraphs,
)
from build_quotations_corpus import EVALUATION, LEXICON, Treebank
from furniture_catalogues import SOURCES, CatalogueSource
from help_manuals import manual_pages

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from hygiene.text.scripts import main_script

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "fixtures" / "corpus" / "language" / "heldout.jsonl"
SEED = 20261206
HELD_OUT = tuple(source for source in SOURCES if source.role == "heldout")
DEV_CATALOGUES = {"wordpress", "plone", "dokuwiki", "docusaurus", "tarteaucitron"}
HELP_PAGES = ROOT / "fixtures" / "corpus" / "clean" / "gnome-user-docs-43.0.jsonl"
DOCUMENTS_PER_LANGUAGE = 40
CLEAN_SHARE = 0.4  # of a language's documents, with no leftover
DAMAGED_SHARE = 1 / 3  # of the documents of either kind, carrying other damage too
# Leftover kinds and how often each is drawn: catalogue strings of one to three words
# and of four to ten, and treebank sentences short and long, and paragraphs.
KINDS = (("label", 3), ("string", 2), ("short-sentence", 1), ("sentence", 2), ("paragraph", 2))
SAME_SCRIPT_SHARE = 0.7  # leftovers in the document's own script: what script checks miss
ENGLISH_SHARE = 0.25  # leftovers in English, the usual untranslated string
# Standard varieties of one language: text of one in a document of the other is no leftover.
VARIETIES = ({"no", "nb", "nn"}, {"sr", "hr", "bs", "sh"})
UNSPACED = {"Han", "Hiragana", "Katakana", "Thai", "Khmer", "Lao", "Myanmar"}
_NOT_PROSE = re.compile(r"[\d%#{}<>\[\]_/=\\@|*^~`$&+]|\.\w")
_SENTENCE_END = re.compile(r"[.!?。！？]$")


def word_count(text: str) -> int:
    """Words as a reader counts them: spaced words, or two letters a word in scripts
    written without spaces."""
    if main_script(text) in UNSPACED:
        return max(1, sum(ch.isalpha() for ch in text) // 2)
    return len(re.findall(r"\w+", text))


def one_language(first: str, second: str) -> bool:
    first, second = first.split("-")[0], second.split("-")[0]
    return first == second or any({first, second} <= group for group in VARIETIES)


def bucket(text: str, sentences: int = 1) -> str:
    if sentences > 1:
        return "paragraph"
    words = word_count(text)
    return "1-3" if words <= 3 else "4-10" if words <= 10 else "sentence"


@dataclass(frozen=True)
class Piece:
    """A text of one language that can be planted: its words, source and kind."""

    text: str
    language: str
    source: str
    kind: str
    sentences: int = 1


def catalogue_pieces(
    sources: Iterable[CatalogueSource], cache: Path
) -> dict[str, dict[str, list[Piece]]]:
    """Language -> kind -> the held-out catalogues' translated strings of one to ten words
    that read as text (no placeholders, paths, markup or digits)."""
    found: dict[str, dict[str, dict[str, Piece]]] = defaultdict(lambda: defaultdict(dict))
    for source in sources:
        for language, pairs in strings(source, cache).items():
            for english, text in pairs:
                for code, written in ((language, text), ("en", english)):
                    if code != "en" and written.strip() == english.strip():
                        continue  # untranslated
                    written = written.strip()
                    if _NOT_PROSE.search(written) or sum(ch.isalpha() for ch in written) < 3:
                        continue
                    words = word_count(written)
                    if words > 10:
                        continue
                    kind = "label" if words <= 3 else "string"
                    piece = Piece(written, code, source.name, kind)
                    found[code][kind].setdefault(written.casefold(), piece)
    return {
        code: {
            kind: sorted(pieces.values(), key=lambda p: p.text) for kind, pieces in kinds.items()
        }
        for code, kinds in found.items()
    }


def treebank_pieces(paragraphs: list[str], language: str, source: str) -> dict[str, list[Piece]]:
    """A treebank's sentences of four to ten words, its longer ones, and runs of two or
    three of its sentences, as leftovers."""
    kinds: dict[str, list[Piece]] = defaultdict(list)
    for paragraph in paragraphs:
        sentences = [s for s in re.split(r"(?<=[.!?。！？])\s+", paragraph) if s]
        for sentence in sentences:
            if not _SENTENCE_END.search(sentence):
                continue
            words = word_count(sentence)
            kind = "short-sentence" if 4 <= words <= 10 else "sentence" if words > 10 else ""
            if kind:
                kinds[kind].append(Piece(sentence, language, source, kind))
        if 2 <= len(sentences) <= 3 and word_count(paragraph) <= 80:
            kinds["paragraph"].append(
                Piece(paragraph, language, source, "paragraph", len(sentences))
            )
    return kinds


def mojibake(text: str) -> str:
    """``text`` as a program that read its UTF-8 as Windows-1252 shows it."""
    return text.encode("utf-8").decode("sloppy-windows-1252")


@dataclass
class Builder:
    """The documents of every language, drawn from one seeded generator."""

    split: str
    carriers: dict[str, list[list[str]]]
    pieces: dict[str, dict[str, list[Piece]]]
    furniture: dict[str, list[str]]
    written_by: dict[str, set[str]]  # language -> every catalogue string it writes, folded
    rng: random.Random
    hosts: dict[str, list[str]] = field(default_factory=dict)  # language -> each carrier's source

    def scripts(self) -> dict[str, str]:
        """Language -> the script its treebank paragraphs are written in."""
        return {code: main_script(" ".join(docs[0])) or "" for code, docs in self.carriers.items()}

    def stray_language(self, home: str, kind: str, scripts: dict[str, str]) -> str | None:
        """A language other than ``home`` with pieces of ``kind``: English a quarter of the
        time, else mostly one written in the same script."""
        have = sorted(code for code, kinds in self.pieces.items() if kinds.get(kind))
        others = [code for code in have if not one_language(code, home)]
        if not others:
            return None
        if home != "en" and "en" in others and self.rng.random() < ENGLISH_SHARE:
            return "en"
        same = [code for code in others if scripts.get(code) == scripts.get(home)]
        if same and self.rng.random() < SAME_SCRIPT_SHARE:
            return self.rng.choice(same)
        return self.rng.choice(others)

    def stray(self, home: str, home_texts: set[str], scripts: dict[str, str]) -> Piece | None:
        kind = self.rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
        language = self.stray_language(home, kind, scripts)
        if language is None:
            return None
        for _ in range(20):  # a string the document's own language writes the same is no leftover
            piece = self.rng.choice(self.pieces[language][kind])
            if piece.text.casefold() not in home_texts:
                return piece
        return None

    def document(self, home: str, paragraphs: list[str], stray: Piece | None,
                 damaged: bool, home_texts: set[str]) -> dict[str, Any]:  # fmt: skip
        """A document of ``paragraphs`` with ``stray`` planted and, when ``damaged``, two
        other kinds of damage."""
        blocks: list[tuple[str, dict[str, Any] | None]] = [(p, None) for p in paragraphs]
        damage: list[str] = []
        if damaged:
            kinds = ["mojibake", "quotation"] + (
                ["boilerplate"] if self.furniture.get(home) else []
            )
            damage = sorted(self.rng.sample(kinds, 2))
            for kind in damage:
                at = self.rng.randrange(1, len(blocks))
                if kind == "mojibake":
                    text, label = blocks[at]
                    if label is None:
                        blocks[at] = (mojibake(text), {"damage": "mojibake"})
                elif kind == "boilerplate":
                    line = self.rng.choice(self.furniture[home])
                    blocks.insert(at, (line, {"damage": "boilerplate"}))
                else:
                    quoted = self.quotation(paragraphs)
                    blocks.insert(at, (quoted, {"damage": "quotation"}))
        if stray is not None:
            at = self.rng.randint(1, len(blocks))  # never the first: the document opens it
            label = {"language": stray.language, "source": stray.source, "kind": stray.kind,
                     "length": bucket(stray.text, stray.sentences)}  # fmt: skip
            blocks.insert(at, (stray.text, label))
        return written(home, blocks, damage)

    def quotation(self, paragraphs: list[str]) -> str:
        """A sentence of the document's own text in quotation marks, nobody named."""
        sentences = [s for p in paragraphs for s in re.split(r"(?<=[.!?])\s+", p) if s]
        sentence = self.rng.choice(sentences)
        return f"\u201c{sentence}\u201d"

    def build(self) -> list[dict[str, Any]]:
        scripts = self.scripts()
        rows = []
        for home in sorted(self.carriers):
            home_texts = self.written_by.get(home, set())
            carriers = self.carriers[home][:DOCUMENTS_PER_LANGUAGE]
            for number, paragraphs in enumerate(carriers):
                clean = number < CLEAN_SHARE * len(carriers)
                damaged = self.rng.random() < DAMAGED_SHARE
                stray = None if clean else self.stray(home, home_texts, scripts)
                if not clean and stray is None:
                    continue
                row = self.document(home, paragraphs, stray, damaged, home_texts)
                if stray is not None:
                    row["strays"][0]["script"] = (
                        "same" if main_script(stray.text) == scripts[home] else "other"
                    )
                host = self.hosts[home][number] if home in self.hosts else "ud-treebanks"
                rows.append({"split": self.split, "host": host, **row})
        return rows


def written(
    home: str, blocks: list[tuple[str, dict[str, Any] | None]], damage: list[str]
) -> dict[str, Any]:
    """The document's text, its leftovers and its damage, with offsets."""
    parts, strays, damaged = [], [], []
    at = 0
    for text, label in blocks:
        if parts:
            at += 2
        if label is not None:
            span = {"start": at, "end": at + len(text)}
            if "damage" in label:
                damaged.append({**span, "kind": label["damage"]})
            else:
                strays.append({**span, **label})
        parts.append(text)
        at += len(text)
    return {"lang": home, "damage": damage, "strays": strays, "damaged": damaged,
            "text": "\n\n".join(parts)}  # fmt: skip


def treebank_carriers(
    treebanks: dict[str, list[Treebank]], mirrors: Path, pieces: dict[str, dict[str, list[Piece]]]
) -> dict[str, list[list[str]]]:
    """Language -> runs of four or five paragraphs of its treebanks, shuffled; their
    sentences join ``pieces`` as leftovers for documents of other languages."""
    carriers: dict[str, list[list[str]]] = {}
    for code, found in sorted(treebanks.items()):
        paragraphs: list[str] = []
        for treebank in found:
            read = [p for d in treebank_paragraphs(treebank, mirrors) for p in d]
            for kind, planted in treebank_pieces(read, code, treebank.repository).items():
                pieces.setdefault(code, {}).setdefault(kind, []).extend(planted)
            paragraphs.extend(read)
        rng = random.Random(f"{SEED}-{code}")
        runs = in_fives(paragraphs)
        rng.shuffle(runs)
        carriers[code] = [run[: rng.randint(4, 5)] for run in runs]
    return carriers


def help_carriers(cache: Path) -> tuple[dict[str, list[list[str]]], dict[str, list[str]]]:
    """Language -> the help pages of its two hosts, GNOME's and LibreOffice's, taken in
    turn (a page of each while both last), as ``untranslated`` keeps them; and the host
    of each page."""
    hosts = {"gnome-help": untranslated(help_pages()),
             "libreoffice-help": untranslated(manual_pages(cache))}  # fmt: skip
    carriers: dict[str, list[list[str]]] = {}
    named: dict[str, list[str]] = {}
    for code in sorted({code for pages in hosts.values() for code in pages}):
        queues = [[(host, page) for page in pages.get(code, [])] for host, pages in hosts.items()]
        taken = [item for turn in zip_longest(*queues) for item in turn if item is not None]
        carriers[code] = [page for _, page in taken]
        named[code] = [host for host, _ in taken]
    return carriers, named


def untranslated(pages: dict[str, list[list[str]]]) -> dict[str, list[list[str]]]:
    """Language -> its help pages, up to eight paragraphs of each, left with three or more
    once the paragraphs its translators left in English are dropped: in GNOME's pages two
    paragraphs in five are word for word those of the English pages, real leftovers that
    would be counted as false alarms."""
    english = {paragraph for page in pages.get("en", []) for paragraph in page}
    carriers = {}
    for code, found in pages.items():
        kept = [[p for p in page if code == "en" or p not in english][:8] for page in found]
        if any(len(page) >= 3 for page in kept):
            carriers[code] = [page for page in kept if len(page) >= 3]
    return carriers


def own_furniture(
    items: dict[str, list[Item]], carriers: dict[str, list[list[str]]],
    written_by: dict[str, set[str]],
) -> dict[str, list[str]]:  # fmt: skip
    """Language -> the page furniture its catalogues translate, in the script its documents
    are written in (the catalogues' Serbian is Cyrillic, the treebank's Latin) and not left
    in English (a Hindi catalogue's ``Search``): furniture of the document's own language."""
    english = written_by.get("en", set())
    found = {}
    for code, listed in items.items():
        if code not in carriers:
            continue
        script = main_script(" ".join(carriers[code][0]))
        found[code] = sorted(
            {item.text for item in listed
             if item.kind != "media" and main_script(item.text) == script
             and (code == "en" or item.text.casefold() not in english)}
        )  # fmt: skip
    return found


def split_rows(
    split: str, sources: list[CatalogueSource], treebanks: dict[str, list[Treebank]],
    help_text: bool, cache: Path, mirrors: Path, written_by: dict[str, set[str]],
) -> list[dict[str, Any]]:  # fmt: skip
    """The documents of one half: its carriers, its leftovers, its damage."""
    pieces: dict[str, dict[str, list[Piece]]] = {
        code: dict(kinds) for code, kinds in catalogue_pieces(sources, cache).items()
    }
    carriers = treebank_carriers(treebanks, mirrors, pieces)
    hosts: dict[str, list[str]] = {}
    if help_text:
        carriers, hosts = help_carriers(cache)
    furniture = own_furniture(furniture_items(sources, cache), carriers, written_by)
    builder = Builder(split, carriers, pieces, furniture, written_by, random.Random(SEED), hosts)
    return builder.build()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, required=True)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/hygiene-catalogues"))
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    written_by: dict[str, set[str]] = defaultdict(set)  # "en": the catalogues' source strings
    for source in SOURCES:
        for code, pairs in strings(source, args.cache).items():
            written_by[code].update(text.strip().casefold() for _, text in pairs)
            written_by["en"].update(english.strip().casefold() for english, _ in pairs)
    dev = [s for s in HELD_OUT if s.name in DEV_CATALOGUES]
    test = [s for s in HELD_OUT if s.name not in DEV_CATALOGUES]
    lexicon = {code: list(found) for code, found in LEXICON.items()}
    evaluation = {code: [treebank] for code, treebank in EVALUATION.items()}
    rows = split_rows("dev", dev, lexicon, False, args.cache, args.mirrors, written_by)
    rows += split_rows("test", test, evaluation, True, args.cache, args.mirrors, written_by)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with OUTPUT.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    for split in ("dev", "test"):
        kept = [row for row in rows if row["split"] == split]
        strays = sum(len(row["strays"]) for row in kept)
        languages = len({row["lang"] for row in kept})
        print(f"{split}: {len(kept)} documents of {languages} languages, {strays} leftovers")


if __name__ == "__main__":
    main()
