"""Measure extraction: against our seed gold (span match) and against brat attribution corpora."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .brat import BratDocument
from .lexicon import PRONOUNS, inflections
from .marks import find_quoted_spans
from .quote import Quote
from .speakers import normalise_speaker, strip_titles

__all__ = ["SpanScores", "score_spans", "BratScores", "score_brat", "speaker_matches", "gold_speaker_names"]

Extractor = Callable[[str], list[Quote]]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class SpanScores:
    """Quote-level scores against gold spans (a match is intersection over union >= 0.5)."""

    gold: int
    predicted: int
    matched: int
    speaker_correct: int
    kind_correct: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_correct / self.matched if self.matched else 0.0

    @property
    def kind_accuracy(self) -> float:
        return self.kind_correct / self.matched if self.matched else 0.0


def _iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def score_spans(pairs: Sequence[tuple[list[Quote], list[dict[str, Any]]]]) -> SpanScores:
    """Score predicted quotes against gold records (``start``, ``end``, ``speaker``, ``kind``)
    for several documents; each gold record matches at most one prediction."""
    gold_n = pred_n = matched = spk = kind = 0
    for predicted, gold in pairs:
        gold_n += len(gold)
        pred_n += len(predicted)
        used: set[int] = set()
        for g in gold:
            best, best_iou = None, 0.5
            for i, q in enumerate(predicted):
                iou = _iou((q.start, q.end), (g["start"], g["end"]))
                if i not in used and iou >= best_iou:
                    best, best_iou = i, iou
            if best is None:
                continue
            used.add(best)
            matched += 1
            spk += normalise_speaker(predicted[best].speaker) == normalise_speaker(g.get("speaker"))
            kind += predicted[best].kind == g.get("kind")
    return SpanScores(gold_n, pred_n, matched, spk, kind)


# --------------------------------------------------------------------------- brat


@dataclass(frozen=True)
class BratScores:
    """The brat evaluation's figures; see :func:`score_brat` for the definitions."""

    direct_gold: int
    direct_found: int
    direct_found_strict: int
    direct_predicted: int
    direct_correct: int
    speaker_scored: int
    speaker_correct: int
    indirect_gold: int
    indirect_found: int
    indirect_predicted: int
    indirect_correct: int
    speaker_resolved_scored: int = 0
    speaker_resolved_correct: int = 0
    # (band, quotes, correct) over the same quotes as speaker_accuracy_resolved, by speaker_confidence
    confidence_bands: tuple[tuple[str, int, int], ...] = ()

    @property
    def direct_recall(self) -> float:
        return self.direct_found / self.direct_gold if self.direct_gold else 0.0

    @property
    def direct_recall_strict(self) -> float:
        """Recall counting only predicted direct quotes, not fragments inside reported speech."""
        return self.direct_found_strict / self.direct_gold if self.direct_gold else 0.0

    @property
    def direct_f1_strict(self) -> float:
        return _f1(self.direct_precision, self.direct_recall_strict)

    @property
    def direct_precision(self) -> float:
        return self.direct_correct / self.direct_predicted if self.direct_predicted else 0.0

    @property
    def direct_f1(self) -> float:
        return _f1(self.direct_precision, self.direct_recall)

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_correct / self.speaker_scored if self.speaker_scored else 0.0

    @property
    def speaker_accuracy_resolved(self) -> float:
        """Speaker accuracy over found quotes whose gold source is a name, or a pronoun or a
        person description that the gold resolves to a name (see :func:`gold_speaker_names`)."""
        return self.speaker_resolved_correct / self.speaker_resolved_scored if self.speaker_resolved_scored else 0.0

    @property
    def indirect_recall(self) -> float:
        return self.indirect_found / self.indirect_gold if self.indirect_gold else 0.0

    @property
    def indirect_precision(self) -> float:
        return self.indirect_correct / self.indirect_predicted if self.indirect_predicted else 0.0

    def as_dict(self) -> dict[str, float | int]:
        """The counts and every derived figure, for ``tonekit eval-quotes --json``."""
        out: dict[str, float | int] = dict(self.__dict__)
        out["confidence_bands"] = [list(b) for b in self.confidence_bands]  # type: ignore[assignment]
        for name in ("direct_recall", "direct_recall_strict", "direct_precision", "direct_f1", "direct_f1_strict", "speaker_accuracy",
                     "speaker_accuracy_resolved", "indirect_recall", "indirect_precision"):
            out[name] = round(getattr(self, name), 4)
        return out


