"""Accurate mode: find cues and speaker mentions in one paragraph from its dependency parse.

:func:`analyse_accurate` takes a spaCy ``Doc`` of one paragraph (parser, tagger and lemmatizer;
no NER), the paragraph's offset in the article and the article's quoted spans, and returns (a)
an attribution for each direct quote whose cue is in this paragraph and (b) indirect-speech
candidates. It resolves no pronoun or name: that needs the whole article and happens in
:mod:`tonekit.quotes.speakers`.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from ._doc import char_span, doc_text, sentence, token_at
from .lexicon import (ADVERBIAL_MARKS, ATTITUDE_OBJECT_VERBS, AUDIENCES, CLAUSE_ONLY_VERBS, CLAUSE_STRIP, DASHES,
                      DOCUMENT_NOUNS,
                      ADDRESSEE_VERBS, DIRECTIVE_VERBS, NOMINAL_CUES, REFUSING_VERBS, NON_SPEAKER_HEADS, PREPOSITION_VERBS, PRONOUNS, QUOTING_OBJECT_VERBS,
                      STATEMENT_PREPOSITIONS,
                      reporting_lemmas, speaker_heads)
from .marks import QUOTE_CHARS, QuotedSpan, QuoteIndex
from .quote import Attribution, Candidate

__all__ = ["analyse_accurate"]

_SUBJECT_DEPS = ("nsubj", "nsubjpass")


def _cut_absolute(tokens: list[Token]) -> list[Token]:
    """Cut a trailing absolute clause (", with officials eyeing ..."): the reporter's context."""
    for i in range(1, len(tokens) - 2):
        if tokens[i - 1].text == "," and tokens[i].lower_ == "with" and any(t.tag_ == "VBG" for t in tokens[i + 1 : i + 8]):
            return tokens[: i - 1]
    return tokens


def _trim(tokens: list[Token]) -> list[Token]:
    """Drop leading complementisers and punctuation and trailing punctuation of a clause."""
    while tokens and (tokens[0].lower_ in CLAUSE_STRIP and tokens[0].dep_ != "det"  # "said that claim was ..."
                      or tokens[0].is_punct and tokens[0].text not in QUOTE_CHARS):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in QUOTE_CHARS or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]  # "..., and": the parse may hang the next clause's conjunction here
    # a trailing closing mark without its opener inside the span is not part of it
    return tokens


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
        return next((c for c in verb.head.head.children if c.dep_ in _SUBJECT_DEPS), None)
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


def _is_reporting(tok: Token) -> bool:
    if tok.pos_ not in ("VERB", "AUX") and not _tagged_noun_predicate(tok):
        return False
    lemma = tok.lemma_.lower()
    if lemma in ("point", "call"):  # only "point out", "call for"
        return any(c.lower_ in ("out", "for") and c.dep_ in ("prt", "prep") for c in tok.children)
    return lemma in reporting_lemmas()


def _tagged_noun_predicate(tok: Token) -> bool:
    """"Roe claims that ..." tagged as a plural noun, but parsed as the predicate it is: a subject
    and a that-clause hang from it."""
    return (tok.pos_ == "NOUN" and tok.tag_ == "NNS" and any(c.dep_ in _SUBJECT_DEPS for c in tok.children)
            and any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children))


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
        if _is_reporting(tok):
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


def _around_parenthetical(verb: Token) -> list[Token] | None:
    """"A, Graham said, since B" or "But A, he said, B": the statement around a parenthetical
    tag. Both sides when both say something ("Even if A, Roe said, B": the tag sits inside one
    statement), else the side that does."""
    doc = verb.doc
    tag = range(verb.left_edge.i, verb.right_edge.i + 1)
    head = verb.head
    region = [t for t in doc[head.left_edge.i : head.right_edge.i + 1] if t.i not in tag]
    left = [t for t in region if t.i < tag.start]
    right = [t for t in region if t.i >= tag.stop]
    words: Callable[[list[Token]], int] = lambda toks: sum(1 for t in toks if not t.is_punct)  # noqa: E731
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in left)
    if words(left) >= 3 and words(right) >= 3:
        return region
    if words(left) >= 3 and has_verb:
        return left
    return region if words(left) and words(right) >= 3 else right or None




