"""Statement features for the tone classifier.

Feature blocks (each kept because it helped the grouped cross-validation or the real-text
checks, see "The model" in the README and ``benchmarks/bench_tone_accuracy.py``):

- word unigrams (not for function words, ``data/stopwords.txt``), and the same word inside a
  negation scope (``NOT_firmly``),
- word prefixes of ``stem_length`` characters, so unseen inflections share a weight
  (``condemnation`` and ``condemned`` both fire ``conde*``),
- word bigrams,
- the diplomatic phrasebook: one feature per phrase and one per tone the matched phrases
  carry, so a code phrase absent from the annotations still moves the score.

Capitalised words inside a sentence (names of people, countries, organisations) become one
token, ``xname``: names say who speaks, not how, and a model that learnt "Russia" or "China"
as tone would not transfer to new text.

Two encoders compute the same features: :meth:`FeatureSpace.encode` for a batch, where the
only per-token Python work is one ``bytes.split`` of the joined batch and one dict lookup per
token (n-grams, negation scope and phrase matches are numpy operations), and
:meth:`FeatureSpace.encode_one` for a single statement in plain Python, because numpy's
per-call overhead dominates on one short text. A property test checks they agree.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import _checks
from ..resources import read_data_lines
from .phrasebook import Phrasebook
from .tokens import PUNCTUATION, SEP, tokenize_batch, tokenize_one

if TYPE_CHECKING:
    from scipy import sparse

__all__ = ["FeatureConfig", "FeatureSpace", "Encoded", "tokenize"]

NAME_TOKEN = b"xname"
STOPWORDS_FILE = "stopwords.txt"  # function words that get no unigram column
CLAUSE_BREAKS = frozenset(PUNCTUATION) | {SEP, b"but", b"however", b"although", b"though", b"yet", b"while",
                                          b"whereas"}
SENTENCE_OPENERS = frozenset({b".", b"!", b"?", b":", b'"', SEP})  # a capital after these is no name
NEGATORS = frozenset({b"not", b"no", b"never", b"nor", b"neither", b"without", b"cannot", b"nothing", b"none",
                      b"nobody", b"hardly", b"barely"})
_BOUNDARY, _OOV = 0, 1
_HASH_BASE = np.uint64(1_000_003)
_FIB = np.uint64(11400714819323198485)
_KEY_MASK = (1 << 63) - 1  # phrase hashes as non-negative int64 table keys


def mask_names(tokens: list[bytes], capital: Sequence[bool]) -> list[bytes]:
    """Replace capitalised tokens that do not open a sentence by :data:`NAME_TOKEN`."""
    return [NAME_TOKEN if cap and i > 0 and tokens[i - 1] not in SENTENCE_OPENERS else tok
            for i, (tok, cap) in enumerate(zip(tokens, capital))]


def tokenize(text: str) -> list[str]:
    """The tokens the model sees, names masked (for tests, explanations and debugging)."""
    return [t.decode("ascii") for t in mask_names(*tokenize_one(text))]


def _is_negator(token: bytes) -> bool:
    return token in NEGATORS or token.endswith(b"n't")


@dataclass(frozen=True)
class FeatureConfig:
    """The feature design; stored with every model so a rebuild uses the same one."""

    min_df: int = 2
    stem_length: int = 5
    bigrams: bool = True
    negation: bool = True
    negation_window: int = 4
    phrasebook: bool = True
    sublinear_norm: bool = False
    phrase_tone_weight: float = 1.0
    stopwords: bool = True

    def __post_init__(self) -> None:
        for name in ("min_df", "stem_length", "negation_window"):
            _checks.positive_int(getattr(self, name), name, "FeatureConfig")
        _checks.positive_number(self.phrase_tone_weight, "phrase_tone_weight", "FeatureConfig")


@dataclass
class Encoded:
    """The features of a batch as (document, column, value) triples, one per occurrence."""

    n_docs: int
    doc: np.ndarray
    col: np.ndarray
    value: np.ndarray

    def to_csr(self, n_columns: int) -> sparse.csr_matrix:
        """The scikit-learn view of the same features (duplicates summed)."""
        from scipy import sparse  # training only: scoring never builds a matrix

        matrix = sparse.csr_matrix((self.value, (self.doc, self.col)), shape=(self.n_docs, n_columns))
        matrix.sum_duplicates()
        return matrix


class _Vocabulary(dict[bytes, int]):
    """token -> id; unknown tokens map to the out-of-vocabulary id without a Python branch."""

    def __missing__(self, key: bytes) -> int:
        return _OOV


class _IntTable:
    """A read-only open-addressing hash table from non-negative int64 keys to int64 values,
    probed for a whole array of keys at once (much faster than ``searchsorted`` on big tables)."""

    def __init__(self, keys: Sequence[int], values: Sequence[int]) -> None:
        self.bits = max(4, math.ceil(math.log2(max(1, len(keys)) * 8)))  # load <= 1/8: ~one probe
        self.keys = np.full(1 << self.bits, -1, dtype=np.int64)
        self.values = np.full(1 << self.bits, -1, dtype=np.int64)
        mask = (1 << self.bits) - 1
        for key, value, slot in zip(keys, values, self._slots(np.asarray(keys, dtype=np.int64)).tolist()):
            while self.keys[slot] != -1:
                slot = (slot + 1) & mask
            self.keys[slot], self.values[slot] = key, value
        self.as_dict = dict(zip((int(k) for k in keys), (int(v) for v in values)))

    @classmethod
    def from_slots(cls, keys: np.ndarray, values: np.ndarray) -> "_IntTable":
        """The table whose slot arrays (``keys``, ``values``, as built) are given: no probing,
        for models read from a scoring artifact."""
        table = cls.__new__(cls)
        size = len(keys)
        if size < 16 or size & (size - 1) or len(values) != size:
            raise ValueError(f"hash table slots must be a power of two >= 16 long, got {size} keys, {len(values)} values")
        table.bits = size.bit_length() - 1
        table.keys = np.ascontiguousarray(keys, dtype=np.int64)
        table.values = np.ascontiguousarray(values, dtype=np.int64)
        used = table.keys != -1
        table.as_dict = dict(zip(table.keys[used].tolist(), table.values[used].tolist()))
        return table

    def _slots(self, keys: np.ndarray) -> np.ndarray:
        return ((keys.astype(np.uint64) * _FIB) >> np.uint64(64 - self.bits)).astype(np.int64)  # type: ignore[no-any-return]  # numpy stubs give Any

    def lookup(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions in ``keys`` that are in the table (in no particular order), and their values."""
        if len(keys) == 0 or not self.as_dict:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        mask = (1 << self.bits) - 1
        slot = self._slots(keys)
        stored = self.keys[slot]
        hit = stored == keys
        positions, values = [np.flatnonzero(hit)], [self.values[slot[hit]]]
        pending = np.flatnonzero(~hit & (stored != -1))  # collided: probe the next slots
        slot = (slot[pending] + 1) & mask
        while len(pending):
            stored = self.keys[slot]
            hit = stored == keys[pending]
            positions.append(pending[hit])
            values.append(self.values[slot[hit]])
            again = ~hit & (stored != -1)
            pending, slot = pending[again], (slot[again] + 1) & mask
        return np.concatenate(positions), np.concatenate(values)  # grouped by probe count, not sorted


