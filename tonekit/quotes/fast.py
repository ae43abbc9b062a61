"""Fast mode: find cues and speaker mentions in one paragraph with rules, no trained model.

:func:`analyse_fast` works on the blank tokenizer's sentences: direct-quote cues before or after
the marks ("..., she said", "He said: ...") and simple "X said that ..." frames. Same inputs and
outputs as :func:`tonekit.quotes.accurate.analyse_accurate`.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ._doc import doc_text, sentence, sentences, token_at
from .lexicon import speaker_nouns, speech_forms
from .marks import QuoteIndex
from .quote import Attribution, Candidate

__all__ = ["analyse_fast"]

_CAP = r"[A-Z][\w\u2019'.\-]*"


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
        adv = r"(?:(?:has|have|had|also|repeatedly|later|again|then|previously|on\s+\w+day)\s+)*"
        aud = r"(?:\s+(?:reporters|journalists|lawmakers|the\s+press|[A-Z][\w\u2019'\-]+(?:\s+[A-Z][\w\u2019'\-]+)?))?"
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


def _att_from_match(m: re.Match[str], base: int) -> Attribution:
    cue = re.sub(r"\s+", " ", m.group("cue"))
    return Attribution(cue, base + m.start("cue"), base + m.start("spk"), base + m.end("spk"), m.group("spk"))


def _sentence_of(doc: Doc, rel: int) -> Span | None:
    """The sentence holding paragraph-relative character ``rel``."""
    tok = token_at(doc, rel)
    if tok is None:
        return sentence(doc[-1]) if len(doc) else None
    return sentence(tok)


def _indirect_fast(doc: Doc, lo: int, quotes: QuoteIndex) -> list[Candidate]:
    pats = _fast_patterns()
    out: list[Candidate] = []
    paragraph = doc_text(doc)
    for sent in sentences(doc)[1]:
        text = sent.text
        base = lo + sent.start_char
        for key in ("acc_start", "that", "acc_end", "final", "final_inv"):
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
    hi = lo + len(text)
    direct: dict[int, Attribution] = {}
    for n, q in quotes.overlapping(lo, hi):
        att = None
        if lo <= q.close_at < hi:
            rel = q.close_end - lo
            sent = _sentence_of(doc, q.close_at - lo)
            stop = sent.end_char if sent is not None else len(text)
            nxt_open = quotes.first_open_in(lo + rel, lo + stop)
            nxt = nxt_open - lo if nxt_open is not None else stop
            tail = text[rel:max(rel, nxt)]
            for key in ("trail_acc", "trail", "trail_inv", "trail_dash"):
                m = pats[key].match(tail)
                if m is not None:
                    cue = "\u2014" if key == "trail_dash" else re.sub(r"\s+", " ", m.group("cue"))
                    att = Attribution(cue, lo + rel + m.start(0), lo + rel + m.start("spk"), lo + rel + m.end("spk"), m.group("spk"))
                    break
        if att is None and lo <= q.open_at < hi:
            rel = q.open_at - lo
            sent = _sentence_of(doc, rel)
            begin = sent.start_char if sent is not None else 0
            prev_close = quotes.last_close_end_in(lo + begin, q.open_at)
            prev = prev_close - lo if prev_close is not None else begin
            head = text[prev:rel]
            for key in ("lead", "lead_colon"):
                m = pats[key].search(head)
                if m is not None:
                    cue = ":" if key == "lead_colon" else re.sub(r"\s+", " ", m.group("cue"))
                    att = Attribution(cue, lo + prev + m.start(0), lo + prev + m.start("spk"), lo + prev + m.end("spk"), m.group("spk"))
                    break
        if att is not None:
            direct[n] = att
    return direct, _indirect_fast(doc, lo, quotes)
