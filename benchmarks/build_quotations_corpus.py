"""Mine verbs of saying and build a held-out quotation corpus from Universal Dependencies.

Why: the hand-written speech lexicon knew 15 languages. UD treebanks show in their trees
which verb governs a quotation, in dozens of languages and under free licences. A
language's verbs come from some treebanks (its lexicon treebanks) and its evaluation
records from another (its evaluation treebank), so the benchmark measures the verbs on
text they were not mined from (benchmarks/quotations.py).

    python benchmarks/build_quotations_corpus.py [--mirrors /work/.mirror]

Reads the pinned commits of TABLE from bare git snapshots (``<mirrors>/UniversalDependencies+
<repository>/repo``); writes rules/lexicons/speech-verbs.json and
fixtures/corpus/quotations/ud-heldout.jsonl (sources in that folder's UD-SOURCES.md).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import conllu

ROOT = Path(__file__).resolve().parent.parent
VERBS_FILE = ROOT / "rules" / "lexicons" / "speech-verbs.json"
CORPUS_FILE = ROOT / "fixtures" / "corpus" / "quotations" / "ud-heldout.jsonl"
SEED = 20261128
PER_KIND = 40  # records of each kind per language, at most
MIN_FORM_LINKS = 2  # a form governs quotations this often, or its lemma does MIN_LEMMA_LINKS
MIN_LEMMA_LINKS = 3
FREQUENT_TOKENS = 30  # the most frequent tokens are too ambiguous to be cues ...
SPEECH_SHARE = 0.2  # ... unless this share of their lemma's verbs governs a quotation
TITLE_TOKENS = 3  # a quotation this short with no verb inside is a name or a title
LINKS = frozenset({"ccomp", "parataxis", "obj", "xcomp"})
# Opening mark -> the marks that close it (German »…«, Swedish ”…”, Polish „…”). Not the
# ASCII ,,…'' and ``…'' of a few treebanks (Alpino): no reader takes them for quotation marks.
PAIRS = {
    "\u201c": "\u201d", "\u201e": "\u201c\u201d", "\u00ab": "\u00bb", "\u2039": "\u203a",
    "\u300c": "\u300d", "\u300e": "\u300f", "\u2018": "\u2019", '"': '"', "'": "'",
    "\u201d": "\u201d", "\u00bb": "\u00bb\u00ab", "\u203a": "\u203a\u2039",
}  # fmt: skip
MARKS = frozenset(PAIRS) | frozenset("".join(PAIRS.values()))
STRAIGHT = frozenset("\"'")  # readers take these for quotation marks only glued to words
DOUBLE_MARKS = frozenset('"\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a\u300c\u300d\u300e\u300f')
OPEN_AFTER = "([{/:\u2013\u2014" + "".join(PAIRS)  # a mark after these opens a quotation
DASHES = ("\u2014", "\u2013", "\u2015")  # a sentence opening with one is dialogue
TERMINAL = ".!?\u2026\u3002\uff01\uff1f\u061f\u06d4\u0964"  # . ! ? … 。 ！ ？ ؟ ۔ ।
# Sentence ids that name their document where no "# newdoc id" does: PUD's n01001011
# (document n01001, sentence 11), TDT's b204.1, Porttinari's FOLHA_DOC000123_SENT016,
# Icelandic Modern's ALTHINGI_…-4727062,1.1.
DOCUMENT_ID = re.compile(r"([nw]\d{5})(\d{3})|(.+?)(?:_SENT|,|\.)(\d+)(?:\.\d+)?")

# Language; role (L: its verbs are mined from it, E: its records are built from it); repository;
# commit; licence; splits read. Licences are each README's "License:" line, checked against its
# LICENSE.txt; NC and ND licences are left out (GUM, EDT and EWT Estonian, PDB, SynTagRus, ISDT,
# VIT, GDT, HTB, IU, LinES, FicTree ...), as is LassySmall, whose LICENSE.txt names CC BY-SA but
# links the NC licence. Files of 4 MiB or more are absent from the snapshots (so AnCora, HDT,
# PADT, PDT, HDTB and Japanese PUD and PUDLUW are out, and most train files). An evaluation
# treebank needs documents: French, German, Korean and Japanese GSD, Russian Taiga, Greek GUD,
# Thai TUD, the Norwegian, Persian, Vietnamese and Irish treebanks have none (their sentences
# are shuffled or stand alone). A language whose one free treebank has documents and attributed
# quotations gives verbs only (Arabic, Hindi, Latvian, Croatian, Serbian, Welsh); where it has
# another treebank, that one is the lexicon treebank even if it yields few verbs or none (Czech
# CAC, Slovenian SST, Thai TUD, as Lithuanian ALKSNIS). Korean PUD and Hebrew IAHLTknesset give
# clean records only: Korean PUD tags its verbs of saying NOUN (말했다, the quotation its advcl)
# and IAHLTknesset holds six quotations; Ukrainian ParlaMint and Czech CLTT quote names and
# titles only. Chinese GSDSimp is GSD converted: its sentences would count twice.
TABLE = """
af L UD_Afrikaans-AfriBooms a6dd726120c8bf1a0f8fb40f6a9ca15e880a192a CC-BY-SA-4.0 dev,test,train
ar L UD_Arabic-PUD be733f45d21f42d506c62930f806ed2182a5ee3d CC-BY-SA-3.0 test
be L UD_Belarusian-HSE 1233cdd9e512a426e31cdcf95dcb0bd3a4752e54 CC-BY-SA-4.0 dev,test
br L UD_Breton-KEB 639600f9b15a5e2e15f310b12e4dbe81c40fa74b CC-BY-SA-4.0 test
cs L UD_Czech-CAC a89ca01ff717f05692bbf5e70e8e781b5990cc53 CC-BY-SA-4.0 dev,test
cs E UD_Czech-PUD f68c66ccd8ab08fa343783a806fed446b905c07e CC-BY-SA-4.0 test
cy L UD_Welsh-CCG 78e19757e590d92bba26cbd145f56779ce61d2a3 CC-BY-SA-4.0 dev,test,train
da L UD_Danish-DDT 85faf86dc39f735722925fb1e822070d83649068 CC-BY-SA-4.0 dev,test
de L UD_German-GSD 297fcf350481058d0737a27f0f8fd03b2eadd67a CC-BY-SA-4.0 dev,test
de E UD_German-PUD ff80846ae60a0a70fc4d6251ef73e6a483a620ee CC-BY-SA-3.0 test
el L UD_Greek-GUD e014415b034f6263ab634fafd1e9df8fef5d87aa CC-BY-SA-4.0 test,train
en L UD_English-EWT 15d613d8447b3478787d4c278730a1e48a945efb CC-BY-SA-4.0 dev,test
en E UD_English-PUD f16eba4ae7f3d161870ed320676c5088b8fa476c CC-BY-SA-3.0 test
eo L UD_Esperanto-Prago c360b587ce258dd1463ee09bc642ea2c27deacac CC-BY-SA-4.0 test
es L UD_Spanish-GSD 57c045644664e5c1e169263cc4e3b95e40c078ba CC-BY-SA-4.0 dev,test
es E UD_Spanish-PUD 818a82b8628c9cbec78750c7e83ccba34b9ce22b CC-BY-SA-3.0 test
fa L UD_Persian-PerDT d728a98d73bd2e52b693c582f249e162a76b6b8f CC-BY-SA-4.0 dev,test
fi L UD_Finnish-PUD fa2c5ad1df6b18333b29fe87d093051097f36365 CC-BY-SA-4.0 test
fi L UD_Finnish-FTB 2dd197c1f7c4b9b6d69be1e3f826162a4443af96 CC-BY-4.0 dev,test
fi E UD_Finnish-TDT 5e3a88a671ea673fa330e10cc59f54da587a95a7 CC-BY-SA-4.0 dev,test
fo L UD_Faroese-OFT 70786cfa4e1755cabc17017e2d90c8d1f238f0a0 CC-BY-SA-4.0 test
fr L UD_French-Sequoia f5b049600c89d2cf15ebbec860f75d703884d32b LGPL-LR dev,test,train
fr L UD_French-GSD 830e2782304af08b3cc1c9250475343e04274d81 CC-BY-SA-4.0 dev,test
fr E UD_French-PUD c245786cfb3020d43bcfc96215ae531a1b07bcbc CC-BY-SA-3.0 test
ga L UD_Irish-IDT ecefd4dfddc5da6d56a56429535e64aec060ec4f CC-BY-SA-3.0 dev,test
gd L UD_Scottish_Gaelic-ARCOSG d899aedfd1bfb5383e8867294d7db8f85108fb32 CC-BY-SA-4.0 dev,test
gl L UD_Galician-TreeGal 0b9224483beddb2c05f51228f7823aa77450c0a4 LGPL-LR test,train
gl E UD_Galician-PUD 0e7f538ccc17aa6ed3b299dba0e3ddd1319d6d89 CC-BY-SA-4.0 test
gv L UD_Manx-Cadhan 906971603f2de82755024cae375a3e1e387c0b9d CC-BY-SA-4.0 test,train
he L UD_Hebrew-IAHLTwiki 29402e7c2727fb8fd181ab3ad1a800561fbff69a CC-BY-SA-4.0 dev,test
he E UD_Hebrew-IAHLTknesset e05de104dff1fd424b937678020a2f3e6d8458a0 CC-BY-SA-4.0 dev,test
hi L UD_Hindi-PUD 8bc630f73e0737ce5ed9eaa97abf11f172ecc9bd CC-BY-SA-3.0 test
hr L UD_Croatian-SET 54322513ea2a96eae0b974d1702d327d5785078f CC-BY-SA-4.0 dev,test
hy L UD_Armenian-BSUT 309be1d86d2f6021f50534a37f01266c2e5dfea1 CC-BY-SA-4.0 dev,test,train
hy E UD_Armenian-ArmTDP 90fe19c2cc3942c4ab53c08e8aa09770c1177ab3 CC-BY-SA-4.0 dev,test
hyw L UD_Western_Armenian-ArmTDP 66b5ba7c21a316393449e9cafeb878b67a2ef4de CC-BY-SA-4.0 dev,test
id L UD_Indonesian-CSUI 41dd7f23be883382dd111b119fe58b563c5541ee CC-BY-SA-4.0 test,train
id L UD_Indonesian-GSD 89491e4d51c15da157175c303213ae5ff6f05f9d CC-BY-SA-4.0 dev,test
id E UD_Indonesian-PUD 765fb3fe486201f094cb177aff5aa84bc6b06800 CC-BY-SA-3.0 test
is L UD_Icelandic-PUD d72cbdfa9b8dbb55710a1482309e55ea4a6bcc9f CC-BY-SA-4.0 test
is L UD_Icelandic-GC 8588856b1eeeb756055fb9061ad1fbf614a7d9d2 CC-BY-SA-4.0 dev,test
is E UD_Icelandic-Modern 1544211214896c757bde3d09beeb06cfc4c5a965 CC-BY-SA-4.0 dev,test
it L UD_Italian-MarkIT b01ee41ef48d6bca6bb392a79367a0f5b6ca3780 CC-BY-4.0 dev,test,train
it L UD_Italian-TWITTIRO c19d5f6c3afcad960a1e0ae0f90e5b702f5d30dc CC-BY-SA-4.0 dev,test,train
it E UD_Italian-PUD 71d932aa096368331ba2fd9bc906ec8dd853da8e CC-BY-SA-3.0 test
ja L UD_Japanese-GSD 7bc20119f476b552635e0640644e577b6fd3606b CC-BY-SA-4.0 dev,test
jv L UD_Javanese-CSUI f3baedde383bfe0364d56095ff24caee568fe0bb CC-BY-SA-4.0 test
ka L UD_Georgian-GLC 9b8a459a55307a891f10404a6366428840dcafda CC-BY-SA-4.0 dev,test
kk L UD_Kazakh-KTB e9f3b87a5faa95cf0b4cd97d62f2de8c90ee8153 CC-BY-SA-4.0 test,train
ko L UD_Korean-GSD 925eec22693d37a922eb546c6a9500844d271d51 CC-BY-SA-4.0 dev,test
ko L UD_Korean-Kaist ef244243b578e7cd0fb4fe45cd80b63de2a60e00 CC-BY-SA-4.0 dev,test
ko E UD_Korean-PUD 9bc99c21a00b88d44def216b64f898e4b6151d0d CC-BY-SA-3.0 test
ky L UD_Kyrgyz-KTMU 57ad72fdcf2522856cba292905c236d396865495 CC-BY-SA-4.0 test,train
lt L UD_Lithuanian-ALKSNIS 46ffdba3396a793c3f0f47435ff9b7066c9aefa0 CC-BY-SA-4.0 dev,test
lt E UD_Lithuanian-HSE 4153e684760985a692917e73e7904cb2ff2d6dd5 CC-BY-SA-4.0 dev,test,train
lv L UD_Latvian-LVTB aaedfc18ee5ff98d93fce737a97f9f9ca272b074 CC-BY-SA-4.0 dev
mr L UD_Marathi-UFAL c02a08246fdb6c99257d7c5bc6ef14f736a995bf CC-BY-SA-4.0 dev,test,train
mt L UD_Maltese-MUDT 8330fc644d66d62d91e873780c2706c5519f8bfd CC-BY-SA-4.0 dev,test,train
nb L UD_Norwegian-Bokmaal e83586ff8b324f147e767dccd7ed801b3666ca08 CC-BY-SA-4.0 dev,test
nl L UD_Dutch-Alpino 95e374a608d114ec6c6b32f0fbd5f324d29ef286 CC-BY-SA-4.0 dev,test
nn L UD_Norwegian-Nynorsk d332ca7108148ceb6d38859affdc17462bcd9860 CC-BY-SA-4.0 dev,test
olo L UD_Livvi-KKPP c1565fcfb5f1226b1f2e63767cf6ee673128d7ed CC-BY-SA-4.0 test,train
pl L UD_Polish-LFG 7e859fe7edce4ac30afe8ca757bfa6c9c4c36c62 GPL-3.0 dev,test
pl E UD_Polish-PUD a726e5866e7f134763d734e6d915b8faf10f552f CC-BY-SA-4.0 test
pt L UD_Portuguese-Bosque 5de7ac34028ff6d1718031a4b0ae895717ed8dbe CC-BY-SA-4.0 dev,test
pt L UD_Portuguese-GSD 691a8b597cc37e1c822ba808244c8eaca498eeb2 CC-BY-SA-4.0 dev,test
pt L UD_Portuguese-PUD be08a756d76bd79bf5d4a492dfdc28b46b33e76e CC-BY-SA-3.0 test
pt E UD_Portuguese-Porttinari 87a07e1fb761d6d0a6e2a4d82b11b308344dabb9 CC-BY-4.0 dev,test
ro L UD_Romanian-RRT cc00bf852bc3c19ac345457eef8b3e5665392a72 CC-BY-SA-4.0 dev,test
ro E UD_Romanian-Nonstandard 47720bae1404f71e7a9b281b5fb6cc2feaba0c12 CC-BY-SA-4.0 dev,test
ru L UD_Russian-Taiga 3c64a056edcd5c6e2c29b3724d973729c354e016 CC-BY-SA-4.0 dev,test
ru L UD_Russian-Poetry 72fe3ef588e571dc0e61f93e782a519e2cb9f00d CC-BY-SA-4.0 dev,test
ru E UD_Russian-PUD da5b3816eeaa24283c1d81a48bb1de4d062fc5d5 CC-BY-SA-3.0 test
sk L UD_Slovak-SNK d1ab58f827508e7c18610b931786f3b4a3a6e1be CC-BY-SA-4.0 dev,test
sl L UD_Slovenian-SST 07312e8e1042473ba1669656266ba5bba3c96a5c CC-BY-SA-4.0 dev,test
sl E UD_Slovenian-SSJ 17011b12eae4e522da4d1eeeffd439085466623c CC-BY-SA-4.0 dev,test
sr L UD_Serbian-SET c88193deceecd1c5332f927c1aa0f888085f63f7 CC-BY-SA-4.0 dev,test
sv L UD_Swedish-PUD 1290a67471931e543b4d2a734829f9177c604e94 CC-BY-SA-4.0 test
sv E UD_Swedish-Talbanken 30067217d275233ed460d0c0abafeaf22d63a3d2 CC-BY-SA-4.0 dev,test
th L UD_Thai-TUD 58c2058bcd542a759c03bcac4cf6e48aff27cf50 CC-BY-SA-4.0 dev,test,train
th E UD_Thai-PUD 516638d39adfbc03fa3e7f7b33ce59555055a2d9 CC-BY-SA-3.0 test
tr L UD_Turkish-BOUN f828b02872123a8dfb336584eab0767c4e55c5f9 CC-BY-SA-4.0 dev,test
tr L UD_Turkish-Penn f5a36318700c1d00e560cf5bd04aa9f841bba1a9 CC-BY-SA-4.0 dev,test
tr E UD_Turkish-PUD 63a134a087c8475ea832713b960baba8ff2f9401 CC-BY-SA-3.0 test
ug L UD_Uyghur-UDT 24eb080e4832169315ffb5411beb6cbc8f0372c4 CC-BY-SA-4.0 dev,test,train
uk L UD_Ukrainian-ParlaMint db32b178704bb0f9cbcc83dfaddb5cab80147ea8 CC-BY-SA-4.0 dev,test
vi L UD_Vietnamese-VTB e8fa54835582fb5d0c767f19f0992675726fa084 CC-BY-SA-4.0 dev,test,train
wo L UD_Wolof-WTB 575a3ab64619a91de9950f01afb7c9f2d8cd28c4 CC-BY-SA-4.0 dev,test,train
yo L UD_Yoruba-YTB d07fe63b40512ac904a6519bae1658e9b05109ce CC-BY-SA-4.0 test
zh L UD_Chinese-GSD 200dbe8acf60ff0d194f2d30bf925c410eee762a CC-BY-SA-4.0 dev,test
zh E UD_Chinese-PUD 2849afd946a8c01b3e9acdf3e7afa8670cf2777d CC-BY-SA-3.0 test
"""


@dataclass(frozen=True)
class Treebank:
    """One pinned treebank: its repository, commit, licence and the splits read."""

    repository: str
    commit: str
    licence: str
    splits: str

    def folder(self, mirrors: Path) -> Path:
        return mirrors / f"UniversalDependencies+{self.repository}" / "repo"

    def files(self, mirrors: Path) -> list[str]:
        """The .conllu files of the pinned splits, by name."""
        listing = git(self.folder(mirrors), "ls-tree", "--name-only", self.commit).split()
        wanted = tuple(f"-ud-{split}.conllu" for split in self.splits.split(","))
        return sorted(name for name in listing if name.endswith(wanted))


def read_table(table: str) -> tuple[dict[str, tuple[Treebank, ...]], dict[str, Treebank]]:
    """The lexicon treebanks and the evaluation treebank of each language."""
    lexicon: dict[str, tuple[Treebank, ...]] = {}
    evaluation: dict[str, Treebank] = {}
    for line in table.strip().splitlines():
        lang, role, repository, commit, licence, splits = line.split()
        treebank = Treebank(repository, commit, licence, splits)
        if role == "L":
            lexicon[lang] = (*lexicon.get(lang, ()), treebank)
        else:
            evaluation[lang] = treebank
    return lexicon, evaluation


LEXICON, EVALUATION = read_table(TABLE)


@dataclass(frozen=True)
class Verb:
    """A word outside a quotation that the tree links to it."""

    form: str  # as written, case-folded, with an adjacent separable particle
    lemma: str  # "" where the treebank has none
    has_subject: bool  # an nsubj or nsubj:pass outside the quotation


@dataclass(frozen=True)
class Quote:
    """An outermost quotation of a sentence: character offsets with its marks."""

    start: int
    end: int
    title: bool  # three tokens or fewer and no verb: a name or a title, not speech
    words: int  # tokens inside that are not punctuation
    readable: bool  # marks a reader takes for quotation marks
    verbs: tuple[Verb, ...]


@dataclass(frozen=True)
class Sentence:
    """A sentence as the corpus needs it: where it stands, its text and its quotations."""

    document: str
    order: int
    text: str
    quotes: tuple[Quote, ...]
    marked: bool  # any quotation mark, paired or not, or a dialogue dash


@dataclass(frozen=True)
class Parsed:
    """A treebank read: its sentences in file order, and the counts mining needs."""

    treebank: Treebank
    sentences: tuple[Sentence, ...]
    tokens: Counter[str]  # every word form, case-folded
    verb_lemmas: Counter[str]  # every VERB and AUX lemma


def git(folder: Path, *arguments: str) -> str:
    command = ["git", "-C", str(folder), *arguments]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def read_treebank(treebank: Treebank, mirrors: Path) -> Parsed:
    """Every sentence of the pinned files, with its document, and the treebank's counts."""
    sentences: list[Sentence] = []
    tokens: Counter[str] = Counter()
    verb_lemmas: Counter[str] = Counter()
    for name in treebank.files(mirrors):
        newdoc = ""
        text = git(treebank.folder(mirrors), "show", f"{treebank.commit}:{name}")
        for parsed in conllu.parse(text):
            newdoc = parsed.metadata.get("newdoc id", newdoc)
            words = [t for t in parsed if isinstance(t["id"], int)]
            tokens.update(w["form"].casefold() for w in words)
            verb_lemmas.update(lemma(w) for w in words if w["upos"] in ("VERB", "AUX"))
            document, order = document_of(parsed.metadata.get("sent_id", ""), newdoc)
            place = f"{name}#{document or len(sentences)}"
            sentences.append(read_sentence(parsed, place, order or len(sentences)))
    del verb_lemmas[""]
    return Parsed(treebank, tuple(sentences), tokens, verb_lemmas)


