"""Who is who in an article: person names, their titles, and resolving a mention to a speaker.

Works on the raw text with regular expressions, so it costs the same in both modes and sees
sentences the parser never parses. A mention ("Blinken", "the spokeswoman", "he") resolves to
the fullest name the article gives that person ("Antony Blinken"), or stays a descriptive
phrase ("a senior State Department official").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from .cues import read_data_lines, speech_forms

__all__ = ["NameIndex", "PRONOUNS", "normalise_speaker"]

PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})
_TOKEN = r"[A-Z][\w\u2019'.\-]*"
_RUN = re.compile(rf"{_TOKEN}(?:[ \t]+(?:{_TOKEN}|(?:bin|al|de|van|von|da|di|le|la)\b))*")
_POSSESSIVE = re.compile(r"[\u2019']s$|[\u2019']$")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def _words(name: str) -> list[str]:
    return [w for line in read_data_lines(name) for w in line.split()]


@lru_cache(maxsize=None)
def _title_words() -> frozenset[str]:
    return frozenset(_words("title_words.txt"))


@lru_cache(maxsize=None)
def _org_words() -> frozenset[str]:
    return frozenset(_words("org_words.txt"))


@lru_cache(maxsize=None)
def speaker_nouns() -> frozenset[str]:
    """Common nouns that can head a speaker phrase."""
    return frozenset(_words("speaker_nouns.txt"))


def normalise_speaker(speaker: str | None) -> str:
    """A comparison key: lower case, no leading article, single spaces, straight apostrophes."""
    if not speaker:
        return ""
    text = _ARTICLE.sub("", speaker.strip().replace("\u2019", "'"))
    return re.sub(r"\s+", " ", text).strip(" ,.").lower()


def _is_title(token: str) -> bool:
    low = token.lower()
    return low in _title_words() or low.rstrip(".") in _title_words()


def strip_titles(tokens: list[str]) -> list[str]:
    """Drop titles, demonyms and function words before a name: "U.S. Secretary of State John
    Kerry" -> John Kerry, "Massachusetts Sen. Elizabeth Warren" -> Elizabeth Warren."""
    i = 0
    while i < len(tokens) - 1 and _is_title(tokens[i]):
        i += 1
    if i == len(tokens) - 1 and _is_title(tokens[i]) and tokens[i].lower().rstrip(".") in _FUNCTION_WORDS:
        return []
    last = max((j for j in range(i, len(tokens) - 1) if _is_title(tokens[j])
                and tokens[j].lower().rstrip(".") not in _FUNCTION_WORDS and len(tokens[j].rstrip(".")) > 1), default=None)
    if last is not None:
        i = last + 1
    return tokens[i:]


@dataclass(frozen=True)
class NameMention:
    """A person's name where it occurs, with the title or appositive role around it."""

    start: int
    end: int
    name: str
    role: str


