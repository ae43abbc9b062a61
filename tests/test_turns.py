"""Speaker labels as cues: transcript turns and headline claims (:mod:`tonekit.quotes.turns`).
Texts written for this file."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonekit import extract_quotes
from tonekit.quotes.marks import paragraph_spans
from tonekit.quotes.quote import Attribution, Candidate
from tonekit.quotes.turns import label_turns, overlay_turns

LABEL_CASES = [
    pytest.param("RUIZ: We are close to a deal on the crossing.", ("We are close to a deal on the crossing.", "Ruiz"),
                 id="caps-surname-turn"),
    pytest.param("MS. OKAFOR: Thank you all for coming this morning.", ("Thank you all for coming this morning.", "Ms. Okafor"),
                 id="caps-title-turn"),
    pytest.param("SECRETARY O'NEILL-ROE: The partnership has never been stronger.",
                 ("The partnership has never been stronger.", "Secretary O'Neill-Roe"), id="caps-hyphenated-name"),
    pytest.param("\u201cHOST: Let me ask about the sanctions first.", ("Let me ask about the sanctions first.", "Host"),
                 id="turn-inside-a-quoted-block"),
    pytest.param("Ruiz: Border Deal Is \u2018Days Away\u2019 After Long Night",
                 ("Border Deal Is \u2018Days Away\u2019 After Long Night", "Ruiz"), id="headline-claim"),
    pytest.param("Jane de Roe: Allies Must Keep Their Word", ("Allies Must Keep Their Word", "Jane de Roe"),
                 id="headline-claim-particle-name"),
    pytest.param("Ruiz Hid Old Debts From Voters, Former Party Treasurer Says.",
                 ("Ruiz Hid Old Debts From Voters", "Former Party Treasurer"), id="title-headline-trailing-says"),
    pytest.param("Talks Resume In Geneva, Officials Say", ("Talks Resume In Geneva", "Officials"), id="title-headline-plural-say"),
    pytest.param("Railing Against The Banks, Okafor Vows To End Tax Breaks For Big Lenders.",
                 ("To End Tax Breaks For Big Lenders", "Okafor"), id="title-headline-vows-to"),
    # negatives
    pytest.param("Port Workers Strike For Third Day In A Row", None, id="title-headline-without-a-cue"),
    pytest.param("The talks in Geneva went on, officials say.", None, id="sentence-case-is-no-title-headline"),
    pytest.param("Q: Did you raise the detentions with your counterpart?", None, id="question-line-is-no-speaker"),
    pytest.param("WATCH: The governor speaks about the border deal", None, id="caption-label"),
    pytest.param("Editor's note: This story has been updated with new figures.", None, id="editors-note"),
    pytest.param("Opinion: The deal nobody wanted is finally here", None, id="section-label"),
    pytest.param("Monday: Talks resume in the capital with both delegations.", None, id="timeline-weekday"),
    pytest.param("June 3: Talks resume in the capital.", None, id="timeline-date"),
    pytest.param("Ruiz: The talks went well. Both sides will meet again in May.", None,
                 id="title-label-with-two-sentences-is-no-headline"),
    pytest.param("The plan has three parts: money, people and time for the work.", None, id="colon-inside-a-sentence"),
    pytest.param("RUIZ: Yes.", None, id="too-short"),
    pytest.param("Time: 10:30", None, id="no-space-after-colon-or-lowercase"),
]


LEAD_IN_CASES = [
    pytest.param("The governor added:\n\nIt is typical of them. They know nothing about the port.",
                 ("It is typical of them. They know nothing about the port.", "The governor", "added"), id="added-colon-block"),
    pytest.param("Mr. Banda then said:\n\nWe have waited long enough for the new bridge.",
                 ("We have waited long enough for the new bridge.", "Mr. Banda", "said"), id="then-said-colon-block"),
    pytest.param("The governor added:\n\n\u201cWe will be back.\u201d", None, id="quoted-block-is-left-to-its-marks"),
    pytest.param("The plan has three parts:\n\nMoney, people and time.", None, id="colon-without-a-speech-verb"),
    pytest.param("The governor added:\n\nThank you.", None, id="too-short-block"),
]


@pytest.mark.parametrize("text,expected", LEAD_IN_CASES)
def test_lead_in_blocks(text: str, expected: tuple[str, str, str] | None) -> None:
    got = label_turns(text, paragraph_spans(text))
    if expected is None:
        assert got == []
        return
    assert len(got) == 1 and got[0].attribution is not None
    turn = got[0]
    assert (text[turn.start:turn.end], turn.attribution.mention, turn.attribution.cue) == expected


@pytest.mark.parametrize("text,expected", LABEL_CASES)
def test_label_turns(text: str, expected: tuple[str, str] | None) -> None:
    got = label_turns(text, paragraph_spans(text))
    if expected is None:
        assert got == []
        return
    assert len(got) == 1
    turn = got[0]
    assert (text[turn.start:turn.end], turn.attribution.mention if turn.attribution else None) == expected
    assert turn.kind == "indirect" and turn.attribution is not None
    assert (turn.attribution.cue == ":") == (":" in text[:turn.start])  # a label's cue is its colon


@pytest.mark.parametrize("mode", [pytest.param("accurate", marks=pytest.mark.parser), "fast"])
def test_turns_in_an_article(mode: str) -> None:
    text = ("Governor Ana Ruiz spoke to the host on Sunday.\n\n"
            "HOST: Let me start with the border deal. Will you sign it this week?\n\n"
            "RUIZ: We are close. The other side thinks this is a game, but the families deserve an answer.\n\n"
            "Q: Did you talk to the president about it?")
    got = [(q.text, q.speaker, q.cue) for q in extract_quotes(text, mode=mode) if q.cue == ":"]
    assert got == [("Let me start with the border deal. Will you sign it this week?", "Host", ":"),
                   ("We are close. The other side thinks this is a game, but the families deserve an answer.",
                    "Ana Ruiz", ":")]


def _cand(start: int, end: int) -> Candidate:
    return Candidate(start, end, "indirect", Attribution("said", start, None, None, None))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 300), st.integers(1, 40)), max_size=30),
       st.lists(st.tuples(st.integers(0, 300), st.integers(1, 60)), max_size=8))
def test_overlay_turns_replaces_exactly_what_overlaps(settled_raw: list[tuple[int, int]],
                                                       turns_raw: list[tuple[int, int]]) -> None:
    turns: list[Candidate] = []
    for start, length in sorted(turns_raw):  # disjoint, in order, like one turn per paragraph
        if not turns or start >= turns[-1].end:
            turns.append(_cand(start, start + length))
    settled = sorted({_cand(s, s + n) for s, n in settled_raw}, key=lambda c: (c.start, c.end))
    got = overlay_turns(settled, turns)
    expected = [c for c in settled if not any(c.start < t.end and t.start < c.end for t in turns)] + turns
    assert got == sorted(expected, key=lambda c: (c.start, c.end))
