"""Interface strings of web applications and documentation themes, per language.

A build-time script, not part of the package. Page furniture (share buttons, cookie banners,
"Read more", "Edit this page", "Jump to navigation") is what a naive scraper leaves in an
article's text; the localisation catalogues of the software that renders those pages are the
one place where the same furniture exists, labelled, in dozens of languages. This module
downloads pinned releases of such software (PyPI wheels or sdists, npm tarballs, Debian
packages), reads their catalogues and returns (English, translation) pairs per language, plus
FURNITURE: a hand-labelled choice of which English strings are furniture, by kind.

Sources with role "lexicon" may train the vocabulary and model; "heldout" ones only test it.

    python benchmarks/furniture_catalogues.py --cache /tmp/cat --summary
"""

from __future__ import annotations

import argparse
import fnmatch
import html
import json
import re
import struct
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml  # type: ignore[import-untyped]


@dataclass(frozen=True)
class CatalogueSource:
    """One pinned release whose localisation catalogues we read."""

    name: str  # short id: "wordpress", "mediawiki", "docusaurus", ...
    registry: str  # "pypi" | "npm" | "debian"
    package: str
    version: str
    licence: str  # SPDX-ish plus holder
    role: str  # "lexicon" or "heldout"
    sdist: bool = False  # PyPI: read the source distribution (the wheel lacks the catalogues)


SOURCES: tuple[CatalogueSource, ...] = (
    # Lexicon sources (may train the vocabulary and the model) are all under permissive
    # licences: the word list derived from them ships in the wheel. The copyleft catalogues
    # are held out, used only to test (in fixtures, under their own licences).
    CatalogueSource(
        "mkdocs-material", "pypi", "mkdocs-material", "9.8.2", "MIT (Martin Donath)", "lexicon"
    ),
    CatalogueSource(
        "django",
        "pypi",
        "Django",
        "5.2.19",
        "BSD-3-Clause (Django Software Foundation and individual contributors)",
        "lexicon",
    ),
    CatalogueSource(
        "wordpress",
        "debian",
        "wordpress-l10n",
        "6.1.9+dfsg1-0+deb12u1",
        "GPL-2.0-or-later (WordPress contributors)",
        "heldout",
    ),
    CatalogueSource(
        "plone",
        "pypi",
        "plone.app.locales",
        "7.0.4",
        "GPL-2.0-only (Plone Foundation)",
        "heldout",
    ),
    CatalogueSource(
        "sphinx", "pypi", "sphinx", "9.0.4", "BSD-2-Clause (the Sphinx team)", "lexicon"
    ),
    CatalogueSource(
        "django-allauth",
        "pypi",
        "django-allauth",
        "65.22.1",
        "MIT (Raymond Penners and contributors)",
        "lexicon",
    ),
    CatalogueSource(
        "klaro",
        "npm",
        "klaro",
        "0.7.22",
        "BSD-3-Clause (KIProtect GmbH and contributors)",
        "lexicon",
    ),
    CatalogueSource(
        "dokuwiki",
        "debian",
        "dokuwiki",
        "0.0.20220731.a-2",
        "GPL-2.0-only (Andreas Gohr and the DokuWiki community)",
        "heldout",
    ),
    CatalogueSource(
        "weblate",
        "pypi",
        "weblate",
        "5.14.3",
        "GPL-3.0-or-later (Michal Čihař and contributors)",
        "heldout",
    ),
    CatalogueSource(
        "docusaurus",
        "npm",
        "@docusaurus/theme-translations",
        "3.10.2",
        "MIT (Facebook, Inc. and its affiliates)",
        "heldout",
    ),
    CatalogueSource(
        "mediawiki",
        "debian",
        "mediawiki",
        "1:1.39.17-1+deb12u2",
        "GPL-2.0-or-later (MediaWiki developers and translatewiki.net translators)",
        "heldout",
    ),
    CatalogueSource(
        "video.js",
        "npm",
        "video.js",
        "8.24.1",
        "Apache-2.0 (Video.js contributors)",
        "lexicon",
    ),
    CatalogueSource(
        "tarteaucitron", "npm", "tarteaucitronjs", "1.34.0", "MIT (AmauriC)", "heldout"
    ),
    CatalogueSource(
        "orejime", "npm", "orejime", "3.2.1", "BSD-3-Clause (DPKit; Boscop)", "heldout"
    ),
    CatalogueSource(
        "shariff",
        "npm",
        "shariff",
        "3.3.0",
        "MIT (Heise Medien GmbH & Co. KG and contributors)",
        "heldout",
    ),
    CatalogueSource(
        "sphinx-rtd-theme",
        "pypi",
        "sphinx-rtd-theme",
        "3.1.0",
        "MIT (Dave Snider, Read the Docs, Inc. & contributors)",
        "lexicon",
    ),
    CatalogueSource(
        "pydata-sphinx-theme",
        "pypi",
        "pydata-sphinx-theme",
        "0.24.0",
        "BSD-3-Clause (pandas)",
        "heldout",
    ),
    CatalogueSource(
        "wagtail",
        "pypi",
        "wagtail",
        "8.0.1",
        "BSD-3-Clause (Torchbox Ltd and individual contributors)",
        "lexicon",
    ),
    CatalogueSource(
        "django-cms",
        "pypi",
        "django-cms",
        "5.1.3",
        "BSD-3-Clause (Batiste Bieler; Divio AG; django CMS Association and contributors)",
        "lexicon",
    ),
    CatalogueSource(
        "starlight", "npm", "@astrojs/starlight", "0.42.9", "MIT (Astro contributors)", "lexicon"
    ),
    CatalogueSource(
        "vuepress-theme-hope",
        "npm",
        "vuepress-theme-hope",
        "2.0.0-rc.109",
        "MIT (Mr.Hope)",
        "lexicon",
    ),
    CatalogueSource(
        "hexo-theme-icarus", "npm", "hexo-theme-icarus", "6.1.1", "MIT (PPOffice)", "lexicon"
    ),
    CatalogueSource(
        "hexo-theme-landscape",
        "npm",
        "hexo-theme-landscape",
        "1.1.0",
        "MIT (Tommy Chen)",
        "lexicon",
    ),
    CatalogueSource(
        "honkit",
        "npm",
        "@honkit/honkit-plugin-theme-default",
        "6.2.2",
        "Apache-2.0 (azu and HonKit contributors; GitBook, Inc.)",
        "lexicon",
    ),
    CatalogueSource(
        "mediaelement", "npm", "mediaelement", "7.1.0", "MIT (MediaElement)", "lexicon"
    ),
    CatalogueSource(
        "mezzanine",
        "pypi",
        "Mezzanine",
        "6.1.1",
        "BSD-2-Clause (Stephen McDonald and individual contributors)",
        "lexicon",
    ),
    CatalogueSource(
        "django-contrib-comments",
        "pypi",
        "django-contrib-comments",
        "2.2.0",
        "BSD-3-Clause (Django Software Foundation and individual contributors)",
        "lexicon",
    ),
    CatalogueSource(
        "sphinx-book-theme",
        "pypi",
        "sphinx-book-theme",
        "1.4.0",
        "BSD-3-Clause (Chris Holdgraf)",
        "lexicon",
    ),
    CatalogueSource("trac", "pypi", "Trac", "1.6", "BSD-3-Clause (Edgewall Software)", "lexicon"),
    CatalogueSource(
        "isso", "pypi", "isso", "0.14.0", "MIT (Martin Zimmermann)", "lexicon", sdist=True
    ),
    CatalogueSource("mkdocs", "pypi", "mkdocs", "1.6.1", "BSD-2-Clause (Tom Christie)", "lexicon"),
)

# -- Downloading --------------------------------------------------------------------------

_FOLDERS = {"pypi": "pip", "npm": "npm", "debian": "deb"}


def _archive_glob(source: CatalogueSource) -> str:
    """The file name each registry's client gives the download, as a glob."""
    if source.registry == "pypi":
        stem = re.sub(r"[-_.]+", "_", source.package).lower()
        return (
            f"{stem}-{source.version}.tar.gz" if source.sdist else f"{stem}-{source.version}-*.whl"
        )
    if source.registry == "npm":
        return f"{source.package.lstrip('@').replace('/', '-')}-{source.version}.tgz"
    return f"{source.package}_{source.version.replace(':', '%3a')}_*.deb"


def _downloaded(source: CatalogueSource, folder: Path) -> list[Path]:
    """The source's downloads in folder; case aside, as older wheels keep the project's
    capitals (Trac-1.6-py3-none-any.whl)."""
    pattern = _archive_glob(source).lower()
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if fnmatch.fnmatch(path.name.lower(), pattern))


def fetch(source: CatalogueSource, cache: Path) -> Path:
    """The downloaded file, downloading it with the registry's own client when missing."""
    folder = cache / _FOLDERS[source.registry]
    if found := _downloaded(source, folder):
        return found[0]
    folder.mkdir(parents=True, exist_ok=True)
    pinned = f"{source.package}=={source.version}"
    command = {
        "pypi": [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--no-binary=:all:" if source.sdist else "--only-binary=:all:",
            pinned,
            "-d",
            str(folder),
        ],
        "npm": ["npm", "pack", "--quiet", f"{source.package}@{source.version}"],
        "debian": ["apt-get", "download", f"{source.package}={source.version}"],
    }[source.registry]
    subprocess.run(command, cwd=folder, check=True, stdout=subprocess.DEVNULL)
    found = _downloaded(source, folder)
    if not found:
        raise FileNotFoundError(f"{source.name}: no {_archive_glob(source)} in {folder}")
    return found[0]