def lemma(word: dict[str, Any]) -> str:
    return "" if word["lemma"] in (None, "_") else str(word["lemma"]).casefold()


def document_of(sent_id: str, newdoc: str) -> tuple[str, int]:
    """A sentence's document and its place there (0: its place in the file); "" where
    nothing names the document: the sentence is a document of its own."""
    if newdoc:
        return newdoc, 0
    found = DOCUMENT_ID.fullmatch(sent_id)
    if found is None:
        return "", 0
    return found[1] or found[3], int(found[2] or found[4])


def read_sentence(tokens: conllu.TokenList, document: str, order: int) -> Sentence:
    """A sentence with its quotations; one whose words do not spell its text keeps its
    place in the document, marked, so that no record uses it."""
    text = tokens.metadata.get("text", "")
    pieces, piece_of = written_pieces(tokens)
    starts = align(text, pieces)
    if not text or starts is None:
        return Sentence(document, order, text, (), marked=True)
    words = {  # each word with where its written token starts, and that token
        t["id"]: dict(t, start=starts[piece_of[t["id"]]], written=pieces[piece_of[t["id"]]])
        for t in tokens
        if isinstance(t["id"], int)
    }
    ids = sorted(words)
    marks = []
    for position, ident in enumerate(ids):
        form, start = words[ident]["form"], words[ident]["start"]
        if words[ident]["upos"] == "PUNCT" and form in MARKS:
            marks.append((position, form, mark_side(text, start, start + len(form))))
    found, balanced = pair_marks(marks, len(ids))
    quotes = tuple(read_quote(text, words, ids, first, last) for first, last in found)
    marked = bool(marks) or any(c in DOUBLE_MARKS for c in text) or text.startswith(DASHES)
    return Sentence(document, order, text, quotes, marked or not balanced)