def _covered(span: tuple[int, int], by: Sequence[tuple[int, int]]) -> int:
    """Characters of ``span`` inside the union of ``by``."""
    a, b = span
    marks = bytearray(max(0, b - a))
    for x, y in by:
        for i in range(max(a, x), min(b, y)):
            marks[i - a] = 1
    return sum(marks)


_NAME_TOKEN = re.compile(r"[A-Z][a-z\u00c0-\u024f'\u2019.-]+")


def _is_name(source: str) -> bool:
    """A gold source that names someone ("Trump", "Hillary Clinton"), not "he" or "a source"."""
    tokens = re.split(r",|\s+who\s+", source)[0].split()  # "Anna Berg, the Austrian envoy"
    if not tokens or source.lower() in PRONOUNS:
        return False
    if tokens[0].lower() in ("a", "an", "the", "one", "some", "many", "two", "several"):
        return False
    return _NAME_TOKEN.fullmatch(tokens[-1].rstrip(",.")) is not None


def speaker_matches(predicted: str | None, gold_source: str) -> bool:
    """The predicted speaker names the gold source: "Donald Trump" for "Trump" or for
    "Republican nominee Donald Trump"."""
    pred = set(normalise_speaker(predicted).replace("'s", "").split())
    if not pred:
        return False
    # the gold Source span often carries an appositive ("Charlie King, a prominent Democrat")
    # or a constituency ("Rep. Elijah Cummings of Maryland")
    name = re.split(r",|\s+who\s+|\s+\(", gold_source)[0]
    for variant in (name, re.split(r"\s+of\s+", name)[0]):
        gold = set(strip_titles(normalise_speaker(variant).replace("'s", "").split()))
        if gold and (gold <= pred or pred <= gold):
            return True
    return False


# Heads of a description that stands for one person ("the president", "the New York
# businessman"): such a gold source is resolved to the named source before it. Fixed here, apart
# from the extractor's word lists, so that the gold never moves with the extractor.
EVAL_PERSON_HEADS = frozenset(
    "president senator candidate nominee governor secretary minister spokesman spokeswoman spokesperson businessman "
    "chairman chairwoman mayor leader congressman congresswoman speaker director ambassador aide adviser advisor "
    "prosecutor judge chief executive founder lawyer attorney commissioner economist official host".split())
_SINGULAR_PRONOUNS = frozenset({"he", "she"})
_BAND_EDGES = ((0.85, "0.85-1"), (0.7, "0.70-0.85"), (0.5, "0.50-0.70"), (0.0, "0-0.50"))


def _name_part(source: str) -> str | None:
    """The part of a gold source that names someone: "Rep. Jane Roe (D-Ohio), head of the caucus" ->
    "Rep. Jane Roe"; "His former partner, John Doe," -> "John Doe"; None for "he" or "a source"."""
    for part in re.split(r",|\s+who\s+|\s+\(|\)", source):
        tokens = part.split()
        if not tokens or part.strip().lower() in PRONOUNS:
            continue
        if tokens[0].lower() in ("the",) and len(tokens) > 2 and all(t[:1].isupper() for t in tokens[1:]):
            tokens = tokens[1:]  # "the Rev. Jane Roe"
        elif tokens[0].lower() in ("a", "an", "the", "one", "some", "many", "two", "several", "his", "her", "their",
                                   "its", "of", "at", "from", "in"):
            continue
        last = tokens[-1].strip(",.")
        if len(last) > 1 and last[0].isupper() and (any(c.islower() for c in last) or last.isupper()):
            return " ".join(tokens)
    return None