def _members(archive: Path, pattern: str) -> Iterator[tuple[re.Match[str], bytes]]:
    """Files inside a wheel, sdist, npm tarball or .deb whose path matches, without unpacking
    it all.

    Paths are given relative to the package: no "package/" (npm), "name-version/" (sdist) or
    "./" (deb) prefix.
    """
    wanted = re.compile(pattern)
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as wheel:
            for name in sorted(wheel.namelist()):
                if match := wanted.search(name):
                    yield match, wheel.read(name)
        return
    if archive.name.endswith((".tgz", ".tar.gz")):
        with tarfile.open(archive, "r:gz") as tarball:
            for member in tarball.getmembers():
                name = member.name.partition("/")[2]
                if member.isfile() and (match := wanted.search(name)):
                    extracted = tarball.extractfile(member)
                    if extracted is not None:
                        yield match, extracted.read()
        return
    # A .deb: dpkg-deb streams the data archive whatever its compression.
    with subprocess.Popen(
        ["dpkg-deb", "--fsys-tarfile", str(archive)], stdout=subprocess.PIPE
    ) as process:
        assert process.stdout is not None
        with tarfile.open(fileobj=process.stdout, mode="r|") as stream:
            for member in stream:
                name = member.name.removeprefix("./")
                if member.isfile() and (match := wanted.search(name)):
                    extracted = stream.extractfile(member)
                    if extracted is not None:
                        yield match, extracted.read()
    if process.returncode:
        raise RuntimeError(f"dpkg-deb failed on {archive}")


# -- Catalogue formats --------------------------------------------------------------------


@dataclass
class _Catalogue:
    """What a reader finds: the source's English strings and raw per-locale pairs."""

    english: list[str] = field(default_factory=list)
    pairs: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def add(self, locale: str, items: Iterable[tuple[str, str]]) -> None:
        self.pairs.setdefault(locale, []).extend(items)


@dataclass
class _PoEntry:
    msgid: str
    msgstr: str  # the first plural form
    fuzzy: bool
    default: str  # Zope's '#. Default: "..."', the English text of a message id


_PO_ESCAPES = {"n": "\n", "t": "\t", "r": "", '"': '"', "\\": "\\"}


def _po_string(quoted: str) -> str:
    """The text of one quoted .po line, C escapes resolved."""
    body = quoted.strip()[1:-1]
    return re.sub(r"\\(.)", lambda m: _PO_ESCAPES.get(m.group(1), m.group(1)), body)


def _decode(data: bytes) -> str:
    """Text in the charset a .po header names (a few are GB2312 or Big5), else UTF-8."""
    declared = re.search(rb"charset=([A-Za-z0-9_.:-]+)", data[:4000])
    codec = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        return data.decode(codec).lstrip("\ufeff")
    except (LookupError, UnicodeDecodeError):
        return data.decode("utf-8", "replace").lstrip("\ufeff")


def _po_entries(text: str) -> list[_PoEntry]:
    """Entries of a gettext .po file; obsolete (#~) ones are left out."""
    entries: list[_PoEntry] = []
    fields: dict[str, list[str]] = {}
    current = ""
    fuzzy = False
    default = ""

    def flush() -> None:
        nonlocal fields, current, fuzzy, default
        if "msgid" in fields:
            msgstr = fields.get("msgstr", fields.get("msgstr[0]", []))
            entries.append(_PoEntry("".join(fields["msgid"]), "".join(msgstr), fuzzy, default))
        fields, current, fuzzy, default = {}, "", False, ""

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            if not line and fields:
                flush()
            continue
        if line.startswith("#"):
            if any(key.startswith("msgstr") for key in fields):
                flush()
            if line.startswith("#,"):
                fuzzy = "fuzzy" in line
            elif found := re.match(r'#\.\s*Default:\s*(".*")\s*$', line):
                default = _po_string(found.group(1))
            continue
        if line.startswith('"'):
            if current:
                fields[current].append(_po_string(line))
            continue
        keyword, _, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and any(key.startswith("msgstr") for key in fields):
            flush()
        current = keyword
        fields[current] = [_po_string(rest)]
    flush()
    return entries


def _mo_pairs(data: bytes) -> list[tuple[str, str]]:
    """(msgid, first translation) from a compiled .mo file, context and plurals dropped."""
    order = "<" if struct.unpack("<I", data[:4])[0] == 0x950412DE else ">"
    count, originals, translations = struct.unpack(order + "3I", data[8:20])
    pairs = []
    for index in range(count):
        length, offset = struct.unpack(
            order + "2I", data[originals + 8 * index : originals + 8 * index + 8]
        )
        key = data[offset : offset + length].decode("utf-8", "replace")
        length, offset = struct.unpack(
            order + "2I", data[translations + 8 * index : translations + 8 * index + 8]
        )
        value = data[offset : offset + length].decode("utf-8", "replace")
        if key:
            pairs.append((key.split("\x04")[-1].split("\x00")[0], value.split("\x00")[0]))
    return pairs


_JS_ESCAPES = {"n": "\n", "t": "\t", "r": "", "b": "", "f": "", "v": "", "0": ""}


class _JsLiteral:
    """Reads one JavaScript object literal: just the grammar translation tables use."""

    def __init__(self, text: str, position: int) -> None:
        self.text = text
        self.position = position

    def parse(self) -> object:
        return self._value()

    def _skip(self) -> None:
        while self.position < len(self.text):
            rest = self.text[self.position : self.position + 2]
            if self.text[self.position].isspace():
                self.position += 1
            elif rest == "//":
                end = self.text.find("\n", self.position)
                self.position = len(self.text) if end < 0 else end
            elif rest == "/*":
                self.position = self.text.index("*/", self.position) + 2
            else:
                return

    def _value(self) -> object:
        self._skip()
        char = self.text[self.position]
        if char == "{":
            return self._object()
        if char == "[":
            return self._array()
        if char in "\"'`":
            text = self._string()
            self._skip()
            while self.text.startswith("+", self.position):  # "a" + "b"
                self.position += 1
                self._skip()
                text += self._string()
                self._skip()
            return text
        token = re.compile(r"[\w.$+-]+").match(self.text, self.position)
        if token is None:
            raise ValueError(f"unexpected {char!r} at {self.position}")
        self.position = token.end()
        words: dict[str, object] = {"true": True, "false": False, "null": None}
        if token.group() in words or token.group() == "undefined":
            return words.get(token.group())
        try:
            return float(token.group())
        except ValueError:
            raise ValueError(f"not a literal: {token.group()!r}") from None

    def _string(self) -> str:
        quote = self.text[self.position]
        self.position += 1
        parts = []
        while (char := self.text[self.position]) != quote:
            if char == "\\":
                escaped = self.text[self.position + 1]
                if escaped == "u":
                    parts.append(chr(int(self.text[self.position + 2 : self.position + 6], 16)))
                    self.position += 6
                    continue
                if escaped == "x":
                    parts.append(chr(int(self.text[self.position + 2 : self.position + 4], 16)))
                    self.position += 4
                    continue
                parts.append("" if escaped == "\n" else _JS_ESCAPES.get(escaped, escaped))
                self.position += 2
                continue
            parts.append(char)
            self.position += 1
        self.position += 1
        return "".join(parts)

    def _object(self) -> dict[str, object]:
        self.position += 1
        result: dict[str, object] = {}
        while True:
            self._skip()
            if self.text[self.position] == "}":
                self.position += 1
                return result
            if self.text[self.position] in "\"'":
                key = self._string()
            else:
                name = re.compile(r"[\w$]+").match(self.text, self.position)
                if name is None:
                    raise ValueError(f"no key at {self.position}")
                key = name.group()
                self.position = name.end()
            self._skip()
            if self.text[self.position] != ":":
                raise ValueError(f"no ':' after {key!r}")
            self.position += 1
            result[key] = self._value()
            self._skip()
            if self.text[self.position] == ",":
                self.position += 1

    def _array(self) -> list[object]:
        self.position += 1
        result: list[object] = []
        while True:
            self._skip()
            if self.text[self.position] == "]":
                self.position += 1
                return result
            result.append(self._value())
            self._skip()
            if self.text[self.position] == ",":
                self.position += 1


def _flatten(tree: object, prefix: str = "") -> dict[str, str]:
    """Nested tables as {"a.b.c": text}; only string leaves count."""
    if isinstance(tree, str):
        return {prefix: tree}
    if not isinstance(tree, dict):
        return {}
    flat: dict[str, str] = {}
    for key, value in tree.items():
        flat.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    return flat


def _keyed(tables: dict[str, dict[str, str]], english: str) -> _Catalogue:
    """A catalogue from key -> text tables, one of which (english) is the source."""
    source = tables.get(english, {})
    catalogue = _Catalogue(english=list(source.values()))
    for locale, table in tables.items():
        if locale != english:
            catalogue.add(locale, ((source[k], v) for k, v in table.items() if k in source))
    return catalogue


def _php_strings(text: str) -> dict[str, str]:
    """$lang['a']['b'] = 'text' . "text"; assignments of a DokuWiki lang.php."""
    table: dict[str, str] = {}
    for assignment in re.finditer(r"^\$lang((?:\[\s*'[^']*'\s*\])+)\s*=\s*", text, re.M):
        key = ".".join(re.findall(r"'([^']*)'", assignment.group(1)))
        position, parts = assignment.end(), []
        while True:
            piece = re.compile(r"\s*('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")\s*").match(
                text, position
            )
            if piece is None:
                break
            quoted, position = piece.group(1), piece.end()
            body = quoted[1:-1]
            if quoted[0] == "'":
                parts.append(re.sub(r"\\(['\\])", r"\1", body))
            else:
                parts.append(re.sub(r"\\(.)", lambda m: _PO_ESCAPES.get(m[1], m[1]), body))
            if text.startswith(".", position):
                position += 1
                continue
            break
        if parts and text.startswith(";", position):
            table[key] = "".join(parts)
    return table


