"""Who said it: person names, their titles, and resolving each mention to a speaker.

Works on the raw text with regular expressions, so it costs the same in both modes and sees
sentences the parser never parses. A mention resolves in reading order: "he" is the person who
spoke last; "Blinken" is the fullest name the article gives ("Antony Blinken"); "the
spokeswoman" is the person an earlier title or appositive called a spokeswoman; "the official"
is the official quoted before; anything else stays the descriptive phrase the article uses
("a senior State Department official"). :func:`to_quotes` is where every quote gets its speaker.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .lexicon import FUNCTION_WORDS, PRONOUNS, ROLE_MODIFIERS, org_words, speaker_nouns, speech_forms, title_words
from .marks import QUOTE_CHARS, QuoteIndex
from .quote import Candidate, Quote

__all__ = ["NameIndex", "SpeakerResolver", "normalise_speaker", "strip_titles", "to_quotes", "paragraph_opened_by"]

_TOKEN = r"[A-Z][\w\u2019'.\-]*"
_RUN = re.compile(rf"{_TOKEN}(?:[ \t]+(?:{_TOKEN}|(?:bin|al|de|van|von|da|di|le|la)\b))*")
_POSSESSIVE = re.compile(r"[\u2019']s$|[\u2019']$")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def normalise_speaker(speaker: str | None) -> str:
    """A comparison key: lower case, no leading article, single spaces, straight apostrophes."""
    if not speaker:
        return ""
    text = _ARTICLE.sub("", speaker.strip().replace("\u2019", "'"))
    return re.sub(r"\s+", " ", text).strip(" ,.").lower()


def _is_title(token: str) -> bool:
    low = token.lower()
    return low in title_words() or low.rstrip(".") in title_words()


def strip_titles(tokens: list[str]) -> list[str]:
    """Drop titles, demonyms and function words before a name: "U.S. Secretary of State John
    Kerry" -> John Kerry, "Massachusetts Sen. Elizabeth Warren" -> Elizabeth Warren."""
    i = 0
    while i < len(tokens) - 1 and _is_title(tokens[i]):
        i += 1
    if i == len(tokens) - 1 and _is_title(tokens[i]) and tokens[i].lower().rstrip(".") in FUNCTION_WORDS:
        return []
    last = max((j for j in range(i, len(tokens) - 1) if _is_title(tokens[j])
                and tokens[j].lower().rstrip(".") not in FUNCTION_WORDS and len(tokens[j].rstrip(".")) > 1), default=None)
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
        orgs = org_words()
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
        return not any(t.lower().strip(".,") in org_words() for t in tokens)

    def fullest(self, mention: str) -> str | None:
        """The longest person name in the article that contains the mention's name tokens."""
        tokens = strip_titles(_POSSESSIVE.sub("", mention).split())
        if not tokens or any(t.lower().strip(".") in org_words() for t in tokens):
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


def _preceding_words(text: str, start: int, n: int = 6) -> str:
    """The title words just before a name, within its sentence ("top White House aide")."""
    before = re.split(r"[.;:!?\n\u201c\u201d\"]", text[max(0, start - 80):start])[-1].split()
    allowed = (title_words() - FUNCTION_WORDS) | speaker_nouns() | ROLE_MODIFIERS
    role: list[str] = []
    for word in reversed(before[-n:]):
        low = word.lower()
        if low in FUNCTION_WORDS or not (word[0].isupper() or low in allowed or _POSSESSIVE.search(word)):
            break
        role.insert(0, word)
    return " ".join(role)


_APPOSITIVE = re.compile(r",\s+(?:a|an|the|who\s+is|who\s+was)\s+([^,.;:\u201c\u201d\"]{3,80}?)[,.;]")


def _appositive(text: str, end: int) -> str:
    match = _APPOSITIVE.match(text, end)
    return match.group(1) if match else ""


# ------------------------------------------------------------------ resolution

_PERSON_PRONOUNS = frozenset({"he", "she"})
_DEFINITE = re.compile(r"^(?:the|this|that)\s+", re.IGNORECASE)
_INDEFINITE = re.compile(r"^(?:A|An|The)\s")


