"""Resolve speaker mentions to the fullest name the article gives, in reading order.

"he" is the person who spoke last; "Blinken" is "Antony Blinken"; "the spokeswoman" is the person
an earlier title or appositive called a spokeswoman; "the official" is the official quoted
before; anything else stays the descriptive phrase the article uses.
"""

from __future__ import annotations

import re

from .names import NameIndex, PRONOUNS, strip_titles

__all__ = ["SpeakerResolver"]

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