# -- Readers, one per source ---------------------------------------------------------------

_LOCALE = r"([^/]+)"


def _gettext_reader(pattern: str) -> Callable[[Path], _Catalogue]:
    """Django and Sphinx catalogues: the msgid is the English text."""

    def read(archive: Path) -> _Catalogue:
        catalogue = _Catalogue()
        for match, data in _members(archive, pattern):
            entries = _po_entries(_decode(data))
            catalogue.english.extend(entry.msgid for entry in entries if entry.msgid)
            catalogue.add(
                match.group(1),
                ((e.msgid, e.msgstr) for e in entries if e.msgid and e.msgstr and not e.fuzzy),
            )
        return catalogue

    return read


_IDENTIFIER = re.compile(r"[A-Za-z0-9]+(?:[_.][A-Za-z0-9]+)+|[a-z]+[A-Z][A-Za-z0-9]*")


def _read_plone(archive: Path) -> _Catalogue:
    """Plone's msgids are often ids ("read_more"): the English is the en catalogue's
    msgstr, else the '#. Default:' comment, else the msgid when it reads as text."""
    entries = {
        match.group(1): _po_entries(_decode(data))
        for match, data in _members(
            archive, rf"^plone/app/locales/locales/{_LOCALE}/LC_MESSAGES/plone\.po$"
        )
    }
    english: dict[str, str] = {}
    for entry in entries.get("en", []):
        if entry.msgstr and not entry.fuzzy:
            english[entry.msgid] = entry.msgstr
    for locale_entries in entries.values():
        for entry in locale_entries:
            if entry.msgid and entry.msgid not in english:
                if entry.default:
                    english[entry.msgid] = entry.default
                elif not _IDENTIFIER.fullmatch(entry.msgid):
                    english[entry.msgid] = entry.msgid
    catalogue = _Catalogue(english=list(english.values()))
    for locale, locale_entries in entries.items():
        catalogue.add(
            locale,
            (
                (english[e.msgid], e.msgstr)
                for e in locale_entries
                if e.msgid in english and e.msgstr and not e.fuzzy
            ),
        )
    return catalogue


def _read_wordpress(archive: Path) -> _Catalogue:
    """WordPress core's front-end text domain (<locale>.mo, not admin-* or continents-*)."""
    catalogue = _Catalogue()
    for match, data in _members(
        archive, r"^usr/share/wordpress/wp-content/languages/([A-Za-z_]+)\.mo$"
    ):
        pairs = _mo_pairs(data)
        catalogue.english.extend(key for key, _ in pairs)
        catalogue.add(match.group(1), pairs)
    return catalogue


def _read_mediawiki(archive: Path) -> _Catalogue:
    """Core messages, the Vector skin and CiteThisPage; qqq (documentation) is not a language."""
    tables: dict[str, dict[str, str]] = {}
    pattern = (
        r"^usr/share/mediawiki/(?:languages/i18n|skins/Vector/i18n|"
        r"extensions-core/CiteThisPage/i18n)/([^/]+)\.json$"
    )
    for match, data in _members(archive, pattern):
        messages = json.loads(data)
        table = tables.setdefault(match.group(1), {})
        for key, value in messages.items():
            if isinstance(value, str) and not key.startswith("@") and "." not in key:
                table[key] = value
    tables.pop("qqq", None)
    return _keyed(tables, "en")


def _read_mkdocs(archive: Path) -> _Catalogue:
    """Material for MkDocs: a Jinja macro per language wrapping a "key": "text" table."""
    tables: dict[str, dict[str, str]] = {}
    for match, data in _members(archive, r"^material/templates/partials/languages/([^/]+)\.html$"):
        table = tables.setdefault(match.group(1), {})
        for line in re.finditer(r'^\s*"([^"]+)":\s*("(?:[^"\\]|\\.)*")', data.decode(), re.M):
            key = line.group(1)
            if key not in ("language", "direction") and not key.startswith("search.config"):
                table[key] = json.loads(line.group(2))
    return _keyed(tables, "en")


def _read_docusaurus(archive: Path) -> _Catalogue:
    """Docusaurus theme JSON: "base" is the English; "a|b" plurals keep the first form
    (no other message uses "|")."""
    tables: dict[str, dict[str, str]] = {}
    for match, data in _members(archive, r"^locales/([^/]+)/[^/]+\.json$"):
        table = tables.setdefault(match.group(1), {})
        for key, value in json.loads(data).items():
            if isinstance(value, str) and not key.endswith("___DESCRIPTION"):
                table[key] = value.split("|")[0]
    return _keyed(tables, "base")


def _read_videojs(archive: Path) -> _Catalogue:
    """Video.js: each language's JSON is keyed by the English text itself."""
    tables = {
        match.group(1): {k: v for k, v in json.loads(data).items() if isinstance(v, str)}
        for match, data in _members(archive, r"^dist/lang/([^/]+)\.json$")
    }
    return _keyed(tables, "en")


def _read_tarteaucitron(archive: Path) -> _Catalogue:
    """tarteaucitron.js: one `tarteaucitron.lang = {...}` object per language file."""
    tables = {}
    for match, data in _members(archive, r"^lang/tarteaucitron\.([a-z]+)\.js$"):
        text = data.decode()
        start = text.index("{", text.index("tarteaucitron.lang"))
        tables[match.group(1)] = _flatten(_JsLiteral(text, start).parse())
    return _keyed(tables, "en")


def _read_klaro(archive: Path) -> _Catalogue:
    """Klaro YAML; a "key_en" entry is an English placeholder for an untranslated key."""
    tables = {}
    for match, data in _members(archive, r"^src/translations/([a-z_]+)\.yml$"):
        flat = _flatten(yaml.safe_load(data))
        tables[match.group(1)] = {k: v for k, v in flat.items() if not k.endswith("_en")}
    return _keyed(tables, "en")


def _read_orejime(archive: Path) -> _Catalogue:
    """Orejime ships one minified bundle per language; its table starts at {banner:{."""
    tables = {}
    for match, data in _members(archive, r"^dist/orejime-standard-([a-z]+)\.js$"):
        text = data.decode()
        tables[match.group(1)] = _flatten(_JsLiteral(text, text.index("{banner:{")).parse())
    return _keyed(tables, "en")


def _read_shariff(archive: Path) -> _Catalogue:
    """Shariff: each service's title and shareText are {language: text} objects."""
    catalogue = _Catalogue()
    for _, data in _members(archive, r"^src/js/services/[^/]+\.js$"):
        text = data.decode()
        for found in re.finditer(r"\b(?:title|shareText)\s*:\s*\{", text):
            table = _flatten(_JsLiteral(text, found.end() - 1).parse())
            english = table.get("en", "")
            if english:
                catalogue.english.append(english)
                for locale, translation in table.items():
                    if locale != "en":
                        catalogue.add(locale, [(english, translation)])
    return catalogue


def _read_dokuwiki(archive: Path) -> _Catalogue:
    """DokuWiki core: inc/lang/<code>/lang.php PHP arrays."""
    tables = {
        match.group(1): {
            key: text
            for key, text in _php_strings(data.decode("utf-8", "replace")).items()
            if key not in ("encoding", "direction")
        }
        for match, data in _members(archive, r"^usr/share/dokuwiki/inc/lang/([^/]+)/lang\.php$")
    }
    return _keyed(tables, "en")


def _mo_reader(pattern: str, plain: Callable[[str], str] = str) -> Callable[[Path], _Catalogue]:
    """Compiled gettext catalogues (the wheel has no .po): the msgid is the English text;
    plain() takes a format's own markup out of both sides first."""

    def read(archive: Path) -> _Catalogue:
        catalogue = _Catalogue()
        for match, data in _members(archive, pattern):
            pairs = [(plain(key), plain(value)) for key, value in _mo_pairs(data)]
            catalogue.english.extend(key for key, _ in pairs)
            catalogue.add(match.group(1), pairs)
        return catalogue

    return read


_GENSHI_MARK = re.compile(r"\[\d+:([^\[\]]*)\]")


def _genshi_text(text: str) -> str:
    """Trac's messages mark their markup the Genshi way, [1:text] (nested too): the text."""
    while (simpler := _GENSHI_MARK.sub(r"\1", text)) != text:
        text = simpler
    return text


def _js_tables(archive: Path, pattern: str, start: str) -> dict[str, dict[str, str]]:
    """One object literal per matching file, the one whose "{" ends the first match of
    `start`, flattened; the file name (group 1) is the locale and a list of plural forms
    keeps the first."""
    tables = {}
    for match, data in _members(archive, pattern):
        text = data.decode()
        found = re.search(start, text)
        if found is None:
            raise ValueError(f"no {start!r} in {match.group()}")
        tree = _JsLiteral(text, found.end() - 1).parse()
        assert isinstance(tree, dict)
        first = {k: v[0] if isinstance(v, list) and v else v for k, v in tree.items()}
        tables[match.group(1)] = _flatten(first)
    return tables


def _read_starlight(archive: Path) -> _Catalogue:
    """Starlight: each dist/translations/<locale>.js is its JSON catalogue as an object."""
    tables = _js_tables(
        archive, r"^dist/translations/([a-z]{2,3}(?:-[A-Z]{2})?)\.js$", r"_default = \{"
    )
    return _keyed(tables, "en")


