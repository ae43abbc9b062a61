"""The statement a reporting cue governs in a paragraph's dependency parse: which tokens are
a cue ("said", "claims" tagged as a noun), and which tokens are what it reports (its clause, its
object, the two sides of a parenthetical tag, the main clause of "as X put it"), with the repairs
the small parser needs (a clause hung on the wrong word, a complement split in two, the
writer's "but" answer). Pure functions of spaCy tokens; :mod:`.accurate` turns them into
candidates with their speakers.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from .lexicon import (ADDRESSEE_VERBS, ADVERBIAL_MARKS, ATTITUDE_OBJECT_VERBS, CLAUSE_ONLY_VERBS, CLAUSE_STRIP,
                      DIRECTIVE_VERBS, PREPOSITION_VERBS, QUOTING_OBJECT_VERBS, STATEMENT_PREPOSITIONS,
                      reporting_lemmas)
from .marks import QUOTE_CHARS, QuoteIndex

__all__ = ["SUBJECT_DEPS", "is_reporting", "tagged_noun_predicate", "clause_tokens", "quoted_object", "as_frame",
           "cut_absolute", "trim_clause"]

SUBJECT_DEPS = ("nsubj", "nsubjpass")


def cut_absolute(tokens: list[Token]) -> list[Token]:
    """Cut a trailing absolute clause (", with officials eyeing ..."): the reporter's context."""
    for i in range(1, len(tokens) - 2):
        if tokens[i - 1].text == "," and tokens[i].lower_ == "with" and any(t.tag_ == "VBG" for t in tokens[i + 1 : i + 8]):
            return tokens[: i - 1]
    return tokens


def trim_clause(tokens: list[Token]) -> list[Token]:
    """Drop leading complementisers and punctuation and trailing punctuation of a clause."""
    while tokens and (tokens[0].lower_ in CLAUSE_STRIP and tokens[0].dep_ != "det"  # "said that claim was ..."
                      or tokens[0].is_punct and tokens[0].text not in QUOTE_CHARS):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in QUOTE_CHARS or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]  # "..., and": the parse may hang the next clause's conjunction here
    # a trailing closing mark without its opener inside the span is not part of it
    return tokens


def is_reporting(tok: Token) -> bool:
    if tok.pos_ not in ("VERB", "AUX") and not tagged_noun_predicate(tok):
        return False
    lemma = tok.lemma_.lower()
    if lemma in ("point", "call"):  # only "point out", "call for"
        return any(c.lower_ in ("out", "for") and c.dep_ in ("prt", "prep") for c in tok.children)
    return lemma in reporting_lemmas()


def tagged_noun_predicate(tok: Token) -> bool:
    """"Roe claims that ..." tagged as a plural noun, but parsed as the predicate it is: a subject
    and a that-clause hang from it."""
    return (tok.pos_ == "NOUN" and tok.tag_ == "NNS" and any(c.dep_ in SUBJECT_DEPS for c in tok.children)
            and any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children))


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
        subject = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None or subject.lower_ in ("that", "which", "who") or any(m.lower_ in ADVERBIAL_MARKS for m in marks):
            continue
        first = clause.left_edge
        if clause.dep_ in ("relcl", "acl") and not (first.i > 0 and doc[first.i].lower_ == "that"):
            continue
        return [t for t in doc[first.i : clause.right_edge.i + 1]]
    return None


def as_frame(verb: Token) -> list[Token] | None:
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
    return [t for t in verb.doc[verb.right_edge.i + 1 : verb.head.right_edge.i + 1]]


_REASON_MARKS = frozenset({"because", "since", "although", "though", "unless", "if"})
# Subjects of a joined clause that is the speaker going on ("..., but she knows ...")
_SPEAKER_GOING_ON = frozenset({"he", "she", "they", "we", "i"})


def _clause_subject(clause: Token) -> Token | None:
    """The subject of a clause, "there" included ("and there was ...")."""
    return next((c for c in clause.children if c.dep_ in ("nsubj", "expl", "nsubjpass")), None)


def _writers_answer(clause: Token) -> int | None:
    """Where a "but" clause joined inside a reported clause starts, when its subject is not the
    speaker going on ("claimed that A, but records do not back it up"): the writer's answer,
    not part of the report. The index of its conjunction (or the comma before it)."""
    for conj in (c for c in clause.children if c.dep_ == "conj"):
        cc = next((c for c in clause.children if c.dep_ == "cc" and c.lower_ in ("but", "yet") and c.i < conj.i), None)
        subject = _clause_subject(conj)
        if cc is None or subject is None or subject.lower_ in _SPEAKER_GOING_ON:
            continue
        start = cc.i
        while start > clause.left_edge.i + 1 and clause.doc[start - 1].is_punct:
            start -= 1
        return start
    return None


def clause_tokens(verb: Token) -> list[Token] | None:
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
        later = [c.right_edge for c in comps if c.i > comp.i]
        if comp.i > verb.i and later:
            # two clauses after the verb are one complement the parse split: "explain how he
            # believes cuts ... left his hands tied", or "co", "-", "ordinate" of "co-ordinate"
            last = max([last, *later], key=lambda t: t.i)
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
            subject = _clause_subject(conj)
            cc = next((c.lower_ for c in verb.children if c.dep_ == "cc" and last.i < c.i < conj.i), None)
            # after "but" the writer often answers ("claimed A, but the figures do not back it"):
            # only the speaker going on ("but she knows ...") continues the report
            if conj.pos_ in ("VERB", "AUX") and not is_reporting(conj) and subject is not None and (
                    cc == "and" or subject.lower_ in _SPEAKER_GOING_ON):
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


def quoted_object(verb: Token, lo: int, quotes: QuoteIndex) -> list[Token] | None:
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
