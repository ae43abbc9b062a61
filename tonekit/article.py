"""``score_article``: the quotes of an article, each with its tone, and summaries per article
and per speaker. Joins the two halves of tonekit: :func:`extract_quotes` and the tone model."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .quotes import Quote, extract_quotes_batch, frame_text
from .tone import ToneModel, ToneScore, default_model

__all__ = ["ScoredQuote", "SpeakerTone", "ArticleTone", "score_article", "score_texts", "summarise"]


@dataclass(frozen=True, slots=True)
class ScoredQuote:
    """A quote and its tone; ``scored`` is the text the tone was scored on: the quote in its
    frame (:func:`tonekit.quotes.frame_text`), or the quote's own text."""

    quote: Quote
    tone: ToneScore
    scored: str = ""

    def to_dict(self) -> dict[str, Any]:
        q = self.quote
        return {"text": q.text, "start": q.start, "end": q.end, "speaker": q.speaker, "speaker_id": q.speaker_id,
                "speaker_confidence": q.speaker_confidence, "speaker_role": q.speaker_role,
                "speaker_country": q.speaker_country, "cue": q.cue,
                "kind": q.kind, **self.tone.to_dict(), "scored_text": self.scored or q.text}


@dataclass(frozen=True, slots=True)
class SpeakerTone:
    """How one speaker sounded in an article: number of quotes, mean index, label counts."""

    speaker: str | None
    count: int
    mean_index: float
    labels: dict[str, int]
    speaker_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "speaker_id": self.speaker_id, "count": self.count,
                "mean_index": round(self.mean_index, 4), "labels": dict(self.labels)}


@dataclass(frozen=True, slots=True)
class ArticleTone:
    """An article's scored quotes; ``index`` is the mean quote index and ``label`` the label
    of the mean probabilities (both None when the article has no quotes)."""

    quotes: tuple[ScoredQuote, ...]
    index: float | None
    label: str | None
    scores: dict[str, float] | None
    speakers: tuple[SpeakerTone, ...]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view (index, label, scores, speakers and every quote): what a batch
        result record holds."""
        return {"n_quotes": len(self.quotes), "index": None if self.index is None else round(self.index, 4),
                "label": self.label,
                "scores": None if self.scores is None else {k: round(v, 4) for k, v in self.scores.items()},
                "speakers": [s.to_dict() for s in self.speakers],
                "quotes": [q.to_dict() for q in self.quotes]}


def summarise(quotes: Sequence[Quote], tones: Sequence[ToneScore], labels: Sequence[str],
              index_weights: dict[str, float], scored_texts: Sequence[str] | None = None) -> ArticleTone:
    """Article and per-speaker summaries of already-scored quotes (speakers in order of first quote)."""
    texts = scored_texts if scored_texts is not None else [q.text for q in quotes]
    scored = tuple(ScoredQuote(q, t, s) for q, t, s in zip(quotes, tones, texts))
    if not scored:
        return ArticleTone(quotes=(), index=None, label=None, scores=None, speakers=())
    mean = np.mean([[t.scores[label] for label in labels] for t in tones], axis=0)
    scores = dict(zip(labels, mean.tolist()))
    by_speaker: dict[str | None, list[ToneScore]] = {}
    names: dict[str | None, str | None] = {}
    for q, t in zip(quotes, tones):  # one row per person: "Mr. Obama" and "Barack Obama" share an id
        by_speaker.setdefault(q.speaker_id, []).append(t)
        if q.speaker is not None and len(q.speaker) > len(names.get(q.speaker_id) or ""):
            names[q.speaker_id] = q.speaker
    speakers = tuple(SpeakerTone(names.get(key), len(ts), float(np.mean([t.index for t in ts])),
                                 dict(Counter(t.label for t in ts).most_common()), key)
                     for key, ts in by_speaker.items())
    return ArticleTone(quotes=scored, index=float(np.mean([t.index for t in tones])),
                       label=labels[int(mean.argmax())], scores=scores, speakers=speakers)


def score_texts(texts: Sequence[str], *, model: ToneModel, mode: str = "auto",
                explain: bool | int = False, frame: bool = True) -> list[ArticleTone]:
    """:func:`score_article` of many articles at once: their paragraphs are parsed in one
    stream and all their quotes scored in one vectorised call. A blank article has no quotes."""
    quote_lists = [[q for q in quotes if q.text.strip()] for quotes in extract_quotes_batch(texts, mode=mode)]
    scored = [[frame_text(text, q) if frame else q.text for q in quotes] for text, quotes in zip(texts, quote_lists)]
    flat = [s for article in scored for s in article]
    tones = iter(model.score(flat, explain=explain) if flat else [])
    labels, weights = model.labels, dict(model.index_weights)
    return [summarise(quotes, [next(tones) for _ in quotes], labels, weights, texts_)
            for quotes, texts_ in zip(quote_lists, scored)]


def score_article(text: str, *, mode: str = "auto", model: ToneModel | None = None,
                  frame: bool = True) -> ArticleTone:
    """Extract the quotes of ``text`` (see :func:`tonekit.quotes.extract_quotes` for ``mode``) and score each
    in its frame: an indirect quote with its reporting verb, a direct one with its verb when
    the verb is evaluative ("warned", "praised"; see :func:`tonekit.quotes.frame_text`).
    ``frame=False`` scores every quote on its own words alone."""
    if not isinstance(text, str):
        raise TypeError(f"expected the article as str, got {type(text).__name__}")
    if not text.strip():
        raise ValueError("empty or whitespace-only article cannot be scored")
    return score_texts([text], model=model or default_model(), mode=mode, frame=frame)[0]
