"""One name per person: a comparison key for a speaker, the batch-wide merge of a person's
variants, and the role and country a title gives a speaker.

Within an article :mod:`.speakers` already gives every mention the fullest name the article
uses ("Mr. Obama" -> "Barack Obama"). Across articles the same person still appears as "Barack
Obama", "Barack H. Obama" or, where an article never gives the full name, "Obama": the key drops
titles, middle initials and accents, and :func:`merge_speaker_ids` maps a surname-only key to
the one full name of the batch that ends with it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from .lexicon import GROUP_NOUNS, demonym_country, roles, speaker_nouns, title_words

__all__ = ["speaker_key", "merge_speaker_ids", "role_and_country"]

_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_INITIAL = re.compile(r"^[a-z]\.?$")
_NON_WORD = re.compile(r"[^\w\s-]")


def _fold(text: str) -> str:
    """Lower case without accents: "Erdoğan" and "Erdogan" are one person."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def speaker_key(speaker: str | None) -> str | None:
    """The canonical key of a speaker: "President Barack H. Obama" and "barack obama" ->
    "barack obama"; a description keeps its words ("a senior official" -> "senior official").
    None for no speaker."""
    if not speaker or not speaker.strip():
        return None
    folded = _fold(speaker)
    folded = re.sub(r"'s\b", "", folded)
    tokens = [t.strip("-") for t in _NON_WORD.sub(" ", folded.replace(".", ". ")).split()]
    tokens = [t for t in tokens if t]
    if not tokens:
        return None
    titles = {t.rstrip(".") for t in title_words()}
    if tokens[0] in ("a", "an", "the"):
        return " ".join(tokens[1:]) or None
    # a name: drop the titles before it, then initials and suffixes (never the surname)
    i = 0
    while i < len(tokens) - 1 and tokens[i] in titles:
        i += 1
    name = tokens[i:]
    core = [t for n, t in enumerate(name) if n == len(name) - 1 or not (_INITIAL.match(t) or t in _SUFFIXES)]
    while len(core) > 1 and core[-1] in _SUFFIXES:
        core = core[:-1]
    return " ".join(core) or None


def merge_speaker_ids(keys: Iterable[str | None]) -> dict[str, str]:
    """Batch-wide ids: every key to itself, except a one-word key ("obama") that is the last word
    of exactly one multi-word name key of the batch ("barack obama"), which maps to that key.
    With two candidates ("bill clinton", "hillary clinton") the one-word key stays apart: the
    batch does not say which of them it is."""
    counts = Counter(k for k in keys if k)
    by_surname: dict[str, set[str]] = {}
    for key in counts:
        words = key.split()
        if len(words) >= 2:
            by_surname.setdefault(words[-1], set()).add(key)
    out: dict[str, str] = {}
    common = speaker_nouns() | GROUP_NOUNS | {t.rstrip(".") for t in title_words()}
    for key in counts:
        full = by_surname.get(key) if " " not in key and key not in common else None  # "official" is no surname
        out[key] = next(iter(full)) if full and len(full) == 1 else key
    return out


@lru_cache(maxsize=8192)
def role_and_country(context: str) -> tuple[str | None, str | None]:
    """The role and country a title or appositive gives: "Chinese Foreign Minister" ->
    ("foreign minister", "China"); "Japan's top diplomat" -> ("diplomat", "Japan"); the
    longest role of ``roles.txt`` in ``context`` wins, the first country or demonym is the country."""
    low = " " + re.sub(r"'s\b", "", _fold(context)).replace(",", " ") + " "
    low = re.sub(r"\s+", " ", low)
    role = next((r for r in roles() if f" {r} " in low), None)
    # countries from capitalised words only: "US Ambassador" names a country, "told us" does not
    words = [re.sub(r"[\u2019']s$", "", w.strip(",;:()")) for w in context.split()]
    words = [w for w in words if w]
    demonyms = demonym_country()
    country = None
    for n in (3, 2, 1):  # "United Arab Emirates", "South Korean", "Chinese"
        for i in range(len(words) - n + 1):
            span = words[i:i + n]
            if not all(w[:1].isupper() for w in span):
                continue
            found = demonyms.get(_fold(" ".join(span)))
            if found is not None:
                country = found
                break
        if country is not None:
            break
    return role, country