def _poly_keys(columns: list[np.ndarray]) -> np.ndarray:
    """A 64-bit polynomial hash (wrapping arithmetic) of aligned token-id columns."""
    keys = columns[0].astype(np.uint64)
    for column in columns[1:]:
        keys = keys * _HASH_BASE + column.astype(np.uint64)
    return keys


def _poly_key(ids: Sequence[int]) -> int:
    key = 0
    for i in ids:
        key = (key * 1_000_003 + i) & 0xFFFFFFFFFFFFFFFF
    return key


@dataclass
class FeatureSpace:
    """Fitted feature vocabulary: which tokens, prefixes, bigrams and phrases are columns."""

    config: FeatureConfig
    token_ids: _Vocabulary
    names: list[str]
    unigram_col: np.ndarray          # token id -> column, -1 for none (same for the arrays below)
    negated_col: np.ndarray
    stem_col: np.ndarray
    stem_ids: dict[bytes, int]       # prefix -> column, for tokens never seen in training
    is_negator: np.ndarray
    is_break: np.ndarray
    opens_sentence: np.ndarray       # token id -> a capital right after it opens a sentence
    name_id: int
    bigrams: _IntTable               # first id * n_ids + second id -> column
    phrase1_col: np.ndarray          # token id -> one-word phrase column
    phrase1_tone: np.ndarray
    phrase_tables: dict[int, tuple[_IntTable, np.ndarray]] = field(default_factory=dict)  # n -> (key -> row,
    #                                                                         rows of (column, tone column))
    phrase_start: dict[int, np.ndarray] = field(default_factory=dict)              # n -> token id starts one
    phrase_second: dict[int, np.ndarray] = field(default_factory=dict)             # n -> token id is 2nd of one
    phrase_any_start: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))  # starts any of them
    tone_of_phrase_col: dict[int, int] = field(default_factory=dict)
    _py: dict[str, Any] | None = field(default=None, init=False, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_py"] = None  # plain-Python copies of the arrays, rebuilt on first use
        return state

    @property
    def n_columns(self) -> int:
        return len(self.names)

    @property
    def n_ids(self) -> int:
        return len(self.unigram_col)

    # -- fitting ---------------------------------------------------------------------
    @classmethod
    def fit(cls, texts: Sequence[str], config: FeatureConfig, phrasebook: Phrasebook | None,
            stopwords: Collection[str] | None = None) -> "FeatureSpace":
        """Learn the vocabulary from training statements (document frequency >= ``min_df``).
        ``stopwords`` (default: ``data/stopwords.txt``) get no unigram column when
        ``config.stopwords`` is on; a rebuild of an older recipe passes the list it kept."""
        token_lists = [mask_names(*tokenize_one(t)) for t in texts]
        book = phrasebook if (phrasebook is not None and config.phrasebook) else None
        # every sentence opener has an id, so the id-based name rule of scoring is mask_names exactly
        vocabulary = sorted({tok for tokens in token_lists for tok in tokens} | {NAME_TOKEN}
                            | (SENTENCE_OPENERS - {SEP})
                            | ({tok.encode() for phrase in book.phrases for tok in phrase.split()} if book else set()))
        token_ids = _Vocabulary({tok: i + 2 for i, tok in enumerate(vocabulary)})
        token_ids[SEP] = _BOUNDARY
        n_ids = len(vocabulary) + 2
        names: list[str] = []

        def add(name: str) -> int:
            names.append(name)
            return len(names) - 1

        def token(i: int) -> str:
            return vocabulary[i - 2].decode("ascii")

        none = np.full(n_ids, -1, dtype=np.int64)
        is_negator, is_break = np.zeros(n_ids, dtype=bool), np.zeros(n_ids, dtype=bool)
        opens_sentence = np.zeros(n_ids, dtype=bool)
        for tok, i in token_ids.items():
            is_negator[i] = _is_negator(tok)
            is_break[i] = tok in CLAUSE_BREAKS
            opens_sentence[i] = tok in SENTENCE_OPENERS
        space = cls(config=config, token_ids=token_ids, names=names, unigram_col=none.copy(),
                    negated_col=none.copy(), stem_col=none.copy(), stem_ids={}, is_negator=is_negator,
                    is_break=is_break, opens_sentence=opens_sentence, name_id=token_ids[NAME_TOKEN],
                    bigrams=_IntTable([], []),
                    phrase1_col=none.copy(), phrase1_tone=none.copy())
        ids = [[token_ids[t] for t in tokens] for tokens in token_lists]

        df = Counter(i for doc in ids for i in set(doc))
        if stopwords is None:
            stopwords = read_data_lines(STOPWORDS_FILE)
        stop = {w.encode() for w in stopwords} if config.stopwords else set()
        for i in range(2, n_ids):
            if df[i] >= config.min_df and vocabulary[i - 2] not in stop:
                space.unigram_col[i] = add(token(i))
        if config.negation:
            negated_df = Counter(i for doc in ids for i in {d for d, s in zip(doc, space._scope_py(doc)) if s})
            for i in sorted(negated_df):
                if negated_df[i] >= config.min_df:
                    space.negated_col[i] = add("NOT_" + token(i))
        n = config.stem_length
        stem_df = Counter(stem for tokens in token_lists for stem in {t[:n] for t in tokens if len(t) > n})
        for stem in sorted(stem_df):
            if stem_df[stem] >= config.min_df:
                space.stem_ids[stem] = add(stem.decode("ascii") + "*")
        for i in range(2, n_ids):
            if len(vocabulary[i - 2]) > n and vocabulary[i - 2] not in stop:
                space.stem_col[i] = space.stem_ids.get(vocabulary[i - 2][:n], -1)
        if config.bigrams:
            bigram_df = Counter(pair for doc in ids for pair in set(zip(doc, doc[1:])))
            kept = sorted(pair for pair, count in bigram_df.items() if count >= config.min_df)
            space.bigrams = _IntTable([a * n_ids + b for a, b in kept], [add(f"{token(a)} {token(b)}") for a, b in kept])
        phrases: dict[int, dict[int, tuple[int, int]]] = {}  # n -> phrase key -> (column, tone column)
        if book is not None:
            tone_col = {tone: add(f"PHRASEBOOK:{tone}") for tone in book.tones}
            for phrase, tone in sorted(book.entries.items()):
                phrase_ids = [token_ids[t.encode()] for t in phrase.split()]
                column = add(f'"{phrase}"')
                space.tone_of_phrase_col[column] = tone_col[tone]
                if len(phrase_ids) == 1:
                    space.phrase1_col[phrase_ids[0]], space.phrase1_tone[phrase_ids[0]] = column, tone_col[tone]
                    continue
                length = len(phrase_ids)
                phrases.setdefault(length, {})[_poly_key(phrase_ids) & _KEY_MASK] = (column, tone_col[tone])
                space.phrase_start.setdefault(length, np.zeros(n_ids, dtype=bool))[phrase_ids[0]] = True
                space.phrase_second.setdefault(length, np.zeros(n_ids, dtype=bool))[phrase_ids[1]] = True
        space.phrase_any_start = np.zeros(n_ids, dtype=bool)
        for starts in space.phrase_start.values():
            space.phrase_any_start |= starts
        for length, table in phrases.items():
            keys = sorted(table)
            space.phrase_tables[length] = (_IntTable(keys, list(range(len(keys)))),
                                           np.array([table[k] for k in keys], dtype=np.int64).reshape(-1, 2))
        space._py = None  # cached while fitting, before every column existed
        return space

    # -- the single-statement encoder (plain Python) ---------------------------------
    def _python_tables(self) -> dict[str, Any]:
        if self._py is None:
            self._py = {name: getattr(self, name).tolist() for name in
                        ("unigram_col", "negated_col", "stem_col", "is_negator", "is_break",
                         "phrase1_col", "phrase1_tone")}
            lengths: list[tuple[int, ...]] = [()] * self.n_ids
            for length, starts in sorted(self.phrase_start.items()):
                for i in np.flatnonzero(starts).tolist():
                    lengths[i] = (*lengths[i], length)
            self._py["phrase_lengths"] = lengths
            self._py["phrase_rows"] = {length: (table.as_dict, columns.tolist())
                                       for length, (table, columns) in self.phrase_tables.items()}
        return self._py

    def _scope_py(self, ids: Sequence[int]) -> list[bool]:
        """True for tokens within ``negation_window`` tokens after a negator, inside its clause."""
        py = self._python_tables()
        is_negator, is_break, window = py["is_negator"], py["is_break"], self.config.negation_window
        last_negator: int | None = None
        scope = []
        for position, i in enumerate(ids):
            if is_break[i]:
                last_negator = None
            if is_negator[i]:
                last_negator = position
                scope.append(False)
            else:
                scope.append(last_negator is not None and position - last_negator <= window)
        return scope

    def ids_one(self, text: str) -> tuple[list[int], list[bytes]]:
        """Token ids of one text (names masked) and its tokens."""
        tokens, capital = tokenize_one(text)
        vocabulary = self.token_ids
        return [vocabulary[t] for t in mask_names(tokens, capital)], tokens

    def hits_one(self, ids: list[int], tokens: list[bytes]) -> tuple[list[int], list[int]]:
        """:meth:`sparse_hits` of one text: scaled columns and phrase-tone columns."""
        py = self._python_tables()
        cols: list[int] = []
        tone_cols: list[int] = []
        if _OOV in ids:
            n = self.config.stem_length
            for i, tok in zip(ids, tokens):
                if i == _OOV and len(tok) > n:
                    col = self.stem_ids.get(tok[:n], -1)
                    if col >= 0:
                        cols.append(col)
        if self.config.bigrams:
            table, n_ids = self.bigrams.as_dict, self.n_ids
            keys = [a * n_ids + b for a, b in zip(ids, ids[1:])]
            cols += [table[k] for k in keys if k in table]
        starts, phrase_rows = py["phrase_lengths"], py["phrase_rows"]
        for position in [p for p, i in enumerate(ids) if starts[i]]:
            for length in starts[ids[position]]:
                rows, columns = phrase_rows[length]
                row = rows.get(_poly_key(ids[position:position + length]) & _KEY_MASK)
                if row is not None:
                    cols.append(columns[row][0])
                    tone_cols.append(columns[row][1])
        return cols, tone_cols

    def encode_one(self, text: str) -> tuple[list[int], list[float]]:
        """Columns and values of one statement (the same features :meth:`encode` gives it)."""
        py = self._python_tables()
        ids, tokens = self.ids_one(text)
        unigram, negated, stem_col = py["unigram_col"], py["negated_col"], py["stem_col"]
        phrase1, phrase1_tone = py["phrase1_col"], py["phrase1_tone"]
        scope = self._scope_py(ids) if self.config.negation else [False] * len(ids)
        cols: list[int] = []
        tone_cols: list[int] = []
        for i, in_scope in zip(ids, scope):
            if in_scope:
                if negated[i] >= 0:
                    cols.append(negated[i])
                continue
            for col in (unigram[i], stem_col[i], phrase1[i]):
                if col >= 0:
                    cols.append(col)
            if phrase1_tone[i] >= 0:
                tone_cols.append(phrase1_tone[i])
        hit_cols, hit_tones = self.hits_one(ids, tokens)
        cols += hit_cols
        tone_cols += hit_tones
        value = 1.0 / math.sqrt(max(len(cols), 1)) if self.config.sublinear_norm else 1.0
        return cols + tone_cols, [value] * len(cols) + [float(self.config.phrase_tone_weight)] * len(tone_cols)

    # -- the batch encoder (numpy) ---------------------------------------------------
    def _batch_ids(self, texts: Sequence[str]) -> tuple[np.ndarray, list[bytes]]:
        """Token ids of the whole batch with a boundary id closing every text, and the tokens."""
        tokens, capital = tokenize_batch(texts)
        ids = np.fromiter(map(self.token_ids.__getitem__, tokens), dtype=np.int64, count=len(tokens))
        after_opener = np.empty(len(ids), dtype=bool)
        after_opener[0], after_opener[1:] = True, self.opens_sentence[ids[:-1]]
        ids[capital & ~after_opener] = self.name_id
        return ids, tokens

    def _scope(self, ids: np.ndarray) -> np.ndarray:
        positions = np.arange(len(ids))
        last_negator = np.maximum.accumulate(np.where(self.is_negator[ids], positions, -1))
        last_break = np.maximum.accumulate(np.where(self.is_break[ids], positions, -1))
        return ((last_negator > last_break) & (positions > last_negator)
                & (positions - last_negator <= self.config.negation_window))

    def token_columns(self, ids: np.ndarray) -> dict[str, np.ndarray]:
        """Per token, the column of its word, its prefix, its one-word phrase and that phrase's
        tone (-1 where there is none). Inside a negation scope a token has only its negated
        word (``NOT_oppose``): "we do not oppose" must not count as opposing."""
        columns = {"unigram": self.unigram_col[ids], "stem": self.stem_col[ids], "phrase": self.phrase1_col[ids],
                   "tone": self.phrase1_tone[ids]}
        if self.config.negation:
            scope = self._scope(ids)
            columns = {name: np.where(scope, -1, values) for name, values in columns.items()}
            columns["unigram"] = np.where(scope, self.negated_col[ids], columns["unigram"])
        return columns

    def sparse_hits(self, ids: np.ndarray, tokens: list[bytes], doc_of: np.ndarray
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The features that are not a function of one known token: prefixes of unknown
        tokens, bigrams, and phrases of two or more words. Returns (doc, column) of scaled
        features and (doc, column) of phrase-tone features."""
        docs: list[np.ndarray] = [np.empty(0, dtype=np.int64)]
        cols: list[np.ndarray] = [np.empty(0, dtype=np.int64)]
        tone_docs: list[np.ndarray] = [np.empty(0, dtype=np.int64)]
        tone_cols: list[np.ndarray] = [np.empty(0, dtype=np.int64)]
        oov = np.flatnonzero(ids == _OOV)
        if len(oov) and self.stem_ids:
            n, get = self.config.stem_length, self.stem_ids.get
            stems = np.array([get(tokens[i][:n], -1) if len(tokens[i]) > n else -1 for i in oov.tolist()],
                             dtype=np.int64)
            keep = stems >= 0
            docs.append(doc_of[oov[keep]])
            cols.append(stems[keep])
        if self.config.bigrams:  # most positions could start a bigram: look every pair up
            hit, found = self.bigrams.lookup(ids[:-1] * self.n_ids + ids[1:])
            docs.append(doc_of[hit])
            cols.append(found)
        if self.phrase_tables:  # few positions start a phrase of two or more words: find them once
            candidates = np.flatnonzero(self.phrase_any_start[ids])
        for length, (table, columns) in self.phrase_tables.items():
            starts = candidates[candidates <= len(ids) - length]
            starts = starts[self.phrase_start[length][ids[starts]] & self.phrase_second[length][ids[starts + 1]]]
            keys = (_poly_keys([ids[starts + k] for k in range(length)]) & np.uint64(_KEY_MASK)).astype(np.int64)
            hit, row = table.lookup(keys)
            where = doc_of[starts[hit]]
            docs.append(where)
            cols.append(columns[row, 0])
            tone_docs.append(where)
            tone_cols.append(columns[row, 1])
        return np.concatenate(docs), np.concatenate(cols), np.concatenate(tone_docs), np.concatenate(tone_cols)

    def batch_tokens(self, texts: Sequence[str]) -> tuple[np.ndarray, list[bytes], np.ndarray]:
        """Token ids of the whole batch (a boundary id closes every text), the tokens, and the
        index of the text each token belongs to."""
        ids, tokens = self._batch_ids(texts)
        is_boundary = ids == _BOUNDARY
        return ids, tokens, np.cumsum(is_boundary) - is_boundary

    def encode(self, texts: Sequence[str]) -> Encoded:
        """Features of every text, as occurrence triples, in one pass over the batch."""
        ids, tokens, doc_of = self.batch_tokens(texts)
        per_token = self.token_columns(ids)
        docs, cols = [], []
        for name in ("unigram", "stem", "phrase"):
            keep = np.flatnonzero(per_token[name] >= 0)
            docs.append(doc_of[keep])
            cols.append(per_token[name][keep])
        keep = np.flatnonzero(per_token["tone"] >= 0)
        tone_doc, tone_col = doc_of[keep], per_token["tone"][keep]
        hit_doc, hit_col, hit_tone_doc, hit_tone_col = self.sparse_hits(ids, tokens, doc_of)
        doc, col = np.concatenate((*docs, hit_doc)), np.concatenate((*cols, hit_col))
        tone_doc, tone_col = np.concatenate((tone_doc, hit_tone_doc)), np.concatenate((tone_col, hit_tone_col))
        if self.config.sublinear_norm:
            per_doc = np.bincount(doc, minlength=len(texts)).astype(np.float64)
            value = 1.0 / np.sqrt(np.maximum(per_doc, 1.0))[doc]
        else:
            value = np.ones(len(doc), dtype=np.float64)
        return Encoded(n_docs=len(texts), doc=np.concatenate((doc, tone_doc)), col=np.concatenate((col, tone_col)),
                       value=np.concatenate((value, np.full(len(tone_doc), float(self.config.phrase_tone_weight)))))

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """The CSR matrix scikit-learn trains on."""
        return self.encode(texts).to_csr(self.n_columns)

    # -- explanations -----------------------------------------------------------------
    def is_explainable(self, column: int) -> bool:
        """Punctuation carries weight but explains nothing to a reader."""
        return any(ch.isalnum() for ch in self.names[column])

    def describe(self, column: int, present: set[int]) -> str:
        """A column's name; a phrasebook tone column lists the phrases that fired it."""
        name = self.names[column]
        if name.startswith("PHRASEBOOK:"):
            phrases = [self.names[c] for c, tone in sorted(self.tone_of_phrase_col.items())
                       if tone == column and c in present]
            return f"{name[len('PHRASEBOOK:'):]} phrases: {', '.join(phrases)}"
        return name
