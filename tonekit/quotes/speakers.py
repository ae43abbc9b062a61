"""Who said it: person names, their titles, and resolving each mention to a speaker.

Works on the raw text with regular expressions, so it costs the same in both modes and sees
sentences the parser never parses. A mention resolves in reading order: "he" is the person who
spoke last; "Blinken" is the fullest name the article gives ("Antony Blinken"); "the
spokeswoman" is the person an earlier title or appositive called a spokeswoman; "the official"
is the official quoted before; anything else stays the descriptive phrase the article uses
("a senior State Department official"). Pronouns and uncued quotations are resolved against
the article's discourse (:mod:`.mentions`: subject position, gender, recency, paragraphs);
every resolution comes with a confidence. :func:`to_quotes` is where every quote gets its
speaker, its confidence, and the role and country the article gives the speaker.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import lru_cache
from dataclasses import dataclass

from .lexicon import (DATE_WORDS, DOCUMENT_NOUNS, FUNCTION_WORDS, GROUP_NOUNS, PRONOUNS, ROLE_MODIFIERS,
                      demonym_country, is_caption_label, org_words, place_names, speaker_nouns,
                      speech_forms, title_words)
from .marks import QUOTE_CHARS, QuoteIndex
from .mentions import Discourse
from .names import role_and_country
from .quote import Attribution, Candidate, Quote
from .turns import LEAD_IN_LINE

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
    titles = title_words()
    return low in titles or low.rstrip(".") in titles


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

    def __init__(self, mentions: list[NameMention], text: str = ""):
        self.mentions = mentions
        self.text = text

    @classmethod
    def build(cls, text: str, in_quotation: Callable[[int], bool] | None = None) -> "NameIndex":
        """Names outside quotations (``in_quotation(pos)``): a nickname inside one is not a name."""
        mentions: list[NameMention] = []
        single: list[tuple[int, list[str], str]] = []
        orgs = org_words()
        places, demonyms = place_names(), demonym_country()
        captions = caption_lines(text)
        for run in _RUN.finditer(text):
            if in_quotation is not None and in_quotation(run.start()):
                continue
            if captions and bisect.bisect_right(captions, run.start()) % 2 == 1:
                continue  # "WATCH: Governor X signs the bill" is a caption, not the article's discourse
            word = run.group()
            if " " not in word and "\t" not in word:  # most runs are one capitalised word: the fast path
                bare = _POSSESSIVE.sub("", _TRAILING_PUNCT.sub("", word) if len(word) > 3 else word)
                if bare and _single_name_like(bare):
                    single.append((run.start(), [bare], bare))
                continue
            for start, tokens in _split_possessives(run.start(), word):
                name_tokens = strip_titles(tokens)
                if len(name_tokens) == 1 and _single_name_like(name_tokens[0]):
                    single.append((start, tokens, name_tokens[0]))
                    continue
                if not 2 <= len(name_tokens) <= 4 or any(t.lower().strip(".") in orgs for t in name_tokens):
                    continue
                if any(t.lower() in GROUP_NOUNS or t.lower() in speech_forms() for t in name_tokens):
                    continue  # a Title Case headline's "Officials Say", not a person
                if all(t.isupper() and len(t) > 2 for t in name_tokens):
                    continue  # a dateline ("LOS ANGELES"), not a person
                if all(t.lower().strip(".") in places or t.lower() in demonyms for t in name_tokens):
                    continue  # two places side by side ("Seoul Tokyo"), not a person
                if not all(t[0].isupper() or t.islower() and len(t) <= 3 for t in name_tokens):
                    continue
                title = tokens[: len(tokens) - len(name_tokens)]
                name_start = text.index(name_tokens[0], start + len(" ".join(title)))
                name_end = text.index(name_tokens[-1], name_start) + len(name_tokens[-1])
                role = " ".join(title) + " " + _preceding_words(text, name_start) + " " + _appositive(text, name_end)
                name = " ".join(name_tokens)
                mentions.append(NameMention(name_start, name_end, name, role.strip()))
        # one word names a person when it is the surname of a full name of the article, or a
        # title stands before it ("Mr. Clarke", "President Obama", "Sen. Warren"): "Strada said"
        surnames = {m.name.split()[-1] for m in mentions}
        for start, tokens, token in single:
            title = tokens[:-1]
            titled = any(_is_title(t) and t.lower().rstrip(".") not in FUNCTION_WORDS for t in title)
            if token not in surnames and not titled:
                continue
            name_start = text.index(token, start + len(" ".join(title)))
            name_end = name_start + len(token)
            role = " ".join(title) + " " + _preceding_words(text, name_start) + " " + _appositive(text, name_end)
            mentions.append(NameMention(name_start, name_end, token, role.strip()))
        mentions.sort(key=lambda m: m.start)
        return cls(mentions, text)

    @staticmethod
    def fullest_allowed(tokens: list[str]) -> bool:
        """No token names a place or organisation ("House", "Ministry", "Friday")."""
        return not any(t.lower().strip(".,") in org_words() for t in tokens)

    def fullest(self, mention: str) -> str | None:
        """The longest person name in the article that contains the mention's name tokens
        ("Obama" -> "Barack Obama"; the first such name when two are as long)."""
        tokens = strip_titles(_POSSESSIVE.sub("", mention).split())
        if not tokens or any(t.lower().strip(".") in org_words() for t in tokens):
            return None
        return self._by_tokens().get(tuple(tokens))

    def _by_tokens(self) -> dict[tuple[str, ...], str]:
        """Every run of name tokens -> the longest name holding it, built once (linear in mentions)."""
        table = self.__dict__.get("_table")
        if table is None:
            table = {}
            for m in self.mentions:
                parts = tuple(m.name.split())
                for i in range(len(parts)):
                    for j in range(i + 1, len(parts) + 1):
                        best = table.get(parts[i:j])
                        if best is None or len(parts) > len(best.split()):
                            table[parts[i:j]] = m.name
            self.__dict__["_table"] = table
        return table

    def role_of(self, name: str) -> str:
        """Every title and appositive the article gives the person ``name`` (its fullest name)."""
        roles = self.__dict__.get("_roles")
        if roles is None:
            roles = {}
            for m in self.mentions:
                if m.role:
                    key = self.fullest(m.name) or m.name
                    roles[key] = f"{roles[key]} ; {m.role}" if key in roles else m.role
            self.__dict__["_roles"] = roles
        return str(roles.get(name, ""))

    def apposed_to(self, end: int) -> str | None:
        """A name in apposition right after a description ending at ``end``: "the chairman,
        Ambassador Lena Fischer, said" -> "Lena Fischer"."""
        for m in self._after(end, end + 60):
            between = self.text_between(end, m.start)
            if re.fullmatch(r"\s*,\s*(?:[A-Z][\w.\-]*\s+)*", between):
                return self.fullest(m.name) or m.name
            break
        return None

    def named_after(self, word: str, lo: int, hi: int) -> str | None:
        """The first person named right after ``word`` in ``[lo, hi)``: the author in "a statement
        e-mailed to the paper by Lena Fischer"."""
        for m in self._after(lo, hi):
            if re.search(rf"\b{word}\s+(?:[A-Z][\w.\-]*\s+)*$", self.text_between(max(lo, m.start - 40), m.start)):
                return self.fullest(m.name) or m.name
        return None

    def _after(self, lo: int, hi: int) -> list[NameMention]:
        starts = self.__dict__.get("_starts")
        if starts is None:
            starts = self.__dict__["_starts"] = [m.start for m in self.mentions]
        return self.mentions[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]

    def text_between(self, lo: int, hi: int) -> str:
        return self.text[lo:hi]

    def by_role(self, words: list[str], before: int) -> str | None:
        """The most recent person before ``before`` whose title or appositive holds every one
        of ``words`` ("the minister" matches "Foreign Minister X"; "the defence minister" does not)."""
        required = [w.lower() for w in words if not w[:1].isupper()] or [w.lower() for w in words]
        for m in reversed(self.mentions):
            if m.start >= before or not m.role:
                continue
            role = " " + _ROLE_ABBREVIATION.sub(lambda a: _ROLE_ABBREVIATIONS[a.group(1).lower()], m.role.lower()) + " "
            if all(re.search(rf"\b{re.escape(w)}\b", role) for w in required):
                return self.fullest(m.name) or m.name
        return None

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
    speech, titles = speech_forms(), title_words()
    for match in re.finditer(r"\S+", run):
        tok = match.group()
        if not tokens:
            seg_start = start + match.start()
        bare = _TRAILING_PUNCT.sub("", tok).lower()
        if bare in _NEVER_IN_NAME and not tokens and bare not in titles:
            continue  # "Then Paul Grant blurted out": a sentence-opening word is no part of the name
        if bare in speech or (bare in _NEVER_IN_NAME and len(tokens) > 0):
            # "Lindsey Graham Says." in a headline; "... Marta Kowalski He" or "Berg The French"
            # across a sentence end: the word closes the name and is not part of any name
            if tokens:
                parts.append((seg_start, tokens))
            tokens = []
            if bare in speech or bare in DATE_WORDS or bare in PRONOUNS:
                continue
            seg_start = start + match.start()  # "The French President ...": a new run starts here
            tokens.append(tok)
            continue
        if bare in DATE_WORDS:
            if tokens:
                parts.append((seg_start, tokens))
            tokens = []
            continue
        if tok.endswith(".") and len(tok) > 2 and tokens and not _title_abbreviation(tok):
            # "Kowalski." ends a sentence: the next capitalised word starts another run
            tokens.append(tok[:-1])
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
# Abbreviated titles, so that "the senator" finds "Sen. Warren".
_ROLE_ABBREVIATIONS = {"sen": "senator", "rep": "representative congressman congresswoman", "gov": "governor",
                       "pres": "president", "amb": "ambassador", "gen": "general", "sec": "secretary",
                       "lt": "lieutenant", "del": "delegate"}