def read_quote(text: str, words: dict[int, Any], ids: list[int], first: int, last: int) -> Quote:
    """The quotation between the words at two positions; one the sentence split cut
    (position -1 or past the end) spans the whole text and is for mining only."""
    inside = set(ids[first + 1 : last])
    quiet = not any(words[i]["upos"] in ("VERB", "AUX") for i in inside)
    size = sum(words[i]["upos"] != "PUNCT" for i in inside)
    start, end, readable = 0, len(text), False
    if first >= 0 and last < len(ids):
        opening, closing = words[ids[first]], words[ids[last]]
        start, end = opening["start"], closing["start"] + len(closing["form"])
        glued = not (text[start + 1].isspace() or text[end - 2].isspace())
        readable = glued or not {opening["form"], closing["form"]} & STRAIGHT
    verbs = tuple(linked_verbs(words, inside))
    return Quote(start, end, len(inside) <= TITLE_TOKENS and quiet, size, readable, verbs)


def written_pieces(tokens: conllu.TokenList) -> tuple[list[str], dict[int, int]]:
    """The written tokens (a multiword token once), and each word's written token."""
    pieces: list[str] = []
    piece_of: dict[int, int] = {}
    covered = 0
    for token in tokens:
        ident = token["id"]
        if isinstance(ident, tuple) and ident[1] == "-":
            pieces.append(token["form"])
            piece_of.update((word, len(pieces) - 1) for word in range(ident[0], ident[2] + 1))
            covered = ident[2]
        elif isinstance(ident, int) and ident > covered:
            pieces.append(token["form"])
            piece_of[ident] = len(pieces) - 1
    return pieces, piece_of