def _read_vuepress_hope(archive: Path) -> _Catalogue:
    """VuePress Theme Hope bundles its locales (src/node/locales/*.ts) into the node entry;
    each object names its language in `lang` (de-AT, pt-BR); arrays (404 quips) are left out,
    as is the language's own name."""
    tables = {}
    for _, data in _members(archive, r"^dist/node/index\.js$"):
        text = data.decode()
        for found in re.finditer(r"//#region src/node/locales/\w+\.ts\nconst \w+ = \{", text):
            table = _flatten(_JsLiteral(text, found.end() - 1).parse())
            locale = table.pop("lang")
            table.pop("navbarLocales.langName", None)
            tables[locale] = table
    return _keyed(tables, "en-US")


def _read_hexo(archive: Path) -> _Catalogue:
    """Hexo themes: languages/<locale>.yml, nested; the per-locale links (de.yml -> de-DE.yml,
    default.yml -> en.yml) are not files and are skipped."""
    tables = {
        match.group(1): _flatten(yaml.safe_load(data))
        for match, data in _members(archive, r"^languages/([^/]+)\.yml$")
    }
    return _keyed(tables, "en")


def _read_honkit(archive: Path) -> _Catalogue:
    """HonKit's default theme: _i18n/<locale>.json, flat."""
    tables = {
        match.group(1): _flatten(json.loads(data))
        for match, data in _members(archive, r"^_i18n/([^/]+)\.json$")
    }
    return _keyed(tables, "en")


def _read_mediaelement(archive: Path) -> _Catalogue:
    """MediaElement.js: src/js/languages/<locale>.js, one `'mejs.key': text` object each."""
    return _keyed(_js_tables(archive, r"^src/js/languages/([^/]+)\.js$", r" = \{"), "en")


def _read_isso(archive: Path) -> _Catalogue:
    """Isso (sdist only): isso/js/app/i18n/<locale>.js; plural forms are "one\\nmany" (the
    first is kept); placeholder values ("John Doe") are examples, not translations."""
    tables = {
        locale: {
            key: text.split("\n")[0]
            for key, text in table.items()
            if not key.endswith("-placeholder")
        }
        for locale, table in _js_tables(
            archive, r"^isso/js/app/i18n/([^/]+)\.js$", r"module\.exports\s*=\s*\{"
        ).items()
    }
    return _keyed(tables, "en")


_READERS: dict[str, Callable[[Path], _Catalogue]] = {
    "mkdocs-material": _read_mkdocs,
    "wordpress": _read_wordpress,
    "plone": _read_plone,
    "sphinx": _gettext_reader(rf"^sphinx/locale/{_LOCALE}/LC_MESSAGES/sphinx\.po$"),
    "django-allauth": _gettext_reader(rf"^allauth/locale/{_LOCALE}/LC_MESSAGES/django\.po$"),
    "klaro": _read_klaro,
    "dokuwiki": _read_dokuwiki,
    "weblate": _gettext_reader(rf"^weblate/locale/{_LOCALE}/LC_MESSAGES/django(?:js)?\.po$"),
    "docusaurus": _read_docusaurus,
    "mediawiki": _read_mediawiki,
    "video.js": _read_videojs,
    "tarteaucitron": _read_tarteaucitron,
    "orejime": _read_orejime,
    "shariff": _read_shariff,
    "sphinx-rtd-theme": _gettext_reader(
        rf"^sphinx_rtd_theme/locale/{_LOCALE}/LC_MESSAGES/sphinx\.po$"
    ),
    "pydata-sphinx-theme": _gettext_reader(
        rf"^pydata_sphinx_theme/locale/{_LOCALE}/LC_MESSAGES/sphinx\.po$"
    ),
    "wagtail": _gettext_reader(
        rf"^wagtail/(?:[\w/]+/)?locale/{_LOCALE}/LC_MESSAGES/django(?:js)?\.po$"
    ),
    "django-cms": _gettext_reader(rf"^cms/locale/{_LOCALE}/LC_MESSAGES/django(?:js)?\.po$"),
    "starlight": _read_starlight,
    "vuepress-theme-hope": _read_vuepress_hope,
    "hexo-theme-icarus": _read_hexo,
    "hexo-theme-landscape": _read_hexo,
    "honkit": _read_honkit,
    "mediaelement": _read_mediaelement,
    "mezzanine": _gettext_reader(rf"^mezzanine/\w+/locale/{_LOCALE}/LC_MESSAGES/django\.po$"),
    "django-contrib-comments": _gettext_reader(
        rf"^django_comments/locale/{_LOCALE}/LC_MESSAGES/django\.po$"
    ),
    "sphinx-book-theme": _gettext_reader(
        r"^sphinx_book_theme/theme/sphinx_book_theme/static/locales/"
        rf"{_LOCALE}/LC_MESSAGES/booktheme\.po$"
    ),
    # The web interface; tracini.mo documents the trac.ini options.
    "trac": _mo_reader(rf"^trac/locale/{_LOCALE}/LC_MESSAGES/messages\.mo$", _genshi_text),
    "isso": _read_isso,
    "mkdocs": _mo_reader(rf"^mkdocs/themes/\w+/locales/{_LOCALE}/LC_MESSAGES/messages\.mo$"),
    # The admin only: Django's core catalogue is language names, months and field types.
    "django": _gettext_reader(
        rf"^django/contrib/admin/locale/{_LOCALE}/LC_MESSAGES/django(?:js)?\.po$"
    ),
}

# -- Cleaning -----------------------------------------------------------------------------

_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>", re.S)
_PRINTF = re.compile(r"%(?:\([^)]*\))?(?:\d+\$)?[-+0#]*\d*(?:\.\d+)?(?:ll|l|h)?[sdifuxXeEgGcr]")
_BRACES = re.compile(r"\$?\{[^{}]*\}")
_OTHER_PLACEHOLDERS = re.compile(r"\$\d+|%\d+\b|%[A-Za-z_]+%|@[A-Z][A-Z_]*@|(?<!\S)#(?!\S)")
_HOLE = "\x00"  # where a placeholder was, until the quotes or brackets around it go too
_QUOTED_HOLE = re.compile(r"[\"'“”„«»‘’‹›「『(\[]\s*(?:\x00\s*)+[\"'“”«»’‘›‹」』)\]]")
_AMPERSAND_KEY = re.compile(r"(?<![^\s(])&(?=[^\W\d_])(?![A-Za-z]+;|#\d+;)")
_UNDERSCORE_KEY = re.compile(r"(?<![^\s(])_(?=[^\W\d_])")
_WIKI_LINK = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")
_WIKI_TEMPLATE = re.compile(r"\{\{([^{}]*)\}\}")


def _wiki_template(match: re.Match[str]) -> str:
    """{{PLURAL:$1|one|many}} and {{GENDER:..|a|b}} keep the first form; others
    ({{SITENAME}}, {{int:...}}) are placeholders."""
    name, _, rest = match.group(1).partition(":")
    forms = rest.split("|")
    if name.strip().upper() in ("PLURAL", "GENDER"):
        return forms[1] if len(forms) > 1 else ""
    if name.strip().upper() == "GRAMMAR":
        return forms[-1]
    return _HOLE


def _wikitext(text: str) -> str:
    """MediaWiki messages: links, templates and bold/italic quotes to plain text.

    Links go first, as a template may hold one ({{GENDER:$1|[[User:$1|$1]]}}), and again
    after, as a link may hold a template.
    """
    text = _WIKI_LINK.sub(r"\1", text)
    while (simpler := _WIKI_TEMPLATE.sub(_wiki_template, text)) != text:
        text = simpler
    text = _WIKI_LINK.sub(r"\1", text)
    text = re.sub(r"\[(?:(?:https?:)?//\S+|\$\d+)\s+([^\]]*)\]", r"\1", text)
    text = re.sub(r"\[(?:(?:https?:)?//\S+|\$\d+)\]", "", text)
    return re.sub(r"'{2,}", "", text)


def clean(text: str, wiki: bool = False) -> str:
    """Plain interface text: no markup, placeholders, accelerators or stray white space.

    An empty result means the string has nothing to match in a page (no letter left).
    """
    text = text.replace(_HOLE, "")
    if wiki:
        text = _wikitext(text)
    text = _TAG.sub(" ", text)
    # An accelerator is "clearly" one when it is the only & or _ in a short label.
    if len(text) <= 40 and text.count("&") == 1:
        text = _AMPERSAND_KEY.sub("", text)
    if len(text) <= 40 and text.count("_") == 1:
        text = _UNDERSCORE_KEY.sub("", text)
    # Escaped markup ("&lt;em&gt;") is markup once unescaped.
    text = _TAG.sub(" ", html.unescape(text))
    text = _PRINTF.sub(_HOLE, text).replace("%%", "%")
    text = text.replace("{{", "{").replace("}}", "}")
    while (simpler := _BRACES.sub(_HOLE, text)) != text:
        text = simpler
    text = _OTHER_PLACEHOLDERS.sub(_HOLE, text)
    while (simpler := _QUOTED_HOLE.sub(_HOLE, text)) != text:  # ("$1") as a whole
        text = simpler
    text = text.replace(_HOLE, "")
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r" ([,.;:!?)\]»”])", r"\1", text).replace("( ", "(")
    text = re.sub(r"[,;:]+(?=[.!?])", "", text)
    text = re.sub(r"^[\s,;.:]+|[\s,;]+$", "", text)
    return text if any(char.isalpha() for char in text) else ""


# -- Languages ----------------------------------------------------------------------------

