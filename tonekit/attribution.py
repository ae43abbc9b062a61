"""Find cues and speaker mentions in one paragraph: accurate (dependency parse) and fast (rules).

Both analysers take a spaCy ``Doc`` of one paragraph, the paragraph's offset in the article and
the article's quoted spans, and return (a) an attribution for each direct quote whose cue is in
this paragraph and (b) indirect-speech candidates. Neither resolves pronouns or names: that
needs the whole article and happens in :mod:`tonekit.speakers`.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span, Token

from .candidates import Attribution, Candidate
from .cues import ATTITUDE_OBJECT_VERBS, PREPOSITION_VERBS, STATEMENT_PREPOSITIONS, reporting_lemmas, speech_forms
from .marks import QUOTE_CHARS, QuotedSpan, QuoteIndex
from .names import PRONOUNS, speaker_nouns

__all__ = ["analyse_accurate", "analyse_fast"]

_DASHES = {"\u2014", "\u2013", "\u2015", "-", "--"}
_LEAD_PUNCT = {",", ":", "\u2014", "\u2013", "-", "--"}
# Verbs whose statement is a to-infinitive or prepositional object: "urged X to ...".
_DIRECTIVE = frozenset({"urge", "warn", "caution", "pledge", "vow", "promise", "demand", "insist", "call", "praise",
                        "condemn", "accuse", "blame", "criticise", "criticize", "reject"})
# Objects of "tell" that belong in the cue phrase ("told reporters").
_AUDIENCE = frozenset({"reporters", "journalists", "lawmakers", "parliament", "the press", "the media", "an audience", "a news conference", "a press conference", "a briefing"})
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
# Verbs that report speech only through a clause: "maintain “open lines”" names no statement.
_CLAUSE_ONLY = frozenset({"maintain", "continue", "agree", "believe", "signal", "indicate", "suggest", "reveal",
                          "highlight", "recall", "observe", "express", "welcome", "reject", "echo"})
_CLAUSE_STRIP = {"that", "whether", ",", ":", "\u2014", "\u2013", "-"}
_NON_SPEAKER_HEADS = frozenset({"approach", "discussions", "talks", "meeting", "visit", "trip", "agreement", "agreements", "focus", "efforts", "move", "data", "figures", "report", "study", "poll"})




def _char_span(doc: Doc, lo: int, first: Token, last: Token) -> tuple[int, int]:
    return lo + first.idx, lo + last.idx + len(last.text)


def _sent(tok: Token) -> Span:
    """The token's sentence. spaCy's ``Token.sent`` walks the whole doc on every call, which is
    quadratic on long paragraphs, so sentence bounds are computed once per doc."""
    starts, spans = _sentences(tok.doc)
    return spans[bisect.bisect_right(starts, tok.i) - 1]


def _text(doc: Doc) -> str:
    """The doc's text, once: ``Doc.text`` rebuilds the string from its tokens on every access."""
    text = doc.user_data.get("tonekit_text")
    if text is None:
        text = doc.user_data["tonekit_text"] = doc.text
    return text


def _sentences(doc: Doc) -> tuple[list[int], list[Span]]:
    """Sentence start indices and spans, once per doc (``Doc.sents`` is slow on long docs)."""
    bounds = doc.user_data.get("tonekit_sents")
    if bounds is None:
        flags = doc.to_array("SENT_START").tolist()
        starts = [i for i, flag in enumerate(flags) if i == 0 or flag == 1]
        # an opening mark after a full stop starts the next sentence, not ends this one
        starts = [i - 1 if i > 1 and doc[i - 1].text in QUOTE_CHARS and doc[i - 2].whitespace_ else i for i in starts]
        ends = starts[1:] + [len(doc)]
        bounds = doc.user_data["tonekit_sents"] = (starts, [doc[a:b] for a, b in zip(starts, ends)])
    return bounds


def _token_at(doc: Doc, rel: int) -> Token | None:
    """The token that contains, or is the first after, the paragraph-relative character ``rel``."""
    starts = doc.user_data.get("tonekit_starts")
    if starts is None:
        starts = doc.user_data["tonekit_starts"] = doc.to_array("IDX").tolist()
    i = bisect.bisect_right(starts, rel) - 1
    if i >= 0 and rel < starts[i] + len(doc[i].text):
        return doc[i]
    return doc[i + 1] if i + 1 < len(doc) else None