def align(text: str, pieces: list[str]) -> list[int] | None:
    """Where each written token starts in the sentence text, or None if they differ."""
    starts, offset = [], 0
    for piece in pieces:
        while offset < len(text) and text[offset].isspace():
            offset += 1
        if not text.startswith(piece, offset):
            return None
        starts.append(offset)
        offset += len(piece)
    return starts


def mark_side(text: str, start: int, end: int) -> str:
    """Whether a mark opens, closes or may do either (""), by what it is glued to: an
    opening mark to the word after it, a closing one to the word before."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    opens = (before.isspace() or before in OPEN_AFTER) and not after.isspace()
    closes = not before.isspace() and not after.isalnum()
    return "open" if opens and not closes else "close" if closes and not opens else ""


def pair_marks(marks: list[tuple[int, str, str]], size: int) -> tuple[list[tuple[int, int]], bool]:
    """Outermost quotations as (opening, closing) word positions, and whether every mark
    paired. A mark that can close the open quotation does, unless it is glued as an opening
    one (Swedish 'tillhöra' inside '…'). A quotation the sentence split cut runs from the
    sentence's start (-1) to a lone closing mark, or from a lone opening mark to its end
    (``size``), if the mark is glued to the quoted words and no apostrophe."""
    stack: list[tuple[int, str, str]] = []
    found: list[tuple[int, int]] = []
    balanced = True
    for position, mark, side in marks:
        closes = bool(stack) and mark in PAIRS[stack[-1][1]]
        if mark in PAIRS and (side == "open" or not closes) and side != "close":
            stack.append((position, mark, side))
        elif closes:
            opening = stack.pop()[0]
            if not stack:
                found.append((opening, position))
        else:
            balanced = False
            if not stack and not found and side == "close" and mark != "'":
                found.append((-1, position))
    if stack and stack[0][2] == "open" and stack[0][1] != "'":
        found.append((stack[0][0], size))
    return found, balanced and not stack


def linked_verbs(words: dict[int, Any], inside: set[int]) -> list[Verb]:
    """The verbs outside the quotation that govern its root (``said: "…"``) or hang on it
    as parataxis (``"…," said X``): treebanks annotate the news pattern both ways."""
    governing = {
        words[i]["head"]
        for i in inside
        if words[i]["head"] not in inside and base(words[i]["deprel"]) in LINKS
    }
    heads = {h for h in governing if h and words[h]["upos"] in ("VERB", "AUX")}
    heads |= {
        i
        for i, w in words.items()
        if i not in inside and w["head"] in inside and w["upos"] == "VERB"
        if base(w["deprel"]) == "parataxis"
    }
    return [verb_at(words, head, inside) for head in sorted(heads)]


def base(relation: str) -> str:
    return relation.split(":")[0]


def verb_at(words: dict[int, Any], ident: int, inside: set[int]) -> Verb:
    """The verb as written (its multiword token if it is in one), with its particle."""
    form = words[ident]["written"]
    particle = words.get(ident + 1)
    if particle and particle["head"] == ident and particle["deprel"] == "compound:prt":
        form = f"{form} {particle['form']}"
    children = [w for i, w in words.items() if w["head"] == ident and i not in inside]
    subject = any(w["deprel"] in ("nsubj", "nsubj:pass") for w in children)
    return Verb(form.casefold(), lemma(words[ident]), subject)


def mine_verbs(treebanks: Iterable[Parsed]) -> list[str]:
    """The verbs of saying of some treebanks: the forms that govern their quotations (not
    names and titles) often enough, and not among their most frequent tokens unless the
    lemma governs quotations as a rule."""
    forms: Counter[str] = Counter()
    lemmas: Counter[str] = Counter()
    tokens: Counter[str] = Counter()
    verb_lemmas: Counter[str] = Counter()
    lemma_of: dict[str, str] = {}
    for parsed in treebanks:
        tokens.update(parsed.tokens)
        verb_lemmas.update(parsed.verb_lemmas)
        for verb in (v for s in parsed.sentences for q in s.quotes if not q.title for v in q.verbs):
            forms[verb.form] += 1
            lemmas[verb.lemma] += 1
            lemma_of[verb.form] = verb.lemma
    lemmas[""] = 0  # a treebank without lemmas (Maltese) has only its forms to go by
    frequent = {form for form, _ in tokens.most_common(FREQUENT_TOKENS)}
    kept = []
    for form, links in forms.items():
        seen = lemmas[lemma_of[form]]
        if too_short(form) or (links < MIN_FORM_LINKS and seen < MIN_LEMMA_LINKS):
            continue
        speech = seen >= max(MIN_LEMMA_LINKS, SPEECH_SHARE * verb_lemmas[lemma_of[form]])
        if form not in frequent or speech:
            kept.append(form)
    return sorted(kept)


def too_short(form: str) -> bool:
    """No letter, or one: no verb, except a Chinese character (说 say, 称 state, 问 ask)."""
    if not any(c.isalpha() for c in form):
        return True
    return len(form) < 2 and not unicodedata.name(form, "").startswith("CJK UNIFIED")


def speech(sentence: Sentence, lexicon: set[str]) -> list[Quote]:
    """The sentence's quotations, if every one that is not a name, a title or a single word
    is speech whose speaker the tree shows: its verb has a subject or is a verb of saying."""
    quotes = [q for q in sentence.quotes if not q.title and q.words > 1]
    for quote in quotes:
        if not quote.readable or not any(v.has_subject or v.form in lexicon for v in quote.verbs):
            return []
    return quotes


def documents(sentences: Iterable[Sentence]) -> list[list[Sentence]]:
    """The sentences grouped by document, in order."""
    grouped: dict[str, list[Sentence]] = {}
    for sentence in sentences:
        grouped.setdefault(sentence.document, []).append(sentence)
    return [sorted(group, key=lambda s: s.order) for group in grouped.values()]


def neighbours(
    document: list[Sentence], index: int, rng: random.Random, unattributed: bool
) -> tuple[list[str], list[str]] | None:
    """1 to 3 sentences without quotation marks right before and after a sentence of a
    document, in order. Before an unattributed quotation none may end in a colon: it would
    introduce the quotation."""

    def usable(sentence: Sentence) -> bool:
        return not sentence.marked and not (unattributed and sentence.text.endswith(":"))

    wanted = rng.randint(1, 3)
    before: list[str] = []
    for sentence in reversed(document[max(0, index - rng.randint(0, wanted)) : index]):
        if not usable(sentence):
            break
        before.insert(0, sentence.text)
    after: list[str] = []
    for sentence in document[index + 1 : index + 1 + wanted - len(before)]:
        if not usable(sentence):
            break
        after.append(sentence.text)
    return (before, after) if before or after else None


def record(kind: str, before: list[str], core: str, after: list[str], spans: list[Any]) -> Any:
    """A record's text and its quotations, offsets moved past the sentences before."""
    shift = len(" ".join(before)) + (1 if before else 0)
    quotations = [{"start": a + shift, "end": b + shift, "attributed": f} for a, b, f in spans]
    return {"kind": kind, "text": " ".join([*before, core, *after]), "quotations": quotations}