_ROLE_ABBREVIATION = re.compile(r"\b(" + "|".join(_ROLE_ABBREVIATIONS) + r")\b\.?")
# Capitalised words that end a name when they follow one: pronouns and function words open a
# new sentence or clause ("... said Marta Kowalski. He ..."); capitalised, they may start a title run.
_NEVER_IN_NAME = frozenset(FUNCTION_WORDS | PRONOUNS | {"his", "her", "their", "its", "our", "then", "now", "there",
                                                         "here", "yet", "still", "so", "if", "because", "although",
                                                         "since", "during", "under", "despite", "without"})


def _single_name_like(token: str) -> bool:
    """A capitalised word that may be a surname: not a group noun, place, demonym, organisation
    word or dateline, and not a function word."""
    low = token.lower().strip(".")
    return (len(token) > 1 and token[0].isupper() and not token.isupper() and low not in org_words()
            and low not in GROUP_NOUNS and low not in speaker_nouns() and low not in place_names()
            and low not in demonym_country() and low not in _NEVER_IN_NAME and low not in title_words())


def _title_abbreviation(token: str) -> bool:
    """"Sen.", "Gov.", "U.S.", "Jr." end with a full stop without ending the sentence."""
    low = token.lower()
    return low in title_words() or low.rstrip(".") in title_words() or low in ("jr.", "sr.", "st.") or bool(
        re.fullmatch(r"(?:[A-Za-z]\.)+", token))


