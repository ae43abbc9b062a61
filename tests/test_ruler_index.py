"""The indexed attribute-ruler matcher finds exactly the matches of spaCy's Matcher."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher
from spacy.tokens import Doc

from tonekit.quotes.pipeline import load_trained, trained_pipeline_name
from tonekit.quotes.ruler_index import IndexedRulerMatcher, index_attribute_ruler


# sentences written for this test, with the ruler's word exceptions ("ain't", "gonna", spaces)
TEXTS = [
    "The envoy said the ceasefire ain't holding, and they're gonna ask for more monitors.",
    "“We can't  accept it,” she told reporters.\n\nHe didn't reply; the ministers wanna wait.",
    "According to an aide, Ms. Lee'll visit Seoul and Tokyo in May — if the talks go well.",
    "",
]

# patterns of every kind the index handles, over TAG, LOWER, DEP and IS_SPACE
PATTERNS = [
    ([{"TAG": "NN"}], {"POS": "NOUN"}, 0),
    ([{"LOWER": "said", "TAG": {"IN": ["VBD", "VBN"]}}], {"LEMMA": "say"}, 0),
    ([{"LOWER": {"REGEX": "^n'?t$"}}], {"LEMMA": "not"}, 0),
    ([{"LOWER": "gon"}, {"LOWER": "na", "TAG": {"NOT_IN": ["NN"]}}], {"LEMMA": "go"}, 0),
    ([{"LOWER": "gon"}, {"LOWER": "na"}], {"LEMMA": "to"}, 1),
    ([{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}], {"DEP": "dep"}, 0),
    ([{"DEP": "nsubj", "TAG": "NN"}], {"POS": "PROPN"}, 0),
]
WORDS = ["said", "gon", "na", "n't", "nt", " ", "talks", "Said", "GON"]
TAGS = ["NN", "VBD", "VBN", "_SP", ""]
DEPS = ["nsubj", "dep", "ROOT", ""]


def _blank_ruler() -> spacy.language.Language:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    for pattern, attrs, index in PATTERNS:
        ruler.add([pattern], attrs, index=index)  # type: ignore[attr-defined]
    return nlp


@lru_cache(maxsize=1)
def _indexed() -> tuple[spacy.language.Language, Any, Matcher]:
    """One indexed ruler and its original Matcher, shared by the examples (building one is slow)."""
    nlp = _blank_ruler()
    ruler = nlp.get_pipe("attribute_ruler")
    original = ruler.matcher  # type: ignore[attr-defined]
    assert index_attribute_ruler(ruler)  # type: ignore[arg-type]
    return nlp, ruler, original


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(TAGS), st.sampled_from(DEPS)), max_size=12))
def test_the_index_finds_the_matches_of_the_matcher(tokens: list[tuple[str, str, str]]) -> None:
    nlp, ruler, original = _indexed()
    doc = Doc(nlp.vocab, words=[w for w, _, _ in tokens], tags=[t for _, t, _ in tokens],
              deps=[d for _, _, d in tokens], heads=list(range(len(tokens))))
    # the same matches, each once; their order is free (the ruler sorts them before applying them)
    assert sorted(ruler.matcher(doc, allow_missing=True)) == sorted(original(doc, allow_missing=True))  # type: ignore[attr-defined]


@pytest.mark.parametrize("pattern", [
    [{"ORTH": "said"}],
    [{"LOWER": "said", "OP": "?"}],
    [{"POS": "VERB"}],
    [{"LOWER": {"FUZZY": "said"}}],
], ids=["orth", "operator", "pos", "fuzzy"])
def test_a_ruler_with_other_patterns_keeps_the_matcher(pattern: list[dict[str, object]]) -> None:
    nlp = _blank_ruler()
    ruler = nlp.get_pipe("attribute_ruler")
    ruler.add([pattern], {"LEMMA": "say"})  # type: ignore[attr-defined]
    assert not index_attribute_ruler(ruler)  # type: ignore[arg-type]
    assert isinstance(ruler.matcher, Matcher)  # type: ignore[attr-defined]


@pytest.mark.parser
def test_the_trained_pipeline_uses_the_index() -> None:
    ruler = load_trained().get_pipe("attribute_ruler")
    assert isinstance(ruler.matcher, IndexedRulerMatcher)  # type: ignore[attr-defined]
    assert ruler.patterns  # type: ignore[attr-defined]  # serialisation still reads the original patterns


@pytest.mark.parser
@pytest.mark.parametrize("text", TEXTS, ids=["contractions", "spaces-and-quotes", "according-to", "empty"])
def test_the_trained_pipeline_annotates_as_spacy_does(text: str) -> None:
    ours = load_trained()
    theirs = spacy.load(str(trained_pipeline_name()), exclude=["senter"])
    theirs.select_pipes(enable=ours.pipe_names)
    assert not isinstance(theirs.get_pipe("attribute_ruler").matcher, IndexedRulerMatcher)  # type: ignore[attr-defined]

    def annotations(doc: Doc) -> list[tuple[str, ...]]:
        return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, str(t.head.i)) for t in doc]
    assert annotations(ours(text)) == annotations(theirs(text))
