"""Reporting cues, read from the data files in ``tonekit/data`` (data, not code)."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["reporting_lemmas", "speech_forms", "cue_pattern", "ATTITUDE_OBJECT_VERBS", "PREPOSITION_VERBS",
           "STATEMENT_PREPOSITIONS"]

# Verbs whose direct object, not a clause, carries the statement:
# "expressed his hope that ...", "reiterated their willingness to ...".
ATTITUDE_OBJECT_VERBS = frozenset(
    {"express", "reiterate", "reaffirm", "stress", "underline", "underscore", "emphasise", "emphasize",
     "voice", "welcome", "condemn", "acknowledge", "pledge", "mention", "propose", "announce", "claim", "describe"}
)
# Verbs whose statement is the object of a preposition: "spoke about ...", "warned of ...".
PREPOSITION_VERBS = frozenset({"speak", "talk", "comment", "write", "warn", "complain", "testify", "ask", "joke", "boast",
                               "tweet", "caution"})
STATEMENT_PREPOSITIONS = frozenset({"about", "on", "of", "against"})


def read_data_lines(name: str) -> list[str]:
    """Non-empty lines of ``tonekit/data/<name>``, comments ("# ...") removed."""
    text = resources.files("tonekit").joinpath("data", name).read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line]


@lru_cache(maxsize=None)
def reporting_lemmas() -> frozenset[str]:
    """Lemmas of verbs that report speech (accurate mode matches on the lemmatizer's output)."""
    return frozenset(read_data_lines("reporting_verbs.txt"))


@lru_cache(maxsize=None)
def speech_forms() -> frozenset[str]:
    """Inflected forms of reporting verbs (fast mode has no lemmatizer)."""
    return frozenset(word.lower() for line in read_data_lines("speech_forms.txt") for word in line.split())


@lru_cache(maxsize=None)
def cue_phrases() -> tuple[str, ...]:
    return tuple(read_data_lines("cue_phrases.txt"))


_IRREGULAR = {"say": ["said"], "tell": ["told"], "speak": ["spoke", "spoken"], "write": ["wrote", "written"], "brief": [], "testify": ["testified", "testifies"],
              "reply": ["replied", "replies"], "deny": ["denied", "denies"], "signal": ["signalled", "signaled"]}


def inflections(lemma: str) -> list[str]:
    """Regular English inflections of a verb (enough to pre-select paragraphs, not to parse)."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms = [lemma, lemma + ("es" if lemma.endswith(("s", "sh", "ch")) else "s"), stem + "ed", stem + "ing"]
    return forms + _IRREGULAR.get(lemma, [])


@lru_cache(maxsize=None)
def cue_pattern() -> re.Pattern[str]:
    """A regex that finds any cue word or phrase: used to decide which paragraphs to parse.

    Case-sensitive on purpose: reporting verbs are lower case mid-sentence, while "States" in
    "United States" must not make every paragraph look like a report."""
    words = set(speech_forms()) | set(cue_phrases())
    for lemma in reporting_lemmas():
        words.update(inflections(lemma))
    alternatives = sorted(words, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in alternatives) + r")\b|\bAccording to\b")