def caption_lines(text: str) -> list[int]:
    """Start and end offsets (flattened, sorted) of caption lines: a paragraph opened by a label
    and a colon ("WATCH:", "EDITOR'S NOTE:", "Photo:"), which is no part of the article's speech."""
    bounds: list[int] = []
    for m in _CAPTION.finditer(text):
        if is_caption_label(m.group("label")):  # not any capitals: "WALLACE:" opens a transcript's turn, a speaker
            end = text.find("\n", m.start())
            bounds.extend((m.start(), len(text) if end < 0 else end))
    return bounds


_CAPTION = re.compile(r"^[ \t]*(?P<label>[A-Za-z][A-Za-z\u2019' ]{1,20}?)\s*:", re.MULTILINE)


@lru_cache(maxsize=1)
def _role_prefix_words() -> frozenset[str]:
    return frozenset((title_words() - FUNCTION_WORDS) | speaker_nouns() | ROLE_MODIFIERS)


def _preceding_words(text: str, start: int, n: int = 6) -> str:
    """The title words just before a name, within its sentence ("top White House aide")."""
    before = re.split(r"[.;:!?\n\u201c\u201d\"]", text[max(0, start - 80):start])[-1].split()
    allowed = _role_prefix_words()
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

_PERSON_PRONOUNS = {"he": "m", "she": "f"}
_DEFINITE = re.compile(r"^(?:the|this|that)\s+", re.IGNORECASE)
_INDEFINITE = re.compile(r"^(?:A|An|The)\s")

