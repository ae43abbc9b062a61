"""Speaker resolution, case by case: each row is a pattern real news has, written in our own
words (expected quotes are (text, speaker, kind); a speaker of None means "no speaker").

Negative rows expect nothing, or expect a span or a speaker *not* to come out.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonekit import extract_quotes
from tonekit.batch.results import write_quotes_csv
from tonekit.batch.summary import summarise
from tonekit.quotes import merge_speaker_ids, role_and_country, speaker_key
from tonekit.quotes.brat import BratAttribution, BratDocument, BratSpan
from tonekit.quotes.evaluation import gold_speaker_names, score_brat
from tonekit.quotes.speakers import NameIndex


Expected = list[tuple[str, "str | None", str]]


def _check(text: str, expected: Expected, mode: str) -> None:
    got = [(q.text, q.speaker, q.kind) for q in extract_quotes(text, mode=mode)]
    assert len(got) == len(expected), f"expected {len(expected)} quotes; got {got}"
    for (text_, speaker, kind), (g_text, g_speaker, g_kind) in zip(expected, got):
        assert g_text == text_, got
        assert g_speaker == speaker, f"speaker of {text_!r}: {g_speaker!r}, wanted {speaker!r}"
        assert g_kind == kind


RESOLUTION_CASES = [
    pytest.param(
        "Prime Minister Rosa Alvarenga opened the summit in Lisbon on Monday. “We are ready,” Alvarenga said.\n\n"
        "Later in the day the talks turned to energy. President Tomas Berg arrived from Oslo with a delegation.\n\n"
        "Berg praised the host for her patience. “This is a turning point for the region,” he said.",
        [("We are ready", "Rosa Alvarenga", "direct"), ("the host for her patience", "Tomas Berg", "indirect"),
         ("This is a turning point for the region", "Tomas Berg", "direct")],
        id="pronoun-goes-to-the-leader-just-named-not-the-earlier-speaker",
    ),
    pytest.param(
        "“We will rebuild the bridge,” Mayor Peter Olsen said on Monday.\n\n"
        "Jane Roe, who runs a local charity, turned up at the meeting with a petition. “Nobody asked the families,” she said.",
        [("We will rebuild the bridge", "Peter Olsen", "direct"), ("Nobody asked the families", "Jane Roe", "direct")],
        id="person-just-introduced-is-she",
    ),
    pytest.param(
        "Mayor Peter Olsen opened the depot on Monday.\n\n"
        "The delay worries Omar Haddad, head of the growers' union. “Nobody told us anything,” he said.",
        [("Nobody told us anything", "Omar Haddad", "direct")],
        id="person-introduced-with-appositive-wins-over-earlier-subject",
    ),
    pytest.param(
        "Senator Ruth Moreno met Governor Dale Hicks in the capital. “We found common ground,” he said.",
        [("We found common ground", "Dale Hicks", "direct")],
        id="gender-rules-out-the-subject",
    ),
    pytest.param(
        "Senator Ruth Moreno met Governor Dale Hicks in the capital. “We found common ground,” she said.",
        [("We found common ground", "Ruth Moreno", "direct")],
        id="gender-keeps-the-subject",
    ),
    pytest.param(
        "Antony Blinken met Han Zheng in New York.\n“The world expects us to manage our relationship,” he told Han.",
        [("The world expects us to manage our relationship", "Antony Blinken", "direct")],
        id="object-of-the-last-sentence-is-not-he",
    ),
    pytest.param(
        "The talks ended late, said Marta Kowalski. He then left the building. “We made progress,” Kowalski told reporters.",
        [("The talks ended late", "Marta Kowalski", "indirect"), ("We made progress", "Marta Kowalski", "direct")],
        id="name-does-not-glue-on-the-next-sentence-pronoun",
    ),
    pytest.param(
        "The delegation was led by Marta Kowalski. The French team arrived later. “We made progress,” Kowalski said.",
        [("We made progress", "Marta Kowalski", "direct")],
        id="name-does-not-glue-on-a-sentence-initial-word",
    ),
    pytest.param(
        "“The deal is fair,” Anna Smith-Jones said.\n\nSmith-Jones said the vote would be close.\n\n“We disagree,” said Omar Haddad.",
        [("The deal is fair", "Anna Smith-Jones", "direct"), ("the vote would be close", "Anna Smith-Jones", "indirect"),
         ("We disagree", "Omar Haddad", "direct")],
        id="hyphenated-surname-kept-whole",
    ),
    pytest.param(
        "The chairman, Ambassador Lena Fischer, said the meeting had been constructive.",
        [("the meeting had been constructive", "Lena Fischer", "indirect")],
        id="name-in-apposition-to-the-title",
    ),
    pytest.param(
        "The ministry published a short note on Friday.\n\n“Why should we wait any longer?” Karim Nasser, the trade minister, said at a briefing.",
        [("Why should we wait any longer?", "Karim Nasser", "direct")],
        id="question-then-name-and-appositive",
    ),
    pytest.param(
        "Flights on the Seoul Tokyo route resumed on Monday. “We are pleased,” he said.",
        [("We are pleased", None, "direct")],
        id="two-places-side-by-side-are-no-person",
    ),
    pytest.param(
        "WATCH: Governor Dale Hicks signs the water bill\n\nThe ceremony was brief. “It is a good day for farmers,” he said.",
        [("It is a good day for farmers", None, "direct")],
        id="caption-subject-is-not-he",
    ),
    pytest.param(
        "Senator Ruth Moreno stood up at the hearing. “This is a disgrace,” she said. Then Paul Grant blurted out. “You are out of order!”",
        [("This is a disgrace", "Ruth Moreno", "direct"), ("You are out of order!", "Paul Grant", "direct")],
        id="second-quote-after-an-unusual-verb",
    ),
    pytest.param(
        "Mayor Peter Olsen took to social media with this: “The roads will reopen on Friday.”",
        [("The roads will reopen on Friday.", "Peter Olsen", "direct")],
        id="quote-introduced-by-a-colon",
    ),
    pytest.param(
        "A statement e-mailed to the paper by Lena Fischer said the company would appeal the ruling.",
        [("the company would appeal the ruling", "Lena Fischer", "indirect")],
        id="statement-by-a-named-author",
    ),
    pytest.param(
        "“We will appeal,” Mayor Peter Olsen said.\n\nOfficials said the ruling would stand. He said: “The ruling ignores the facts.”",
        [("We will appeal", "Peter Olsen", "direct"), ("the ruling would stand", "Officials", "indirect"),
         ("The ruling ignores the facts.", "Peter Olsen", "direct")],
        id="he-after-officials-is-the-named-speaker",
    ),
    pytest.param(
        "President Barack Obama arrived in Hanoi. “We are partners,” Mr. Obama said. Obama added that trade would grow.",
        [("We are partners", "Barack Obama", "direct"), ("trade would grow", "Barack Obama", "indirect")],
        id="one-name-per-person",
    ),
    pytest.param(
        "Rosa Alvarenga spoke first.\n\nThe governor added:\n\n“We will not wait for the next budget.”",
        [("We will not wait for the next budget.", "Rosa Alvarenga", "direct")],
        id="lead-in-paragraph-falls-back-to-the-description",
        marks=pytest.mark.xfail(reason="'the governor' has no antecedent with that title; kept as the description",
                                strict=True),
    ),
    pytest.param(
        "Governor Rosa Alvarenga spoke first.\n\nThe governor added:\n\n“We will not wait for the next budget.”",
        [("We will not wait for the next budget.", "Rosa Alvarenga", "direct")],
        id="lead-in-paragraph-names-the-speaker",
    ),
]

NON_QUOTE_CASES = [
    pytest.param("EDITOR'S NOTE: “This story has been corrected to show the date of the vote.”\n\nThe vote took place on Tuesday.",
                 [], id="editors-note-is-no-quote"),
    pytest.param("The envoys met for six hours.\n\n'Just hear us out'\n\nThe farmers' union sent a letter.", [],
                 id="single-quoted-subhead-is-no-quote"),
    pytest.param("Trade talks 'make progress'\n\nNegotiators met in Geneva on Tuesday.", [],
                 id="headline-scare-quotes-are-no-quote"),
    pytest.param("The senator has described Maria Lopez as the best chance the party has to win the state.",
                 [("Maria Lopez as the best chance the party has to win the state", "the senator", "indirect")],
                 id="described-object-is-not-the-quote-alone"),
    pytest.param("'We will not accept any preconditions,' the negotiator said.",
                 [("We will not accept any preconditions", "the negotiator", "direct")],
                 id="single-quoted-sentence-with-a-cue-is-a-quote"),
]


@pytest.mark.parser
@pytest.mark.parametrize("text, expected", RESOLUTION_CASES + NON_QUOTE_CASES)
def test_speaker_cases_accurate(text: str, expected: Expected) -> None:
    _check(text, expected, "accurate")


@pytest.mark.parametrize("text, expected", [
    pytest.param(*NON_QUOTE_CASES[0].values, id="editors-note-is-no-quote"),
    pytest.param(*NON_QUOTE_CASES[1].values, id="single-quoted-subhead-is-no-quote"),
    pytest.param(*NON_QUOTE_CASES[2].values, id="headline-scare-quotes-are-no-quote"),
    pytest.param("“We will appeal,” Mayor Peter Olsen said.\n\n“The ruling ignores the facts,” he said.",
                 [("We will appeal", "Peter Olsen", "direct"), ("The ruling ignores the facts", "Peter Olsen", "direct")],
                 id="pronoun-after-named-speaker"),
])
def test_speaker_cases_fast(text: str, expected: Expected) -> None:
    _check(text, expected, "fast")


@pytest.mark.parser
@pytest.mark.parametrize("text, span, not_span", [
    pytest.param("The minister said the two agencies will co-ordinate their response to the flood.",
                 "the two agencies will co-ordinate their response to the flood", "the two agencies will co",
                 id="span-never-cut-at-a-hyphen"),
    pytest.param("Beijing did not complain when the ships passed through the strait, an official said.",
                 "Beijing did not complain when the ships passed through the strait", "when the ships passed through the strait",
                 id="negated-verb-is-no-cue"),
    pytest.param("The mayor is not saying whether the budget will pass this year.",
                 "the budget will pass this year", "The mayor is not saying whether the budget will pass this year",
                 id="negated-verb-with-a-clause-still-reports"),
    pytest.param("Governor Dale Hicks described Jane Roe as “a disgrace” after the vote.",
                 "Jane Roe as “a disgrace”", "Jane Roe", id="described-as-keeps-the-description"),
])
def test_spans(text: str, span: str, not_span: str) -> None:
    quotes = extract_quotes(text, mode="accurate")
    assert [q.text for q in quotes] == [span]
    assert not_span not in [q.text for q in quotes]


@pytest.mark.parser
@pytest.mark.parametrize("text, role, country", [
    pytest.param("Chinese Foreign Minister Wang Yi said the two sides had reached a consensus.", "foreign minister", "China",
                 id="demonym-and-title"),
    pytest.param("Japanese Ambassador Kenji Sato said the visit would go ahead.", "ambassador", "Japan", id="ambassador"),
    pytest.param("Kenji Sato, the South Korean trade minister, said the visit would go ahead.", "trade minister",
                 "South Korea", id="appositive"),
    pytest.param("Kenji Sato said the visit would go ahead.", None, None, id="no-title-no-role"),
])
def test_role_and_country_of_the_speaker(text: str, role: str | None, country: str | None) -> None:
    (quote,) = extract_quotes(text, mode="accurate")
    assert (quote.speaker_role, quote.speaker_country) == (role, country)


@pytest.mark.parser
def test_confidence_orders_the_ways_of_resolving() -> None:
    text = ("“We are ready,” Rosa Alvarenga said.\n\n"
            "Alvarenga and Tomas Berg met Kenji Sato. Sato and Berg spoke. “It went well,” he said.\n\n"
            "“Nobody will say,” a senior official said.")
    named, pronoun, description = extract_quotes(text, mode="accurate")
    assert named.speaker_confidence >= 0.9
    assert pronoun.speaker_confidence < named.speaker_confidence  # two men just named: a weaker guess
    assert 0.5 <= description.speaker_confidence < named.speaker_confidence


def test_no_speaker_has_no_confidence() -> None:
    (quote,) = extract_quotes("Flights resumed. “We are pleased,” he said.", mode="fast")
    assert quote.speaker is None and quote.speaker_confidence == 0.0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([
    "“We agree,” Rosa Alvarenga said.", "He said the talks went well.", "“No,” she said.", "Officials said it was over.",
    "The minister said the plan works.", "WATCH: Tomas Berg arrives\n", "'Just this'\n", "Then Paul Grant spoke.",
    "Kenji Sato, the trade minister, said the visit was useful.", "“Why?” asked Berg.", "\n\n",
]), min_size=1, max_size=8))
def test_confidence_is_a_probability_and_zero_without_speaker(parts: list[str]) -> None:
    for q in extract_quotes(" ".join(parts), mode="fast"):
        assert 0.0 <= q.speaker_confidence <= 1.0
        assert (q.speaker is None) == (q.speaker_confidence == 0.0)
        assert q.to_dict()["speaker_id"] == speaker_key(q.speaker)


# --------------------------------------------------------------------------- one name per person


@pytest.mark.parametrize("speaker, key", [
    pytest.param("President Barack H. Obama", "barack obama", id="title-and-initial"),
    pytest.param("Barack Obama", "barack obama", id="plain"),
    pytest.param("Mr. Obama", "obama", id="honorific"),
    pytest.param("Recep Tayyip Erdoğan", "recep tayyip erdogan", id="accents"),
    pytest.param("Joseph R. Biden Jr.", "joseph biden", id="suffix"),
    pytest.param("Anna Smith-Jones", "anna smith-jones", id="hyphen-kept"),
    pytest.param("a senior official", "senior official", id="description"),
    pytest.param(None, None, id="none"),
    pytest.param("  ", None, id="blank"),
])
def test_speaker_key(speaker: str | None, key: str | None) -> None:
    assert speaker_key(speaker) == key


@pytest.mark.parametrize("keys, expected", [
    pytest.param(["obama", "barack obama"], {"obama": "barack obama", "barack obama": "barack obama"}, id="surname-joins-full"),
    pytest.param(["clinton", "bill clinton", "hillary clinton"],
                 {"clinton": "clinton", "bill clinton": "bill clinton", "hillary clinton": "hillary clinton"},
                 id="ambiguous-surname-stays-apart"),
    pytest.param(["senior official", "official"], {"senior official": "senior official", "official": "official"},
                 id="descriptions-are-not-surnames-of-each-other-unless-unique"),
    pytest.param([None, "berg"], {"berg": "berg"}, id="none-ignored"),
])
def test_merge_speaker_ids(keys: list[str | None], expected: dict[str, str]) -> None:
    merged = merge_speaker_ids(keys)
    for key, want in expected.items():
        assert merged[key] == want


@pytest.mark.parametrize("context, expected", [
    pytest.param("Chinese Foreign Minister", ("foreign minister", "China"), id="demonym"),
    pytest.param("Japan's top diplomat", ("diplomat", "Japan"), id="possessive-country"),
    pytest.param("US Ambassador", ("ambassador", "United States"), id="abbreviation"),
    pytest.param("the official who told us", ("official", None), id="lowercase-us-is-no-country"),
    pytest.param("", (None, None), id="nothing"),
])
def test_role_and_country(context: str, expected: tuple[str | None, str | None]) -> None:
    assert role_and_country(context) == expected


@pytest.mark.parametrize("text, names", [
    pytest.param("The Seoul Tokyo shuttle resumed.", [], id="two-capitals"),
    pytest.param("On Monday Peter Olsen spoke.", ["Peter Olsen"], id="weekday-not-glued"),
    pytest.param("It was Marta Kowalski. He left.", ["Marta Kowalski"], id="pronoun-not-glued"),
    pytest.param("Mr. Clarke spoke. Terry Strada agreed. Strada left.", ["Clarke", "Terry Strada", "Strada"],
                 id="titled-and-surname-single-words"),
    pytest.param("Officials met. Paris talks.", [], id="group-noun-and-place-are-no-names"),
])
def test_name_index(text: str, names: list[str]) -> None:
    assert [m.name for m in NameIndex.build(text).mentions] == names


# --------------------------------------------------------------------------- batch speaker ids


def _records(path: Path, quotes_per_article: list[list[dict]]) -> Path:
    lines = []
    for n, quotes in enumerate(quotes_per_article):
        lines.append(json.dumps({"id": f"a{n}", "n_quotes": len(quotes), "index": 0.0, "label": "neutral",
                                 "scores": {"neutral": 1.0}, "speakers": [], "quotes": quotes}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _quote(speaker: str | None, with_id: bool = True) -> dict:
    q = {"text": "We agree on this point.", "start": 0, "end": 23, "speaker": speaker, "cue": "said", "kind": "direct",
         "label": "neutral", "index": 0.0, "scores": {"neutral": 1.0}}
    if with_id:
        q["speaker_id"] = speaker_key(speaker)
    return q


def test_quotes_csv_merges_one_person_across_the_batch(tmp_path: Path) -> None:
    results = _records(tmp_path / "r.jsonl", [[_quote("Barack Obama")], [_quote("Obama", with_id=False)],
                                              [_quote("Bill Clinton"), _quote("Hillary Clinton"), _quote("Clinton")]])
    out = tmp_path / "q.csv"
    assert write_quotes_csv(results, out, ["neutral"]) == 5
    import csv

    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["speaker_id"] for r in rows] == ["barack obama", "barack obama", "bill clinton", "hillary clinton", "clinton"]
    assert rows[1]["speaker_confidence"] == ""  # an older record has no confidence: left empty, not invented


def test_report_speakers_are_one_row_per_person(tmp_path: Path) -> None:
    from tonekit.batch.results import iter_results

    results = _records(tmp_path / "r.jsonl", [[_quote("Barack Obama"), _quote("Mr. Obama")], [_quote("Obama", with_id=False)],
                                              [_quote(None)]])
    data = summarise(iter_results(results))
    rows = {r.speaker: r.n_quotes for r in data.speakers}
    assert rows == {"Barack Obama": 3, "(unattributed)": 1}


# --------------------------------------------------------------------------- gold resolution


def _doc(text: str, atts: list[tuple[str, str, str]]) -> BratDocument:
    """A brat document from (source, cue, content) strings, each found in ``text`` in order."""
    out = []
    at = 0
    for source, cue, content in atts:
        spans = []
        for part in (source, cue, content):
            start = text.index(part, at if part is source else 0)
            spans.append(BratSpan("x", ((start, start + len(part)),)))
        at = spans[0].end
        out.append(BratAttribution(spans[2], spans[1], spans[0]))
    return BratDocument("t", text, out)


@pytest.mark.parametrize("text, atts, expected", [
    pytest.param("“We agree on this,” Rosa Alvarenga said. “We will meet again soon,” she said.",
                 [("Rosa Alvarenga", "said", "We agree on this"), ("she", "said", "We will meet again soon")],
                 ["Rosa Alvarenga", "Rosa Alvarenga"], id="pronoun-resolved"),
    pytest.param("“We agree on this,” Rosa Alvarenga said. Tomas Berg arrived late. “We will meet again soon,” he said.",
                 [("Rosa Alvarenga", "said", "We agree on this"), ("he", "said", "We will meet again soon")],
                 ["Rosa Alvarenga", None], id="someone-else-named-between-not-resolved"),
    pytest.param("“We agree on this,” Rosa Alvarenga said. “We will meet again soon,” the letter said.",
                 [("Rosa Alvarenga", "said", "We agree on this"), ("the letter", "said", "We will meet again soon")],
                 ["Rosa Alvarenga", None], id="thing-not-resolved"),
    pytest.param("“We agree on this,” said the Rev. Jane Roe, of the harbour church.",
                 [("the Rev. Jane Roe, of the harbour church", "said", "We agree on this")],
                 ["Rev. Jane Roe"], id="name-after-article-and-title"),
])
def test_gold_speaker_names(text: str, atts: list[tuple[str, str, str]], expected: list[str | None]) -> None:
    doc = _doc(text, atts)
    resolved = gold_speaker_names(doc)
    assert [resolved.get(a.source.start) for a in doc.attributions] == expected  # type: ignore[union-attr]


def test_score_brat_counts_resolved_sources_by_confidence_band() -> None:
    doc = _doc("“We agree on this,” Rosa Alvarenga said. “We will meet again soon,” she said.",
               [("Rosa Alvarenga", "said", "We agree on this"), ("she", "said", "We will meet again soon")])
    scores = score_brat([doc], lambda t: extract_quotes(t, mode="fast"))
    assert scores.speaker_scored == 1 and scores.speaker_resolved_scored == 2
    assert scores.speaker_accuracy_resolved == 1.0
    assert sum(n for _, n, _ in scores.confidence_bands) == 2
    assert scores.as_dict()["confidence_bands"]


def test_eval_quotes_prints_the_resolved_figure_and_bands(brat_dir: Path) -> None:
    from click.testing import CliRunner

    from tonekit.cli import main

    result = CliRunner().invoke(main, ["eval-quotes", "--brat", str(brat_dir), "--mode", "fast"])
    assert result.exit_code == 0, result.output
    assert "a pronoun or description the gold resolves to one" in result.output
    assert "speaker_confidence" in result.output
    figures = json.loads(CliRunner().invoke(main, ["eval-quotes", "--brat", str(brat_dir), "--mode", "fast", "--json"]).output)
    assert figures["speaker_resolved_scored"] >= figures["speaker_scored"]
    assert all(len(band) == 3 for band in figures["confidence_bands"])
