"""Who an article is talking about, sentence by sentence: the person mentions that "he", "she"
or a quotation with no cue of its own can refer back to, with the cues that rank them.

Rules from grammar, not from any corpus: a subject pronoun refers back to the most recent
person in subject position (the first noun phrase of a sentence, a speaker of a quote) whose
gender does not contradict it, looking back at most two paragraphs; an object ("met Jones") or a
possessive ("Jones's aide") is a candidate only when no subject is. A person just introduced
("Jane Roe, who runs a charity, arrived") is in subject position of the latest sentence, so she
wins over whoever spoke before. Works on the raw text, so both modes and unparsed sentences get
the same discourse.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import (FUNCTION_WORDS, GENDERED_WORDS, ROLE_MODIFIERS, given_name_genders, roles, speech_forms,
                      title_words)
from .marks import QUOTE_CHARS

__all__ = ["PersonMention", "Discourse", "Antecedent", "sentence_starts"]

_WINDOW_PARAGRAPHS = 2  # a pronoun looks back over its own paragraph and the two before it
_BOUNDARY = re.compile(r"[.!?][\"\u201d\u2019')\]]*\s+|\n+")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\b(?:[A-Za-z]\.)+[A-Za-z]|\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Adm|"
                           r"Capt|Maj|St|Jr|Sr|Prof|Rev|Hon|No|vs|Gen|Sens|Reps|Lt|Mt|Ft|Inc|Co|Corp|Jan|Feb|Aug|Sept|"
                           r"Sep|Oct|Nov|Dec))$")
_OPENERS = frozenset("then later now soon finally first next again earlier still yet only even".split())
_WORDS = re.compile(r"[\w\u2019'.\-]+")


_INTRODUCED = re.compile(r",\s+(?:who\s|a\s|an\s|the\s|[a-z]+\s+(?:of|at|for)\s|(?:[a-z\-]+\s+){0,3}(?:president|director|"
                         r"chairman|chairwoman|head|leader|spokesman|spokeswoman|founder|member|executive)\b)")
_MODIFIES = re.compile(r"\s+(?:[a-z][a-z\-]*\s+){0,3}")


@lru_cache(maxsize=1)
def _prefix_words() -> frozenset[str]:
    """Lower-case words that may stand before a name in subject position ("the former minister")."""
    return frozenset(title_words() | ROLE_MODIFIERS | _OPENERS | FUNCTION_WORDS - {
        "said", "says", "told", "to", "with", "by", "for", "from", "of", "about", "into", "over"})


@lru_cache(maxsize=1)
def _role_words() -> frozenset[str]:
    return frozenset({w for r in roles() for w in r.split()} - FUNCTION_WORDS)


def _headline_lines(text: str) -> list[int]:
    """Start and end offsets (flattened) of headline-like lines: mostly capitalised words and no
    final stop ("Campaign Reportedly Scrambling to Win Voters")."""
    bounds: list[int] = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group().strip()
        if not line or line.endswith((".", "\"", "\u201d", "?", "!")) or len(line) > 200:
            continue
        words = re.findall(r"[A-Za-z][\w'\u2019\-]*", line)
        long = [w for w in words if len(w) > 3]
        if len(words) >= 3 and long and not line.endswith((".", "\"", "\u201d", "?", "!")) and (
                sum(w[0].isupper() for w in long) >= 0.75 * len(long)):
            bounds.extend((m.start(), m.end()))
    return bounds


def sentence_starts(text: str) -> list[int]:
    """Character offsets where sentences start: after . ! ? (and closing marks) plus blanks,
    unless the word before is an abbreviation or an initial ("Mr. Obama", "John F. Kennedy"),
    and at every new line."""
    starts = [0]
    for m in _BOUNDARY.finditer(text):
        if m.group()[0] == "." and _ABBREVIATION.search(text, max(0, m.start() - 8), m.start()):
            continue
        if m.end() < len(text):
            starts.append(m.end())
    return starts


@dataclass(frozen=True)
class PersonMention:
    """A person named outside quotations: where, as which name (the fullest), whether it may be
    in subject position (False when it modifies the next name: "Trump campaign spokesman X";
    :meth:`Discourse.is_subject` decides), and the gender the name or title gives (or None)."""

    start: int
    end: int
    name: str
    subject: bool
    gender: str | None
    sentence: int
    paragraph: int
    personal: bool = False
    introduced: bool = False  # followed by an appositive or relative clause: "Jane Roe, who runs a charity,"


@dataclass(frozen=True)
class Antecedent:
    """What a pronoun or an uncued quotation resolved to, and how sure the rules are (0-1)."""

    name: str
    confidence: float


def name_gender(name: str, role: str = "") -> str | None:
    """"f" or "m" from a title in the role ("Mrs.", "spokeswoman") or the given name, else None."""
    for word in role.lower().split():
        gender = GENDERED_WORDS.get(word) or GENDERED_WORDS.get(word.rstrip("."))
        if gender is not None:
            return gender
    first = name.split()[0].lower() if name.split() else ""
    return given_name_genders().get(first) if len(name.split()) > 1 else None


class Discourse:
    """The person mentions of one article in reading order, with sentence and paragraph numbers."""

    def __init__(self, text: str, spans: list[tuple[int, int, str, str]], closes: list[int]):
        """``spans`` are (start, end, fullest name, role) of person names outside quotations;
        ``closes`` the sorted positions of closing quotation marks."""
        self.text = text
        self.sentences = sentence_starts(text)
        self.paragraphs = [0] + [m.end() for m in re.finditer(r"\n+", text)]
        self._closes = closes
        self.genders: dict[str, str] = {}
        mentions: list[PersonMention] = []
        self.personal: set[str] = set()
        self._span_starts = [sp[0] for sp in spans]
        self._span_ends = [sp[1] for sp in spans]
        role_words = _role_words()
        modifier_heads = _prefix_words() | role_words
        headlines = _headline_lines(text)
        for n, (start, end, name, role) in enumerate(spans):
            if headlines and bisect.bisect_right(headlines, start) % 2 == 1:
                continue  # a headline ("Campaign Reportedly Scrambling") is not the article's discourse
            gender = name_gender(name, role)
            if gender is not None:
                self.genders.setdefault(name, gender)
            personal = gender is not None or any(w.lower().rstrip(".") in role_words for w in role.split())
            introduced = _INTRODUCED.match(text, end) is not None
            if personal or introduced:
                self.personal.add(name)
            following = spans[n + 1] if n + 1 < len(spans) else None
            modifier = following is not None and following[0] - end < 40 and _MODIFIES.fullmatch(
                text[end:following[0]]) is not None and (text[end:following[0]].split() or [""])[-1].lower() in (
                modifier_heads)
            # subject position is worked out when a pronoun first looks at the mention (most never are)
            mentions.append(PersonMention(start, end, name, not modifier, gender, self.sentence_of(start),
                                          self.paragraph_of(start), personal, introduced))
        self.mentions = mentions
        self._starts = [m.start for m in mentions]
        self._subjects: dict[int, bool] = {}

    def is_subject(self, i: int) -> bool:
        """Whether mention ``i`` is in subject position (computed once, on first use)."""
        found = self._subjects.get(i)
        if found is None:
            m = self.mentions[i]
            found = self._subjects[i] = m.subject and self._subject_position(m.start, m.end)
        return found

    def sentence_of(self, pos: int) -> int:
        return bisect.bisect_right(self.sentences, pos) - 1

    def paragraph_of(self, pos: int) -> int:
        return bisect.bisect_right(self.paragraphs, pos) - 1

    def _subject_position(self, start: int, end: int) -> bool:
        """The mention opens its clause: only titles, determiners, an introductory phrase closed by
        a comma, or a quotation and a reporting verb ("“...,” said X") stand before it, and it is
        not a possessive ("X's aide")."""
        if re.match(r"[\u2019']s\b", self.text[end:end + 2]):
            return False
        sent_start = self.sentences[self.sentence_of(start)]
        prefix = self.text[sent_start:start]
        after_quote = False
        i = bisect.bisect_right(self._closes, start) - 1
        if i >= 0 and self._closes[i] >= sent_start:
            prefix = self.text[self._closes[i] + 1:start]
            after_quote = True
        if "," in prefix and not after_quote:
            prefix = prefix.rsplit(",", 1)[1]
        j = bisect.bisect_left(self._span_ends, start) - 1 if self._span_ends else -1
        if j >= 0 and self._span_ends[j] >= sent_start and _MODIFIES.fullmatch(self.text[self._span_ends[j]:start]):
            # "Trump campaign spokesman Jason Miller said": the earlier name modifies this one
            prefix = self.text[sent_start:self._span_starts[j]]
        allowed, speech = _prefix_words(), speech_forms()
        for word in _WORDS.findall(prefix.strip(QUOTE_CHARS + " ,;:\u2014\u2013-")):
            low = word.lower()
            if word[:1].isupper() or low in allowed or low.rstrip(".") in allowed or re.search(r"[\u2019']s$", word):
                continue
            if after_quote and low in speech:
                continue
            return False
        return True

    def learn(self, name: str, gender: str | None) -> None:
        """A pronoun resolved with confidence tells the person's gender for the pronouns after it."""
        if gender is not None:
            self.genders.setdefault(name, gender)
            self.personal.add(name)

    def spoke(self, name: str) -> None:
        """A person quoted by name is a person."""
        self.personal.add(name)

    def antecedent(self, pos: int, gender: str | None, speakers: list[tuple[int, str]]) -> Antecedent | None:
        """The person a subject pronoun at ``pos`` refers to: the most recent sentence (the
        pronoun's own, before it, then back to two paragraphs earlier) with a gender-compatible
        person in subject position, its first such person; else the latest compatible mention.
        ``speakers`` are (position, name) of the speakers resolved so far (subjects of their cues)."""
        first_paragraph = max(0, self.paragraph_of(pos) - _WINDOW_PARAGRAPHS)
        lo = self.paragraphs[first_paragraph]
        here = self.sentence_of(pos)
        candidates: list[tuple[int, int, str, bool]] = []  # (sentence, start, name, subject)
        introduced: set[tuple[int, int]] = set()
        first = bisect.bisect_left(self._starts, lo)
        for i in range(first, bisect.bisect_left(self._starts, pos)):
            m = self.mentions[i]
            if m.end <= pos:
                subject = self.is_subject(i)
                candidates.append((m.sentence, m.start, m.name, subject or m.introduced))
                if m.introduced and not subject:
                    introduced.add((m.sentence, m.start))
        for at, name in speakers:
            if lo <= at < pos:
                candidates.append((self.sentence_of(at), at, name, True))
        compatible = [c for c in candidates if gender is None or self.genders.get(c[2], gender) == gender]
        # a name the article marks as a person (a title, a role, a given name, a speaker) before
        # any capitalised run that may be an event or a group ("Election Day", "Black Caucus")
        personal = [c for c in compatible if c[2] in self.personal]
        if personal:
            compatible = personal
        if not compatible:
            return None
        subjects = [c for c in compatible if c[3]]
        if subjects:
            best_sentence = max(c[0] for c in subjects)
            latest = [c for c in subjects if c[0] == best_sentence]
            newcomers = [c for c in latest if (c[0], c[1]) in introduced]
            # a person just introduced ("..., which worries Henry Crespo, head of the caucus.")
            # is who the next "he said" is about
            chosen = min(newcomers or latest, key=lambda c: c[1])
            rivals = {c[2] for c in subjects if c[2] != chosen[2] and c[0] >= best_sentence - 1}
            gap = here - best_sentence
            confidence = 0.85 if not rivals else 0.65
            if gap > 3:
                confidence -= 0.15
            if gender is not None and self.genders.get(chosen[2]) == gender:
                confidence += 0.05
            return Antecedent(chosen[2], round(min(confidence, 0.95), 2))
        chosen = max(compatible, key=lambda c: c[1])
        return Antecedent(chosen[2], 0.5)

    def context_subject(self, lo: int, hi: int) -> str | None:
        """The latest person in subject position named in ``[lo, hi)`` (the speaker of a quotation
        that follows "X blurted out." or "X posted this:")."""
        i = bisect.bisect_left(self._starts, hi) - 1
        while i >= 0 and self.mentions[i].start >= lo:
            if self.is_subject(i):
                return self.mentions[i].name
            i -= 1
        return None