def unattributed_core(quotes: list[Quote], text: str) -> tuple[str, int]:
    """The longest quotation alone, marks included, its attribution dropped; a period
    after it where it does not end a sentence itself."""
    quote = max(quotes, key=lambda q: q.end - q.start)
    words = text[quote.start : quote.end]
    last = words[:-1].rstrip()[-1:]
    return (words if last and last in TERMINAL else words + "."), len(words)


def speech_records(parsed: Parsed, lexicon: set[str], rng: random.Random) -> list[Any]:
    """Attributed sentences among their neighbours; then, from the other end of the same
    shuffled list, such sentences with only a quotation kept (the damage to find)."""
    candidates = [
        (document, index)
        for document in documents(parsed.sentences)
        for index, sentence in enumerate(document)
        if speech(sentence, lexicon)
    ]
    rng.shuffle(candidates)
    kept: list[Any] = []
    for document, index in candidates:
        around = neighbours(document, index, rng, unattributed=False)
        if around is not None and len(kept) < PER_KIND:
            sentence = document[index]
            spans = [(q.start, q.end, True) for q in speech(sentence, lexicon)]
            kept.append(record("attributed", around[0], sentence.text, around[1], spans))
    damaged: list[Any] = []
    for document, index in reversed(candidates):
        around = neighbours(document, index, rng, unattributed=True)
        if around is not None and len(damaged) < PER_KIND:
            sentence = document[index]
            core, end = unattributed_core(speech(sentence, lexicon), sentence.text)
            damaged.append(record("unattributed", around[0], core, around[1], [(0, end, False)]))
    return kept + damaged


