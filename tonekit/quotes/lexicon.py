"""The words extraction knows: reporting cues and speaker words from the data files in
``tonekit/data``, and the small closed word classes the analysers test against.

Every word set extraction uses lives here (or in a data file read here), so changing what
counts as a cue, a title or a non-speaker means editing one module, not the analysers.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TypeAlias

from ..resources import read_data_lines

__all__ = ["stance_cue_stems", "reporting_lemmas", "speech_forms", "cue_phrases", "cue_pattern", "inflections", "title_words",
           "org_words", "speaker_nouns", "speaker_heads", "PRONOUNS", "FUNCTION_WORDS", "ROLE_MODIFIERS", "ATTITUDE_OBJECT_VERBS",
           "QUOTING_OBJECT_VERBS", "NOMINAL_CUES",
           "ADDRESSEE_VERBS", "REFUSING_VERBS",
           "trie_alternation",
           "PREPOSITION_VERBS", "STATEMENT_PREPOSITIONS", "DIRECTIVE_VERBS", "CLAUSE_ONLY_VERBS", "AUDIENCES",
           "CLAUSE_STRIP", "NON_SPEAKER_HEADS", "ADVERBIAL_MARKS", "DASHES", "roles", "countries", "demonym_country",
           "place_names", "caption_labels", "is_caption_label", "given_name_genders", "DOCUMENT_NOUNS", "GROUP_NOUNS", "DATE_WORDS", "GENDERED_WORDS"]

PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})

# Verbs whose direct object, not a clause, carries the statement:
# "expressed his hope that ...", "reiterated their willingness to ...".
ATTITUDE_OBJECT_VERBS = frozenset(
    {"express", "reiterate", "reaffirm", "stress", "underline", "underscore", "emphasise", "emphasize",
     "voice", "welcome", "condemn", "acknowledge", "pledge", "mention", "propose", "announce", "claim", "describe"}
)
# Verbs that report words only when their object holds a quotation: "called the plan “a gamble”",
# "branded the move “an act of hostility”", "exhorted voters to “stand firm”". Without the marks they
# describe deeds ("called a meeting", "attacked the convoy"), so they are no cue on their own.
QUOTING_OBJECT_VERBS = frozenset(
    "call brand label dub term deem hail laud praise commend applaud thank attack slam blast decry denounce dismiss "
    "mock deride ridicule lambaste characterise characterize liken compare tout exhort chant sing shout echo quote "
    "cite invoke promise vow pledge ask accuse describe welcome condemn criticise criticize reject tell urge".split())
# Reporting verbs whose object is whom they address ("asked the government", "told the envoy"),
# never what was said.
ADDRESSEE_VERBS = frozenset({"ask", "tell", "inform", "remind", "brief", "assure", "urge", "thank", "warn", "caution"})
# Verbs whose infinitive is a statement not made: "declined to comment", "refused to say".
REFUSING_VERBS = frozenset({"decline", "refuse", "fail", "hesitate", "avoid", "neglect"})
# Nouns that report a statement when a that-clause and a source hang from them: "Beijing's claim
# that the drills were routine", "a Times report that the envoy resigned".
NOMINAL_CUES = frozenset(
    "claim claims report reports statement assertion allegation allegations warning promise pledge charge "
    "suggestion insistence argument assurance assurances denial vow threat announcement admission accusation "
    "prediction contention complaint".split())
# Verbs whose statement is the object of a preposition: "spoke about ...", "warned of ...".
PREPOSITION_VERBS = frozenset({"speak", "talk", "comment", "write", "warn", "complain", "testify", "ask", "joke", "boast",
                               "tweet", "caution"})
STATEMENT_PREPOSITIONS = frozenset({"about", "on", "of", "against"})
# Verbs whose statement is a to-infinitive or prepositional object: "urged X to ...".
DIRECTIVE_VERBS = frozenset({"urge", "warn", "caution", "pledge", "vow", "promise", "demand", "insist", "call",
                             "praise", "condemn", "accuse", "blame", "criticise", "criticize", "reject"})
# Objects of "tell" that belong in the cue phrase ("told reporters").
AUDIENCES = frozenset({"reporters", "journalists", "lawmakers", "parliament", "the press", "the media", "an audience",
                       "a news conference", "a press conference", "a briefing"})
# Verbs that report speech only through a clause: "maintain “open lines”" names no statement.
CLAUSE_ONLY_VERBS = frozenset({"maintain", "continue", "agree", "believe", "signal", "indicate", "suggest", "reveal",
                               "highlight", "recall", "observe", "express", "welcome", "reject", "echo", "add"})
# Leading words and marks dropped from a reported clause.
CLAUSE_STRIP = frozenset({"that", "whether", ",", ":", "\u2014", "\u2013", "-"})
# Subjects that are not speakers: "the talks showed that ...".
NON_SPEAKER_HEADS = frozenset({"approach", "discussions", "talks", "meeting", "visit", "trip", "agreement",
                               "agreements", "focus", "efforts", "move", "data", "figures", "report", "study", "poll"})
# Conjunctions that make a clause adverbial, not a reported statement.
ADVERBIAL_MARKS = frozenset({"if", "because", "when", "as", "while", "after", "before", "since", "although", "though",
                             "until", "unless", "whether", "so", "once", "where"})
# Capitalised words that never belong to a person's name: they end a capitalised run.
DATE_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april "
                       "july august september october november december".split())  # not May, June: names
DASHES = frozenset({"\u2014", "\u2013", "\u2015", "-", "--"})
# Words that end a title or a role before a name ("said", "the", "from").
FUNCTION_WORDS = frozenset(
    "a an the this that also but as and or in on at after before when while however meanwhile "
    "from to with by for about into over amid said says told".split()
)
ROLE_MODIFIERS = frozenset("of top senior chief highest-ranking top-ranking deputy acting".split())
# Heads of a subject that is a document, whose author may be named inside it ("a statement
# e-mailed by X said", "X's letter said"): the author is the speaker.
DOCUMENT_NOUNS = frozenset("statement letter email e-mail memo memorandum post tweet release note message "
                           "communique communiqu\u00e9 readout transcript filing".split())
# Plural or collective nouns that a sentence may open with ("Officials said"): never a person's name.
GROUP_NOUNS = frozenset("officials sources experts analysts critics aides diplomats lawmakers leaders residents "
                        "protesters witnesses observers negotiators investigators prosecutors police authorities "
                        "ministers officers voters supporters opponents democrats republicans people others "
                        "americans europeans".split())
# Words before or around a name that say a person's gender (for "he" and "she").
GENDERED_WORDS = {"mr": "m", "mr.": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "sheikh": "m",
                  "emir": "m", "spokesman": "m", "chairman": "m", "congressman": "m", "businessman": "m",
                  "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "madam": "f", "dame": "f",
                  "lady": "f", "queen": "f", "princess": "f", "spokeswoman": "f", "chairwoman": "f",
                  "congresswoman": "f", "businesswoman": "f"}


def _words(name: str) -> list[str]:
    return [w for line in read_data_lines(name) for w in line.split()]


@lru_cache(maxsize=None)
def title_words() -> frozenset[str]:
    """Titles, demonyms and function words that may stand before a name, and the words of the
    roles in ``roles.txt`` ("Mayor Peter Olsen" -> "Peter Olsen")."""
    role_words = {w for line in read_data_lines("roles.txt") for w in line.lower().replace("-", " ").split()}
    return frozenset(_words("title_words.txt")) | (role_words - {"of", "the", "chief", "general"}) | {"mayor"}


@lru_cache(maxsize=None)
def org_words() -> frozenset[str]:
    """Words that make a capitalised run a place or organisation, not a person."""
    return frozenset(_words("org_words.txt"))


@lru_cache(maxsize=None)
def speaker_nouns() -> frozenset[str]:
    """Common nouns that can head a speaker phrase."""
    return frozenset(_words("speaker_nouns.txt"))


@lru_cache(maxsize=None)
def speaker_heads() -> frozenset[str]:
    """Nouns that head a phrase naming who speaks: the speaker nouns, the group nouns, and the head
    of every role ("governor", and "secretary" from "secretary of state")."""
    heads = {role.split(" of ")[0].split()[-1] for role in roles()}
    return speaker_nouns() | GROUP_NOUNS | frozenset(heads)


@lru_cache(maxsize=None)
def reporting_lemmas() -> frozenset[str]:
    """Lemmas of verbs that report speech (accurate mode matches on the lemmatizer's output)."""
    return frozenset(read_data_lines("reporting_verbs.txt"))


@lru_cache(maxsize=None)
def speech_forms() -> frozenset[str]:
    """Inflected forms of reporting verbs (fast mode has no lemmatizer)."""
    return frozenset(word.lower() for line in read_data_lines("speech_forms.txt") for word in line.split())


@lru_cache(maxsize=None)
def stance_cue_stems() -> tuple[frozenset[str], tuple[str, ...]]:
    """Stems of the cues that carry stance ("prais", "warn"), and stems of several words
    ("called for"), from ``stance_cues.txt``."""
    stems = [line.lower() for line in read_data_lines("stance_cues.txt")]
    return frozenset(s for s in stems if " " not in s), tuple(s for s in stems if " " in s)


@lru_cache(maxsize=None)
def cue_phrases() -> tuple[str, ...]:
    """Multi-word cues ("in a statement") that mark a paragraph as worth parsing."""
    return tuple(read_data_lines("cue_phrases.txt"))


_IRREGULAR = {"say": ["said"], "tell": ["told"], "speak": ["spoke", "spoken"], "write": ["wrote", "written"], "brief": [], "testify": ["testified", "testifies"],
              "reply": ["replied", "replies"], "deny": ["denied", "denies"], "signal": ["signalled", "signaled"]}


def inflections(lemma: str) -> list[str]:
    """Regular English inflections of a verb (enough to pre-select paragraphs, not to parse)."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms = [lemma, lemma + ("es" if lemma.endswith(("s", "sh", "ch")) else "s"), stem + "ed", stem + "ing"]
    return forms + _IRREGULAR.get(lemma, [])


@lru_cache(maxsize=None)
def cue_pattern() -> re.Pattern[str]:
    """A regex that finds any cue word or phrase: used to decide which paragraphs to parse.

    Case-sensitive on purpose: reporting verbs are lower case mid-sentence, while "States" in
    "United States" must not make every paragraph look like a report."""
    words = set(speech_forms()) | set(cue_phrases())
    for lemma in reporting_lemmas():
        words.update(inflections(lemma))
    return re.compile(r"\b(?:" + trie_alternation(words) + r")\b|\bAccording to\b")


_Trie: TypeAlias = "dict[str, _Trie]"


def trie_alternation(words: set[str] | frozenset[str]) -> str:
    """A regex alternation of ``words`` as a trie ("sa(?:id|ys)"): it matches what the plain
    alternation of the words, longest first, matches, trying the same words in the same order
    at each position (a longer word before its prefix), but a position that starts no word
    fails after one test instead of one per word (ten times faster on the cue words)."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def emit(node: _Trie) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and not ends:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if ends else "")

    return emit(trie)


@lru_cache(maxsize=None)
def roles() -> tuple[str, ...]:
    """Role phrases a title or appositive gives a speaker, longest first (``roles.txt``)."""
    return tuple(sorted({line.lower() for line in read_data_lines("roles.txt")}, key=lambda r: (-len(r.split()), r)))


@lru_cache(maxsize=None)
def countries() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """(country, demonyms, capitals) rows of ``countries.tsv``."""
    rows = []
    for line in read_data_lines("countries.tsv"):
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) != 3:
            raise ValueError(f"tonekit/data/countries.tsv: expected country<TAB>demonyms<TAB>capitals; got {line!r}")
        rows.append((parts[0], tuple(d.strip() for d in parts[1].split(",") if d.strip()),
                     tuple(c.strip() for c in parts[2].split(",") if c.strip())))
    return tuple(rows)


