"""Build the furniture model of BP011 and the documents it is measured on.

    python benchmarks/build_furniture.py --mirrors /work/.mirror [--cache DIR]

Everything the model learns comes from one set of sources, and everything it is measured
on from another, kept apart by source, never by item:

- Interface words (``rules/lexicons/interface-words.json``): the words that the
  catalogues of the *lexicon* sources (``furniture_catalogues.SOURCES``) write in their
  labels and buttons far more often than prose does. Prose is wordfreq's lists where they
  exist, else the words of the Universal Dependencies treebanks below.
- Training documents: real paragraphs of those treebanks (``build_quotations_corpus``'s
  lexicon treebanks, pinned), with the lexicon sources' page furniture planted in them
  (alone between paragraphs, first, last, in a run of lines, glued after a paragraph's
  last sentence, as a media label before a title), and real headings of the training
  documentation sources (``fixtures/docs``: cncf-glossary, fastapi, hugo, jekyll, pnpm)
  as lines that are not furniture. The weights (``rules/lexicons/furniture-model.json``)
  are a logistic regression fitted on their candidates; a sample of them is kept as the
  in-sample set (``fixtures/corpus/furniture/insample.jsonl``).
- Held-out documents (``fixtures/corpus/furniture/heldout.jsonl``): the GNOME help pages
  of ``fixtures/corpus/clean`` (42 languages, titles and subheadings included), with the
  page furniture of the *held-out* sources planted the same ways.

``benchmarks/furniture.py`` reads both sets. The script is seeded: the same sources give
the same files.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import babel
import wordfreq
from build_quotations_corpus import EVALUATION, LEXICON, Treebank, git
from furniture_catalogues import FURNITURE, SOURCES, CatalogueSource
from furniture_catalogues import strings as catalogue_strings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from hygiene.core.views import Views
from hygiene.groups.boilerplate import features, furniture, interface, tails, trees
from hygiene.groups.boilerplate.layout import FURNITURE_SCOPES
from hygiene.inputs.decoding import document_from_bytes

ROOT = Path(__file__).resolve().parent.parent
LEXICONS = ROOT / "rules" / "lexicons"
WORDS_FILE = LEXICONS / "interface-words.json"
MODEL_FILE = LEXICONS / "furniture-model.json"
CORPUS = ROOT / "fixtures" / "corpus" / "furniture"
HELP_PAGES = ROOT / "fixtures" / "corpus" / "clean" / "gnome-user-docs-43.0.jsonl"
DOCS = ROOT / "fixtures" / "docs"
SEED = 20261206
LABEL_WORDS = 6  # a catalogue string this short is a label or a button
MIN_STRINGS = 2  # ... in at least this many of a language's labels
HEADLINE_WORDS = 12
FUNCTION_WORDS = 100  # the most frequent words of a language are no evidence of anything
DOCUMENTS_PER_LANGUAGE = 400
IN_SAMPLE_SHARE = 0.1
HELP_PAGES_PER_LANGUAGE = 60  # all of them: GNOME's corpus has 30 pages a language
NEWS_PER_LANGUAGE = 60
PRECISION = 0.99  # of the out-of-fold candidates called furniture, at the threshold
RECALL_PRECISION = 0.97  # ... at the thresholds of the rule's ``favour-recall`` option
TREES = 100
TREE_DEPTH = 3
FOREIGN_SHARE = 0.15  # furniture planted in English in a document of another language
# Documentation sources whose pages (as plain text) carry training furniture; the others
# are left for benchmarks/furniture.py to measure on.
TRAINING_DOCS = ("cncf-glossary", "fastapi", "hugo-docs", "jekyll-docs", "pnpm-io", "sphinx-docs")
# A wordfreq list answers for these languages too.
WORDFREQ_CODES = {"sr": "sh", "hr": "sh", "bs": "sh", "tl": "fil", "no": "nb"}
PLACES = ("alone", "alone", "first", "last", "run", "glued", "media")


def strings(source: CatalogueSource, cache: Path) -> dict[str, list[tuple[str, str]]]:
    """A source's strings, read once and kept beside its download (MediaWiki's 500
    catalogues take most of a build's time)."""
    kept = cache / f"{source.name}-{source.version}.strings.json"
    if not kept.exists():
        kept.write_text(json.dumps(catalogue_strings(source, cache), ensure_ascii=False))
    found: dict[str, list[tuple[str, str]]] = json.loads(kept.read_text())
    return found