class SpeakerResolver:
    """Keeps the discourse state (who spoke last) while walking an article's quotes in order."""

    def __init__(self, text: str, names: NameIndex):
        self.text = text
        self.names = names
        self.last_person: str | None = None
        self.last_speaker: str | None = None
        self.last_position = -1  # where the last attributed statement's speaker was named
        self.descriptions: list[tuple[int, str]] = []  # earlier descriptive speakers, by position

    def resolve(self, mention: str | None, position: int) -> str | None:
        """The speaker a mention at ``position`` refers to, and remember it as the last speaker."""
        speaker = self._resolve(mention, position)
        self.last_position = position
        if speaker is not None:
            self.last_speaker = speaker
            if (self.names.fullest(speaker) == speaker or (mention or "").lower() in _PERSON_PRONOUNS
                    or _looks_like_name(speaker)):
                self.last_person = speaker
        return speaker

    def inherit(self, paragraph_start: int | None = None) -> str | None:
        """The speaker of a quotation with no cue of its own: the last speaker, or for a
        quote-only paragraph after a paragraph with no quotation, the person that paragraph names."""
        if paragraph_start is not None and (self.last_speaker is None or self.last_position < self._previous_paragraph(paragraph_start)):
            lo = self._previous_paragraph(paragraph_start)
            named = self.names.first_person_in(lo, paragraph_start)
            if named is not None:
                self.last_speaker = self.last_person = named
                return named
        return self.last_speaker

    def _previous_paragraph(self, paragraph_start: int) -> int:
        """Start of the non-blank paragraph before the one starting at ``paragraph_start``."""
        end = paragraph_start
        while end > 0 and self.text[end - 1].isspace():
            end -= 1
        return self.text.rfind("\n", 0, end) + 1

    def _resolve(self, mention: str | None, position: int) -> str | None:
        if not mention:
            return None
        mention = mention.strip()
        low = mention.lower()
        if low in PRONOUNS:
            if low in _PERSON_PRONOUNS:
                return self.last_person or self.names.last_person_before(position, self.text)
            return None
        full = self.names.fullest(mention)
        if full is not None:
            return full
        if _DEFINITE.match(mention):
            rest = _DEFINITE.sub("", mention)
            words = [w.lower() for w in rest.split()]
            head = words[-1] if words else ""
            # "the minister" may refer back to "the foreign minister", but "the defence
            # minister" is someone else: every word of the mention must be in the antecedent.
            person = self.names.by_role(words, position) if head else None
            earlier = next((d for p, d in reversed(self.descriptions)
                            if p < position and d.split()[-1].lower() == head
                            and set(words) <= {w.lower() for w in d.split()}), None)
            if person is not None:
                return person
            if earlier is not None:
                return earlier
        phrase = _lower_article(mention)
        if not strip_titles(phrase.split()) or phrase.split()[0].lower() in ("a", "an", "the"):
            self.descriptions.append((position, phrase))
        return phrase


def _looks_like_name(speaker: str) -> bool:
    """"Trump", "Lindsey Graham": capitalised words, not an organisation, not a dateline."""
    tokens = speaker.split()
    return (1 <= len(tokens) <= 4 and all(t[:1].isupper() and not t.isupper() for t in tokens)
            and NameIndex.fullest_allowed(tokens))


def _lower_article(phrase: str) -> str:
    """"A senior official" at a sentence start reads "a senior official" as a speaker."""
    if _INDEFINITE.match(phrase):
        return phrase[0].lower() + phrase[1:]
    return phrase


def paragraph_opened_by(text: str, pos: int) -> int | None:
    """Start of ``pos``'s paragraph when only blanks and quotation marks precede ``pos`` in it
    (a quote-only paragraph, whose speaker is the one named just before), else None."""
    line_start = text.rfind("\n", 0, pos) + 1
    return line_start if not text[line_start:pos].strip(" \t" + QUOTE_CHARS) else None


def to_quotes(text: str, cands: list[Candidate], quotes: QuoteIndex) -> list[Quote]:
    """Quotes of the settled candidates, in reading order, each speaker resolved to the fullest
    name the article gives; a candidate with no attribution and no inheritance is dropped."""
    names = NameIndex.build(text, quotes.inside)
    resolver = SpeakerResolver(text, names)
    found: list[Quote] = []
    for c in cands:
        att = c.attribution
        if att is not None and att.mention is not None:
            speaker = resolver.resolve(att.mention, att.mention_start or c.start)
            m_start, m_end = att.mention_start, att.mention_end
        elif c.inherit or (att is not None and c.kind == "direct"):
            speaker = resolver.inherit(paragraph_opened_by(text, c.start))
            m_start = m_end = None
        elif att is not None:
            speaker = m_start = m_end = None  # reported speech whose source the parse did not give
        else:
            continue
        if speaker is None:
            m_start = m_end = None
        cue = att.cue if att is not None else None
        found.append(Quote(text[c.start:c.end], c.start, c.end, speaker, m_start, m_end, cue, c.kind))
    return found