def mention_records(parsed: Parsed, rng: random.Random) -> list[Any]:
    """Sentences whose quotations are all names, titles or single words (``the word
    "wall"``, a film's title) among their neighbours: quotation marks that need no
    speaker, where a finding would be a false alarm."""
    candidates = [
        (document, index)
        for document in documents(parsed.sentences)
        for index, sentence in enumerate(document)
        if sentence.quotes
        and all(q.readable and (q.title or q.words <= 1) for q in sentence.quotes)
    ]
    rng.shuffle(candidates)
    kept: list[Any] = []
    for document, index in candidates:
        around = neighbours(document, index, rng, unattributed=False)
        if around is not None and len(kept) < PER_KIND:
            sentence = document[index]
            spans = [(q.start, q.end, True) for q in sentence.quotes]
            kept.append(record("mention", around[0], sentence.text, around[1], spans))
    return kept


def clean_records(parsed: Parsed, rng: random.Random) -> list[Any]:
    """Runs of 2 to 4 consecutive sentences of one document without a quotation mark."""
    chunks: list[list[str]] = []
    for document in documents(parsed.sentences):
        run: list[str] = []
        for sentence in [*document, None]:
            if sentence is not None and not sentence.marked:
                run.append(sentence.text)
                continue
            while len(run) >= 2:
                size = rng.randint(2, 4)
                chunks.append(run[:size])
                run = run[size:]
            run = []
    rng.shuffle(chunks)
    return [record("clean", [], " ".join(chunk), [], []) for chunk in chunks[:PER_KIND]]