# How sure each way of resolving a speaker is (the quote's ``speaker_confidence``): reasoned from
# how each rule fails, not fitted to any corpus; eval-quotes shows accuracy by band.
CONFIDENCE = {
    "name": 0.95,          # a name in the cue, found in the article's name index
    "apposed": 0.9,        # "the chairman, Ambassador X,": the name in apposition
    "bare-name": 0.85,     # a capitalised name the index does not hold ("Trump" alone)
    "description": 0.8,    # "a senior official": the article's own phrase, no name to give
    "role": 0.75,          # "the minister" -> the person an earlier title called minister
    "author": 0.8,         # "a statement ... by X said" -> X
    "inherit": 0.8,        # a quote with no cue, in the speaker's run of quotes
    "context": 0.65,       # a quote with no cue after "X blurted out." or "X posted this:"
    "stale": 0.5,          # a quote with no cue, far from the last speaker
    "earlier-description": 0.6,  # "the official" -> the official quoted before
    "definite": 0.45,      # "the spokesman", no antecedent: a description left as written
    "organisation": 0.8,   # "the New York Post", "PolitiFact"
}


@dataclass(frozen=True)
class Resolution:
    """A resolved speaker and how sure the rules are (see ``CONFIDENCE``)."""

    speaker: str | None
    confidence: float


_NONE = Resolution(None, 0.0)


