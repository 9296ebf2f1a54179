"""wordfreq's lists as hygiene reads them: membership by hash, aliases, international words."""

from __future__ import annotations

import subprocess
import sys

from hygiene.vocabulary import (
    has_full_list,
    has_list,
    international_words,
    knows,
    knows_all,
    knows_any,
    uses_any,
)


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


def test_wordfreq_is_not_imported_until_a_word_is_looked_up() -> None:
    code = (
        "import sys, hygiene.vocabulary as v\n"
        "assert 'wordfreq' not in sys.modules\n"
        "v.international_words()\n"
        "assert 'wordfreq' not in sys.modules\n"
        "v.knows('de', 'haus')\n"
        "assert 'wordfreq' in sys.modules\n"
        "import wordfreq\n"  # its own reader keeps every list it returns; ours keeps none
        "assert wordfreq.get_frequency_list.cache_info().currsize == 0\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
