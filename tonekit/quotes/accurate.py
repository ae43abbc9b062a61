"""Accurate mode: find cues and speaker mentions in one paragraph from its dependency parse.

:func:`analyse_accurate` takes a spaCy ``Doc`` of one paragraph (parser, tagger and lemmatizer;
no NER), the paragraph's offset in the article and the article's quoted spans, and returns (a)
an attribution for each direct quote whose cue is in this paragraph and (b) indirect-speech
candidates. It resolves no pronoun or name: that needs the whole article and happens in
:mod:`tonekit.quotes.speakers`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ._doc import char_span, doc_text, sentence, token_at
from .clauses import (SUBJECT_DEPS, as_frame, clause_tokens, cut_absolute, is_reporting, quoted_object,
                      tagged_noun_predicate, trim_clause)
from .lexicon import (AUDIENCES, CLAUSE_ONLY_VERBS, DASHES, DOCUMENT_NOUNS, NOMINAL_CUES, NON_SPEAKER_HEADS, PRONOUNS,
                      REFUSING_VERBS, speaker_heads)
from .marks import QuotedSpan, QuoteIndex
from .quote import Attribution, Candidate

__all__ = ["analyse_accurate"]



def _subject(verb: Token) -> Token | None:
    """The verb's subject, or for "stressing that", "as saying" the subject of the nearest
    governing reporting verb ("He continued that ..., stressing that ..." -> He)."""
    subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subj is not None:
        return subj
    tok = verb
    while tok.dep_ == "conj" and tok.head is not tok:  # "X bemoaned A and said B": shared subject
        tok = tok.head
        subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None:
            return subj
    for _ in range(4):
        if tok.dep_ not in ("advcl", "xcomp", "conj", "pcomp", "prep", "acl", "ccomp") or tok.head is tok:
            break
        tok = tok.head
        if is_reporting(tok) or tok.lemma_ == "quote":
            return next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
    control = verb
    while (control.dep_ == "xcomp" or control.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in control.children)) and control.head is not control \
            and control.head.pos_ == "VERB":
        # "went on to explain", "continues to insist": the governing verb's subject speaks
        # (not "is to blame": "be" controls nothing)
        control = control.head
        subj = next((c for c in control.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return subj
    if verb.tag_ == "VBG" and verb.dep_ == "acl" and verb.head.lower_ in DOCUMENT_NOUNS and verb.head.dep_ == "dobj":
        # "the council issued a statement calling the test ...": the statement's author speaks
        return next((c for c in verb.head.head.children if c.dep_ in SUBJECT_DEPS), None)
    if verb.tag_ == "VBG" and verb.dep_ == "advcl":
        # "Trump unveiled a plan, promising to ...": a participle's subject is its clause's
        return next((c for c in verb.head.children if c.dep_ in SUBJECT_DEPS), None)
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
    start, end = char_span(tokens[0].doc, lo, tokens[0], tokens[-1])
    return Attribution(None, None, start, end, "".join(t.text_with_ws for t in tokens).rstrip())


def _cue_phrase(verb: Token) -> str:
    """The reporting verb with its auxiliaries, particle and audience: "has repeatedly said", "told reporters"."""
    parts = [verb]
    for child in verb.children:
        if child.dep_ == "prt" or (child.dep_ == "prep" and child.lower_ == "for" and verb.lemma_ == "call"):
            parts.append(child)
        elif verb.lemma_ == "tell" and child.dep_ in ("dobj", "dative") and child.i > verb.i:
            phrase = verb.doc[child.left_edge.i : child.right_edge.i + 1]
            if phrase.text.lower() in AUDIENCES:
                parts.extend(phrase)
    parts.sort(key=lambda t: t.i)
    return " ".join(t.text for t in parts)


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
    if subject is not None and (subject.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "X") or subject.pos_ == "INTJ"
                                and subject.text[:1].isupper()) and not quotes.inside(lo + subject.idx):
        mention = _mention(_noun_phrase(subject), lo)
    return Attribution(
        _cue_phrase(verb), lo + verb.idx,
        mention.mention_start if mention else None, mention.mention_end if mention else None,
        mention.mention if mention else None,
    )


def _direct_trailing_accurate(doc: Doc, lo: int, q: QuotedSpan, quotes: QuoteIndex) -> Attribution | None:
    close = token_at(doc, q.close_at - lo)
    if close is None:
        return None
    sent_end = sentence(close).end
    next_sentence = sent_end == close.i + 1 and sent_end < len(doc)
    if next_sentence:  # “... ?” / Clinton said.  -- the parser ends the sentence at the mark
        sent_end = sentence(doc[sent_end]).end
    toks: list[Token] = []
    for tok in doc[close.i + 1 : sent_end]:
        if lo + tok.idx in quotes.open_positions:
            break
        if not tok.is_space:  # a no-break space before "― Name" is a token of its own
            toks.append(tok)
    after = q.close_end - lo
    dash = doc_text(doc)[after:after + 3].lstrip()[:1] in DASHES  # "”― Name": the tokenizer may glue the two
    while toks and toks[0].is_punct:
        dash = dash or toks[0].text in DASHES
        toks = toks[1:]
    for n, tok in enumerate(toks[:10]):
        source = _according(tok)
        if source is not None and n == 0:
            mention = _mention(_source_phrase(source), lo)
            return Attribution("according to", lo + tok.idx, mention.mention_start, mention.mention_end, mention.mention)  # type: ignore[union-attr]  # tokens non-empty: never None
        if is_reporting(tok):
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
                cut = next((i for i, t in enumerate(between) if t.text == "("), len(between))
                words = [t for t in between[:cut] if not t.is_punct]  # "Jane Roe (D-Ohio)": the name only
                if not words:
                    for t in toks[n + 1 : n + 6]:
                        if t.is_punct or not (t.text[:1].isupper() or t.pos_ == "PROPN"):
                            break
                        words.append(t)
                m = _mention(words, lo)
                if m:
                    att = Attribution(att.cue, att.cue_start, m.mention_start, m.mention_end, m.mention)
            return att
        if tok.is_punct and tok.text not in ("'s", ",", "(", ")", "-"):
            break  # a comma may close an appositive: "“...?” Jane Roe, the trade minister, said";
            # brackets hold a party and state: "Rep. Jane Roe (D-Ohio) said"
    if dash and toks:
        name = []
        for tok in toks:
            if tok.is_punct:
                break
            name.append(tok)
        if name and name[0].text[:1].isupper() and len(name) <= 6:
            m = _mention(name, lo)
            return Attribution("\u2014", lo + close.idx + 1, m.mention_start, m.mention_end, m.mention)  # type: ignore[union-attr]  # tokens non-empty: never None
    return None


def _direct_leading_accurate(doc: Doc, lo: int, q: QuotedSpan, quotes: QuoteIndex) -> Attribution | None:
    opener = token_at(doc, q.open_at - lo)
    if opener is None:
        return None
    sent = sentence(opener)
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
        if is_reporting(tok):
            words = [t for t in between if not t.is_punct]
            ends_ok = between[-1].text in (",", ":") or between[-1].lower_ == "that" if between else (
                tok.lemma_.lower() not in CLAUSE_ONLY_VERBS)
            if tok.lemma_ == "describe" and between and between[-1].lower_ == "as" and len(between) <= 8:
                return _attribution_from_verb(tok, lo, quotes)
            if ends_ok and len(words) <= 4 and not any(t.pos_ == "VERB" for t in words):
                att = _attribution_from_verb(tok, lo, quotes)
                if att.mention is None and words and all(t.text[:1].isupper() for t in words):
                    m = _mention(words, lo)  # "Said Ellis: “...”": the speaker follows the verb
                    if m is not None:
                        att = Attribution(att.cue, att.cue_start, m.mention_start, m.mention_end, m.mention)
                return att
            return None
        source = _according(tok)
        if source is not None and between and between[-1].text == ",":
            mention = _mention(_source_phrase(source), lo)
            return Attribution("according to", lo + tok.idx, mention.mention_start, mention.mention_end, mention.mention)  # type: ignore[union-attr]  # tokens non-empty: never None
    if toks[-1].text == ":" and 1 <= len(toks) - 1 <= 6 and toks[0].text[:1].isupper():
        name = [t for t in toks[:-1] if not t.is_punct]
        if name and not any(t.pos_ == "VERB" for t in name):
            m = _mention(name, lo)
            return Attribution(":", lo + toks[-1].idx, m.mention_start, m.mention_end, m.mention)  # type: ignore[union-attr]  # tokens non-empty: never None
    return None


def _speaker_like(subject: Token | None) -> bool:
    if subject is None:
        return False
    if subject.pos_ in ("PROPN", "PRON"):
        return True
    if subject.pos_ == "NOUN" and subject.text[:1].isupper() and (
            not subject.is_sent_start or subject.tag_ == "NN" and not any(c.dep_ == "det" for c in subject.children)):
        # a name the tagger took for a common noun: capitalised inside the sentence, or a bare
        # singular at its start ("Trump spoke ..., promising ..."; a common noun there has "the")
        return True
    return subject.lower_ in speaker_heads()


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
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in NOMINAL_CUES and not tagged_noun_predicate(tok):
            cand = _nominal_report(doc, lo, tok, quotes)
            if cand is not None:
                out.append(cand)
            continue
        if tok.lemma_.lower() == "put" or is_reporting(tok):
            framed = as_frame(tok)
            cand = _candidate(doc, lo, tok, framed, quotes) if framed and _speaker_like(_subject(tok)) else None
            if cand is not None:
                out.append(cand)
                continue
        if not is_reporting(tok):
            quoted = quoted_object(tok, lo, quotes)
            if quoted is not None and _speaker_like(_subject(tok)):
                cand = _candidate(doc, lo, tok, quoted, quotes)
                if cand is not None:
                    out.append(cand)
            continue
        if any(c.dep_ == "dobj" and c.lower_ in ("what", "which", "that") for c in tok.children) or any(
                t.lower_ == "what" and t.dep_ in ("dobj", "pobj") for t in doc[tok.left_edge.i : tok.i]):
            continue  # "what the rebels proposed (to do)", "the plan that he announced": a relative clause
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in REFUSING_VERBS:
            continue  # "declined to comment on the report": a refusal to speak states nothing
        if any(c.dep_ == "neg" for c in tok.children) and not any(c.dep_ == "ccomp" for c in tok.children):
            continue  # "Beijing did not complain when ...": a negated verb with no clause states nothing
        clause = clause_tokens(tok)
        if clause is None:
            continue
        subject = _subject(tok)
        uses_object = not any(c.dep_ == "ccomp" for c in tok.children) and tok.dep_ != "parataxis"
        if uses_object and not _speaker_like(subject) and not (tok.dep_ == "conj" and is_reporting(tok.head)):
            # ("Farmers said A but pledged B": whoever said A is a speaker)
            continue
        if subject is not None and subject.lower_ in NON_SPEAKER_HEADS:
            continue
        cand = _candidate(doc, lo, tok, clause, quotes)
        if cand is not None:
            out.append(cand)
    return out


def _candidate(doc: Doc, lo: int, verb: Token, clause: list[Token], quotes: QuoteIndex) -> Candidate | None:
    """The indirect candidate for a verb's statement, kept within the verb's sentence."""
    sent = sentence(verb)
    clause = trim_clause(cut_absolute([t for t in clause if sent.start <= t.i < sent.end]))
    if sum(1 for t in clause if not t.is_punct) < 3:
        return None
    start, end = char_span(doc, lo, clause[0], clause[-1])
    return Candidate(start, end, "indirect", _attribution_from_verb(verb, lo, quotes))


def _nominal_report(doc: Doc, lo: int, noun: Token, quotes: QuoteIndex) -> Candidate | None:
    """"Beijing's claim that the drills were routine": a report noun with a that-clause (its
    complement, not a relative clause) and a source: a possessor, a name before it ("a Times
    report") or "by X". With no source it reports nobody, and is not taken."""
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > noun.i
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                   and any(s.dep_ in (*SUBJECT_DEPS, "expl") and s.lower_ not in ("that", "which", "who")
                           for s in c.children)), None)
    if clause is None:
        return None
    source = next((c for c in noun.children if c.dep_ == "poss" and c.lower_ not in ("its", "their", "his", "her", "our",
                                                                                      "my", "your")), None)
    if source is None:
        source = next((c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < noun.i), None)
    if source is None:
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        source = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if source is None or quotes.inside(lo + source.idx):
        return None
    sent = sentence(noun)
    tokens = trim_clause([t for t in doc[clause.left_edge.i : clause.right_edge.i + 1] if sent.start <= t.i < sent.end])
    if sum(1 for t in tokens if not t.is_punct) < 3:
        return None
    mention = _mention(_noun_phrase(source) if source.dep_ != "compound" else
                       [t for t in doc[source.left_edge.i : source.i + 1] if t.pos_ == "PROPN"], lo)
    if mention is None:
        return None
    start, end = char_span(doc, lo, tokens[0], tokens[-1])
    return Candidate(start, end, "indirect", Attribution(noun.text, lo + noun.idx, mention.mention_start,
                                                         mention.mention_end, mention.mention))


def _according_candidate(tok: Token, source: Token, lo: int) -> Candidate | None:
    doc = tok.doc
    phrase = set(range(tok.i, max(source.right_edge.i, tok.i + 1) + 1))
    head = tok.head if tok.head is not tok else tok
    while head.dep_ == "conj" and head.head is not head:
        head = head.head  # "are working ... and share ..., according to X": the whole clause
    sent = sentence(tok)
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
    clause = trim_clause(clause)
    if sum(1 for t in clause if not t.is_punct) < 3:
        return None
    start, end = char_span(doc, lo, clause[0], clause[-1])
    mention = _mention(_source_phrase(source), lo)
    att = Attribution("according to", lo + tok.idx, mention.mention_start, mention.mention_end, mention.mention)  # type: ignore[union-attr]  # tokens non-empty: never None
    return Candidate(start, end, "indirect", att)


def analyse_accurate(doc: Doc, lo: int, quotes: QuoteIndex) -> tuple[dict[int, Attribution], list[Candidate]]:
    """Attributions (by index in ``quotes``) for the direct quotes this paragraph closes or
    opens, and the paragraph's indirect-speech candidates."""
    hi = lo + len(doc_text(doc))
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