def _cut_absolute(tokens: list[Token]) -> list[Token]:
    """Cut a trailing absolute clause (", with officials eyeing ..."): the reporter's context."""
    for i in range(1, len(tokens) - 2):
        if tokens[i - 1].text == "," and tokens[i].lower_ == "with" and any(t.tag_ == "VBG" for t in tokens[i + 1 : i + 8]):
            return tokens[: i - 1]
    return tokens


def _trim(tokens: list[Token]) -> list[Token]:
    """Drop leading complementisers and punctuation and trailing punctuation of a clause."""
    while tokens and (tokens[0].lower_ in _CLAUSE_STRIP or tokens[0].is_punct and tokens[0].text not in QUOTE_CHARS):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in QUOTE_CHARS:
        tokens = tokens[:-1]
    # a trailing closing mark without its opener inside the span is not part of it
    return tokens


# --------------------------------------------------------------------------- accurate


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or for "stressing that", "as saying" the subject of the nearest
    governing reporting verb ("He continued that ..., stressing that ..." -> He)."""
    subj = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
    if subj is not None:
        return subj
    tok = verb
    while tok.dep_ == "conj" and tok.head is not tok:  # "X bemoaned A and said B": shared subject
        tok = tok.head
        subj = next((c for c in tok.children if c.dep_ in _SUBJECT_DEPS), None)
        if subj is not None:
            return subj
    for _ in range(4):
        if tok.dep_ not in ("advcl", "xcomp", "conj", "pcomp", "prep", "acl", "ccomp") or tok.head is tok:
            break
        tok = tok.head
        if _is_reporting(tok) or tok.lemma_ == "quote":
            return next((c for c in tok.children if c.dep_ in _SUBJECT_DEPS), None)
    if verb.tag_ == "VBG" and verb.dep_ == "advcl":
        # "Trump unveiled a plan, promising to ...": a participle's subject is its clause's
        return next((c for c in verb.head.children if c.dep_ in _SUBJECT_DEPS), None)
    return None


def _noun_phrase(head: Token) -> list[Token]:
    """The mention a subject token stands for: left modifiers and the name, no clauses."""
    if head.lower_ in ("who", "that", "which") and head.head.dep_ == "relcl":
        head = head.head.head  # "a young woman who suggested" -> woman
    if head.lower_ in PRONOUNS:
        return [head]
    first = head.left_edge
    last = head
    for child in head.rights:  # "foreign minister Yoko Kamikawa": a name in apposition, no comma
        if child.pos_ == "PROPN" and child.dep_ in ("appos", "compound", "flat", "npadvmod", "nmod") and not any(
                t.is_punct for t in head.doc[head.i + 1 : child.i]):
            last = child
    tokens = [t for t in head.doc[first.i : last.i + 1]]
    ent = next((e for e in head.doc.ents if e.start <= head.i < e.end), None) if head.ent_type_ else None
    if ent is not None and ent.end - 1 > head.i:
        tokens.extend(head.doc[head.i + 1 : ent.end])
    # drop relative clauses or appositives that sit left of the head ("X, who ..., Y") and punctuation
    while tokens and (tokens[0].is_punct or tokens[0].lower_ in ("and", "but", "also")):
        tokens = tokens[1:]
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i].text == ",":
            tokens = tokens[i + 1 :]
            break
    while tokens and (tokens[0].pos_ in ("CCONJ", "SCONJ", "ADP", "ADV") or tokens[0].is_punct) and tokens[0] is not head:
        tokens = tokens[1:]
    return tokens or [head]


def _mention(tokens: list[Token], lo: int) -> Attribution | None:
    if not tokens:
        return None
    start, end = _char_span(tokens[0].doc, lo, tokens[0], tokens[-1])
    return Attribution(None, None, start, end, "".join(t.text_with_ws for t in tokens).rstrip())


def _cue_phrase(verb: Token) -> str:
    """The reporting verb with its auxiliaries, particle and audience: "has repeatedly said", "told reporters"."""
    parts = [verb]
    for child in verb.children:
        if child.dep_ == "prt" or (child.dep_ == "prep" and child.lower_ == "for" and verb.lemma_ == "call"):
            parts.append(child)
        elif verb.lemma_ == "tell" and child.dep_ in ("dobj", "dative") and child.i > verb.i:
            phrase = verb.doc[child.left_edge.i : child.right_edge.i + 1]
            if phrase.text.lower() in _AUDIENCE:
                parts.extend(phrase)
    parts.sort(key=lambda t: t.i)
    return " ".join(t.text for t in parts)


def _is_reporting(tok: Token) -> bool:
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    lemma = tok.lemma_.lower()
    if lemma in ("point", "call"):  # only "point out", "call for"
        return any(c.lower_ in ("out", "for") and c.dep_ in ("prt", "prep") for c in tok.children)
    return lemma in reporting_lemmas()


def _according(tok: Token) -> Token | None:
    """The source of "according to X" when ``tok`` is "according"."""
    if tok.lower_ != "according":
        return None
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
        to = tok.doc[tok.i + 1]
    if to is None:
        return None
    return next((c for c in to.children if c.dep_ == "pobj"), None)


def _source_phrase(pobj: Token) -> list[Token]:
    """"the official, who briefed reporters ..." -> "the official"."""
    tokens = [t for t in pobj.doc[pobj.left_edge.i : pobj.i + 1]]
    return tokens


def _attribution_from_verb(verb: Token, lo: int, quotes: QuoteIndex) -> Attribution:
    subject = _subject(verb)
    mention = None
    if subject is not None and subject.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "X") and not quotes.inside(lo + subject.idx):
        mention = _mention(_noun_phrase(subject), lo)
    return Attribution(
        _cue_phrase(verb), lo + verb.idx,
        mention.mention_start if mention else None, mention.mention_end if mention else None,
        mention.mention if mention else None,
    )


def _direct_trailing_accurate(doc: Doc, lo: int, q: QuotedSpan, quotes: QuoteIndex) -> Attribution | None:
    close = _token_at(doc, q.close_at - lo)
    if close is None:
        return None
    sent_end = _sent(close).end
    next_sentence = sent_end == close.i + 1 and sent_end < len(doc)
    if next_sentence:  # “... ?” / Clinton said.  -- the parser ends the sentence at the mark
        sent_end = _sent(doc[sent_end]).end
    toks: list[Token] = []
    for tok in doc[close.i + 1 : sent_end]:
        if lo + tok.idx in quotes.open_positions:
            break
        if not tok.is_space:  # a no-break space before "― Name" is a token of its own
            toks.append(tok)
    after = q.close_end - lo
    dash = _text(doc)[after:after + 3].lstrip()[:1] in _DASHES  # "”― Name": the tokenizer may glue the two
    while toks and toks[0].is_punct:
        dash = dash or toks[0].text in _DASHES
        toks = toks[1:]
    for n, tok in enumerate(toks[:10]):
        source = _according(tok)
        if source is not None and n == 0:
            mention = _mention(_source_phrase(source), lo)
            return Attribution("according to", lo + tok.idx, mention.mention_start, mention.mention_end, mention.mention)
        if _is_reporting(tok):
            between = toks[:n]
            if len(between) > 8 or any(t.pos_ in ("VERB", "CCONJ") for t in between) or tok.tag_ in ("VBG", "VBN"):
                return None  # "..., saying ..." starts a new report; it does not attribute this one
            if next_sentence and any(c.dep_ in ("ccomp", "dobj", "xcomp") and c.i > tok.i for c in tok.children):
                return None  # the next sentence is a report of its own, not this quote's tag
            att = _attribution_from_verb(tok, lo, quotes)
            if att.mention_start is not None and att.mention_start < q.close_at:
                att = Attribution(att.cue, att.cue_start, None, None, None)
            if att.mention is None:
                # the parse missed the subject: the words between the quote and the verb
                # ("..., Jones said"), or the name right after it ("..., said James Acton, a ...")
                words = [t for t in between if not t.is_punct]
                if not words:
                    for t in toks[n + 1 : n + 6]:
                        if t.is_punct or not (t.text[:1].isupper() or t.pos_ == "PROPN"):
                            break
                        words.append(t)
                m = _mention(words, lo)
                if m:
                    att = Attribution(att.cue, att.cue_start, m.mention_start, m.mention_end, m.mention)
            return att
        if tok.is_punct and tok.text not in ("'s",):
            break
    if dash and toks:
        name = []
        for tok in toks:
            if tok.is_punct:
                break
            name.append(tok)
        if name and name[0].text[:1].isupper() and len(name) <= 6:
            m = _mention(name, lo)
            return Attribution("\u2014", lo + close.idx + 1, m.mention_start, m.mention_end, m.mention)
    return None


def _direct_leading_accurate(doc: Doc, lo: int, q: QuotedSpan, quotes: QuoteIndex) -> Attribution | None:
    opener = _token_at(doc, q.open_at - lo)
    if opener is None:
        return None
    sent = _sent(opener)
    toks = [t for t in doc[sent.start : opener.i]]
    for i in range(len(toks) - 1, -1, -1):  # stop after an earlier quotation's closer
        if lo + toks[i].idx in quotes.close_positions:
            toks = toks[i + 1 :]
            break
    if not toks:
        return None
    for n in range(len(toks) - 1, max(-1, len(toks) - 12), -1):
        tok = toks[n]
        between = toks[n + 1 :]
        if _is_reporting(tok):
            words = [t for t in between if not t.is_punct]
            ends_ok = between[-1].text in (",", ":") or between[-1].lower_ == "that" if between else (
                tok.lemma_.lower() not in _CLAUSE_ONLY)
            if tok.lemma_ == "describe" and between and between[-1].lower_ == "as" and len(between) <= 8:
                return _attribution_from_verb(tok, lo, quotes)
            if ends_ok and len(words) <= 4 and not any(t.pos_ == "VERB" for t in words):
                return _attribution_from_verb(tok, lo, quotes)
            return None
        source = _according(tok)
        if source is not None and between and between[-1].text == ",":
            mention = _mention(_source_phrase(source), lo)
            return Attribution("according to", lo + tok.idx, mention.mention_start, mention.mention_end, mention.mention)
    if toks[-1].text == ":" and 1 <= len(toks) - 1 <= 6 and toks[0].text[:1].isupper():
        name = [t for t in toks[:-1] if not t.is_punct]
        if name and not any(t.pos_ == "VERB" for t in name):
            m = _mention(name, lo)
            return Attribution(":", lo + toks[-1].idx, m.mention_start, m.mention_end, m.mention)
    return None


def _speaker_like(subject: Token | None) -> bool:
    if subject is None:
        return False
    if subject.pos_ in ("PROPN", "PRON") or subject.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    return subject.lower_ in speaker_nouns()


def _around_parenthetical(verb: Token) -> list[Token] | None:
    """"A, Graham said, since B" or "But A, he said, B": the statement around a parenthetical
    tag. The side before the tag when it says something, else the side after."""
    doc = verb.doc
    tag = range(verb.left_edge.i, verb.right_edge.i + 1)
    head = verb.head
    region = [t for t in doc[head.left_edge.i : head.right_edge.i + 1] if t.i not in tag]
    left = [t for t in region if t.i < tag.start]
    right = [t for t in region if t.i >= tag.stop]
    words = lambda toks: sum(1 for t in toks if not t.is_punct)  # noqa: E731
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in left)
    if words(left) >= 3 and has_verb and not (words(left) < 6 and words(right) >= 3 and left[0].pos_ == "CCONJ"):
        return left
    return region if words(left) and words(right) >= 3 else right or None


_ADVERBIAL_MARKS = frozenset({"if", "because", "when", "as", "while", "after", "before", "since", "although", "though",
                              "until", "unless", "whether", "so", "once", "where"})


def _misattached_complement(verb: Token) -> list[Token] | None:
    """A that-clause the parser hung elsewhere: as an adverbial clause of the verb ("tweeted that
    X was ...", "said after the talks he would ...") or as a relative clause of its object ("told
    a meeting of leaders that few people understood ..."). The clause must have its own subject
    and no adverbial conjunction."""
    doc = verb.doc
    candidates = [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i]
    for obj in (c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i > verb.i):
        candidates.extend(c for c in obj.subtree if c.dep_ == "relcl")
    for clause in candidates:
        marks = [c for c in clause.children if c.dep_ == "mark"]
        subject = next((c for c in clause.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is None or subject.lower_ in ("that", "which", "who") or any(m.lower_ in _ADVERBIAL_MARKS for m in marks):
            continue
        first = clause.left_edge
        if clause.dep_ == "relcl" and not (first.i > 0 and doc[first.i].lower_ == "that"):
            continue
        return [t for t in doc[first.i : clause.right_edge.i + 1]]
    return None


def _clause_tokens(verb: Token) -> list[Token] | None:
    """The statement a reporting verb governs: its clause, its object or its directive."""
    comp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if comp is not None:
        return [t for t in verb.doc[comp.left_edge.i : comp.right_edge.i + 1]]
    if verb.dep_ == "parataxis" and verb.head is not verb:
        return _around_parenthetical(verb)
    misparsed = _misattached_complement(verb)
    if misparsed is not None:
        return misparsed
    lemma = verb.lemma_.lower()
    if lemma in ATTITUDE_OBJECT_VERBS:
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        if obj is not None and obj.right_edge.i - obj.left_edge.i >= 2:
            return [t for t in verb.doc[obj.left_edge.i : obj.right_edge.i + 1]]
    if lemma == "tell":  # "told his advisers to find a way": the instruction is the statement
        xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i > verb.i), None)
        if xcomp is not None and obj is not None:
            return [t for t in verb.doc[obj.left_edge.i : xcomp.right_edge.i + 1]]
    if lemma in PREPOSITION_VERBS:
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in STATEMENT_PREPOSITIONS and c.i > verb.i), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if pobj is not None and pobj.right_edge.i - pobj.left_edge.i >= 2:
            return [t for t in verb.doc[pobj.left_edge.i : pobj.right_edge.i + 1]]
    if lemma in _DIRECTIVE:
        right = [c for c in verb.children if c.i > verb.i and c.dep_ in ("dobj", "xcomp", "prep", "dative", "ccomp")]
        if right and verb.right_edge.i - right[0].left_edge.i >= 2:
            first = right[0]
            if lemma == "call" and first.lower_ != "for":
                return None
            start = first.i + 1 if first.lower_ == "for" and lemma == "call" else first.left_edge.i
            return [t for t in verb.doc[start : verb.right_edge.i + 1]]
    return None


def _indirect_accurate(doc: Doc, lo: int, quotes: QuoteIndex) -> list[Candidate]:
    out: list[Candidate] = []
    for tok in doc:
        if quotes.inside(lo + tok.idx):
            continue
        source = _according(tok)
        if source is not None:
            cand = _according_candidate(tok, source, lo)
            if cand is not None:
                out.append(cand)
            continue
        if not _is_reporting(tok):
            continue
        clause = _clause_tokens(tok)
        if clause is None:
            continue
        subject = _subject(tok)
        uses_object = not any(c.dep_ == "ccomp" for c in tok.children) and tok.dep_ != "parataxis"
        if uses_object and not _speaker_like(subject):
            continue
        if subject is not None and subject.lower_ in _NON_SPEAKER_HEADS:
            continue
        sentence = _sent(tok)
        clause = _trim(_cut_absolute([t for t in clause if sentence.start <= t.i < sentence.end]))
        if sum(1 for t in clause if not t.is_punct) < 3:
            continue
        start, end = _char_span(doc, lo, clause[0], clause[-1])
        out.append(Candidate(start, end, "indirect", _attribution_from_verb(tok, lo, quotes)))
    return out


def _according_candidate(tok: Token, source: Token, lo: int) -> Candidate | None:
    doc = tok.doc
    phrase = set(range(tok.i, max(source.right_edge.i, tok.i + 1) + 1))
    head = tok.head if tok.head is not tok else tok
    while head.dep_ == "conj" and head.head is not head:
        head = head.head  # "are working ... and share ..., according to X": the whole clause
    sent = _sent(tok)
    region = [t for t in doc[head.left_edge.i : head.right_edge.i + 1] if t.i not in phrase and sent.start <= t.i < sent.end]
    left = [t for t in region if t.i < tok.i]
    right = [t for t in region if t.i > tok.i]
    left_words = [t for t in left if not t.is_punct and t.tag_ not in ("WRB", "WDT")]
    right_words = [t for t in right if not t.is_punct]
    if len(right_words) >= 3 and len(left_words) <= 1:
        clause = right
    elif len(left_words) >= 3 and len(right_words) <= 1:
        clause = left
    else:
        clause = region
    clause = _trim(clause)
    if sum(1 for t in clause if not t.is_punct) < 3:
        return None
    start, end = _char_span(doc, lo, clause[0], clause[-1])
    mention = _mention(_source_phrase(source), lo)
    att = Attribution("according to", lo + tok.idx, mention.mention_start, mention.mention_end, mention.mention)
    return Candidate(start, end, "indirect", att)


def analyse_accurate(doc: Doc, lo: int, quotes: QuoteIndex) -> tuple[dict[int, Attribution], list[Candidate]]:
    """Attributions (by index in ``quotes``) for the direct quotes this paragraph closes or
    opens, and the paragraph's indirect-speech candidates."""
    hi = lo + len(_text(doc))
    direct: dict[int, Attribution] = {}
    for n, q in quotes.overlapping(lo, hi):
        att = None
        if lo <= q.close_at < hi:
            att = _direct_trailing_accurate(doc, lo, q, quotes)
        if att is None and lo <= q.open_at < hi:
            att = _direct_leading_accurate(doc, lo, q, quotes)
        if att is not None:
            direct[n] = att
    return direct, _indirect_accurate(doc, lo, quotes)


# --------------------------------------------------------------------------- fast

_CAP = r"[A-Z][\w\u2019'.\-]*"
_NP_FAST = (
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
        adv = r"(?:(?:has|have|had|also|repeatedly|later|again|then|previously|on\s+\w+day)\s+)*"
        aud = r"(?:\s+(?:reporters|journalists|lawmakers|the\s+press|[A-Z][\w\u2019'\-]+(?:\s+[A-Z][\w\u2019'\-]+)?))?"
        _FAST_CACHE.update({
            # "<speaker> said (on Monday) that <content>"
            "that": re.compile(rf"(?P<spk>{_NP_FAST})\s+{adv}(?P<cue>(?:{forms}){aud})(?:\s+on\s+\w+)?,?\s+that\s+(?P<content>.+)", re.DOTALL),
            # "<content>, <speaker> said."
            "final": re.compile(rf"^(?P<content>.+?),?\s+(?P<spk>{_NP_FAST})\s+{adv}(?P<cue>{forms})(?:\s+on\s+\w+)?\s*[.!?]?\s*$", re.DOTALL),
            # "<content>, said <speaker>."
            "final_inv": re.compile(rf"^(?P<content>.+?),\s+(?P<cue>{forms})\s+(?P<spk>{_NP_FAST})\s*[.!?]?\s*$", re.DOTALL),
            "acc_end": re.compile(r"^(?P<content>.+?),\s+(?P<cue>according\s+to)\s+(?P<spk>[^,.]+?)\s*[.!?]?\s*$", re.DOTALL),
            "acc_start": re.compile(r"^(?P<cue>According\s+to)\s+(?P<spk>[^,]+?),\s+(?P<content>.+)$", re.DOTALL),
            "trail": re.compile(rf"^[\s,\u2014\u2013-]*(?P<spk>{_NP_FAST})\s+{adv}(?P<cue>(?:{forms}){aud})\b"),
            "trail_inv": re.compile(rf"^[\s,\u2014\u2013-]*(?P<cue>{forms})\s+(?P<spk>{_NP_FAST})\b"),
            "trail_acc": re.compile(r"^[\s,]*(?P<cue>according\s+to)\s+(?P<spk>[^,.]+)"),
            "trail_dash": re.compile(rf"^\s*[\u2014\u2013-]+\s*(?P<spk>{_CAP}(?:\s+{_CAP}){{0,4}})"),
            "lead": re.compile(rf"(?P<spk>{_NP_FAST})\s+{adv}(?P<cue>(?:{forms}){aud})(?:\s+on\s+\w+)?\s*(?:,|:|that)?\s*$"),
            "lead_colon": re.compile(rf"^\s*(?P<spk>{_CAP}(?:\s+{_CAP}){{0,4}})\s*:\s*$"),
        })
    return _FAST_CACHE


def _att_from_match(m: re.Match[str], base: int) -> Attribution:
    cue = re.sub(r"\s+", " ", m.group("cue"))
    return Attribution(cue, base + m.start("cue"), base + m.start("spk"), base + m.end("spk"), m.group("spk"))


def _sentence_of(doc: Doc, rel: int) -> Span | None:
    """The sentence holding paragraph-relative character ``rel``."""
    tok = _token_at(doc, rel)
    if tok is None:
        return _sent(doc[-1]) if len(doc) else None
    return _sent(tok)


def _indirect_fast(doc: Doc, lo: int, quotes: QuoteIndex) -> list[Candidate]:
    pats = _fast_patterns()
    out: list[Candidate] = []
    doc_text = _text(doc)
    for sent in _sentences(doc)[1]:
        text = sent.text
        base = lo + sent.start_char
        for key in ("acc_start", "that", "acc_end", "final", "final_inv"):
            m = pats[key].search(text) if key == "that" else pats[key].match(text)
            if m is None or quotes.inside(base + m.start("cue")):
                continue
            a, b = base + m.start("content"), base + m.end("content")
            seg = doc_text[a - lo : b - lo]
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
    text = _text(doc)
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