def _resolvable(source: str) -> bool:
    """A pronoun for one person, or a definite description with a person head ("the president")."""
    low = source.strip().lower()
    if low in _SINGULAR_PRONOUNS:
        return True
    words = re.sub(r"[\u2019']s\b", "", low).split()
    return len(words) >= 2 and words[0] in ("the", "this") and words[-1] in EVAL_PERSON_HEADS


def gold_speaker_names(doc: BratDocument) -> dict[int, str]:
    """Gold source start -> the name it stands for, where the file's relations allow: a source
    that holds a name gives it; "he", "she" or "the senator" takes the named source of the
    attributions before it in its paragraph or the two before, when all of them name the same
    person (two different people there: not resolved, not scored)."""
    sources = sorted({(a.source.start, doc.span_text(a.source)) for a in doc.attributions if a.source is not None})
    paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n+", doc.text)]

    def paragraph(pos: int) -> int:
        return bisect.bisect_right(paragraph_starts, pos) - 1

    named: list[tuple[int, str]] = []
    out: dict[int, str] = {}
    for start, text in sources:
        name = _name_part(text)
        if name is not None:
            out[start] = name
            named.append((start, name))
            continue
        if not _resolvable(text):
            continue
        window = [(p, n) for p, n in named if paragraph(p) >= paragraph(start) - 2]
        if not window or not all(speaker_matches(n, window[-1][1]) or speaker_matches(window[-1][1], n) for _, n in window):
            continue
        at, name = window[-1]
        if not _other_person_between(doc.text, at, start, name):
            out[start] = name
    return out


_PERSONISH = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|President)\.?\s+([A-Z][\w\-]+)"
                        r"|\b([A-Z][a-z][\w\-]*\s+[A-Z][a-z][\w\-]+)\b"
                        r"|\b([A-Z][a-z][\w\-]+)\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|es|s)\b")


def _other_person_between(text: str, lo: int, hi: int, name: str) -> bool:
    """Someone else may be named between the named source and the pronoun: a titled name, two
    capitalised words, or a capitalised word before a verb ("Scott bristles"), outside
    quotations, not part of the source's own name. Then the gold does not say who "he" is."""
    own = {w.strip(".,").lower() for w in name.split()}
    between = text[lo:hi]
    for seg in find_quoted_spans(between):
        between = between[:seg.start] + " " * (seg.end - seg.start) + between[seg.end:]
    for m in _PERSONISH.finditer(between):
        words = {w.lower() for w in (m.group(1) or m.group(2) or m.group(3)).split()}
        if not words & own and not words <= _COMMON_CAPITALS:
            return True
    return False


_COMMON_CAPITALS = frozenset("the this that these those it he she they we but and in on at as if when while after "
                             "before for so then there his her their its our".split())


def _band(confidence: float) -> str:
    return next(label for edge, label in _BAND_EDGES if confidence >= edge)


# Gold cues that count as speech for indirect recall. Fixed here, apart from the extractor's own
# verb list in tonekit/data, so that extending the extractor never changes the gold it is scored on.
EVAL_SPEECH_LEMMAS = frozenset(
    "acknowledge add admit affirm agree announce argue assert assure believe brief caution charge claim comment "
    "complain concede condemn confirm continue contend declare demand deny describe emphasise emphasize explain "
    "express highlight indicate inform insist maintain mention note observe pledge praise proclaim promise propose "
    "protest reaffirm recall reiterate remark remind reply report respond reveal say signal state stress suggest "
    "tell testify tweet underline underscore urge vow warn welcome write".split()
)


def _speech_cue(cue: str) -> bool:
    words = cue.lower().replace(":", " ").split()
    if "according" in words or not words:
        return True
    forms = {f for lemma in EVAL_SPEECH_LEMMAS for f in inflections(lemma)}
    return any(w in forms for w in words)