def build_records(lang: str, parsed: Parsed, lexicon: set[str]) -> list[dict[str, Any]]:
    """A language's records from one treebank: attributed, unattributed, clean, mention.
    ``lexicon`` holds the verbs mined from this same treebank."""
    rng = random.Random(f"{SEED}:{lang}:{parsed.treebank.repository}")
    records = speech_records(parsed, lexicon, rng) + clean_records(parsed, rng)
    # Drawn apart, so that adding them left the other kinds' records as they were.
    mentions = random.Random(f"{SEED}:{lang}:{parsed.treebank.repository}:mention")
    records += mention_records(parsed, mentions)
    return [
        {"id": f"{lang}-{n:04d}", "lang": lang, "treebank": parsed.treebank.repository, **r}
        for n, r in enumerate(records, start=1)
    ]


def records_of(lang: str, treebank: Treebank, mirrors: Path) -> list[dict[str, Any]]:
    """Read a treebank and build its records, the verbs mined from it telling what is
    attributed; the benchmark builds its in-sample records from lexicon treebanks so."""
    parsed = read_treebank(treebank, mirrors)
    return build_records(lang, parsed, set(mine_verbs([parsed])))


def source_entry(treebank: Treebank, mirrors: Path) -> dict[str, Any]:
    return {
        "repository": f"https://github.com/UniversalDependencies/{treebank.repository}",
        "commit": treebank.commit,
        "licence": treebank.licence,
        "files": treebank.files(mirrors),
    }