_ALIASES = {
    "no": "nb", "iw": "he", "in": "id", "ji": "yi", "jw": "jv", "mo": "ro", "np": "ne",
    "cn": "zh", "deu": "de", "fra": "fr", "spa": "es", "ita": "it", "por": "pt", "rus": "ru",
    "zho": "zh", "cmn": "zh", "jpn": "ja", "kor": "ko", "ara": "ar", "nld": "nl", "swe": "sv",
    "nob": "nb", "nno": "nn", "pol": "pl", "tur": "tr", "ukr": "uk", "ces": "cs", "ell": "el",
}  # fmt: skip
# Codes whose second part is not a region or script but names another language.
_COMPOUND = {"map-bms", "roa-tara", "cbk-zam"}
# A source's own misuse of a code (tarteaucitron's "se" is Swedish, Plone's "fu" Friulian,
# Icarus's "vn" Vietnamese).
_OVERRIDES = {
    "tarteaucitron": {"se": "sv"},
    "plone": {"fu": "fur"},
    "hexo-theme-icarus": {"vn": "vi"},
}


def _language(locale: str) -> str | None:
    """The language of a locale name (pt_BR, zh-Hant, sr@latin, es_419); None for English
    and for what is not a language (qqq, private use)."""
    code = locale.lower().split(".")[0].split("@")[0].replace("_", "-")
    if code in _COMPOUND:
        return code
    language = code.split("-")[0]
    language = _ALIASES.get(language, language)
    if language in ("en", "base", "qqq", "qqx", "und", "mul", "zxx") or re.fullmatch(
        r"q[a-t][a-z]", language
    ):
        return None
    return language if re.fullmatch(r"[a-z]{2,3}", language) else None


def _mostly_latin(pairs: list[tuple[str, str]]) -> bool:
    """Serbian catalogues do not always say their script; the letters do."""
    latin = cyrillic = 0
    for _, translation in pairs:
        for char in translation:
            if "a" <= char.lower() <= "z" or "\u00c0" <= char <= "\u024f":
                latin += 1
            elif "\u0400" <= char <= "\u04ff":
                cyrillic += 1
    return latin > cyrillic