def _misattached_complement(verb: Token) -> list[Token] | None:
    """A that-clause the parser hung elsewhere: as an adverbial clause of the verb ("tweeted that
    X was ...", "said after the talks he would ...") or as a relative clause of its object ("told
    a meeting of leaders that few people understood ..."). The clause must have its own subject
    and no adverbial conjunction."""
    doc = verb.doc
    candidates = [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i]
    if verb.dep_ == "xcomp" and not candidates:
        # "continues to insist, in every interview, that he ...": the clause hangs on "continues"
        candidates = [c for c in verb.head.children if c.dep_ in ("advcl", "ccomp") and c.i > verb.i
                      and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    for obj in (c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i > verb.i):
        candidates.extend(c for c in obj.subtree if c.dep_ == "relcl")
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.i > verb.i and verb.lemma_.lower() in ADDRESSEE_VERBS):
        # "told his followers on a regular basis that ...": the clause hung on the adverbial's noun
        # (only after a verb of telling: "denied it on grounds that ..." gives a reason)
        candidates.extend(c for c in prep.subtree if c.dep_ in ("acl", "relcl")
                          and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children))
    for clause in candidates:
        marks = [c for c in clause.children if c.dep_ == "mark"]
        subject = next((c for c in clause.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is None or subject.lower_ in ("that", "which", "who") or any(m.lower_ in ADVERBIAL_MARKS for m in marks):
            continue
        first = clause.left_edge
        if clause.dep_ in ("relcl", "acl") and not (first.i > 0 and doc[first.i].lower_ == "that"):
            continue
        return [t for t in doc[first.i : clause.right_edge.i + 1]]
    return None


def _as_frame(verb: Token) -> list[Token] | None:
    """"As Roe put it, S" / "as Roe noted, S": the main clause S is what Roe said."""
    if verb.dep_ != "advcl" or verb.head is verb or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    if verb.lemma_.lower() == "put" and not any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children):
        return None
    mark = next(c for c in verb.children if c.dep_ == "mark" and c.lower_ == "as")
    if mark.i > 0 and verb.doc[mark.i - 1].lower_ == "even":
        return None  # "even as the Kurds said ...": at the time when, not "as X said"
    if any(c.dep_ in ("ccomp", "xcomp") or c.dep_ == "dobj" and c.lower_ != "it"
           or c.dep_ == "prep" and c.lower_ in STATEMENT_PREPOSITIONS for c in verb.children):
        return None  # "as he commented on the offer": the verb has a statement of its own
    frame = range(verb.left_edge.i, verb.right_edge.i + 1)
    head = verb.head
    return [t for t in verb.doc[head.left_edge.i : head.right_edge.i + 1] if t.i not in frame and t.i > frame.stop - 1]


_REASON_MARKS = frozenset({"because", "since", "although", "though", "unless", "if"})


def _writers_answer(clause: Token) -> int | None:
    """Where a "but" clause joined inside a reported clause starts, when its subject is not the
    speaker going on ("claimed that A, but records do not back it up"): the writer's answer,
    not part of the report. The index of its conjunction (or the comma before it)."""
    for conj in (c for c in clause.children if c.dep_ == "conj"):
        cc = next((c for c in clause.children if c.dep_ == "cc" and c.lower_ in ("but", "yet") and c.i < conj.i), None)
        subject = next((c for c in conj.children if c.dep_ in ("nsubj", "expl", "nsubjpass")), None)
        if cc is None or subject is None or subject.lower_ in ("he", "she", "they", "we", "i"):
            continue
        start = cc.i
        while start > clause.left_edge.i + 1 and clause.doc[start - 1].is_punct:
            start -= 1
        return start
    return None


def _clause_tokens(verb: Token) -> list[Token] | None:
    """The statement a reporting verb governs: its clause, its object or its directive."""
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    # a clause after the verb is its complement; one before it, beside one after, is a misparsed
    # opener ("Writing for a panel that agreed X won, Roe noted that ...") or another clause
    # ("It is unlikely; the team says she will ...")
    comp = next((c for c in comps if c.i > verb.i), comps[0] if comps else None)
    if comp is not None:
        last = comp.right_edge
        answer = _writers_answer(comp)
        if answer is not None:
            last = verb.doc[answer - 1]
        for other in (c for c in verb.children if c.dep_ == "ccomp" and c.i > comp.i):
            # two clauses after the verb are one complement the parse split: "explain how he
            # believes cuts ... left his hands tied", or "co", "-", "ordinate" of "co-ordinate"
            if comp.i > verb.i:
                last = max(last, other.right_edge, key=lambda t: t.i)
        for clause in (c for c in verb.children if c.dep_ == "advcl" and c.i > last.i):
            # "said A, because B": a reason or condition the parse hung on the verb belongs to A;
            # a time ("said A when he visited B") is about the saying
            topic = clause.lemma_ == "come" and any(c.lower_ == "it" for c in clause.children)  # "when it comes to"
            if topic or any(m.dep_ == "mark" and m.lower_ in _REASON_MARKS for m in clause.children):
                last = clause.right_edge
            break
        for conj in (c for c in verb.children if c.dep_ == "conj" and c.i > last.i):
            # "said that A, and there was B": a clause joined to the verb after its complement,
            # with a subject of its own and no cue of its own, goes on with what was said
            subject = next((c for c in conj.children if c.dep_ in ("nsubj", "expl", "nsubjpass")), None)
            cc = next((c.lower_ for c in verb.children if c.dep_ == "cc" and last.i < c.i < conj.i), None)
            # after "but" the writer often answers ("claimed A, but the figures do not back it"):
            # only the speaker going on ("but she knows ...") continues the report
            if conj.pos_ in ("VERB", "AUX") and not _is_reporting(conj) and subject is not None and (
                    cc == "and" or subject.lower_ in ("he", "she", "they", "we", "i")):
                last = conj.right_edge
            break
        return [t for t in verb.doc[comp.left_edge.i : last.i + 1]]
    if verb.dep_ == "parataxis" and verb.head is not verb:
        return _around_parenthetical(verb)
    misparsed = _misattached_complement(verb)
    if misparsed is not None:
        return misparsed
    lemma = verb.lemma_.lower()
    if lemma in ATTITUDE_OBJECT_VERBS:
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        as_prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > verb.i), None)
        if lemma == "describe" and obj is not None and as_prep is not None:
            # "described Maria Lopez as the best chance": what was said is the object with its "as"
            return [t for t in verb.doc[obj.left_edge.i : as_prep.right_edge.i + 1]]
        if lemma == "describe" and obj is not None and obj.pos_ in ("PROPN", "PRON"):
            return None  # the object alone is who was described, not what was said
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
    if lemma == "agree":  # "agreed to lend the firm $5 million": a commitment, said
        xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i
                      and any(a.lower_ == "to" for a in c.children)), None)
        if xcomp is not None and xcomp.right_edge.i - xcomp.left_edge.i >= 2:
            return [t for t in verb.doc[xcomp.left_edge.i : xcomp.right_edge.i + 1]]
    if lemma not in CLAUSE_ONLY_VERBS and lemma not in DIRECTIVE_VERBS and lemma not in ADDRESSEE_VERBS and not any(
            c.dep_ == "nsubjpass" for c in verb.children):
        # "denied any role in the attacks", "proposed ending the mandate": what was said, summed
        # up; not whom it was said to ("asked the government"), nor a passive ("were said to be")
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "xcomp") and c.i > verb.i), None)
        if obj is not None and obj.right_edge.i - obj.left_edge.i >= 2 and obj.pos_ not in ("PRON", "PROPN"):
            return [t for t in verb.doc[obj.left_edge.i : obj.right_edge.i + 1]]
    if lemma in DIRECTIVE_VERBS:
        right = [c for c in verb.children if c.i > verb.i and c.dep_ in ("dobj", "xcomp", "prep", "dative", "ccomp")]
        if right and verb.right_edge.i - right[0].left_edge.i >= 2:
            first = right[0]
            if lemma == "call" and first.lower_ != "for":
                return None
            start = first.i + 1 if first.lower_ == "for" and lemma == "call" else first.left_edge.i
            return [t for t in verb.doc[start : verb.right_edge.i + 1]]
    return None