@lru_cache(maxsize=None)
def demonym_country() -> dict[str, str]:
    """Lower-case country name or demonym -> country ("chinese" -> "China", "u.s." -> "United States")."""
    out: dict[str, str] = {}
    for country, demonyms, _ in countries():
        out[country.lower()] = country
        for d in demonyms:
            out[d.lower()] = country
    return out


@lru_cache(maxsize=None)
def place_names() -> frozenset[str]:
    """Lower-case words of countries and capitals: a capitalised run made only of them is a place."""
    words: set[str] = set()
    for country, _, capitals in countries():
        for name in (country, *capitals):
            words.update(w for w in name.lower().split() if w not in ("the", "and", "of"))
    return frozenset(words)


@lru_cache(maxsize=None)
def caption_labels() -> frozenset[str]:
    """Labels that open a caption or editorial line ("editor's note", "watch"), lower case."""
    return frozenset(line.lower().replace("\u2019", "'") for line in read_data_lines("caption_labels.txt"))


def is_caption_label(label: str | None) -> bool:
    """"EDITOR'S NOTE" before a colon labels a line; it does not speak."""
    if not label:
        return False
    return label.strip().lower().replace("\u2019", "'") in caption_labels()


@lru_cache(maxsize=None)
def given_name_genders() -> dict[str, str]:
    """Lower-case given name -> "f" or "m" (``given_names.txt``)."""
    out: dict[str, str] = {}
    for line in read_data_lines("given_names.txt"):
        gender, *names = line.split()
        if gender not in ("f", "m"):
            raise ValueError(f"tonekit/data/given_names.txt: a line starts with f or m; got {line[:40]!r}")
        for name in names:
            out.setdefault(name, gender)
    return out