def _unique(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Pairs in first-seen order, once each (catalogues repeat a message under contexts)."""
    return list(dict.fromkeys(pairs))


def strings(source: CatalogueSource, cache: Path) -> dict[str, list[tuple[str, str]]]:
    """language code -> [(English source string, translated string)], translations only.

    Untranslated, empty and fuzzy entries are skipped, as are multi-word translations equal
    to the English (a copied fallback, not a translation). "en" maps each English string to
    itself. Codes are ISO 639-1 where one exists, else ISO 639-3; of several variants of a
    language (pt-BR and pt-PT, kk-Cyrl and kk-Latn) the one with most entries is kept, and
    Serbian in Latin script is dropped (the Cyrillic is kept).
    """
    catalogue = _READERS[source.name](fetch(source, cache))
    wiki = source.name == "mediawiki"
    english = list(dict.fromkeys(filter(None, (clean(text, wiki) for text in catalogue.english))))
    overrides = _OVERRIDES.get(source.name, {})
    variants: dict[str, list[list[tuple[str, str]]]] = {}
    for locale, raw in catalogue.pairs.items():
        language = _language(overrides.get(locale, locale))
        if language is None:
            continue
        pairs = []
        for english_text, translated in raw:
            key, value = clean(english_text, wiki), clean(translated, wiki)
            if key and value and not (value == key and " " in key):
                pairs.append((key, value))
        if pairs and not (language == "sr" and _mostly_latin(pairs)):
            variants.setdefault(language, []).append(_unique(pairs))
    result = {"en": [(text, text) for text in english]}
    for language, found in sorted(variants.items()):
        result[language] = max(found, key=len)
    return result


# -- Furniture ----------------------------------------------------------------------------

# Picked by hand from each source's English strings (as strings() cleans them): what a reader
# of an article would not count as its text when a scraper leaves it in. Application and admin
# messages (errors, form validation, bulk actions) are left out even where they are labels.
# Kinds: share, comments, read-more, subscribe, consent, navigation, docs-navigation,
# edit-source, print-email, media, meta, related, tags, account, search.
FURNITURE: dict[str, dict[str, str]] = {
    "django": {
        "Skip to main content": "navigation",
        "Toggle navigation": "navigation",
        "Breadcrumbs": "navigation",
        "Home": "navigation",
        "View site": "navigation",
        "View on site": "navigation",
        "Documentation": "navigation",
        "Show all": "navigation",
        "Log in": "account",
        "Log out": "account",
        "Log in again": "account",
        "Change password": "account",
        "Forgotten your password or username?": "account",
        "Welcome": "account",
        "Search": "search",
        "Thanks for using our site!": "meta",
    },
    "mkdocs-material": {
        "Edit this page": "edit-source",
        "View source of this page": "edit-source",
        "Go to repository": "edit-source",
        "Skip to content": "navigation",
        "Back to top": "navigation",
        "Navigation": "navigation",
        "Select language": "navigation",
        "Archive": "navigation",
        "Back to index": "navigation",
        "Next": "docs-navigation",
        "Previous": "docs-navigation",
        "Table of contents": "docs-navigation",
        "Select version": "docs-navigation",
        "Continue reading": "read-more",
        "Related links": "related",
        "Categories": "tags",
        "Comments": "comments",
        "Share": "share",
        "RSS feed": "subscribe",
        "RSS feed of updated content": "subscribe",
        "Accept": "consent",
        "Reject": "consent",
        "Manage settings": "consent",
        "Search": "search",
        "Type to start searching": "search",
        "Initializing search": "search",
        "1 min read": "meta",
        "min read": "meta",
        "Metadata": "meta",
        "Authors": "meta",
        "Contributors": "meta",
        "Last update": "meta",
    },
    "wordpress": {
        "Leave a Reply": "comments",
        "Leave a Reply to": "comments",
        "Leave a Comment": "comments",
        "Leave a comment": "comments",
        "Cancel reply": "comments",
        "Post Comment": "comments",
        "Reply": "comments",
        "Reply to": "comments",
        "Log in to Reply": "comments",
        "Comments are closed.": "comments",
        "Your email address will not be published.": "comments",
        "Required fields are marked": "comments",
        "Logged in as. Log out?": "comments",
        "Comments": "comments",
        "No Comments": "comments",
        "1 Comment": "comments",
        "One response to": "comments",
        "One Response to": "comments",
        "Comments navigation": "comments",
        "Older comments": "comments",
        "Newer comments": "comments",
        "Continue reading": "read-more",
        "Read more": "read-more",
        "Read more...": "read-more",
        "Post navigation": "navigation",
        "Posts navigation": "navigation",
        "Older posts": "navigation",
        "Newer posts": "navigation",
        "Next Post": "navigation",
        "Previous Post": "navigation",
        "Next page": "navigation",
        "Previous page": "navigation",
        "Menu": "navigation",
        "Home": "navigation",
        "Search": "search",
        "Search for:": "search",
        "Search …": "search",
        "Search Results for": "search",
        "Published": "meta",
        "Last updated": "meta",
        "Last updated:": "meta",
        "Powered by WordPress": "meta",
        "is proudly powered by": "meta",
        "Tags": "tags",
        "Tags:": "tags",
        "Categories": "tags",
        "Filed under:": "tags",
        "Tag Cloud": "tags",
        "tagged with": "tags",
        "View all posts in": "tags",
        "View all posts filed under": "tags",
        "Recent Posts": "related",
        "Recent Comments": "related",
        "Archives": "related",
        "Comments Feed": "subscribe",
        "Entries RSS": "subscribe",
        "Comments RSS": "subscribe",
        "Entries (RSS)": "subscribe",
        "Comments (RSS)": "subscribe",
        "Log in": "account",
        "Log In": "account",
        "Log out": "account",
        "Log Out": "account",
        "Register": "account",
        "Meta": "account",
        "Edit": "edit-source",
        "Print": "print-email",
        "Email": "print-email",
        "Audio": "media",
        "Video": "media",
        "Gallery": "media",
        "Play": "media",
        "Pause": "media",
        "Mute": "media",
        "Unmute": "media",
        "Download File": "media",
    },
    "plone": {
        "Accessibility": "navigation",
        "Contact": "navigation",
        "Site Map": "navigation",
        "Site map": "navigation",
        "Home": "navigation",
        "Navigation": "navigation",
        "Toggle navigation": "navigation",
        "Menu": "navigation",
        "Next:": "navigation",
        "Previous:": "navigation",
        "Next items": "navigation",
        "Previous items": "navigation",
        "Log in": "account",
        "Log out": "account",
        "Register": "account",
        "Forgot your password?": "account",
        "Sign up here": "account",
        "Document Actions": "print-email",
        "Print this": "print-email",
        "Print this page": "print-email",
        "Send this page to somebody": "print-email",
        "Send this page to someone": "print-email",
        "filed under:": "tags",
        "Tags": "tags",
        "Category": "tags",
        "Related Items": "related",
        "Related content": "related",
        "Read More…": "read-more",
        "More news…": "read-more",
        "More…": "read-more",
        "last modified": "meta",
        "Last modified": "meta",
        "published": "meta",
        "by, last updated:": "meta",
        "Powered by Plone": "meta",
        "Comments": "comments",
        "Add comment": "comments",
        "Log in to add comments": "comments",
        "Comments are moderated.": "comments",
        "Commenting has been disabled.": "comments",
        "Search Site": "search",
        "Search this site": "search",
        "Search": "search",
        "Search results": "search",
        "RSS feed": "subscribe",
        "Subscribe to an always-updated RSS feed.": "subscribe",
        "View full-size image": "media",
        "View Image Fullscreen": "media",
        "Edit": "edit-source",
    },
    "sphinx": {
        "Navigation": "docs-navigation",
        "Previous topic": "docs-navigation",
        "previous chapter": "docs-navigation",
        "Next topic": "docs-navigation",
        "next chapter": "docs-navigation",
        "next": "docs-navigation",
        "previous": "docs-navigation",
        "This Page": "docs-navigation",
        "Table of Contents": "docs-navigation",
        "Contents": "docs-navigation",
        "Index": "docs-navigation",
        "index": "docs-navigation",
        "modules": "docs-navigation",
        "General Index": "docs-navigation",
        "Python Module Index": "docs-navigation",
        "Module Index": "docs-navigation",
        "Full index on one page": "docs-navigation",
        "Index pages by letter": "docs-navigation",
        "About these documents": "docs-navigation",
        "Collapse sidebar": "docs-navigation",
        "Expand sidebar": "docs-navigation",
        "Show Source": "edit-source",
        "[source]": "edit-source",
        "[docs]": "edit-source",
        "Quick search": "search",
        "Go": "search",
        "Search": "search",
        "Search Page": "search",
        "search this documentation": "search",
        "Search within": "search",
        "Hide Search Matches": "search",
        "Search Results": "search",
        "Searching": "search",
        "Created using Sphinx.": "meta",
        "Last updated on.": "meta",
        "Copyright": "meta",
    },
    "django-allauth": {
        "Sign In": "account",
        "Sign Up": "account",
        "Sign Out": "account",
        "Login": "account",
        "Signup": "account",
        "Forgot your password?": "account",
        "Remember Me": "account",
        "Username": "account",
        "Password": "account",
        "Username or email": "account",
        "Sign in with a passkey": "account",
        "Or use a third-party": "account",
        "Sign In Via": "account",
        "Other sign-in options": "account",
        "You are already logged in as.": "account",
        "Menu:": "navigation",
    },
    "klaro": {
        "Accept all": "consent",
        "Accept selected": "consent",
        "I decline": "consent",
        "That's ok": "consent",
        "Let me choose": "consent",
        "Cookie Consent": "consent",
        "Consent Manager": "consent",
        "Services we would like to use": "consent",
        "Here you can assess and customize the services that we'd like to use on this website."
        " You're in charge! Enable or disable services as you see fit.": "consent",
        "There were changes since your last visit, please renew your consent.": "consent",
        "Hi! Could we please enable some additional services for? You can always change or"
        " withdraw your consent later.": "consent",
        "Do you want to load external content supplied by?": "consent",
        "To agree to this service permanently, you must accept in the.": "consent",
        "To learn more, please read our.": "consent",
        "privacy policy": "consent",
        "Realized with Klaro!": "consent",
        "Use this switch to enable or disable all services.": "consent",
        "Enable or disable all services": "consent",
        "This services is loaded by default (but you can opt out)": "consent",
        "(opt-out)": "consent",
        "This services is always required": "consent",
        "(always required)": "consent",
        "Advertising": "consent",
        "Marketing": "consent",
        "Performance Optimization": "consent",
        "Service Provision": "consent",
        "These services process personal information to show you personalized or"
        " interest-based advertisements.": "consent",
        "These services are essential for the correct functioning of this website. You cannot"
        " disable them here as the service would not work correctly otherwise.": "consent",
        "These services process personal information to show you relevant content about"
        " products, services or topics that you might be interested in.": "consent",
        "These services process personal information to optimize the service that this"
        " website offers.": "consent",
    },
    "dokuwiki": {
        "Edit this page": "edit-source",
        "Show pagesource": "edit-source",
        "Old revisions": "edit-source",
        "Edit": "edit-source",
        "Back to top": "navigation",
        "skip to content": "navigation",
        "Recent Changes": "navigation",
        "Sitemap": "navigation",
        "Trace:": "navigation",
        "You are here:": "navigation",
        "Tools": "navigation",
        "User Tools": "navigation",
        "Site Tools": "navigation",
        "Page Tools": "navigation",
        "Table of Contents": "docs-navigation",
        "Backlinks": "related",
        "Log In": "account",
        "Log Out": "account",
        "Register": "account",
        "Logged in as:": "account",
        "Update Profile": "account",
        "Manage Subscriptions": "subscribe",
        "Subscribe": "subscribe",
        "Unsubscribe": "subscribe",
        "Last modified:": "meta",
        "Search": "search",
    },
    "weblate": {
        "Share on Bluesky": "share",
        "Share on Fediverse": "share",
        "Share on Facebook": "share",
        "Share on X": "share",
        "Follow using RSS": "subscribe",
        "RSS feeds": "subscribe",
        "RSS": "subscribe",
        "Sign in": "account",
        "Sign out": "account",
        "Register": "account",
        "Toggle navigation": "navigation",
        "Jump to": "navigation",
        "Previous": "navigation",
        "Next": "navigation",
        "Dashboard": "navigation",
        "Projects": "navigation",
        "Languages": "navigation",
        "Documentation": "navigation",
        "About": "navigation",
        "Help": "navigation",
        "Contact": "navigation",
        "Privacy Policy": "navigation",
        "Cookies Policy": "navigation",
        "Terms": "navigation",
        "About Weblate": "navigation",
        "Support Weblate": "navigation",
        "Powered by": "meta",
        "Weblate is built on libre software": "meta",
        "Last updated": "meta",
        "Cookies are used on this site for the following:": "consent",
        "Search": "search",
        "Search…": "search",
    },
    "docusaurus": {
        "Skip to main content": "navigation",
        "Scroll back to top": "navigation",
        "Home page": "navigation",
        "Breadcrumbs": "navigation",
        "Close navigation bar": "navigation",
        "Toggle navigation bar": "navigation",
        "← Back to main menu": "navigation",
        "Languages": "navigation",
        "(opens in new tab)": "navigation",
        "Archive": "navigation",
        "Blog list page navigation": "navigation",
        "Newer entries": "navigation",
        "Older entries": "navigation",
        "Blog post page navigation": "navigation",
        "Newer post": "navigation",
        "Older post": "navigation",
        "Blog recent posts navigation": "navigation",
        "On this page": "docs-navigation",
        "Docs pages": "docs-navigation",
        "Docs sidebar": "docs-navigation",
        "Collapse sidebar": "docs-navigation",
        "Expand sidebar": "docs-navigation",
        "Next": "docs-navigation",
        "Previous": "docs-navigation",
        "Version:": "docs-navigation",
        "Versions": "docs-navigation",
        "latest version": "docs-navigation",
        "For up-to-date documentation, see the.": "docs-navigation",
        "This is documentation for, which is no longer actively maintained.": "docs-navigation",
        "This is unreleased documentation for version.": "docs-navigation",
        "Switch between dark and light mode (currently)": "docs-navigation",
        "Edit this page": "edit-source",
        "Read more": "read-more",
        "Read more about": "read-more",
        "One min read": "meta",
        "Last updated": "meta",
        "View all authors": "meta",
        "tagged with": "tags",
        "Tags:": "tags",
        "Tags": "tags",
        "View all tags": "tags",
        "Search": "search",
        "Search docs": "search",
        "See all results": "search",
        "Powered by Algolia": "search",
    },
    "mediawiki": {
        "Jump to navigation": "navigation",
        "Jump to search": "navigation",
        "Jump to content": "navigation",
        "Jump to:": "navigation",
        "Navigation menu": "navigation",
        "Navigation": "navigation",
        "Main menu": "navigation",
        "move to sidebar": "navigation",
        "Toggle sidebar": "navigation",
        "Main page": "navigation",
        "Main Page": "navigation",
        "Random page": "navigation",
        "Recent changes": "navigation",
        "Community portal": "navigation",
        "Help": "navigation",
        "Special pages": "navigation",
        "Upload file": "navigation",
        "Tools": "navigation",
        "Personal tools": "navigation",
        "Namespaces": "navigation",
        "Views": "navigation",
        "Variants": "navigation",
        "Actions": "navigation",
        "More": "navigation",
        "Languages": "navigation",
        "In other languages": "navigation",
        "About": "navigation",
        "Privacy policy": "navigation",
        "Disclaimers": "navigation",
        "Contents": "docs-navigation",
        "hide": "docs-navigation",
        "show": "docs-navigation",
        "Beginning": "docs-navigation",
        "Toggle the table of contents": "docs-navigation",
        "Read": "edit-source",
        "Edit": "edit-source",
        "edit": "edit-source",
        "View source": "edit-source",
        "View history": "edit-source",
        "Talk": "edit-source",
        "Discussion": "edit-source",
        "Add topic": "edit-source",
        "Watch": "edit-source",
        "What links here": "related",
        "Related changes": "related",
        "Permanent link": "meta",
        "Page information": "meta",
        "Cite this page": "meta",
        "Retrieved from": "meta",
        "This page was last edited on, at.": "meta",
        "Content is available under unless otherwise noted.": "meta",
        "(Redirected from)": "meta",
        "Printable version": "print-email",
        "Print": "print-email",
        "Categories": "tags",
        "Category:": "tags",
        "Hidden categories": "tags",
        "Log in": "account",
        "Create account": "account",
        "Not logged in": "account",
        "Contributions": "account",
        "Search": "search",
        "Go": "search",
    },
    "video.js": {
        "Audio Player": "media",
        "Video Player": "media",
        "Play": "media",
        "Pause": "media",
        "Replay": "media",
        "Play Video": "media",
        "Current Time": "media",
        "Duration": "media",
        "Remaining Time": "media",
        "Stream Type": "media",
        "LIVE": "media",
        "Seek to live, currently behind live": "media",
        "Seek to live, currently playing live": "media",
        "Loaded": "media",
        "Progress": "media",
        "Progress Bar": "media",
        "Fullscreen": "media",
        "Exit Fullscreen": "media",
        "Mute": "media",
        "Unmute": "media",
        "Playback Rate": "media",
        "Subtitles": "media",
        "subtitles off": "media",
        "Captions": "media",
        "captions off": "media",
        "Chapters": "media",
        "Descriptions": "media",
        "descriptions off": "media",
        "Audio Track": "media",
        "Volume Level": "media",
        "captions settings": "media",
        "subtitles settings": "media",
        "Picture-in-Picture": "media",
        "Exit Picture-in-Picture": "media",
        "Playing in Picture-in-Picture": "media",
        "Skip backward seconds": "media",
        "Skip forward seconds": "media",
        "Modal Window": "media",
        "Close Modal Dialog": "media",
        "This is a modal window": "media",
    },
    "tarteaucitron": {
        "Hello! This site is transparent and lets you choose the 3rd party services you want"
        " to allow.": "consent",
        "Please disable your adblocker to start customizing.": "consent",
        "By continuing to scroll": "consent",
        "If you continue to browse this website": "consent",
        "you are allowing all third-party services": "consent",
        "This site uses cookies and gives you control over what you want to activate": "consent",
        "Manage services": "consent",
        "Personalize": "consent",
        "OK, accept all": "consent",
        "Hide cookie banner": "consent",
        "Privacy policy": "consent",
        "Preference for all services": "consent",
        "Protecting your privacy": "consent",
        "By allowing these third party services, you accept their cookies and the use of"
        " tracking technologies necessary for their proper functioning.": "consent",
        "Allow": "consent",
        "Deny": "consent",
        "Read more": "consent",
        "View the official website": "consent",
        "Cookies manager by tarteaucitron.js": "consent",
        "This website does not use any cookie requiring your consent.": "consent",
        "This service does not use cookie.": "consent",
        "This service has not installed any cookie.": "consent",
        "Show/hide informations about cookie storage": "consent",
        "Cookies management panel": "consent",
        "Allow all cookies": "consent",
        "Deny all cookies": "consent",
        "Cookies": "consent",
        "is disabled.": "consent",
        "Advertising network": "consent",
        "Audience measurement": "consent",
        "Social networks": "consent",
        "Mandatory cookies": "consent",
        "This site uses cookies necessary for its proper functioning which cannot be"
        " deactivated.": "consent",
        "Specific consent for Google services": "consent",
        "Our Partners": "consent",
        "Refresh the page": "consent",
    },
    "orejime": {
        "We collect and process your personal information for the following purposes. To"
        " learn more, please read our.": "consent",
        "privacy policy": "consent",
        "Accept": "consent",
        "Accept all cookies": "consent",
        "Decline": "consent",
        "Decline optional cookies": "consent",
        "Configure": "consent",
        "Configure cookies": "consent",
        "Information that we collect": "consent",
        "Here you can see and customize the information that we collect about you. To learn"
        " more, please read our.": "consent",
        "Close preferences": "consent",
        "Global preferences": "consent",
        "Accept all apps": "consent",
        "Decline all apps": "consent",
        "Save my configuration on collected information": "consent",
        "is inactive": "consent",
        "Allow cookies to access this functionality.": "consent",
        "is now allowed.": "consent",
        "always required": "consent",
        "This application is always required": "consent",
        "opt-out": "consent",
        "This app is loaded by default (but you can opt out)": "consent",
        "Show more details": "consent",
        "There were changes since your last visit, please update your consent.": "consent",
        "Powered by Orejime": "consent",
    },
    "shariff": {
        "share": "share",
        "tweet": "share",
        "Share on buffer": "share",
        "Share on diaspora*": "share",
        "Share on Facebook": "share",
        "Share in Fediverse": "share",
        "Flattr this": "share",
        "Share on Flipboard": "share",
        "Share on LinkedIn": "share",
        "Pin it on Pinterest": "share",
        "Save to Pocket": "share",
        "Share on Qzone": "share",
        "Share on Reddit": "share",
        "Share on Stumbleupon": "share",
        "Share on Telegram": "share",
        "Share on tencent weibo": "share",
        "Share on Threema": "share",
        "Share on tumblr": "share",
        "Share on Twitter": "share",
        "Share on VK": "share",
        "Share on weibo": "share",
        "Share on Whatsapp": "share",
        "Share on XING": "share",
        "mail": "print-email",
        "Send by email": "print-email",
        "print": "print-email",
    },
    "sphinx-rtd-theme": {
        "Page navigation": "docs-navigation",
        "Sequential page navigation": "docs-navigation",
        "Previous": "docs-navigation",
        "Next": "docs-navigation",
        "Index": "docs-navigation",
        "About these documents": "docs-navigation",
        "Versions": "docs-navigation",
        "Downloads": "docs-navigation",
        "On Read the Docs": "docs-navigation",
        "Project Home": "docs-navigation",
        "Builds": "docs-navigation",
        "Navigation menu": "navigation",
        "Mobile navigation menu": "navigation",
        "Edit on GitHub": "edit-source",
        "Edit on Bitbucket": "edit-source",
        "Edit on GitLab": "edit-source",
        "View page source": "edit-source",
        "© Copyright.": "meta",
        "Copyright": "meta",
        "Last updated on.": "meta",
        "Built with using a": "meta",
        "provided by": "meta",
        "Revision": "meta",
        "Search": "search",
        "Search docs": "search",
        "Search Results": "search",
        "Please activate JavaScript to enable the search functionality.": "search",
    },
    "pydata-sphinx-theme": {
        "Skip to main content": "navigation",
        "Back to top": "navigation",
        "Breadcrumb": "navigation",
        "Home": "navigation",
        "Site navigation": "navigation",
        "On this page": "docs-navigation",
        "Section Navigation": "docs-navigation",
        "previous page": "docs-navigation",
        "previous": "docs-navigation",
        "next page": "docs-navigation",
        "next": "docs-navigation",
        "Collapse Sidebar": "docs-navigation",
        "Expand Sidebar": "docs-navigation",
        "Click to expand": "docs-navigation",
        "Click to collapse": "docs-navigation",
        "Indices": "docs-navigation",
        "General Index": "docs-navigation",
        "Python Module Index": "docs-navigation",
        "Edit on": "edit-source",
        "Edit": "edit-source",
        "Show Source": "edit-source",
        "© Copyright.": "meta",
        "Copyright": "meta",
        "Last updated on.": "meta",
        "Created using Sphinx.": "meta",
        "Built with the PyData Sphinx Theme.": "meta",
        "Search": "search",
        "Please activate JavaScript to enable the search functionality.": "search",
    },
    "wagtail": {
        "Skip to main content": "navigation",
        "Main menu": "navigation",
        "Home": "navigation",
        "Previous": "navigation",
        "Next": "navigation",
        "Page of.": "navigation",
        "Go to Wagtail admin": "edit-source",
        "View Wagtail quick actions": "edit-source",
        "Edit this page": "edit-source",
        "Add a child page": "edit-source",
        "Search": "search",
        "Search…": "search",
        "Search the whole site": "search",
        "No results found": "search",
        "Sign in": "account",
        "Log in": "account",
        "Log out": "account",
        "Password required": "account",
    },
    "django-cms": {
        "Edit this Page": "edit-source",
        "Edit": "edit-source",
        "View page": "edit-source",
        "Login": "account",
        "Logout": "account",
        "Please log in": "account",
        "Log in to administration here.": "account",
        "Home": "navigation",
        "Menu": "navigation",
        "Main Navigation": "navigation",
        "Back": "navigation",
        "Next": "navigation",
        "More": "navigation",
        "Language": "navigation",
        "Search": "search",
    },
    "starlight": {
        "Skip to content": "navigation",
        "Menu": "navigation",
        "Select theme": "navigation",
        "Select language": "navigation",
        "Section titled": "navigation",
        "On this page": "docs-navigation",
        "Overview": "docs-navigation",
        "Previous": "docs-navigation",
        "Next": "docs-navigation",
        "Edit page": "edit-source",
        "Last updated:": "meta",
        "This content is not available in your language yet.": "meta",
        "Built with Starlight": "meta",
        "Search": "search",
        "Cancel": "search",
    },
    "vuepress-theme-hope": {
        "Skip to main content": "navigation",
        "Select language": "navigation",
        "Theme Color": "navigation",
        "Theme Mode": "navigation",
        "Articles": "navigation",
        "Article List": "navigation",
        "Timeline": "navigation",
        "Jump to": "navigation",
        "On This Page": "docs-navigation",
        "Prev": "docs-navigation",
        "Next": "docs-navigation",
        "Edit this page": "edit-source",
        "Print": "print-email",
        "Author": "meta",
        "Writing Date": "meta",
        "Original": "meta",
        "Page views": "meta",
        "Reading Time": "meta",
        "Words": "meta",
        "Contributors": "meta",
        "Category": "tags",
        "Tag": "tags",
    },
    "hexo-theme-icarus": {
        "Archive": "navigation",
        "Archives": "navigation",
        "Previous": "navigation",
        "Next": "navigation",
        "Back to top": "navigation",
        "Catalogue": "docs-navigation",
        "Links": "related",
        "Recents": "related",
        "Category": "tags",
        "Categories": "tags",
        "Tag": "tags",
        "Tags": "tags",
        "Read more": "read-more",
        "Comments": "comments",
        "Follow": "subscribe",
        "Subscribe": "subscribe",
        "Subscribe for updates": "subscribe",
        "Like this article? Support the author with": "subscribe",
        "Buy me a coffee": "subscribe",
        "Posted": "meta",
        "Updated": "meta",
        "Posted on": "meta",
        "Updated on": "meta",
        "Author": "meta",
        "Licensed under": "meta",
        "About word": "meta",
        "About words": "meta",
        "Visited by users": "meta",
        "Advertisement": "meta",
        "This website uses cookies to improve your experience.": "consent",
        "Got it!": "consent",
        "Allow cookies": "consent",
        "Decline": "consent",
        "Learn more": "consent",
        "Cookie Policy": "consent",
        "Search": "search",
        "Type something...": "search",
        "No results for": "search",
    },
    "hexo-theme-landscape": {
        "Prev": "navigation",
        "Next": "navigation",
        "Newer": "navigation",
        "Older": "navigation",
        "Archives": "related",
        "Recent Posts": "related",
        "Categories": "tags",
        "Category": "tags",
        "Tags": "tags",
        "Tag": "tags",
        "Tag Cloud": "tags",
        "Comments": "comments",
        "Share": "share",
        "RSS Feed": "subscribe",
        "Powered by": "meta",
        "Search": "search",
    },
    "honkit": {
        "Choose a language": "navigation",
        "Font Settings": "navigation",
        "Table of Contents": "docs-navigation",
        "Introduction": "docs-navigation",
        "Glossary": "docs-navigation",
        "Published with HonKit": "meta",
        "Share": "share",
        "Share on": "share",
        "Search": "search",
        "Type to search": "search",
    },
    "mediaelement": {
        "Video Player": "media",
        "Audio Player": "media",
        "Play": "media",
        "Pause": "media",
        "Mute": "media",
        "Unmute": "media",
        "Fullscreen": "media",
        "Download File": "media",
        "Time Slider": "media",
        "Volume Slider": "media",
        "Current time": "media",
        "Total duration": "media",
        "Live Broadcast": "media",
        "Captions/Subtitles": "media",
        "Chapters": "media",
        "Use Left/Right Arrow keys to advance one second, Up/Down arrows to advance ten seconds.": (
            "media"
        ),
        "Use Up/Down Arrow keys to increase or decrease volume.": "media",
    },
    "mezzanine": {
        "Home": "navigation",
        "Toggle Navigation": "navigation",
        "Language": "navigation",
        "Archive": "navigation",
        "View Mobile Site": "navigation",
        "Viewing posts from": "navigation",
        "read more": "read-more",
        "Comments": "comments",
        "New Comment": "comments",
        "Reply": "comments",
        "Website": "comments",
        "required (not published)": "comments",
        "Comment awaiting approval": "comments",
        "Comment deleted": "comments",
        "There are currently no comments": "comments",
        "By the blog author": "comments",
        "Recent Comments": "related",
        "Recent Posts": "related",
        "Related posts": "related",
        "Other posts": "related",
        "Recent Tweets": "related",
        "Share on Twitter": "share",
        "Share on Facebook": "share",
        "Feeds": "subscribe",
        "RSS": "subscribe",
        "Atom": "subscribe",
        "Categories": "tags",
        "Tags": "tags",
        "Tag:": "tags",
        "Category:": "tags",
        "Viewing posts tagged": "tags",
        "Viewing posts for the category": "tags",
        "Posted by": "meta",
        "Author:": "meta",
        "Authors": "meta",
        "Viewing posts by": "meta",
        "Current rating": "meta",
        "Currently unrated": "meta",
        "Powered by": "meta",
        "Theme by": "meta",
        "Log in": "account",
        "Log out": "account",
        "Sign up": "account",
        "Logged in as:": "account",
        "Search": "search",
        "Search Results": "search",
    },
    "django-contrib-comments": {
        "Comment": "comments",
        "Name": "comments",
        "Email address": "comments",
        "URL": "comments",
        "Post": "comments",
        "Preview": "comments",
        "Post your comment": "comments",
        "Preview your comment": "comments",
        "or make changes": "comments",
        "Flag": "comments",
        "Flag this comment": "comments",
        "If you enter anything in this field your comment will be treated as spam": "comments",
        "Latest comments on": "subscribe",
    },
    "sphinx-book-theme": {
        "Toggle navigation": "navigation",
        "Fullscreen mode": "navigation",
        "Contents": "docs-navigation",
        "previous page": "docs-navigation",
        "next page": "docs-navigation",
        "Edit this page": "edit-source",
        "suggest edit": "edit-source",
        "Open an issue": "edit-source",
        "open issue": "edit-source",
        "Source repository": "edit-source",
        "repository": "edit-source",
        "Download source file": "edit-source",
        "Download notebook file": "edit-source",
        "Download this page": "print-email",
        "Print to PDF": "print-email",
        "By": "meta",
        "By the": "meta",
        "Copyright": "meta",
        "Last updated on": "meta",
        "Theme by the": "meta",
        "Sphinx Book Theme": "meta",
    },
    "trac": {
        "Wiki": "navigation",
        "Timeline": "navigation",
        "Roadmap": "navigation",
        "Browse Source": "navigation",
        "View Tickets": "navigation",
        "Help/Guide": "navigation",
        "About Trac": "navigation",
        "Context Navigation": "navigation",
        "Start Page": "navigation",
        "Index": "navigation",
        "Next Version": "navigation",
        "Previous Version": "navigation",
        "View latest version": "navigation",
        "Last Change": "navigation",
        "Table of Contents": "docs-navigation",
        "Edit this page": "edit-source",
        "Attach file": "edit-source",
        "Page history": "edit-source",
        "Download in other formats:": "print-email",
        "Plain Text": "print-email",
        "Original Format": "print-email",
        "Attachments": "meta",
        "Last modified": "meta",
        "Powered by Trac By Edgewall Software.": "meta",
        "Visit the Trac open source project at https://trac.edgewall.org/": "meta",
        "Trac Powered": "meta",
        "RSS Feed": "subscribe",
        "Login": "account",
        "Logout": "account",
        "Preferences": "account",
        "logged in as": "account",
        "Search": "search",
        "Search:": "search",
        "Search Results": "search",
    },
    "isso": {
        "Type Comment Here (at least 3 chars)": "comments",
        "Name (optional)": "comments",
        "E-mail (optional)": "comments",
        "Website (optional)": "comments",
        "Preview": "comments",
        "Submit": "comments",
        "Subscribe to email notification of replies": "comments",
        "One Comment": "comments",
        "No Comments Yet": "comments",
        "Reply": "comments",
        "Comment deleted.": "comments",
        "Comment in queue for moderation.": "comments",
        "Anonymous": "comments",
        "Atom feed": "subscribe",
        "right now": "meta",
        "a minute ago": "meta",
        "an hour ago": "meta",
    },
    "mkdocs": {
        "Navigation menu": "navigation",
        "Mobile navigation menu": "navigation",
        "Breadcrumb Navigation": "navigation",
        "Footer Navigation": "navigation",
        "Docs": "navigation",
        "Keyboard Shortcuts": "navigation",
        "Table of Contents": "docs-navigation",
        "Next": "docs-navigation",
        "Previous": "docs-navigation",
        "Next page": "docs-navigation",
        "Previous page": "docs-navigation",
        "Versions": "docs-navigation",
        "Edit on": "edit-source",
        "Documentation built with.": "meta",
        "Built with using a provided by.": "meta",
        "Search": "search",
        "Search docs": "search",
        "Search...": "search",
        "Search Results": "search",
        "Searching...": "search",
        "No results found": "search",
        "Type search term here": "search",
        "From here you can search these documents. Enter your search terms below.": "search",
    },
}


# -- Check --------------------------------------------------------------------------------


def main() -> None:
    """Print figures per source; fail when a FURNITURE key is not in its source's English."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("~/.cache/hygiene-catalogues"))
    parser.add_argument(
        "--summary",
        action="store_true",
        help="per source: role, languages (English included), English strings, translated"
        " pairs, FURNITURE keys found, translated furniture pairs",
    )
    parser.add_argument("--english", type=Path, help="write each source's English strings here")
    arguments = parser.parse_args()
    cache = arguments.cache.expanduser()
    missing_any = False
    if arguments.summary:
        print(
            f"{'source':<23} {'role':<8} {'langs':>5} {'english':>7} {'pairs':>8} "
            f"{'furniture':>10} {'translated':>10}"
        )
    for source in SOURCES:
        found = strings(source, cache)
        english = {text for text, _ in found["en"]}
        furniture = FURNITURE.get(source.name, {})
        missing = [text for text in furniture if text not in english]
        if arguments.english:
            arguments.english.mkdir(parents=True, exist_ok=True)
            lines = "\n".join(text for text, _ in found["en"])
            (arguments.english / f"{source.name}.txt").write_text(lines + "\n", encoding="utf-8")
        if arguments.summary:
            pairs = sum(len(p) for language, p in found.items() if language != "en")
            translated = sum(
                1
                for language, p in found.items()
                if language != "en"
                for text, _ in p
                if text in furniture
            )
            print(
                f"{source.name:<23} {source.role:<8} {len(found):>5} {len(english):>7} "
                f"{pairs:>8} {len(furniture) - len(missing):>4}/{len(furniture):<5} "
                f"{translated:>10}"
            )
        for text in missing:
            missing_any = True
            print(f"  missing from {source.name}: {text!r}")
    if missing_any:
        sys.exit(1)


if __name__ == "__main__":
    main()