class SpeakerResolver:
    """Keeps the discourse state (who spoke last, who was named) while walking an article's
    quotes in reading order."""

    def __init__(self, text: str, names: NameIndex, closes: list[int]):
        self.text = text
        self.names = names
        self._closes = closes
        self._discourse: Discourse | None = None
        self.last_speaker: str | None = None
        self.last_confidence = 0.0
        self.last_position = -1  # where the last attributed statement's speaker was named
        self.speakers: list[tuple[int, str]] = []  # (position, person) of the persons who spoke
        self.descriptions: list[tuple[int, str]] = []  # earlier descriptive speakers, by position
        self._spoken: list[str] = []  # persons quoted by name, told to the discourse when it is built

    @property
    def discourse(self) -> Discourse:
        """The article's person mentions, built on first use (many articles never need them)."""
        if self._discourse is None:
            names = self.names
            self._discourse = Discourse(self.text, [(m.start, m.end, names.fullest(m.name) or m.name, m.role)
                                                    for m in names.mentions], self._closes)
            for name in self._spoken:
                self._discourse.spoke(name)
        return self._discourse

    def resolve(self, mention: str | None, position: int, end: int | None = None,
                cue_start: int | None = None) -> Resolution:
        """The speaker a mention at ``position`` refers to, and remember it as the last speaker."""
        found = self._resolve(mention, position, end if end is not None else position + len(mention or ""),
                              cue_start)
        self.last_position = position
        if found.speaker is not None:
            self.last_speaker, self.last_confidence = found.speaker, found.confidence
            if _looks_like_person(found.speaker, self.names):
                self.speakers.append((position, found.speaker))
                if found.confidence >= CONFIDENCE["bare-name"] and self.names.fullest(found.speaker) == found.speaker:
                    self._spoken.append(found.speaker)
                    if self._discourse is not None:
                        self._discourse.spoke(found.speaker)
        return found

    def inherit(self, position: int, paragraph_start: int | None = None, context_only: bool = False) -> Resolution:
        """The speaker of a quotation with no cue of its own: a person just named in subject
        position in its paragraph ("X blurted out. “...”"), the person the paragraph before a
        quote-only paragraph names, or the last speaker."""
        line_start = self.text.rfind("\n", 0, position) + 1
        named = self.discourse.context_subject(max(line_start, self.last_position + 1), position)
        if named is not None and paragraph_start is None:
            self._remember(position, named, CONFIDENCE["context"])
            return Resolution(named, CONFIDENCE["context"])
        if context_only:
            return _NONE
        if paragraph_start is not None:
            lead = self._lead_in(paragraph_start)
            if lead is not None:
                return lead
        if paragraph_start is not None and (self.last_speaker is None
                                            or self.last_position < self._previous_paragraph(paragraph_start)):
            lo = self._previous_paragraph(paragraph_start)
            named = self.names.first_person_in(lo, paragraph_start)
            if named is not None:
                self._remember(position, named, CONFIDENCE["inherit"])
                return Resolution(named, CONFIDENCE["inherit"])
        if self.last_speaker is None:
            return _NONE
        near = self.discourse.paragraph_of(position) - self.discourse.paragraph_of(max(self.last_position, 0)) <= 2
        return Resolution(self.last_speaker, min(self.last_confidence, CONFIDENCE["inherit" if near else "stale"]))

    def _lead_in(self, paragraph_start: int) -> Resolution | None:
        """A paragraph "He said:" or "The governor added:" before a quote-only paragraph names
        the quote's speaker."""
        lo = self._previous_paragraph(paragraph_start)
        line = self.text[lo:paragraph_start].rstrip()
        match = LEAD_IN_LINE.match(line)
        if match is None or match.group("verb").lower() not in speech_forms():
            return None
        mention = match.group("spk")
        found = self._resolve(mention, lo, lo + len(mention), lo + match.start("verb"))
        if found.speaker is None:
            return None
        self.last_position = lo
        self._remember(lo, found.speaker, found.confidence)
        return found

    def _remember(self, position: int, speaker: str, confidence: float) -> None:
        self.last_speaker, self.last_confidence = speaker, confidence
        self.speakers.append((position, speaker))

    def _previous_paragraph(self, paragraph_start: int) -> int:
        """Start of the non-blank paragraph before the one starting at ``paragraph_start``."""
        end = paragraph_start
        while end > 0 and self.text[end - 1].isspace():
            end -= 1
        return self.text.rfind("\n", 0, end) + 1

    def _resolve(self, mention: str | None, position: int, end: int, cue_start: int | None) -> Resolution:
        if not mention:
            return _NONE
        mention = mention.strip()
        low = mention.lower()
        if low in PRONOUNS:
            if low in _PERSON_PRONOUNS:
                gender = _PERSON_PRONOUNS[low]
                found = self.discourse.antecedent(position, gender, self.speakers)
                if found is None:
                    return _NONE
                if found.confidence >= 0.8:
                    self.discourse.learn(found.name, gender)
                return Resolution(found.name, found.confidence)
            return _NONE
        full = self.names.fullest(mention)
        if full is not None:
            return Resolution(full, CONFIDENCE["name"])
        words = [w.lower() for w in _DEFINITE.sub("", _ARTICLE.sub("", mention)).split()]
        head = words[-1] if words else ""
        if head in DOCUMENT_NOUNS and cue_start is not None:
            author = self.names.named_after("by", end, cue_start)
            if author is not None:
                return Resolution(author, CONFIDENCE["author"])
        if _ARTICLE.match(mention):
            apposed = self.names.apposed_to(end)
            if apposed is not None:
                return Resolution(apposed, CONFIDENCE["apposed"])
        if _DEFINITE.match(mention):
            # "the minister" may refer back to "the foreign minister", but "the defence
            # minister" is someone else: every word of the mention must be in the antecedent.
            person = self.names.by_role(_DEFINITE.sub("", _ARTICLE.sub("", mention)).split(), position) if head else None
            if person is not None:
                return Resolution(person, CONFIDENCE["role"])
            earlier = next((d for p, d in reversed(self.descriptions)
                            if p < position and d.split()[-1].lower() == head
                            and set(words) <= {w.lower() for w in d.split()}), None)
            if earlier is not None:
                return Resolution(earlier, CONFIDENCE["earlier-description"])
        phrase = _lower_article(mention)
        if not strip_titles(phrase.split()) or phrase.split()[0].lower() in ("a", "an", "the"):
            self.descriptions.append((position, phrase))
            definite = phrase.split()[0].lower() == "the" and head in speaker_nouns() | title_words()
            return Resolution(phrase, CONFIDENCE["definite" if definite else "description"])
        if _looks_like_person(phrase, self.names):
            return Resolution(phrase, CONFIDENCE["bare-name"])
        return Resolution(phrase, CONFIDENCE["organisation"])