@dataclass(frozen=True)
class Item:
    """A piece of page furniture from a catalogue: its text, kind, source and language."""

    text: str
    kind: str
    source: str
    language: str


def furniture_items(sources: Sequence[CatalogueSource], cache: Path) -> dict[str, list[Item]]:
    """Language -> the translated page furniture of ``sources``."""
    items: dict[str, list[Item]] = defaultdict(list)
    for source in sources:
        picked = FURNITURE.get(source.name, {})
        for language, pairs in strings(source, cache).items():
            for english, text in pairs:
                kind = picked.get(english)
                if kind is not None and text.strip():
                    items[language].append(Item(text.strip(), kind, source.name, language))
    return {language: _unique(found) for language, found in items.items()}


def _unique(items: Iterable[Item]) -> list[Item]:
    seen: set[str] = set()
    kept = []
    for item in items:
        if item.text.casefold() not in seen:
            seen.add(item.text.casefold())
            kept.append(item)
    return kept


def catalogue_labels(sources: Sequence[CatalogueSource], cache: Path) -> dict[str, set[str]]:
    """Language -> the distinct labels and buttons of ``sources``: their strings of a few
    words."""
    labels: dict[str, set[str]] = defaultdict(set)
    for source in sources:
        for language, pairs in strings(source, cache).items():
            for _, text in pairs:
                if interface.word_count(text) <= LABEL_WORDS:
                    labels[language].add(text.casefold())
    return labels


# ---------------------------------------------------------------- treebank prose


def treebank_paragraphs(treebank: Treebank, mirrors: Path) -> list[list[str]]:
    """The documents of a treebank as paragraphs of sentences, in file order; three
    sentences a paragraph where the treebank marks no paragraphs. A headline or a
    subheading (a few words with no sentence stop) stands on a line of its own: the texts
    a scraper reads have them, and they are what furniture must be told from."""
    documents: list[list[str]] = []
    for name in treebank.files(mirrors):
        text = git(treebank.folder(mirrors), "show", f"{treebank.commit}:{name}")
        paragraphs: list[list[str]] = []
        marked = "# newpar" in text
        for line in text.splitlines():
            if line.startswith("# newdoc") and paragraphs:
                documents.append([" ".join(p) for p in paragraphs if p])
                paragraphs = []
            elif line.startswith("# newpar"):
                paragraphs.append([])
            elif line.startswith("# text = "):
                sentence = line[len("# text = ") :].strip()
                if headline(sentence):  # a line of its own, as the page set it
                    paragraphs.extend([[sentence], []])
                    continue
                if not paragraphs or (not marked and len(paragraphs[-1]) >= 3):
                    paragraphs.append([])
                paragraphs[-1].append(sentence)
        if paragraphs:
            documents.append([" ".join(p) for p in paragraphs if p])
    return [document for document in documents if document]


_SENTENCE_STOP = re.compile(r"[.!?…。！？;:]['\"’”»)\]]*$")


def headline(sentence: str) -> bool:
    """Whether a treebank sentence reads as a headline: at most ``HEADLINE_WORDS`` words,
    a letter among them, and no sentence stop at its end."""
    return (
        interface.word_count(sentence) <= HEADLINE_WORDS
        and any(char.isalpha() for char in sentence)
        and not _SENTENCE_STOP.search(sentence)
    )


