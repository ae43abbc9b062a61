"""Table-driven cases that extraction must get right: (text, expected quotes) with ids.

Each expected quote is (text, speaker, kind). Negative cases (scare quotes, titles,
apostrophes) expect nothing for the marked span.
"""

from __future__ import annotations

import pytest

from tonekit import extract_quotes


ACCURATE_CASES = [
    pytest.param(
        "“We welcome it,” the foreign minister said.\n\n“We oppose it,” the defence minister said.\n\n"
        "“It helps,” the minister added.",
        [("We welcome it", "the foreign minister", "direct"), ("We oppose it", "the defence minister", "direct"),
         ("It helps", "the defence minister", "direct")],
        id="two-ministers-are-two-speakers",
    ),
    pytest.param(
        "“The talks were useful,” said Wang Yi, the foreign minister.",
        [("The talks were useful", "Wang Yi", "direct")],
        id="inverted-attribution",
    ),
    pytest.param(
        "Antony Blinken met Han Zheng in New York.\n“The world expects us to manage our relationship,” he told Han.",
        [("The world expects us to manage our relationship", "Antony Blinken", "direct")],
        id="pronoun-resolved-to-earlier-speaker-not-addressee",
    ),
    pytest.param(
        "Antony Blinken met Han Zheng on Monday. “Diplomacy is the best way,” Blinken said.\n"
        "“The world expects us to responsibly manage our relationship,” he told Han.",
        [("Diplomacy is the best way", "Antony Blinken", "direct"),
         ("The world expects us to responsibly manage our relationship", "Antony Blinken", "direct")],
        id="he-told-Han-is-Blinken",
    ),
    pytest.param(
        "“We will stay in touch,” the minister said, “and we will meet again in spring.”",
        [("We will stay in touch", "the minister", "direct"),
         ("and we will meet again in spring.", "the minister", "direct")],
        id="quote-split-by-cue",
    ),
    pytest.param(
        "The talks covered trade and climate, according to a senior State Department official.",
        [("The talks covered trade and climate", "a senior State Department official", "indirect")],
        id="according-to-descriptive-speaker",
    ),
    pytest.param(
        "Japan's foreign minister Yoko Kamikawa told reporters: “We have raised our concerns directly.”",
        [("We have raised our concerns directly.", "Yoko Kamikawa", "direct")],
        id="colon-attribution",
    ),
    pytest.param(
        "“Dialogue is the only way forward.” — Kenya's foreign minister",
        [("Dialogue is the only way forward.", "Kenya's foreign minister", "direct")],
        id="dash-attribution",
    ),
    pytest.param(
        "Sergei Lavrov spoke to reporters after the meeting in Geneva.\n\n“We do not seek confrontation with anyone.”",
        [("We do not seek confrontation with anyone.", "Sergei Lavrov", "direct")],
        id="quote-only-paragraph-after-named-speaker",
    ),
    pytest.param(
        "“We have agreed on a roadmap for the talks,” said Ahmed Attaf, Algeria's foreign minister.\n\n"
        "“The next round will be held in Algiers.\n\n“Both delegations will report to their leaders,” he added.",
        [("We have agreed on a roadmap for the talks", "Ahmed Attaf", "direct"),
         ("The next round will be held in Algiers.\n\n“Both delegations will report to their leaders", "Ahmed Attaf", "direct")],
        id="multi-paragraph-quote",
    ),
    pytest.param(
        "Chinese state media said Xi Jinping told Jake Sullivan that in spite of “great changes”, the two countries could enjoy good ties.",
        [("in spite of “great changes”, the two countries could enjoy good ties", "Xi Jinping", "indirect")],
        id="fragment-belongs-to-indirect-quote",
    ),
    pytest.param(
        "Karen Jean-Pierre, a White House spokeswoman, said the visit went well.\n"
        "The spokeswoman said that a date for the summit has not yet been set.",
        [("the visit went well", "Karen Jean-Pierre", "indirect"),
         ("a date for the summit has not yet been set", "Karen Jean-Pierre", "indirect")],
        id="definite-description-resolved-by-appositive",
    ),
    pytest.param(
        "The minister was quoted as saying that the border talks would resume in May.",
        [("the border talks would resume in May", "the minister", "indirect")],
        id="quoted-as-saying",
    ),
    pytest.param(
        "The ministers’ spokesman said the ’90s were different and that they can’t go back.",
        [("the ’90s were different and that they can’t go back", "The ministers’ spokesman", "indirect")],
        id="apostrophes-are-not-quote-marks",
    ),
    pytest.param(
        "The so-called “peace plan” was published on Monday.",
        [],
        id="scare-quote-not-reported",
    ),
    pytest.param(
        "The ambassador's new book, titled “Bridges Across the Strait”, was published this week.",
        [],
        id="title-not-reported",
    ),
    pytest.param(
        'The delegation arrived 6" late, with a stray “ mark in the wire copy.\n“We remain committed to dialogue,” the envoy said.',
        [("We remain committed to dialogue", "the envoy", "direct")],
        id="stray-mark-recovers-locally",
    ),
    pytest.param(
        'A stray ” closer sits here. “We remain committed to dialogue,” the envoy said.',
        [("We remain committed to dialogue", "the envoy", "direct")],
        id="stray-mark-same-paragraph",
    ),
    pytest.param(
        "“We will not yield,” the minister said.\n\n‘All Bets Are Off.’\n\nThe talks ended on Friday.",
        [("We will not yield", "the minister", "direct")],
        id="quoted-subheading-not-a-quote",
    ),
    pytest.param(
        "The minister said the region needs one thing above all: “patience and dialogue among neighbours.”",
        [("the region needs one thing above all: “patience and dialogue among neighbours.”", "the minister", "indirect")],
        id="quotation-announced-by-colon-joins-report",
    ),
    pytest.param(
        "'We will not accept any preconditions,' the Iranian negotiator said.",
        [("We will not accept any preconditions", "the Iranian negotiator", "direct")],
        id="single-quote-outer-style",
    ),
    pytest.param(
        "“Our partners call it ‘strategic patience’, but we call it delay,” the Korean envoy said.",
        [("Our partners call it ‘strategic patience’, but we call it delay", "the Korean envoy", "direct")],
        id="single-nested-in-double",
    ),
]