class NameIndex:
    """Person names of one article, in order of appearance."""

    def __init__(self, mentions: list[NameMention]):
        self.mentions = mentions

    @classmethod
    def build(cls, text: str, in_quotation: Callable[[int], bool] | None = None) -> "NameIndex":
        """Names outside quotations (``in_quotation(pos)``): a nickname inside one is not a name."""
        mentions: list[NameMention] = []
        orgs = _org_words()
        for run in _RUN.finditer(text):
            if in_quotation is not None and in_quotation(run.start()):
                continue
            for start, tokens in _split_possessives(run.start(), run.group()):
                name_tokens = strip_titles(tokens)
                if not 2 <= len(name_tokens) <= 4 or any(t.lower().strip(".") in orgs for t in name_tokens):
                    continue
                if all(t.isupper() and len(t) > 2 for t in name_tokens):
                    continue  # a dateline ("LOS ANGELES"), not a person
                if not all(t[0].isupper() or t.islower() and len(t) <= 3 for t in name_tokens):
                    continue
                title = tokens[: len(tokens) - len(name_tokens)]
                name_start = text.index(name_tokens[0], start + len(" ".join(title)))
                name_end = text.index(name_tokens[-1], name_start) + len(name_tokens[-1])
                role = _preceding_words(text, name_start) + " " + _appositive(text, name_end)
                name = " ".join(name_tokens)
                mentions.append(NameMention(name_start, name_end, name, role.strip().lower()))
        return cls(mentions)

    @staticmethod
    def fullest_allowed(tokens: list[str]) -> bool:
        """No token names a place or organisation ("House", "Ministry", "Friday")."""
        return not any(t.lower().strip(".,") in _org_words() for t in tokens)

    def fullest(self, mention: str) -> str | None:
        """The longest person name in the article that contains the mention's name tokens."""
        tokens = strip_titles(_POSSESSIVE.sub("", mention).split())
        if not tokens or any(t.lower().strip(".") in _org_words() for t in tokens):
            return None
        best: str | None = None
        for m in self.mentions:
            parts = m.name.split()
            n = len(tokens)
            if any(parts[i:i + n] == tokens for i in range(len(parts) - n + 1)):
                if best is None or len(parts) > len(best.split()):
                    best = m.name
        return best

    def by_role(self, words: list[str], before: int) -> str | None:
        """The most recent person before ``before`` whose title or appositive holds every one
        of ``words`` ("the minister" matches "Foreign Minister X"; "the defence minister" does not)."""
        words = [w.lower() for w in words]
        for m in reversed(self.mentions):
            if m.start < before and all(re.search(rf"\b{re.escape(w)}\b", m.role) for w in words):
                return self.fullest(m.name) or m.name
        return None

    def last_person_before(self, pos: int, text: str) -> str | None:
        """For "he" with no earlier speaker: the first person named in the latest sentence that
        names one before ``pos`` (the sentence's subject, more often than not)."""
        latest = next((m for m in reversed(self.mentions) if m.end <= pos), None)
        if latest is None:
            return None
        sentence_start = max(text.rfind(". ", 0, latest.start), text.rfind("\n", 0, latest.start)) + 1
        first = next(m for m in self.mentions if m.start >= sentence_start)
        return self.fullest(first.name) or first.name

    def first_person_in(self, lo: int, hi: int) -> str | None:
        for m in self.mentions:
            if lo <= m.start < hi:
                return self.fullest(m.name) or m.name
        return None


def _split_possessives(start: int, run: str) -> list[tuple[int, list[str]]]:
    """Split a capitalised run after a possessive: "China's State Councilor Yang Jiechi"."""
    parts: list[tuple[int, list[str]]] = []
    tokens: list[str] = []
    seg_start = start
    for match in re.finditer(r"\S+", run):
        tok = match.group()
        if not tokens:
            seg_start = start + match.start()
        if _TRAILING_PUNCT.sub("", tok).lower() in speech_forms():  # "Lindsey Graham Says." in a headline
            if tokens:
                parts.append((seg_start, tokens))
            tokens = []
            continue
        if _POSSESSIVE.search(tok):
            stripped = _POSSESSIVE.sub("", tok)
            if stripped:
                tokens.append(stripped)
            parts.append((seg_start, tokens))
            tokens = []
        else:
            tokens.append(_TRAILING_PUNCT.sub("", tok) if len(tok) > 3 and not re.fullmatch(r"(?:[A-Z]\.)+", tok) else tok)
    if tokens:
        parts.append((seg_start, tokens))
    return parts


_TRAILING_PUNCT = re.compile(r"[.,;:!?]+$")


_FUNCTION_WORDS = frozenset(
    "a an the this that also but as and or in on at after before when while however meanwhile "
    "from to with by for about into over amid said says told".split()
)
_ROLE_MODIFIERS = frozenset("of top senior chief highest-ranking top-ranking deputy acting".split())


def _preceding_words(text: str, start: int, n: int = 6) -> str:
    """The title words just before a name, within its sentence ("top White House aide")."""
    before = re.split(r"[.;:!?\n\u201c\u201d\"]", text[max(0, start - 80):start])[-1].split()
    allowed = (_title_words() - _FUNCTION_WORDS) | speaker_nouns() | _ROLE_MODIFIERS
    role: list[str] = []
    for word in reversed(before[-n:]):
        low = word.lower()
        if low in _FUNCTION_WORDS or not (word[0].isupper() or low in allowed or _POSSESSIVE.search(word)):
            break
        role.insert(0, word)
    return " ".join(role)


_APPOSITIVE = re.compile(r",\s+(?:a|an|the|who\s+is|who\s+was)\s+([^,.;:\u201c\u201d\"]{3,80}?)[,.;]")


def _appositive(text: str, end: int) -> str:
    match = _APPOSITIVE.match(text, end)
    return match.group(1) if match else ""
