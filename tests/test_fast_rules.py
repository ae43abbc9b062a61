"""Fast mode skips a rule only where it cannot match, and the cue regex built as a trie matches
what the plain alternation of the cue words matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonekit.quotes import fast
from tonekit.quotes.lexicon import cue_pattern, cue_phrases, inflections, reporting_lemmas, speech_forms, trie_alternation

# sentences of our own making, from the pieces the rules look for: speakers, adverbs, forms
# (also run into "that" or another word), audiences, days, stops, commas and blanks
PIECES = ["The envoy", "the senior official", "a spokesman", "He", "she", "Wang Yi", "President Lee of Korea",
          "Ambassador Tan", " ", "  ", ", ", ",", ".", "!", "?", " said", " says", " told", " stressed",
          " has also said", " said that", "saidthat", " that", " told reporters", " told the press",
          " told Kyodo News", " on Monday", " on Tuesday that", " according to", "According to", " officials",
          "the talks were useful", "we will not give up", "tariffs", "\u2014", ":", "\t", "\n", "said", "x"]
# and sentences laid out as the rules read them, each slot possibly empty, doubled or odd
CONTENT = ["the talks were useful", "we will not give up", "x", "", "Tariffs, he said, stay"]
SPEAKER = ["The envoy", "the senior official", "a spokesman", "He", "she", "Wang Yi", "President Lee of Korea", "", "officials"]
BLANK = [" ", "  ", "\t", "", "\n"]
ADV = ["", "has also ", "later ", "on Monday "]
FORM = ["said", "told", "stressed", "warned", "saidx", "Said", "sai"]
AUD = ["", " reporters", " the press", " Kyodo News", " reporters,"]
ON = ["", " on Monday", " on", " on  Friday"]
COMMA = ["", ",", ", ", " ,"]
THAT = ["that", "", "thatx", " that"]
STOP = ["", ".", " .", "!", "?", ". ", ".."]
LEAD_END = ["", ",", ":", "that", ": "]
TEMPLATES = [
    [CONTENT, COMMA, BLANK, SPEAKER, BLANK, ADV, FORM, ON, STOP],  # "final"
    [CONTENT, COMMA, BLANK, FORM, BLANK, SPEAKER, STOP],  # "final_inv"
    [SPEAKER, BLANK, ADV, FORM, AUD, ON, COMMA, BLANK, THAT, BLANK, CONTENT],  # "that"
    [SPEAKER, BLANK, ADV, FORM, AUD, ON, BLANK, LEAD_END, BLANK],  # "lead"
]
LAID_OUT = st.sampled_from(TEMPLATES).flatmap(lambda slots: st.tuples(*(st.sampled_from(s) for s in slots))).map("".join)
SENTENCES = st.one_of(st.lists(st.sampled_from(PIECES), max_size=16).map("".join), LAID_OUT)


@settings(max_examples=1500, deadline=None)
@given(SENTENCES)
def test_a_rule_skipped_cannot_match(sentence: str) -> None:
    pats = fast._fast_patterns()
    words = fast._Words(sentence)
    for key in fast._INDIRECT_RULES:
        m = pats[key].search(sentence) if key == "that" else pats[key].match(sentence)
        if m is not None:
            assert fast._may_match(key, words), key
    if pats["lead"].search(sentence) is not None:
        assert fast._lead_may_match(sentence)


@pytest.mark.parametrize("key, sentence, fits", [
    ("that", "The envoy said that the talks were useful.", True),
    ("that", "The envoy said the talks were useful, and that was all.", False),
    ("that", "That is what the talks were about.", False),
    ("final", "The talks were useful, the envoy said on Monday.", True),
    ("final", "The envoy said the talks were useful.", False),
    ("final_inv", "The talks were useful, said the envoy.", True),
    ("final_inv", "The talks were useful; said nothing else.", False),
    ("acc_start", "According to the envoy, the talks were useful.", True),
    ("acc_start", "The talks were useful according to him.", False),
    ("acc_end", "The talks were useful, according to the envoy.", True),
    ("acc_end", "The talks were useful.", False),
], ids=["that", "that-after-the-clause", "no-form", "final", "final-form-not-at-end", "final-inv",
        "final-inv-no-comma", "acc-start", "acc-start-not-first", "acc-end", "acc-end-absent"])
def test_the_condition_of_each_rule(key: str, sentence: str, fits: bool) -> None:
    assert fast._may_match(key, fast._Words(sentence)) is fits
    if fits:  # the examples that fit are ones the rule matches
        pattern = fast._fast_patterns()[key]
        assert (pattern.search(sentence) if key == "that" else pattern.match(sentence)) is not None


@pytest.mark.parametrize("head, fits", [
    ("The envoy told reporters: ", True),
    ("The envoy saidthat ", True),
    ("He said on Monday, ", True),
    ("The envoy said the talks were ", False),
    ("The talks were ", False),
], ids=["colon", "run-into-that", "on-day", "form-not-at-end", "no-form"])
def test_the_condition_of_the_lead_rule(head: str, fits: bool) -> None:
    assert fast._lead_may_match(head) is fits


def test_an_unknown_rule_is_an_error() -> None:
    with pytest.raises(ValueError, match="no reported-speech rule 'lead'"):
        fast._may_match("lead", fast._Words("He said: "))


def _plain_cue_pattern() -> re.Pattern[str]:
    """The cue regex as it was built before the trie: the words, longest first."""
    words = set(speech_forms()) | set(cue_phrases())
    for lemma in reporting_lemmas():
        words.update(inflections(lemma))
    alternatives = sorted(words, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in alternatives) + r")\b|\bAccording to\b")


_CUE_PIECES = sorted(set(speech_forms()))[:40] + list(cue_phrases())[:10] + [
    "According to", "according to", " ", "x", "s", "ing", "ed", ",", "-", "Said", "said", "say", "sa", "\u00e9"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_CUE_PIECES), max_size=12).map("".join))
def test_the_cue_trie_matches_as_the_plain_alternation(text: str) -> None:
    plain = _plain_cue_pattern().search(text)
    trie = cue_pattern().search(text)
    assert (trie.span(), trie.group()) == (plain.span(), plain.group()) if plain else trie is None


@pytest.mark.parametrize("words, text, found", [
    ({"said", "say", "says"}, "they say so", "say"),
    ({"said", "say", "says"}, "she says so", "says"),
    ({"a", "ab", "abc"}, "abcd", "abc"),
    ({"in a statement", "in a"}, "in a statement today", "in a statement"),
    ({"a.b"}, "axb", None),
], ids=["shorter", "longer-first", "nested-prefixes", "phrase", "escaped"])
def test_trie_alternation_prefers_the_longest_word(words: set[str], text: str, found: str | None) -> None:
    m = re.search("(?:" + trie_alternation(words) + ")", text)
    assert (m.group() if m else None) == found


@settings(max_examples=300, deadline=None)
@given(SENTENCES)
def test_form_runs_are_the_runs_of_letters_that_are_forms(sentence: str) -> None:
    runs = [m.span() for m in re.finditer("[a-z]+", sentence) if m.group() in speech_forms()]
    assert fast._Words(sentence).form_runs() == runs
