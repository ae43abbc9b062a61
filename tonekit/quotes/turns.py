"""Statements that a speaker label introduces instead of a verb: transcript turns
("MS. ROE: We will not ...", as in briefings and interviews) and headline claims ("Roe: Talks
Must Resume by Spring"). A pure function of the text, so both modes share it.

Such a statement is ``indirect`` in kind: its words are not in quotation marks (a quotation inside
it belongs to it, as inside reported speech). A label that opens a caption ("WATCH:",
"EDITOR'S NOTE:", ``caption_labels.txt``) or a question line ("Q:") names no speaker.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache

from .lexicon import DATE_WORDS, is_caption_label, reporting_lemmas, speech_forms
from .marks import QUOTE_CHARS
from .quote import Attribution, Candidate

__all__ = ["label_turns", "overlay_turns"]

# "SECRETARY ROE:", "MS. ROE:", "ROE:" -- upper case words, a transcript's speaker label
_CAPS_LABEL = re.compile(r"[A-Z][A-Z'\u2019.\-]*(?: [A-Z][A-Z'\u2019.\-]*){0,3}")
# A capitalised word of a name or a Title Case line
_CAP = r"[A-Z][\w'\u2019.\-]*"
# "Roe:", "Jane Roe:", "Senator Jane de Roe:" -- a headline's source
_TITLE_LABEL = re.compile(rf"{_CAP}(?: (?:{_CAP}|de|da|van|von|al|bin|el|la|le)){{0,3}}")
# A paragraph that only announces what follows: "He said:", "The governor then added:"
LEAD_IN_LINE = re.compile(r"^\s*(?P<spk>(?:[\w\u2019'.\-]+\s+){0,5}?[\w\u2019'.\-]+)\s+(?:(?:also|then|later)\s+)?"
                          r"(?P<verb>[a-z]+)\s*:$")
_NOT_SPEAKERS = frozenset({"q", "a", "question", "answer", "transcript", "audience", "reporter", "unidentified"})
_HEADLINE_MAX_WORDS = 30
_WORD = re.compile(r"\w+")


def label_turns(text: str, paragraphs: Iterable[tuple[int, int]]) -> list[Candidate]:
    """One candidate per paragraph (start, end) that opens with a speaker label (the rest of the
    paragraph, attributed to the label) or that a lead-in paragraph announces ("The governor
    added:" and then a paragraph with no quotation mark: a block quote whose marks were lost)."""
    out = []
    previous: tuple[int, int] | None = None
    for lo, hi in paragraphs:
        cand = _turn(text, lo, hi)
        if cand is None:
            cand = _title_headline(text, lo, hi)
        if cand is None and previous is not None:
            cand = _announced(text, previous, lo, hi)
        if cand is not None:
            out.append(cand)
        previous = (lo, hi)
    return out


# "..., Former Envoy Says." / "Roe Vows To End The Tariffs" -- in a Title Case headline the parse
# is unreliable, so the frame is read from the words: a speaker of 1-5 capitalised words and a
# reporting verb in the present tense.
_NAME_WORDS = rf"{_CAP}(?: {_CAP}){{0,4}}"
_TRAILING_SAYS = re.compile(rf"^(?P<body>.+?),\s+(?P<spk>{_NAME_WORDS})\s+(?P<verb>[A-Z][a-z]+)[.!]?$")
_LEADING_VOWS = re.compile(rf"^(?:[^,]{{0,60}},\s+)?(?P<spk>{_NAME_WORDS}?)\s+(?P<verb>[A-Z][a-z]+)\s+(?P<body>(?:To|That)\s.+?)[.!]?$")
_SMALL_WORDS = frozenset("a an the of to in on at for by and or but with from as is are be that".split())


@lru_cache(maxsize=None)
def _headline_verbs() -> frozenset[str]:
    """Reporting verbs as a headline writes them: "Says", "Say", "Vows"."""
    return speech_forms() | reporting_lemmas()


def _title_headline(text: str, lo: int, hi: int) -> Candidate | None:
    """A one-line Title Case headline that reports someone's words."""
    at, end = _inside(text, lo, hi)
    stripped = text[at:end]
    if not stripped or "\n" in stripped or len(_WORD.findall(stripped)) > _HEADLINE_MAX_WORDS:
        return None
    words = [w for w in _WORD.findall(stripped) if w.lower() not in _SMALL_WORDS]
    if len(words) < 4 or sum(w[0].isupper() for w in words) < 0.8 * len(words):
        return None
    for pattern in (_TRAILING_SAYS, _LEADING_VOWS):
        m = pattern.match(stripped)
        if m is None or m.group("verb").lower() not in _headline_verbs():
            continue
        if m.group("spk").split()[-1].lower() in _SMALL_WORDS or len(_WORD.findall(m.group("body"))) < 3:
            continue
        return Candidate(at + m.start("body"), at + m.end("body"), "indirect",
                         Attribution(m.group("verb"), at + m.start("verb"), at + m.start("spk"), at + m.end("spk"),
                                     m.group("spk")))
    return None


def _announced(text: str, lead: tuple[int, int], lo: int, hi: int) -> Candidate | None:
    """The paragraph ``[lo, hi)`` as the statement of the lead-in paragraph ``lead``."""
    match = LEAD_IN_LINE.match(text[lead[0]:lead[1]].rstrip())
    if match is None or match.group("verb").lower() not in speech_forms():
        return None
    start, end = _inside(text, lo, hi)
    if start >= end or text[start] in QUOTE_CHARS or len(_WORD.findall(text[start:end])) < 3:
        return None  # a quoted paragraph is a direct quote, found by its marks
    at = lead[0]
    return Candidate(start, end, "indirect", Attribution(match.group("verb"), at + match.start("verb"),
                                                         at + match.start("spk"), at + match.end("spk"),
                                                         match.group("spk")))


def _inside(text: str, lo: int, hi: int) -> tuple[int, int]:
    """``[lo, hi)`` without the blanks at either end."""
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def _turn(text: str, lo: int, hi: int) -> Candidate | None:
    start, end = _inside(text, lo, hi)
    if start < end and text[start] in QUOTE_CHARS:
        start += 1  # a transcript quoted as a block: '"ROE: ...'
    colon = text.find(":", start, min(hi, start + 48))
    if colon < 0 or colon + 1 >= hi or not text[colon + 1].isspace():
        return None
    label = text[start:colon]
    body, end = _inside(text, colon + 1, end)
    if body >= end or not (text[body].isupper() or text[body] in QUOTE_CHARS):
        return None
    words = _WORD.findall(label)
    if not words or is_caption_label(label) or label.lower() in _NOT_SPEAKERS:
        return None
    if any(w.lower() in DATE_WORDS for w in words) or any(w.isdigit() for w in words):
        return None  # "Monday:", "June 3:": a timeline, not a speaker
    rest = text[body:end]
    if _CAPS_LABEL.fullmatch(label) and sum(c.isalpha() for c in label) >= 2:
        pass  # a transcript turn: the whole paragraph is the speaker's
    elif _TITLE_LABEL.fullmatch(label) and _headline(rest):
        pass
    else:
        return None
    if len(_WORD.findall(rest)) < 3:
        return None
    if label.isupper():
        label = _title_case(label)  # "MS. ROE" is looked up, and shown, as "Ms. Roe"
    return Candidate(body, end, "indirect", Attribution(":", colon, start, colon, label))


def _title_case(label: str) -> str:
    """ "SECRETARY O'NEILL-ROE" -> "Secretary O'Neill-Roe": capitals after a letter are lowered."""
    return re.sub(r"(?<=[A-Za-z])[A-Z]+", lambda m: m.group(0).lower(), label)


def _headline(rest: str) -> bool:
    """A headline's claim: one line, short, at most one sentence."""
    if "\n" in rest or len(_WORD.findall(rest)) > _HEADLINE_MAX_WORDS:
        return False
    inner = rest.rstrip(".!?" + QUOTE_CHARS + " ")
    return re.search(r"[.!?][" + re.escape(QUOTE_CHARS) + r"]?\s+[A-Z]", inner) is None


def overlay_turns(settled: list[Candidate], turns: list[Candidate]) -> list[Candidate]:
    """The settled candidates with each turn in place of what overlaps it: a labelled turn is all
    its speaker's, so a report found within it ("ROE: Smith thinks ...") does not split it.
    ``turns`` are disjoint and in order (one per paragraph); O((n + m) log m)."""
    if not turns:
        return settled
    starts = [t.start for t in turns]

    def overlaps(c: Candidate) -> bool:
        i = bisect.bisect_right(starts, c.start) - 1  # the last turn starting at or before c
        if i >= 0 and turns[i].end > c.start:
            return True
        return i + 1 < len(turns) and turns[i + 1].start < c.end

    return sorted([c for c in settled if not overlaps(c)] + turns, key=lambda c: (c.start, c.end))
