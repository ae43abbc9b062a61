"""What text of a quote its tone is scored on: the quote in its frame (tonekit.quotes.frame_text).

Cases are (article, quote span, kind, cue, expected scored text), written for these tests; the
negatives keep a quote's own words."""

from __future__ import annotations

import pytest

from tonekit.quotes import Quote, frame_text, is_evaluative_cue


def _quote(article: str, span: str, kind: str, cue: str | None) -> Quote:
    start = article.index(span)
    return Quote(text=span, start=start, end=start + len(span), speaker=None, speaker_start=None,
                 speaker_end=None, cue=cue, kind=kind)  # type: ignore[arg-type]


CASES = [
    ("The minister praised the envoy's patience during the talks.", "the envoy's patience during the talks",
     "indirect", "praised", "praised the envoy's patience during the talks"),
    ("Officials blamed the capital for the collapse of the deal.", "the capital for the collapse of the deal",
     "indirect", "blamed", "blamed the capital for the collapse of the deal"),
    ("The envoy did not criticise the decision to shut the crossing.", "the decision to shut the crossing",
     "indirect", "criticise", "did not criticise the decision to shut the crossing"),
    ("The spokesman never condemned the raid on the consulate.", "the raid on the consulate",
     "indirect", "condemned", "never condemned the raid on the consulate"),
    ("The envoy said that the two sides would meet in May.", "the two sides would meet in May",
     "indirect", "said", "said that the two sides would meet in May"),
    ("The next round will open in Oslo, the mediator said.", "The next round will open in Oslo",
     "indirect", "said", "The next round will open in Oslo, said"),
    ('"We will not sign this," the foreign minister warned.', "We will not sign this",
     "direct", "warned", "We will not sign this, warned"),
    ('The premier warned: "Nobody gains from a trade war."', "Nobody gains from a trade war.",
     "direct", "warned", "warned: Nobody gains from a trade war."),
    ('"The ferry leaves at six," the spokeswoman said.', "The ferry leaves at six",
     "direct", "said", "The ferry leaves at six"),
    ('"It is a fine day for it," he said.', "It is a fine day for it", "direct", None, "It is a fine day for it"),
    ("She warned of delays. The trains run on time now, officials say.", "The trains run on time now",
     "indirect", "warned", "warned The trains run on time now"),
]


@pytest.mark.parametrize(("article", "span", "kind", "cue", "expected"), CASES,
                         ids=["praise", "blame", "negated", "never", "said-that", "cue-after", "direct-evaluative",
                              "direct-colon", "direct-plain-cue", "no-cue", "cue-not-in-the-sentence-is-prepended"])
def test_frame_text(article: str, span: str, kind: str, cue: str | None, expected: str) -> None:
    assert frame_text(article, _quote(article, span, kind, cue)) == expected


@pytest.mark.parametrize(("cue", "evaluative"), [("warned", True), ("praises", True), ("called for", True),
                                                 ("calls on", True), ("urging", True), ("said", False),
                                                 ("told reporters", False), ("according to", False), (None, False),
                                                 ("called", False)],
                         ids=["warned", "praises", "called-for", "calls-on", "urging", "said", "told", "according-to",
                              "none", "called-alone"])
def test_evaluative_cues(cue: str | None, evaluative: bool) -> None:
    assert is_evaluative_cue(cue) is evaluative


def test_score_article_scores_the_frame_and_keeps_the_quote(tone_model) -> None:
    from tonekit import score_article

    article = "The foreign minister praised the envoy's efforts to reopen the border crossing on Monday."
    framed = score_article(article, model=tone_model, mode="fast")
    plain = score_article(article, model=tone_model, mode="fast", frame=False)
    assert [q.quote.text for q in framed.quotes] == [q.quote.text for q in plain.quotes]
    for scored in framed.quotes:
        record = scored.to_dict()
        assert record["text"] == article[record["start"]:record["end"]]
        assert record["scored_text"].startswith("praised") and record["scored_text"].endswith(record["text"])
        assert scored.tone == tone_model.score(record["scored_text"])
    assert all(q.to_dict()["scored_text"] == q.quote.text for q in plain.quotes)