def _looks_like_name(speaker: str) -> bool:
    """"Trump", "Lindsey Graham": capitalised words, not an organisation, not a dateline."""
    tokens = speaker.split()
    return (1 <= len(tokens) <= 4 and all(t[:1].isupper() and not t.isupper() for t in tokens)
            and NameIndex.fullest_allowed(tokens))


def _looks_like_person(speaker: str, names: NameIndex) -> bool:
    """A person a pronoun can refer to: a name of the index, or a capitalised name that is not a
    group noun opening a sentence ("Officials"), a place or an organisation."""
    if names.fullest(speaker) == speaker:
        return True
    tokens = speaker.split()
    if len(tokens) == 1 and (tokens[0].lower() in GROUP_NOUNS | speaker_nouns() or tokens[0].lower() in place_names()
                             or tokens[0].lower() in demonym_country()):
        return False
    return _looks_like_name(speaker)


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
    name the article gives, with its confidence, role and country; a candidate with no
    attribution and no inheritance is dropped, and so is an editorial line ("EDITOR'S NOTE:")."""
    if not cands:
        return []
    names = NameIndex.build(text, quotes.inside)
    resolver = SpeakerResolver(text, names, sorted(quotes.close_positions))
    captions = caption_lines(text)
    out = []
    for c in cands:
        att: Attribution | None = c.attribution
        if att is not None and is_caption_label(att.mention):
            continue
        if c.kind == "direct" and captions and bisect.bisect_right(captions, c.start) % 2 == 1 and (
                att is None or att.cue == ":"):
            continue
        if att is not None and att.mention is not None:
            found = resolver.resolve(att.mention, att.mention_start if att.mention_start is not None else c.start,
                                     att.mention_end, att.cue_start)
            m_start, m_end = att.mention_start, att.mention_end
        elif c.inherit or (att is not None and c.kind == "direct"):
            found = resolver.inherit(c.start, paragraph_opened_by(text, c.start), context_only=c.context_only)
            if c.context_only and found.speaker is None:
                continue
            m_start = m_end = None
        elif att is not None:
            found, m_start, m_end = _NONE, None, None  # reported speech whose source the parse did not give
        else:
            continue
        if found.speaker is None:
            m_start = m_end = None
        role, country = _role_and_country(names, found.speaker, att.mention if att is not None else None)
        cue = att.cue if att is not None else None
        out.append(Quote(text[c.start:c.end], c.start, c.end, found.speaker, m_start, m_end, cue, c.kind,
                         found.confidence, role, country))
    return out


def _role_and_country(names: NameIndex, speaker: str | None, mention: str | None) -> tuple[str | None, str | None]:
    """What the article's titles and appositives say of the speaker (or the mention's own words
    for a description: "a Chinese official" -> country China)."""
    if speaker is None:
        return None, None
    context = names.role_of(speaker)
    if not context:
        context = speaker if speaker.split()[0].lower() in ("a", "an", "the") else (mention or "")
    return role_and_country(context)
