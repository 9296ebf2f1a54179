"""wordfreq's lists as hygiene reads them: membership by hash, aliases, international words."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hygiene.groups.language.vocabulary import (
    has_full_list,
    has_list,
    international_words,
    knows,
    knows_all,
    knows_any,
    uses_any,
    writes_most,
)
from hygiene.groups.lexicon import words
from tests.conftest import run_cli


def test_common_words_are_known_in_their_language_only() -> None:
    assert knows("hu", "spanyol") and knows("hu", "koreai")
    assert not knows("sv", "spanyol")
    assert knows_all("fi", ["kolumbian", "espanja"]) and not knows_any("sv", ["espanja"])


def test_a_full_list_holds_rare_words_a_small_one_leaves_out() -> None:
    assert has_full_list("fi") and not has_full_list("tr") and has_list("tr")
    assert not knows("fi", "sähköpostiosoitteen") and uses_any("fi", ["sähköpostiosoitteen"])
    assert not uses_any("fi", ["pwnjabi", "mongools"])


def test_languages_filed_under_another_code_share_its_list() -> None:
    assert has_list("hr") and has_list("sr") and has_list("no")
    assert knows("hr", "vrijednost") == knows("sr", "vrijednost") == knows("sh", "vrijednost")
    assert not has_list("th") and not has_list("cy")


def test_international_words_are_names_many_languages_use() -> None:
    words = international_words()
    assert {"khmer", "hindi", "android"} <= words
    assert "spanyol" not in words and "anglicky" not in words


def test_a_shared_word_is_the_language_that_writes_it_most() -> None:
    assert "loka" in international_words()
    assert writes_most("is", "loka") and knows("sv", "loka") and not writes_most("sv", "loka")
    assert not writes_most("sv", "rhagolwg")  # in no list at all


def test_lists_are_read_from_wordfreqs_files_without_importing_it() -> None:
    code = (
        "import sys, hygiene.groups.language.vocabulary as v\n"
        "assert v.knows('de', 'haus') and v.uses_any('fi', ['sähköpostiosoitteen'])\n"
        "assert 'wordfreq' not in sys.modules\n"  # its import takes 0.12 s; its readers cache
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_files_read_are_wordfreqs_own_lists() -> None:
    from wordfreq import available_languages, get_frequency_list

    from hygiene.groups.language.vocabulary import wordfreq_files

    assert wordfreq_files("small") == dict(available_languages("small"))
    assert wordfreq_files("large") == dict(available_languages("large"))
    words = {word for band in get_frequency_list("sv", wordlist="small") for word in band}
    sample = sorted(words)[::997]
    assert all(knows("sv", word) for word in sample)


def test_a_missing_wordfreq_is_one_line_naming_the_way_out(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "Syötä kelvollinen sähköpostiosoite.\n\nSyötä kelvollinen arvo.\n\n"
        "Tämä kenttä ei voi olla tyhjä.\n\nSyötä kelvollinen kokonaisluku.\n\nPwnjabi\n",
        encoding="utf-8",
    )
    result = run_cli("check", str(page), prelude="import sys\nsys.modules['wordfreq'] = None")
    assert result.returncode == 2
    lines = result.stderr.decode("utf-8").splitlines()
    assert len(lines) == 1 and "Traceback" not in lines[0]
    assert "pip install 'wordfreq" in lines[0]


def test_a_list_kept_by_one_process_answers_alike_in_another(tmp_path: Path) -> None:
    """The hashes kept in the cache hold across processes, whose str hashes are salted
    differently: the first process fills an empty cache, the second maps what it kept."""
    import os

    code = (
        "import hygiene.groups.language.vocabulary as v\n"
        "print(v.knows('de', 'haus'), v.knows('de', 'spanyol'),"
        " v.uses_any('fi', ['sähköpostiosoitteen']), v.uses_any('fi', ['pwnjabi']))\n"
    )
    answers = []
    for seed in ("1", "2"):
        env = {**os.environ, "HYGIENE_CACHE_DIR": str(tmp_path), "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", code], env=env, check=True,
                              capture_output=True, text=True)  # fmt: skip
        answers.append(done.stdout.split())
    assert answers[0] == answers[1] == ["True", "False", "True", "False"]
    assert len(list(tmp_path.glob("wordfreq-*.bin"))) == 2  # de's small list, fi's large one


def _install(site: Path, release: str | None, data: bytes) -> str:
    """A copy of a wordfreq list where an installation puts it, with its release's
    dist-info folder beside the package (none for a source checkout)."""
    folder = site / "wordfreq" / "data"
    folder.mkdir(parents=True)
    if release is not None:
        (site / f"wordfreq-{release}.dist-info").mkdir()
    path = folder / "small_de.msgpack.gz"
    path.write_bytes(data)
    return str(path)


def test_every_installation_of_a_release_shares_its_kept_lists(tmp_path: Path) -> None:
    import os

    from hygiene.groups.language.vocabulary import installed_key

    first = _install(tmp_path / "venv-1", "3.1.1", b"words")
    second = _install(tmp_path / "venv-2", "3.1.1", b"words")
    os.utime(second, ns=(0, 0))  # installed later: another path, another time of change
    assert installed_key(first) == installed_key(second)
    # Another release, another size (edited), or no release at all: kept apart.
    assert installed_key(first) != installed_key(_install(tmp_path / "venv-3", "3.2.0", b"words"))
    assert installed_key(first) != installed_key(_install(tmp_path / "venv-4", "3.1.1", b"wordz!"))
    checkout = _install(tmp_path / "src", None, b"words")
    assert installed_key(checkout) != installed_key(_install(tmp_path / "src-2", None, b"words"))


def test_a_turkish_capital_i_is_looked_up_as_the_lists_write_it() -> None:
    # Case-folding İ leaves i and a combining dot above, which no list writes.
    (folded,) = words("İfadeler")
    assert folded != "ifadeler"
    assert knows("tr", folded) and knows("tr", "ifadeler")
