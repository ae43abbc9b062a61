"""A faster stand-in for the spaCy ``Matcher`` inside ``en_core_web_sm``'s attribute ruler.

The attribute ruler (tag -> POS and morphology, plus a few word exceptions) ran its 179 patterns
through spaCy's general ``Matcher``: about a third of accurate mode's parse time. Its patterns only
test a token's TAG, LOWER, DEP and IS_SPACE (exact values, ``IN``, ``NOT_IN``, ``REGEX``; no
operators), so which patterns a token can start or continue depends on those four values alone:
:class:`IndexedRulerMatcher` works that out once per distinct (tag, word, dependency, space) and
returns the very matches the ``Matcher`` would, which the ruler then applies as before. A ruler
with any other kind of pattern keeps spaCy's own matcher (:func:`index_attribute_ruler`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

__all__ = ["IndexedRulerMatcher", "index_attribute_ruler"]

_FIELDS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # the token values a pattern may test, in to_array order
_MEMO_LIMIT = 200_000  # distinct token signatures remembered before the memo starts afresh

Signature = tuple[str, str, str, bool]
Check = Callable[[Signature], bool]
# per token signature: (key, length, constraint ids of tokens 2..n) of each pattern it can start,
# and the ids of every constraint it satisfies (to continue a longer pattern)
Classified = tuple[list[tuple[int, int, tuple[int, ...]]], frozenset[int]]


def _value_check(field: int, value: Any) -> Check | None:
    """One attribute test of a pattern token, as the Matcher applies it; None if not supported."""
    if _FIELDS[field] == "IS_SPACE":
        return (lambda s: s[field] is value) if isinstance(value, bool) else None
    if isinstance(value, str):
        return lambda s: s[field] == value
    if isinstance(value, Mapping) and len(value) == 1:
        (op, arg), = value.items()
        if op == "REGEX" and isinstance(arg, str):
            search = re.compile(arg).search
            return lambda s: search(s[field]) is not None  # type: ignore[arg-type]
        if op in ("IN", "NOT_IN") and isinstance(arg, Sequence) and all(isinstance(a, str) for a in arg):
            members = frozenset(arg)
            if op == "IN":
                return lambda s: s[field] in members
            return lambda s: s[field] not in members
    return None


def _token_check(spec: Mapping[str, Any]) -> Check | None:
    """All attribute tests of one pattern token; None if any is of a kind not handled here."""
    checks: list[Check] = []
    for name, value in spec.items():
        if name.upper() not in _FIELDS:
            return None
        check = _value_check(_FIELDS.index(name.upper()), value)
        if check is None:
            return None
        checks.append(check)
    return lambda s: all(c(s) for c in checks)


class IndexedRulerMatcher:
    """Called like ``Matcher(doc, allow_missing=True)`` by the attribute ruler; other uses
    (``get``, ``len``, ...) go to the original matcher."""

    def __init__(self, original: Any, patterns: list[tuple[int, list[Check]]]) -> None:
        self.original = original
        self._checks: list[Check] = []
        self._patterns: list[tuple[int, int, tuple[int, ...]]] = []  # key, first constraint, the rest
        for key, tokens in patterns:
            ids = tuple(range(len(self._checks), len(self._checks) + len(tokens)))
            self._checks.extend(tokens)
            self._patterns.append((key, ids[0], ids[1:]))
        self._memo: dict[tuple[int, ...], Classified] = {}

    def __getattr__(self, name: str) -> Any:
        if name == "original":  # not set yet (a copy being made): no endless lookup
            raise AttributeError(name)
        return getattr(self.original, name)

    def __len__(self) -> int:
        return len(self.original)

    def _classify(self, doc: Doc, row: tuple[int, ...]) -> Classified:
        strings = doc.vocab.strings
        signature: Signature = (strings[row[0]], strings[row[1]], strings[row[2]], bool(row[3]))
        satisfied = frozenset(i for i, check in enumerate(self._checks) if check(signature))
        starts = [(key, len(rest) + 1, rest) for key, first, rest in self._patterns if first in satisfied]
        return starts, satisfied

    def __call__(self, doc: Doc, *, allow_missing: bool = False, as_spans: bool = False,
                 with_alignments: bool = False) -> Any:
        if as_spans or with_alignments or not allow_missing:
            return self.original(doc, allow_missing=allow_missing, as_spans=as_spans, with_alignments=with_alignments)
        if len(self._memo) > _MEMO_LIMIT:
            self._memo.clear()
        memo = self._memo
        classified = []
        rows = cast(list[list[int]], doc.to_array(list(_FIELDS)).reshape(-1, len(_FIELDS)).tolist())
        for row in map(tuple, rows):
            found = memo.get(row)
            if found is None:
                found = memo[row] = self._classify(doc, row)
            classified.append(found)
        matches: list[tuple[int, int, int]] = []
        for i, (starts, _) in enumerate(classified):
            for key, length, rest in starts:
                if i + length <= len(classified) and all(c in classified[i + 1 + j][1] for j, c in enumerate(rest)):
                    matches.append((key, i, i + length))
        return list(dict.fromkeys(matches))  # the Matcher reports a (key, start, end) once


def index_attribute_ruler(ruler: AttributeRuler) -> bool:
    """Give ``ruler`` an :class:`IndexedRulerMatcher` when all its patterns allow; True if done."""
    patterns: list[tuple[int, list[Check]]] = []
    for n in range(len(ruler.attrs)):
        key = ruler.vocab.strings.add(str(n))  # the ruler's own match key for its n-th rule
        for pattern in ruler.matcher.get(str(n))[1]:
            checks = [_token_check(spec) for spec in pattern]
            if not checks or any(c is None for c in checks):
                return False
            patterns.append((key, [c for c in checks if c is not None]))
    # a stand-in, called the way the ruler calls its Matcher
    ruler.matcher = IndexedRulerMatcher(ruler.matcher, patterns)  # type: ignore[assignment]
    return True