# Each reporting verb of diplomacy introduces reported speech.
VERBS = ["reiterated", "stressed", "underlined", "urged", "warned", "cautioned", "vowed", "pledged", "insisted",
         "emphasised", "noted", "acknowledged", "added"]


@pytest.mark.parser
@pytest.mark.parametrize("text, expected", ACCURATE_CASES)
def test_accurate_cases(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    got = [(q.text, q.speaker, q.kind) for q in extract_quotes(text, mode="accurate")]
    for want in expected:
        assert want[0] in [g[0] for g in got], f"missing quote {want[0]!r}; got {got}"
        match = next(g for g in got if g[0] == want[0])
        if want[1] is not None:
            assert (match[1] or "").lower() == want[1].lower(), f"speaker of {want[0]!r}: {match[1]!r}"
        assert match[2] == want[2]
    assert len(got) == len(expected), f"unexpected extra quotes: {got}"


@pytest.mark.parser
@pytest.mark.parametrize("verb", VERBS, ids=VERBS)
def test_reporting_verbs_of_diplomacy(verb: str) -> None:
    clause = "both sides to keep the border talks going" if verb == "urged" else "that the border talks must continue"
    text = f"India's foreign minister Subrahmanyam Jaishankar {verb} {clause}."
    quotes = extract_quotes(text, mode="accurate")
    assert len(quotes) == 1, quotes
    assert quotes[0].kind == "indirect"
    assert quotes[0].speaker == "Subrahmanyam Jaishankar"
    assert "border talks" in quotes[0].text


@pytest.mark.parser
@pytest.mark.parametrize(
    "text, speaker, fragment",
    [
        pytest.param("Brazil's president called for an immediate ceasefire in Gaza.", "Brazil's president",
                     "an immediate ceasefire in Gaza", id="call-for"),
        pytest.param("The African Union condemned the attack on the peacekeepers in the strongest terms.",
                     "The African Union", "the attack on the peacekeepers", id="condemn"),
        pytest.param("Iran's foreign minister expressed hope that the talks in Oman would resume soon.",
                     "Iran's foreign minister", "hope that the talks in Oman would resume soon", id="express"),
        pytest.param("Seoul's envoy described the meeting as frank and useful.", "Seoul's envoy",
                     None, id="describe-without-quote-is-not-direct"),
        pytest.param("Qatar's foreign minister tweeted late on Sunday that the embassy in Kabul would reopen.",
                     "Qatar's foreign minister", "the embassy in Kabul would reopen", id="that-clause-parsed-as-adverbial"),
        pytest.param("The envoy told a gathering of Gulf diplomats that the ceasefire in Yemen was holding.",
                     "the envoy", "the ceasefire in Yemen was holding", id="that-clause-parsed-as-relative"),
        pytest.param("The Sahel talks, the mediator said, would resume in Niamey next month.",
                     "the mediator", "would resume in Niamey next month", id="parenthetical-tag"),
        pytest.param("Japan unveiled a new aid package, promising to double support for Pacific fisheries.",
                     "Japan", "to double support for Pacific fisheries", id="participle-report"),
    ],
)
def test_object_reporting_verbs(text: str, speaker: str, fragment: str | None) -> None:
    quotes = extract_quotes(text, mode="accurate")
    if fragment is None:
        assert all(q.kind != "direct" for q in quotes)
        return
    assert any(fragment in q.text and (q.speaker or "").lower() == speaker.lower() for q in quotes), quotes


FAST_CASES = [
    pytest.param("“We are ready to talk,” said the minister.", [("We are ready to talk", "the minister", "direct")], id="inverted"),
    pytest.param("“We are ready to talk,” Lavrov told reporters.", [("We are ready to talk", "Lavrov", "direct")], id="name-told-reporters"),
    pytest.param("The spokesman said that the meeting would take place in Doha.",
                 [("the meeting would take place in Doha", "the spokesman", "indirect")], id="x-said-that"),
    pytest.param("The ministers’ spokesman can’t recall the ’90s.", [], id="apostrophes"),
    pytest.param("They called it the so-called “peace plan”.", [], id="scare-quote"),
]


@pytest.mark.parametrize("text, expected", FAST_CASES)
def test_fast_cases(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    got = [(q.text, q.speaker, q.kind) for q in extract_quotes(text, mode="fast")]
    assert got == expected