def prose_counts(paragraphs: Iterable[list[str]]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for document in paragraphs:
        for paragraph in document:
            counts.update(interface.tokens(paragraph))
    return counts


# ---------------------------------------------------------------- interface words


def calendar_words(language: str) -> set[str]:
    """The names of months and days and of languages in ``language`` (CLDR, as Babel
    ships it): catalogues write them in date pickers and language menus, and a dateline
    or a sentence about a language is no furniture."""
    try:
        locale = babel.Locale.parse(language)
    except (ValueError, babel.UnknownLocaleError):
        return set()
    names: list[str] = list(locale.languages.values())
    for table in (locale.months, locale.days):
        for context in table.values():
            for width in context.values():
                names.extend(width.values())
    return {token for name in names for token in interface.tokens(name)}


def interface_words(
    samples: Sequence[dict[str, set[str]]], prose: dict[str, Counter[str]]
) -> dict[str, dict[str, int]]:
    """Language -> the words its interface strings write more often than its prose does,
    scored 1 to 9: the log2 of how much more often, in the sample where it is highest
    (``samples``: page furniture, and every label and button). Function words, and the
    names of months, days and languages, never count."""
    scored: dict[str, dict[str, int]] = {}
    # wordfreq reads Japanese, Korean and Chinese through MeCab and jieba: the treebanks
    # answer for them.
    available = set(wordfreq.available_languages()) - {"ja", "ko", "zh"}
    languages = sorted({language for sample in samples for language in sample})
    for language in languages:
        rates: dict[str, float] = {}
        for sample in samples:
            texts = sample.get(language, set())
            counts: Counter[str] = Counter()
            for text in texts:
                counts.update(set(interface.tokens(text)))
            for token, count in counts.items():
                if count >= MIN_STRINGS or len(texts) < 200:  # few strings: each one counts
                    rates[token] = max(rates.get(token, 0.0), count / len(texts))
        code = WORDFREQ_CODES.get(language, language)
        ud = prose.get(language)
        ud_total = sum(ud.values()) if ud else 0
        calendar = calendar_words(language)
        function = set(function_words(language, prose))
        kept: dict[str, int] = {}
        for token, rate in rates.items():
            if token in function or token in calendar or token.isdigit():
                continue
            if code in available and not interface.UNSPACED.match(token):
                prose_rate = wordfreq.word_frequency(token, code, minimum=1e-8)
            elif ud and ud_total:
                prose_rate = max(ud[token], 0.5) / ud_total
            else:
                prose_rate = 1e-5  # no prose known: the catalogues' word, moderately
            lift = math.log2(rate / prose_rate)
            if lift >= 1:
                kept[token] = min(9, int(lift))
        if kept:
            scored[language] = dict(sorted(kept.items()))
    return scored


def function_words(language: str, prose: dict[str, Counter[str]]) -> list[str]:
    """The ``FUNCTION_WORDS`` most frequent words of a language (wordfreq's list, else its
    treebanks'): words every text writes, evidence of nothing."""
    code = WORDFREQ_CODES.get(language, language)
    if code in set(wordfreq.available_languages()) - {"ja", "ko", "zh"}:
        return [w for w in wordfreq.top_n_list(code, FUNCTION_WORDS) if w.isalpha()]
    counts = prose.get(language)
    if not counts:
        return []
    return [w for w, _ in counts.most_common(FUNCTION_WORDS) if not interface.UNSPACED.match(w)]


def lexicon(
    sources: Sequence[CatalogueSource],
    items: dict[str, list[Item]],
    prose: dict[str, Counter[str]],
    cache: Path,
) -> dict[str, Any]:
    """The interface words of ``sources``, and the words of their page furniture alone, as
    ``interface-words.json`` keeps them."""
    labels = catalogue_labels(sources, cache)
    furniture_words = furniture_texts(items)
    words = interface_words((furniture_words, labels), prose)
    return {
        "_about": "interface words by language, scored 1-9 (benchmarks/build_furniture.py)",
        "sources": [source.name for source in sources],
        "languages": words,
        "furniture": interface_words((furniture_words,), prose),
        "function": {language: function_words(language, prose) for language in sorted(words)},
    }


def furniture_texts(items: dict[str, list[Item]]) -> dict[str, set[str]]:
    return {language: {item.text.casefold() for item in found} for language, found in items.items()}


# ---------------------------------------------------------------- planting


@dataclass
class Block:
    """A paragraph of a document being built, and the furniture spans inside it."""

    text: str
    spans: list[tuple[int, int, Item, str]]


def plant(
    paragraphs: Sequence[str], items: Sequence[Item], media: Sequence[Item], rng: random.Random
) -> list[Block]:
    """``paragraphs`` with ``items`` planted, each at a place drawn from ``PLACES``."""
    blocks = [Block(text, []) for text in paragraphs]
    for item in items:
        place = rng.choice(PLACES)
        if place == "media" and not media:
            place = "alone"
        if place == "glued":
            prose = [b for b in blocks if not b.spans and re.search(r"[.!?。！？]$", b.text)]
            if prose and interface.word_count(item.text) <= tails.GLUED_WORDS:
                block = rng.choice(prose)
                start = len(block.text) + 1
                block.text = f"{block.text} {item.text}"
                block.spans.append((start, len(block.text), item, place))
                continue
            place = "alone"
        if place == "media":
            label = rng.choice(media).text.upper()
            title = _title(rng.choice(paragraphs), rng)
            text = f"{label}: {title}"
            block = Block(text, [(0, len(text), Item(text, "media", media[0].source,
                                                        item.language), place)])  # fmt: skip
        elif place == "run":
            run = [item, *rng.sample(list(items), min(len(items), rng.randint(1, 3)))]
            lines = _unique(run)
            text = "\n".join(line.text for line in lines)
            spans, at = [], 0
            for line in lines:
                spans.append((at, at + len(line.text), line, place))
                at += len(line.text) + 1
            block = Block(text, spans)
        else:
            block = Block(item.text, [(0, len(item.text), item, place)])
        where = {"first": 0, "last": len(blocks)}.get(
            place, rng.randint(1, max(1, len(blocks) - 1))
        )
        if place == "run":
            where = rng.choice((0, len(blocks)))
        blocks.insert(where, block)
    return blocks


def _title(paragraph: str, rng: random.Random) -> str:
    """The opening words of a paragraph's sentence, as a media label's title."""
    words = paragraph.split()
    return " ".join(words[: rng.randint(4, 9)]).rstrip(".,;:!?")


def written(blocks: Sequence[Block]) -> dict[str, Any]:
    """The document's text and its furniture, with offsets."""
    parts: list[str] = []
    labels: list[dict[str, Any]] = []
    at = 0
    for block in blocks:
        if parts:
            at += 2
        for start, end, item, place in block.spans:
            labels.append({"start": at + start, "end": at + end, "kind": item.kind,
                           "source": item.source, "language": item.language,
                           "place": place})  # fmt: skip
        parts.append(block.text)
        at += len(block.text)
    return {"text": "\n\n".join(parts), "furniture": labels}


def build_documents(
    carriers: dict[str, list[list[str]]],
    items: dict[str, list[Item]],
    rng: random.Random,
    per_language: int,
) -> list[dict[str, Any]]:
    """Documents of each language with carriers and furniture: one to three items each
    (a sixth in English where the language is another)."""
    documents = []
    english = items.get("en", [])
    for language in sorted(carriers):
        own = items.get(language, [])
        if not own:
            continue
        media = [i for i in own if i.kind == "media" and interface.word_count(i.text) <= 2]
        pool = carriers[language]
        for number in range(min(per_language, len(pool))):
            paragraphs = pool[number][:12]
            picked = rng.sample(own, min(len(own), rng.randint(1, 3)))
            if language != "en" and english and rng.random() < FOREIGN_SHARE:
                picked[0] = rng.choice(english)
            document = written(plant(paragraphs, picked, media, rng))
            documents.append({"language": language, **document})
    return documents


# ---------------------------------------------------------------- carriers


def help_pages() -> dict[str, list[list[str]]]:
    """Language -> GNOME help pages as paragraphs (their titles and subheadings kept)."""
    pages: dict[str, list[list[str]]] = defaultdict(list)
    for line in HELP_PAGES.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        paragraphs = [p.strip() for p in row["text"].split("\n\n") if p.strip()]
        if "@" not in row["lang"]:  # sr@latin: the catalogues' Serbian is Cyrillic
            pages[row["lang"].split("_")[0]].append(paragraphs)
    return pages


_FRONT_MATTER = re.compile(r"\A(?:---\n.*?\n---|\+\+\+\n.*?\n\+\+\+)\n", re.S)
_FENCE = re.compile(r"^(\s*)(```|~~~).*?^\1\2\s*$", re.S | re.M)
_DROPPED = re.compile(r"^\s*(?:import\s|export\s|<|:::|\{[%{<]|\[[^\]]*\]:\s|[\s:|]*-[\s:|-]*$)")
_CELLS = re.compile(r"\s*\|\s*")
_HEADING_MARKS = re.compile(r"^#{1,6}\s+|\s*\{#[^}]*\}\s*$|\s+#+\s*$")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\[[^\]]*\]")
_EMPHASIS = re.compile(r"\*\*|__|`|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")