_OBJECT_DEPS = frozenset({"dobj", "dative", "oprd", "xcomp", "prep", "attr", "acomp", "ccomp", "dep"})


def _quoted_object(verb: Token, lo: int, quotes: QuoteIndex) -> list[Token] | None:
    """What a verb of calling or judging says when its object holds a quotation: "called the
    plan “a gamble”" -> "the plan “a gamble”". The object ends before a coordinated clause."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in QUOTING_OBJECT_VERBS:
        return None
    if any(c.lower_ in ("what", "which", "that") for c in verb.children):
        return None  # "what they call “X”": a name for a thing inside another statement
    right = [c for c in verb.children if c.i > verb.i and c.dep_ in _OBJECT_DEPS]
    if not right:
        return None
    tokens = [t for t in verb.doc[right[0].left_edge.i : right[-1].right_edge.i + 1]]
    if not any(lo + t.idx in quotes.open_positions for t in tokens):
        return None
    return tokens


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
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in NOMINAL_CUES and not _tagged_noun_predicate(tok):
            cand = _nominal_report(doc, lo, tok, quotes)
            if cand is not None:
                out.append(cand)
            continue
        if tok.lemma_.lower() == "put" or _is_reporting(tok):
            framed = _as_frame(tok)
            cand = _candidate(doc, lo, tok, framed, quotes) if framed and _speaker_like(_subject(tok)) else None
            if cand is not None:
                out.append(cand)
                continue
        if not _is_reporting(tok):
            quoted = _quoted_object(tok, lo, quotes)
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
        clause = _clause_tokens(tok)
        if clause is None:
            continue
        subject = _subject(tok)
        uses_object = not any(c.dep_ == "ccomp" for c in tok.children) and tok.dep_ != "parataxis"
        if uses_object and not _speaker_like(subject) and not (tok.dep_ == "conj" and _is_reporting(tok.head)):
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
    clause = _trim(_cut_absolute([t for t in clause if sent.start <= t.i < sent.end]))
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
                   and any(s.dep_ in (*_SUBJECT_DEPS, "expl") and s.lower_ not in ("that", "which", "who")
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
    tokens = _trim([t for t in doc[clause.left_edge.i : clause.right_edge.i + 1] if sent.start <= t.i < sent.end])
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
    clause = _trim(clause)
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
