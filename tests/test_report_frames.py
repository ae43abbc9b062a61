"""Table-driven cases for reporting frames beyond "X said that ...": quotations in the object of
a verb of calling or judging, nested reports, misparsed complements. Texts written for this file.

Each expected quote is (text, speaker, kind); negatives expect no quote at all.
"""

from __future__ import annotations

import pytest

from tonekit import extract_quotes

pytestmark = pytest.mark.parser

Expected = list[tuple[str, str | None, str]]

CASES = [
    # a quotation in the object of a verb of calling or judging is the subject's words
    pytest.param("Mr. Lindqvist called the proposal “a reckless gamble with our security.”",
                 [("the proposal “a reckless gamble with our security.”", "Lindqvist", "indirect")], id="called-X-quoted"),
    pytest.param("Tokyo branded the move “an act of open hostility.”",
                 [("the move “an act of open hostility.”", "Tokyo", "indirect")], id="branded-X-quoted"),
    pytest.param("Senator Hale exhorted voters to “stand up for the treaty” and said he would campaign for it.",
                 [("voters to “stand up for the treaty”", "Hale", "indirect"),
                  ("he would campaign for it", "Hale", "indirect")], id="exhorted-to-quoted-then-said"),
    pytest.param("Dr. Weiss likened the sanctions to “using a hammer to fix a watch.”",
                 [("the sanctions to “using a hammer to fix a watch.”", "Weiss", "indirect")], id="likened-to-quoted"),
    pytest.param("The council issued a statement calling the launch “a flagrant breach of the agreement.”",
                 [("the launch “a flagrant breach of the agreement.”", "the council", "indirect")],
                 id="statement-calling-is-its-authors"),
    pytest.param("The governor lauded the envoy for “patient and tireless work.”",
                 [("the envoy for “patient and tireless work.”", "the governor", "indirect")], id="role-head-lauded-for"),
    # the same verbs without quotation marks describe deeds, not words
    pytest.param("Mr. Lindqvist called a meeting of the coalition for Friday.", [], id="called-a-meeting-is-no-report"),
    pytest.param("The rebels attacked the convoy near the border on Sunday.", [], id="attacked-a-convoy-is-no-report"),
    pytest.param("The council branded its new programme with a blue logo.", [], id="branded-without-quotes-is-no-report"),
    # the complement after the verb, when the parse hangs a clause on either side
    pytest.param("Writing for a weekly panel that all agreed Okafor won the vote, Mia Sandvik noted that the way "
                 "Okafor answered was decisive.",
                 [("the way Okafor answered was decisive", "Mia Sandvik", "indirect")], id="complement-after-the-verb"),
    pytest.param("A delay is unlikely; the mission says the envoy will fly to Accra later this week.",
                 [("the envoy will fly to Accra later this week", "the mission", "indirect")],
                 id="complement-after-a-semicolon"),
    # an outer report keeps what it says before an inner report by someone else
    pytest.param("Minister Arce stressed that the reforms were not complete, and rights groups warned that the "
                 "government was giving up its leverage.",
                 [("the reforms were not complete", "Arce", "indirect"),
                  ("the government was giving up its leverage", "rights groups", "indirect")],
                 id="outer-report-kept-before-inner"),
    pytest.param("Ms. Berg said Mr. Haas told the committee that the loan was safe.",
                 [("the loan was safe", "Haas", "indirect")], id="inner-speaker-first-leaves-inner-only"),
    # a thing's verb inside a speaker's report is part of the report
    pytest.param("The city's lawyer said in the letter that the advert wrongly suggests that the police back the "
                 "campaign.",
                 [("the advert wrongly suggests that the police back the campaign", "the city's lawyer", "indirect")],
                 id="thing-verb-inside-report-is-absorbed"),
    # a tag inside one statement: both sides are the statement
    pytest.param("Even if the new firm folds within a year, Ms. Duarte said, it has already cleaned up two "
                 "rivers.",
                 [("Even if the new firm folds within a year, Ms. Duarte said, it has already cleaned up two rivers",
                   "Duarte", "indirect")], id="parenthetical-tag-both-sides"),
    pytest.param("The port was the busiest on the coast, Mr. Ilves said, until the canal silted up in 1990.",
                 [("The port was the busiest on the coast, Mr. Ilves said, until the canal silted up in 1990",
                   "Ilves", "indirect")], id="parenthetical-tag-with-tail"),
    # a reporting verb's object sums up what was said; a short object or a pronoun does not
    pytest.param("The ministry has strongly denied any role in the border raids.",
                 [("any role in the border raids", "the ministry", "indirect")], id="denied-object"),
    pytest.param("Mr. Tanaka proposes ending the rule that every importer must post a bond.",
                 [("ending the rule that every importer must post a bond", "Tanaka", "indirect")],
                 id="proposes-gerund-object"),
    pytest.param("The envoy wrote his memoir.", [], id="short-object-is-no-statement"),
    pytest.param("The premier denied it.", [], id="pronoun-object-is-no-statement"),
    # a report noun with a that-clause and a source
    pytest.param("Analysts questioned Beijing's claim that the drills were routine.",
                 [("the drills were routine", "Beijing", "indirect")], id="possessor-claim-that"),
    pytest.param("Analysts doubted a New York Times report that the envoy had quit.",
                 [("the envoy had quit", "New York Times", "indirect")], id="named-source-report-that"),
    pytest.param("Reporters seized on the ministry's claim that there were no civilians in the area.",
                 [("there were no civilians in the area", "the ministry", "indirect")], id="claim-that-there-were"),
    pytest.param("The report that he wrote was long.", [], id="relative-clause-of-report-is-no-statement"),
    pytest.param("The report that the envoy resigned was denied.", [], id="report-without-a-source-names-nobody"),
    # a verb joined to a reporting verb shares its speaker
    pytest.param("Farmers said they want “a fair price for grain,” but pledged to remain peaceful.",
                 [("they want “a fair price for grain,”", "Farmers", "indirect"),
                  ("to remain peaceful", "Farmers", "indirect")], id="said-but-pledged"),
    # a clause joined after the complement goes on with what was said; a verb with no subject
    # inside a report is part of it
    pytest.param("Ms. Ruiz says she hopes to win the seat, but she knows that “the north will always be hard.”",
                 [("she hopes to win the seat, but she knows that “the north will always be hard.”", "Ruiz", "indirect")],
                 id="joined-clause-after-complement"),
    pytest.param("The mayor said it was too early to tell whether the fire was set on purpose.",
                 [("it was too early to tell whether the fire was set on purpose", "the mayor", "indirect")],
                 id="subjectless-inner-verb-is-absorbed"),
    # a capitalised bare subject is a name even where the tagger calls it a common noun
    pytest.param("Trump spoke to a crowd of farm owners, promising to cut fuel taxes and open more land to grazing.",
                 [("to cut fuel taxes and open more land to grazing", "Trump", "indirect")], id="bare-capitalised-subject"),
    pytest.param("Taxes promised to rise sharply next year.", [], id="plural-common-subject-is-no-speaker"),
    # "add" reports only with a clause: with an object it is a deed
    pytest.param("Ms. Ortiz said developers had redrawn the districts by adding a few poor blocks to rich ones.",
                 [("developers had redrawn the districts by adding a few poor blocks to rich ones", "Ortiz", "indirect")],
                 id="adding-an-object-is-no-report"),
    pytest.param("The plant added two hundred jobs last year.", [], id="added-jobs-is-no-report"),
    pytest.param("The minister claimed that the convoy carried only food, but records from the port do not back up "
                 "that claim.", [("the convoy carried only food", "the minister", "indirect")],
                 id="but-clause-of-the-writer-is-not-the-report"),
    # not a report: whom a verb addresses, a passive subject, a relative clause
    pytest.param("The embassy has asked the foreign ministry for consular access, sources said on Friday.",
                 [("The embassy has asked the foreign ministry for consular access", "sources", "indirect")],
                 id="addressee-object-is-no-statement"),
    pytest.param("The ministry sent a team to the clinic, where two patients were said to be in a serious condition.",
                 [], id="passive-said-to-be-is-no-report"),
    pytest.param("Voters said they agree with what the rebels were proposing to do.",
                 [("they agree with what the rebels were proposing to do", "Voters", "indirect")],
                 id="relative-what-clause-is-no-report"),
    pytest.param("Mr. Ilves spoke of growth even as the Kurds said the army had shelled their villages.",
                 [("the army had shelled their villages", "the Kurds", "indirect")], id="even-as-is-no-as-frame"),
    pytest.param("The nominee continues to insist, most recently in a radio interview, that he wants to publish the "
                 "letters.", [("he wants to publish the letters", "the nominee", "indirect")],
                 id="continues-to-insist-that"),
    pytest.param("Proponents, including the mayors of four cities, have urged the council to leave the fund intact.",
                 [("the council to leave the fund intact", "Proponents", "indirect")], id="people-noun-urged"),
    pytest.param("Mr. Dahl told his young followers on a regular basis that the old order must fall.",
                 [("the old order must fall", "Dahl", "indirect")], id="that-clause-hung-on-an-adverbial"),
    # "as X put it, S": the main clause is X's
    pytest.param("As Ms. Varga put it in a statement to reporters in May, the agency is “doing the work nobody else "
                 "will do.”", [("the agency is “doing the work nobody else will do.”", "Varga", "indirect")],
                 id="as-X-put-it"),
    pytest.param("As the minister noted, the port handles most of the grain.",
                 [("the port handles most of the grain", "the minister", "indirect")], id="as-X-noted"),
    pytest.param("As the rain fell, the talks went on.", [], id="as-clause-without-a-cue"),
    pytest.param("Mr. Gowdy said that claim smacked of hypocrisy.", [("that claim smacked of hypocrisy", "Gowdy", "indirect")],
                 id="that-as-determiner-is-kept"),
    pytest.param("The envoy said the border would stay shut, because the rebels still held the bridge.",
                 [("the border would stay shut, because the rebels still held the bridge", "the envoy", "indirect")],
                 id="reason-clause-belongs-to-the-report"),
    pytest.param("Ms. Varga said there remains a “big gap between the two systems,” when it comes to how many clerks "
                 "work at the ministry.",
                 [("there remains a “big gap between the two systems,” when it comes to how many clerks work at the ministry",
                   "Varga", "indirect")], id="when-it-comes-to-belongs-to-the-report"),
    pytest.param("Ham went on to explain how he believes cuts to the budget left his hands tied when trying to do his "
                 "job.", [("how he believes cuts to the budget left his hands tied when trying to do his job", "Ham",
                           "indirect")], id="went-on-to-explain-split-complement"),
    pytest.param("A spokeswoman for the ministry declined to comment on the details of the hiring freeze.", [],
                 id="declined-to-comment-states-nothing"),
    pytest.param("The panel will look into who is to blame for the blackout in the capital.", [],
                 id="is-to-blame-is-no-report"),
    pytest.param("The city council has denied a permit for the march on grounds that it might block the port.",
                 [("a permit for the march", "the city council", "indirect")],
                 id="grounds-that-is-a-reason-not-the-statement"),
    pytest.param("During a closed meeting, members of the council expressed their deep concern about the port, the "
                 "ambassador said.",
                 [("their deep concern about the port", "members", "indirect")], id="fronted-opener-is-no-report"),
    # a reporting verb the tagger took for a plural noun
    pytest.param("But Ortega claims that he should be exempt from the rule.",
                 [("he should be exempt from the rule", "Ortega", "indirect")], id="claims-tagged-as-noun"),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_report_frames(text: str, expected: Expected) -> None:
    got = [(q.text, q.speaker, q.kind) for q in extract_quotes(text, mode="accurate")]
    assert got == expected