def plain_text(markdown: str) -> str:
    """A Markdown page as a naive scraper of its HTML would see it: headings, paragraphs,
    list items and table cells as plain lines; code, components and front matter gone."""
    text = _FENCE.sub("", _FRONT_MATTER.sub("", markdown.replace("\r\n", "\n")))
    lines: list[str] = []
    for line in text.split("\n"):
        if _DROPPED.match(line):
            continue
        if line.lstrip().startswith("|"):  # a table row: a scraper writes a cell a line
            lines.extend(cell.strip() for cell in _CELLS.split(line.strip(" |")) if cell.strip())
            continue
        line = _HEADING_MARKS.sub("", _LIST.sub("", line))
        line = _EMPHASIS.sub(
            "", _LINK.sub(lambda m: m.group(1) or m.group(2) or "", _IMAGE.sub("", line))
        )
        lines.append(line.strip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def doc_pages(sources: Sequence[str]) -> dict[str, list[list[str]]]:
    """Language -> the pages of documentation ``sources`` (``fixtures/docs``) as plain text
    paragraphs, their real headings, lead-ins and list items kept as lines."""
    manifest = json.loads((DOCS / "manifest.json").read_text(encoding="utf-8"))
    pages: dict[str, list[list[str]]] = defaultdict(list)
    for page in manifest["pages"]:
        if page["source"] not in sources or not page["path"].endswith((".md", ".mdx")):
            continue
        text = plain_text((DOCS / page["path"]).read_text(encoding="utf-8"))
        paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
        if len(paragraphs) >= 3:
            pages[page["language"].split("-")[0]].append(paragraphs)
    return pages


def pud_documents(mirrors: Path) -> dict[str, list[list[str]]]:
    """Language -> the documents of the Parallel UD treebanks (news and Wikipedia text),
    which neither the quotations' lexicon nor this model's training read."""
    found: dict[str, list[list[str]]] = {}
    for language, treebank in sorted(EVALUATION.items()):
        if treebank.licence.startswith("CC-BY"):
            # Their documents are a few sentences each: five paragraphs in a row make one.
            paragraphs = [p for d in treebank_paragraphs(treebank, mirrors) for p in d]
            found[language] = in_fives(paragraphs)
    return found


def in_fives(paragraphs: list[str]) -> list[list[str]]:
    """Paragraphs in order, five to a document: treebank documents are often a few
    sentences long, and a page of text runs on."""
    return [paragraphs[i : i + 5] for i in range(0, len(paragraphs) - 4, 5)]


# ---------------------------------------------------------------- fitting


def candidates(
    document: dict[str, Any], vocabulary: interface.InterfaceWords | None = None
) -> list[tuple[tuple[float, ...], bool, bool]]:
    """Each candidate of a document: its features, whether it is planted furniture, and
    whether it is a glued tail."""
    parsed = document_from_bytes(document["text"].encode("utf-8"), "document.txt")
    view, segments = Views(parsed).get(FURNITURE_SCOPES)
    scored = furniture.Furniture(view, segments, parsed, 5, trees.UNSCORED, vocabulary).scored
    spans = [(label["start"], label["end"]) for label in document["furniture"]]
    rows = []
    for candidate in scored:
        inside = any(s <= candidate.start and candidate.end <= e for s, e in spans)
        rows.append((candidate.features, inside, candidate.glued))
    return rows


def fit(
    rows: Sequence[tuple[tuple[float, ...], bool, bool]], folds: Sequence[int]
) -> dict[str, Any]:
    """Gradient-boosted trees over the features, as plain data; two thresholds; and a few
    candidates with the probability scikit-learn gives them, for the test that the
    package's reading of the trees agrees.

    A threshold is the lowest probability at which candidates are called furniture with
    precision ``PRECISION`` (``RECALL_PRECISION`` for the thresholds that favour recall),
    read from out-of-fold probabilities: each fold (a half of the
    catalogues and carriers) scored by trees fitted on the other. Trees judging their own
    training candidates are surer than they will be on text they never saw. Lines and the
    tails glued after a sentence each get their own: few tails that are not furniture end
    a paragraph, and one threshold for both held the tails to the lines' doubts."""
    features = [list(row[0]) for row in rows]
    labels = [row[1] for row in rows]
    out_of_fold = [0.0] * len(rows)
    for fold in sorted(set(folds)):
        inside = [i for i, f in enumerate(folds) if f != fold]
        outside = [i for i, f in enumerate(folds) if f == fold]
        model = _trees([features[i] for i in inside], [labels[i] for i in inside])
        for i, probability in zip(
            outside, model.predict_proba([features[i] for i in outside])[:, 1], strict=True
        ):
            out_of_fold[i] = float(probability)
    glued = [row[2] for row in rows]
    thresholds = {
        (kind, precision): _threshold(
            [p for p, g in zip(out_of_fold, glued, strict=True) if g == kind],
            [label for label, g in zip(labels, glued, strict=True) if g == kind],
            precision,
        )
        for kind in (False, True)
        for precision in (PRECISION, RECALL_PRECISION)
    }
    model = _trees(features, labels)
    trees = []
    for (predictor,) in model._predictors:
        nodes = []
        for node in predictor.nodes:
            if node["is_leaf"]:
                nodes.append([float(node["value"])])
            else:
                nodes.append([int(node["feature_idx"]), float(node["num_threshold"]),
                              int(node["left"]), int(node["right"])])  # fmt: skip
        trees.append(nodes)
    probabilities = model.predict_proba(features)[:, 1]
    checks = [[features[i], float(probabilities[i])] for i in range(0, len(rows), len(rows) // 20)]
    return {
        "baseline": float(model._baseline_prediction.ravel()[0]),
        "trees": trees,
        "threshold": round(thresholds[False, PRECISION], 4),
        "glued_threshold": round(thresholds[True, PRECISION], 4),
        "recall_threshold": round(thresholds[False, RECALL_PRECISION], 4),
        "recall_glued_threshold": round(thresholds[True, RECALL_PRECISION], 4),
        "checks": checks,
    }


def _threshold(probabilities: Sequence[float], labels: Sequence[bool], precision: float) -> float:
    """The lowest probability from which the candidates ranked above it are furniture with
    ``precision`` (and at least one half)."""
    ranked = sorted(zip(probabilities, labels, strict=True), reverse=True)
    threshold, true = 0.5, 0
    for seen, (probability, label) in enumerate(ranked, 1):
        true += label
        if true / seen >= precision and probability >= 0.5:
            threshold = probability
    return threshold


def _trees(features: list[list[float]], labels: list[bool]) -> Any:
    from sklearn.ensemble import HistGradientBoostingClassifier  # type: ignore[import-untyped]

    model = HistGradientBoostingClassifier(
        max_depth=TREE_DEPTH,
        max_iter=TREES,
        learning_rate=0.1,
        early_stopping=False,
        random_state=SEED,
    )
    return model.fit(features, labels)


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirrors", type=Path, required=True, help="folder of UD mirrors")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "hygiene-catalogues")
    arguments = parser.parse_args()
    rng = random.Random(SEED)
    lexicon_sources = [s for s in SOURCES if s.role == "lexicon"]
    heldout_sources = [s for s in SOURCES if s.role == "heldout"]

    carriers: dict[str, list[list[str]]] = {}
    prose: dict[str, Counter[str]] = {}
    for language, treebanks in sorted(LEXICON.items()):
        shared = [t for t in treebanks if t.licence.startswith("CC-BY")]  # no GPL text kept
        documents = [d for t in shared for d in treebank_paragraphs(t, arguments.mirrors)]
        prose[language] = prose_counts(documents)
        carriers[language] = in_fives([paragraph for d in documents for paragraph in d])
        rng.shuffle(carriers[language])
    # Cross-fitting: the training documents of one half of the lexicon sources are read
    # with the words of the other half, as the model will meet furniture whose words its
    # lexicon half knows. The lexicon that ships is made of both halves.
    halves = (lexicon_sources[0::2], lexicon_sources[1::2])
    items = [furniture_items(half, arguments.cache) for half in halves]
    words = [lexicon(half, items[n], prose, arguments.cache) for n, half in enumerate(halves)]
    for language, pages in doc_pages(TRAINING_DOCS).items():
        carriers[language] = pages + carriers.get(language, [])
        rng.shuffle(carriers[language])
    training: list[dict[str, Any]] = []
    rows: list[tuple[tuple[float, ...], bool, bool]] = []
    folds: list[int] = []
    for n in (0, 1):
        split = {language: pool[n::2] for language, pool in carriers.items()}
        half_documents = build_documents(split, items[n], rng, DOCUMENTS_PER_LANGUAGE // 2)
        other = interface.vocabulary_of(words[1 - n])
        found = [row for document in half_documents for row in candidates(document, other)]
        rows.extend(found)
        folds.extend([n] * len(found))
        training.extend(half_documents)
    fitted = fit(rows, folds)
    everything = furniture_items(lexicon_sources, arguments.cache)
    shipped = lexicon(lexicon_sources, everything, prose, arguments.cache)
    WORDS_FILE.write_text(json.dumps(shipped, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                          encoding="utf-8")  # fmt: skip
    interface.interface_words.cache_clear()
    MODEL_FILE.write_text(
        json.dumps({"_about": "BP011's trees (benchmarks/build_furniture.py)",
                    "features": list(features.FEATURES), **fitted, "candidates": len(rows),
                    "furniture": sum(row[1] for row in rows),
                    "languages": sorted({d["language"] for d in training})},
                   separators=(",", ":"), sort_keys=True) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    in_sample = rng.sample(training, int(len(training) * IN_SAMPLE_SHARE))
    write_jsonl(CORPUS / "insample.jsonl", sorted(in_sample, key=lambda d: d["language"]))

    heldout_rng = random.Random(SEED + 1)
    heldout_items = furniture_items(heldout_sources, arguments.cache)
    heldout = [
        {**document, "carrier": carrier}
        for carrier, pool, most in (
            ("help", help_pages(), HELP_PAGES_PER_LANGUAGE),
            ("news", pud_documents(arguments.mirrors), NEWS_PER_LANGUAGE),
        )
        for document in build_documents(pool, heldout_items, heldout_rng, most)
    ]
    write_jsonl(CORPUS / "heldout.jsonl", heldout)
    scored = shipped["languages"]
    print(f"interface words: {sum(map(len, scored.values()))} in {len(scored)} languages")
    print(f"training: {len(training)} documents, {len(rows)} candidates; "
          f"thresholds {fitted['threshold']} (lines), {fitted['glued_threshold']} (glued); "
          f"favouring recall {fitted['recall_threshold']}, "
          f"{fitted['recall_glued_threshold']}")  # fmt: skip
    print(f"held out: {len(heldout)} documents")


if __name__ == "__main__":
    main()