def score_brat(docs: Sequence[BratDocument], extract: Extractor) -> BratScores:
    """Score an extractor on brat attribution gold.

    Direct: gold segments are quoted spans (paired marks) inside Content spans. A gold segment
    of >= 3 words is found when >= 80% of its characters lie inside predicted direct quotes or,
    because tonekit keeps a quoted fragment of reported speech inside that indirect quote (with
    its speaker), inside the marks of a predicted indirect quote; ``direct_recall_strict``
    counts direct quotes only. A predicted direct quote is correct when >= 50% of it lies inside
    gold quoted segments. Speaker accuracy is over found segments whose gold Source is a name;
    ``speaker_accuracy_resolved`` also counts gold sources that are "he", "she" or a person
    description resolved to a name (:func:`gold_speaker_names`), and ``confidence_bands`` break
    it down by the predicted ``speaker_confidence``. Indirect: gold is the
    Content of speech cues (said, told, according to, ...); a gold content is found when >= 50%
    of it is covered by predicted indirect quotes; a predicted indirect quote is correct when
    at least 50% of it lies inside any gold Content span.
    """
    c = dict(direct_gold=0, direct_found=0, direct_found_strict=0, direct_predicted=0, direct_correct=0, speaker_scored=0,
             speaker_correct=0, indirect_gold=0, indirect_found=0, indirect_predicted=0, indirect_correct=0,
             speaker_resolved_scored=0, speaker_resolved_correct=0)
    bands: dict[str, list[int]] = {}
    for doc in docs:
        predicted = extract(doc.text)
        direct = [q for q in predicted if q.kind == "direct"]
        indirect = [q for q in predicted if q.kind == "indirect"]
        direct_spans = [(q.start, q.end) for q in direct]
        contents = [att.content for att in doc.attributions]
        content_ranges = [r for span in contents for r in span.ranges]
        resolved = gold_speaker_names(doc)
        segments: list[tuple[tuple[int, int], str, str | None]] = []
        for seg in find_quoted_spans(doc.text):
            for att in doc.attributions:
                inside = _covered((seg.start, seg.end), att.content.ranges)
                if inside >= 0.8 * (seg.end - seg.start):
                    gold_name = resolved.get(att.source.start) if att.source is not None else None
                    segments.append(((seg.start, seg.end), doc.span_text(att.source), gold_name))
                    break
        segment_spans = [s for s, _, _ in segments]
        for (a, b), source, gold_name in segments:
            if len(doc.text[a:b].split()) < 3:
                continue
            c["direct_gold"] += 1
            strict = _covered((a, b), direct_spans) >= 0.8 * (b - a)
            hosts = [q for q in predicted if min(q.end, b) - max(q.start, a) >= 0.8 * (b - a)]
            if strict or hosts:
                c["direct_found"] += 1
                c["direct_found_strict"] += strict
                host = max(predicted, key=lambda q: min(q.end, b) - max(q.start, a))
                if _is_name(source):
                    c["speaker_scored"] += 1
                    c["speaker_correct"] += speaker_matches(host.speaker, source)
                if gold_name is not None:
                    right = speaker_matches(host.speaker, gold_name)
                    c["speaker_resolved_scored"] += 1
                    c["speaker_resolved_correct"] += right
                    band = bands.setdefault(_band(host.speaker_confidence), [0, 0])
                    band[0] += 1
                    band[1] += right
        for q in direct:
            c["direct_predicted"] += 1
            c["direct_correct"] += _covered((q.start, q.end), segment_spans) >= 0.5 * (q.end - q.start)
        for att in doc.attributions:
            if att.cue is None or not _speech_cue(doc.span_text(att.cue)):
                continue
            length = sum(b - a for a, b in att.content.ranges)
            if sum(_covered(r, segment_spans) for r in att.content.ranges) >= 0.8 * length:
                continue  # wholly quoted: counted as direct
            c["indirect_gold"] += 1
            covered = sum(_covered(r, [(q.start, q.end) for q in indirect]) for r in att.content.ranges)
            c["indirect_found"] += covered >= 0.5 * length
        for q in indirect:
            c["indirect_predicted"] += 1
            c["indirect_correct"] += _covered((q.start, q.end), content_ranges) >= 0.5 * (q.end - q.start)
    order = [label for _, label in _BAND_EDGES]
    return BratScores(**c, confidence_bands=tuple((label, bands[label][0], bands[label][1]) for label in order
                                                  if label in bands))