ABOUT = (
    "Verbs of saying per language, as written (case-folded), mined from Universal Dependencies "
    "treebanks (_sources) by benchmarks/build_quotations_corpus.py: a VERB outside a quotation "
    "(a span between paired quotation marks, not a name or title of three tokens or fewer "
    "without a verb) that governs the quotation's root as ccomp, parataxis, obj or xcomp (an "
    "AUX too), or hangs on it as parataxis; kept when the form does so "
    f"{MIN_FORM_LINKS}+ times or its lemma {MIN_LEMMA_LINKS}+ times, and not among the "
    f"treebanks' {FREQUENT_TOKENS} most frequent tokens unless its lemma governs quotations "
    "as a rule. A language's evaluation records (fixtures/corpus/quotations/ud-heldout.jsonl) "
    "come from another treebank."
)


def build(mirrors: Path) -> Iterator[str]:
    """Mine every language and build every evaluation set, a line of counts per language;
    then write both files."""
    verbs: dict[str, list[str]] = {}
    sources: dict[str, Any] = {}
    records: list[Any] = []
    for lang, treebanks in sorted(LEXICON.items()):
        found = mine_verbs(read_treebank(t, mirrors) for t in treebanks)
        if found:
            verbs[lang] = found
            sources[lang] = [source_entry(t, mirrors) for t in treebanks]
        line = f"{lang}: {len(found):3} forms from {', '.join(t.repository for t in treebanks)}"
        if lang in EVALUATION:
            built = records_of(lang, EVALUATION[lang], mirrors)
            records.extend(built)
            kinds = Counter(r["kind"] for r in built)
            line += f"; {EVALUATION[lang].repository}: " + ", ".join(
                f"{kinds[kind]} {kind}"
                for kind in ("attributed", "unattributed", "clean", "mention")
            )
        yield line
    lexicon = {"_about": ABOUT, "_sources": sources, **verbs}
    text = json.dumps(lexicon, ensure_ascii=False, indent=1, sort_keys=True)
    VERBS_FILE.write_text(text + "\n", encoding="utf-8")
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records]
    CORPUS_FILE.write_text("".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    arguments = parser.parse_args()
    for line in build(arguments.mirrors):
        print(line, flush=True)


if __name__ == "__main__":
    main()
