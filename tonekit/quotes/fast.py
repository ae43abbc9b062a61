"""Fast mode: find cues and speaker mentions in one paragraph with rules, no trained model.

:func:`analyse_fast` works on the blank tokenizer's sentences: direct-quote cues before or after
the marks ("..., she said", "He said: ...") and simple "X said that ..." frames. Same inputs and
outputs as :func:`tonekit.quotes.accurate.analyse_accurate`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Doc

from ._doc import doc_text
from .fast_sentences import SentenceBounds
from .lexicon import speaker_nouns, speech_forms, trie_alternation
from .marks import QuoteIndex
from .quote import Attribution, Candidate

__all__ = ["analyse_fast"]

_CAP = r"[A-Z][\w\u2019'.\-]*"
# adverbs between a speaker and the cue ("has also said"), and an audience after it ("told reporters")
_ADV = r"(?:(?:has|have|had|also|repeatedly|later|again|then|previously|on\s+\w+day)\s+)*"
_AUD = r"(?:\s+(?:reporters|journalists|lawmakers|the\s+press|[A-Z][\w\u2019'\-]+(?:\s+[A-Z][\w\u2019'\-]+)?))?"


def _speaker_regex() -> str:
    """A speaker phrase: a pronoun, a capitalised run, or "the/a ... <speaker noun>"."""
    return (
        rf"(?:(?:he|she|they|we|He|She|They|We|I)"
        rf"|(?:{_CAP}(?:\s+(?:{_CAP}|of|al|bin))*)"
        rf"|(?:(?:the|a|an|The|A|An)\s+(?:[\w\u2019'.\-]+\s+){{0,5}}?(?:{'|'.join(sorted(speaker_nouns()))})))"
    )


def _forms_regex() -> str:
    return "|".join(sorted((re.escape(f) for f in speech_forms()), key=len, reverse=True))


_FAST_CACHE: dict[str, re.Pattern[str]] = {}


def _fast_patterns() -> dict[str, re.Pattern[str]]:
    if not _FAST_CACHE:
        forms = _forms_regex()
        speaker = _speaker_regex()  # reads the data files on first use, not at import
        adv, aud = _ADV, _AUD
        _FAST_CACHE.update({
            # "<speaker> said (on Monday) that <content>"
            "that": re.compile(rf"(?P<spk>{speaker})\s+{adv}(?P<cue>(?:{forms}){aud})(?:\s+on\s+\w+)?,?\s+that\s+(?P<content>.+)", re.DOTALL),
            # "<content>, <speaker> said."
            "final": re.compile(rf"^(?P<content>.+?),?\s+(?P<spk>{speaker})\s+{adv}(?P<cue>{forms})(?:\s+on\s+\w+)?\s*[.!?]?\s*$", re.DOTALL),
            # "<content>, said <speaker>."
            "final_inv": re.compile(rf"^(?P<content>.+?),\s+(?P<cue>{forms})\s+(?P<spk>{speaker})\s*[.!?]?\s*$", re.DOTALL),
            "acc_end": re.compile(r"^(?P<content>.+?),\s+(?P<cue>according\s+to)\s+(?P<spk>[^,.]+?)\s*[.!?]?\s*$", re.DOTALL),
            "acc_start": re.compile(r"^(?P<cue>According\s+to)\s+(?P<spk>[^,]+?),\s+(?P<content>.+)$", re.DOTALL),
            "trail": re.compile(rf"^[\s,\u2014\u2013-]*(?P<spk>{speaker})\s+{adv}(?P<cue>(?:{forms}){aud})\b"),
            "trail_inv": re.compile(rf"^[\s,\u2014\u2013-]*(?P<cue>{forms})\s+(?P<spk>{speaker})\b"),
            "trail_acc": re.compile(r"^[\s,]*(?P<cue>according\s+to)\s+(?P<spk>[^,.]+)"),
            "trail_dash": re.compile(rf"^\s*[\u2014\u2013-]+\s*(?P<spk>{_CAP}(?:\s+{_CAP}){{0,4}})"),
            "lead": re.compile(rf"(?P<spk>{speaker})\s+{adv}(?P<cue>(?:{forms}){aud})(?:\s+on\s+\w+)?\s*(?:,|:|that)?\s*$"),
            "lead_colon": re.compile(rf"^\s*(?P<spk>{_CAP}(?:\s+{_CAP}){{0,4}})\s*:\s*$"),
        })
    return _FAST_CACHE


_BLANKS = re.compile(r"\s+")
_ON_DAY = re.compile(r"\s+on\s+\w+\Z")
_THAT_AFTER_CUE = re.compile(rf"{_AUD}(?:\s+on\s+\w+)?,?\s+that\s")  # what follows the form in rule "that"
_LEAD_AFTER_CUE = re.compile(rf"{_AUD}(?:\s+on\s+\w+)?\s*(?:,|:|that)?\s*$")  # and in rule "lead"
# the reported-speech rules, in the order they are tried on a sentence (the first that fits wins)
_INDIRECT_RULES = ("acc_start", "that", "acc_end", "final", "final_inv")


@lru_cache(maxsize=1)
def _forms() -> tuple[tuple[str, ...], re.Pattern[str]]:
    """The speech forms as a tuple (for ``str.endswith``), and a regex of a form that is a whole
    run of lower-case letters, or one run into a "that" after it (group ``form``: the form)."""
    forms = speech_forms()
    return tuple(sorted(forms)), re.compile(rf"(?<![a-z])(?P<form>{trie_alternation(forms)})(?P<that>that)?(?![a-z])")


class _Words:
    """Where the speech forms of one sentence are: every rule's form stands between a blank
    and a blank, comma or stop, so it is a whole run of lower-case letters."""

    __slots__ = ("text", "has_form", "_form_runs")

    def __init__(self, text: str):
        self.text = text
        self._form_runs: list[tuple[int, int]] | None = None
        self.has_form = any(True for _ in self._forms())

    def _forms(self) -> Iterator[tuple[int, int]]:
        for m in _forms()[1].finditer(self.text):
            if m.group("that") is None:
                yield m.span()

    def form_runs(self) -> list[tuple[int, int]]:
        """(start, end) of every speech form in the sentence that is a whole run of lower-case
        letters, in order."""
        if self._form_runs is None:
            self._form_runs = list(self._forms())
        return self._form_runs


def _ends_with_form(sentence_text: str, forms: tuple[str, ...]) -> bool:
    """Whether the sentence ends "<form> [on <day>]" before its stop and blanks: what the "final"
    rule needs at its end, checked from the end instead of trying the rule at every blank."""
    core = sentence_text.rstrip()
    if core.endswith((".", "!", "?")):
        core = core[:-1].rstrip()
    if core.endswith(forms):
        return True
    on = _ON_DAY.search(core)
    return on is not None and core[:on.start()].endswith(forms)


def _may_match(key: str, words: _Words) -> bool:
    """A necessary condition for reported-speech rule ``key`` to match the sentence, far cheaper
    than trying the rule, which on a sentence it does not fit tries every position: "that" needs
    a form followed by "that", "final" a form at the end, "final_inv" a form after a comma. A
    rule that cannot match is skipped, so the result is the rules' own
    (``tests/test_fast_rules.py`` checks each condition against its rule)."""
    text = words.text
    if key == "acc_start":
        return text.startswith("According")
    if key == "acc_end":
        return "according" in text
    if not words.has_form:
        return False
    if key == "that":
        return "that" in text and any(_THAT_AFTER_CUE.match(text, end) for _, end in words.form_runs())
    if key == "final":
        return _ends_with_form(text, _forms()[0])
    if key == "final_inv":
        return any(start > 0 and text[start - 1].isspace() and text[:start].rstrip().endswith(",")
                   and text[end:end + 1].isspace() for start, end in words.form_runs())
    raise ValueError(f"no reported-speech rule {key!r}")


def _lead_may_match(head: str) -> bool:
    """A necessary condition for rule "lead" (``<speaker> said:`` before a quotation): a speech
    form followed by what the rule allows after it up to the end of ``head``; the form may run
    into the "that" after it ("saidthat": the rule allows no blank there)."""
    return any(_LEAD_AFTER_CUE.match(head, m.end("form")) for m in _forms()[1].finditer(head))


def _att_from_match(m: re.Match[str], base: int) -> Attribution:
    cue = _BLANKS.sub(" ", m.group("cue"))
    return Attribution(cue, base + m.start("cue"), base + m.start("spk"), base + m.end("spk"), m.group("spk"))


def _indirect_fast(paragraph: str, sents: SentenceBounds, lo: int, quotes: QuoteIndex) -> list[Candidate]:
    pats = _fast_patterns()
    out: list[Candidate] = []
    for start, text in sents.texts():
        base = lo + start
        words = _Words(text)
        if not (words.has_form or "according" in text or text.startswith("According")):
            continue  # no rule can match: each needs a form or "according to"
        for key in _INDIRECT_RULES:
            if not _may_match(key, words):
                continue
            m = pats[key].search(text) if key == "that" else pats[key].match(text)
            if m is None or quotes.inside(base + m.start("cue")):
                continue
            a, b = base + m.start("content"), base + m.end("content")
            seg = paragraph[a - lo : b - lo]
            # trim punctuation
            while seg and (seg[-1] in ".,;:!? " ):
                seg = seg[:-1]
                b -= 1
            while seg and seg[0] in " ,":
                seg = seg[1:]
                a += 1
            if len(seg.split()) < 3:
                continue
            out.append(Candidate(a, b, "indirect", _att_from_match(m, base)))
            break
    return out


def analyse_fast(doc: Doc, lo: int, quotes: QuoteIndex) -> tuple[dict[int, Attribution], list[Candidate]]:
    """Rule-only analysis on blank-tokenizer sentences: direct-quote cues and "X said that" frames."""
    pats = _fast_patterns()
    text = doc_text(doc)
    sents = SentenceBounds(doc, text)
    hi = lo + len(text)
    direct: dict[int, Attribution] = {}
    for n, q in quotes.overlapping(lo, hi):
        att = None
        if lo <= q.close_at < hi:
            rel = q.close_end - lo
            sent = sents.around(q.close_at - lo)
            stop = sent[1] if sent is not None else len(text)
            nxt_open = quotes.first_open_in(lo + rel, lo + stop)
            nxt = nxt_open - lo if nxt_open is not None else stop
            tail = text[rel:max(rel, nxt)]
            for key in ("trail_acc", "trail", "trail_inv", "trail_dash"):
                m = pats[key].match(tail)
                if m is not None:
                    cue = "\u2014" if key == "trail_dash" else _BLANKS.sub(" ", m.group("cue"))
                    att = Attribution(cue, lo + rel + m.start(0), lo + rel + m.start("spk"), lo + rel + m.end("spk"), m.group("spk"))
                    break
        if att is None and lo <= q.open_at < hi:
            rel = q.open_at - lo
            sent = sents.around(rel)
            begin = sent[0] if sent is not None else 0
            prev_close = quotes.last_close_end_in(lo + begin, q.open_at)
            prev = prev_close - lo if prev_close is not None else begin
            head = text[prev:rel]
            for key in ("lead", "lead_colon"):
                if key == "lead" and not _lead_may_match(head):
                    continue
                m = pats[key].search(head)
                if m is not None:
                    cue = ":" if key == "lead_colon" else _BLANKS.sub(" ", m.group("cue"))
                    att = Attribution(cue, lo + prev + m.start(0), lo + prev + m.start("spk"), lo + prev + m.end("spk"), m.group("spk"))
                    break
        if att is not None:
            direct[n] = att
    return direct, _indirect_fast(text, sents, lo, quotes)
