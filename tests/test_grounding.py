"""Adversarial model answers (authored for these tests): nothing ungrounded reaches the output."""

import json

import pytest
from typer.testing import CliRunner

from summarizer import SummaryFailed, summarize
from summarizer.cli import app
from summarizer.freetext import breaks_off, not_a_topic
from summarizer.grounding import verify_spans
from summarizer.steps import analyse
from summarizer.testing.authoring import author_case

from .conftest import ROOT, SEED, Script, draft, fast_settings, ok

DOC = (
    "Acme Corp chief executive Jane Roe spoke on Monday. "
    "“We will not cut jobs,” Roe said. Analyst Bob Stone disagreed. "
    "He said the plan was 'too optimistic' for the market.\n"
    "See Also: Globex Industries reports record profit"
)
ACTORS = [
    {"id": "A1", "name": "Jane Roe", "kind": "person", "role": "CEO of Acme Corp", "aliases": ["Roe"]},
    {"id": "A2", "name": "Bob Stone", "kind": "person", "role": "analyst"},
    {"id": "A3", "name": "Acme Corp", "kind": "organization", "aliases": ["Acme"]},
]


def _summarize(*answers, doc: str = DOC, **changes):
    """Summarize with scripted answers; by default only what the model selected is kept, so the
    checks on the model's own answer are what these tests see."""
    changes = {"quotes": "selected", "actors": "selected", **changes}
    script = Script(*[ok(a) for a in answers])
    summary = summarize(doc, settings=fast_settings(**changes), http_client=script.client())
    assert not verify_spans(
        doc,
        summary.quotes,
        [e for s in summary.stances for e in s.evidence] + [e for r in summary.risks for e in r.evidence],
    )
    return summary, script


def test_valid_citations_become_exact_spans() -> None:
    """Cited ids become exact text with offsets, and speakers are actor ids."""
    summary, _ = _summarize(
        draft(
            actors=ACTORS,
            quotes=[{"quote_id": "Q1", "speaker_id": "A1"}, {"quote_id": "Q2", "speaker_id": "A2"}],
        )
    )
    assert [(q.text, q.speaker_id) for q in summary.quotes] == [
        ("We will not cut jobs", "A1"),
        ("too optimistic", "A2"),
    ]
    assert not [w for w in summary.warnings if w.startswith("Dropped") or "corrected" in w]


def test_fabricated_quote_is_reasked_then_dropped() -> None:
    """A quote id that does not exist is re-asked once naming it, then dropped with a warning."""
    bad = draft(actors=ACTORS, quotes=[{"quote_id": "Q9", "speaker_id": "A1"}])
    summary, script = _summarize(bad, bad)
    assert script.count == 2
    assert "Q9" in script.requests[1]["messages"][-1]["content"]
    assert summary.quotes == [] and any("Q9" in w for w in summary.warnings)


def test_reask_that_fixes_the_answer_leaves_no_warning() -> None:
    """When the re-asked answer is grounded, it is used and nothing is dropped."""
    bad = draft(actors=ACTORS, quotes=[{"quote_id": "Q9", "speaker_id": "A1"}])
    good = draft(actors=ACTORS, quotes=[{"quote_id": "Q1", "speaker_id": "A1"}])
    summary, script = _summarize(bad, good)
    assert [q.id for q in summary.quotes] == ["Q1"]
    assert not [w for w in summary.warnings if w.startswith("Dropped")]
    assert summary.meta.reasks == 1


def test_typed_quote_text_and_offsets_from_the_model_are_ignored() -> None:
    """Text stitched from two sentences, or offsets off by one, cannot replace the source span."""
    stitched = {
        "quote_id": "Q1",
        "speaker_id": "A1",
        "text": "We will cut jobs, Analyst Bob Stone",
        "start": 53,
        "end": 79,
    }
    summary, _ = _summarize(draft(actors=ACTORS, quotes=[stitched]))
    [quote] = summary.quotes
    assert quote.text == "We will not cut jobs" and DOC[quote.start : quote.end] == quote.text


def test_misattributed_speaker_is_repaired_to_the_sentence_speaker() -> None:
    """A quote the model gives to someone else goes to the speaker its sentence names, with a note."""
    doc = (
        "Analyst Bob Stone spoke first.\nThe market was calm. Trading was thin. Prices barely moved.\n"
        "Later, Acme Corp chief executive Jane Roe arrived. “We will not cut jobs,” Roe said."
    )
    wrong = draft(actors=ACTORS, quotes=[{"quote_id": "Q1", "speaker_id": "A2"}])
    summary, script = _summarize(wrong, doc=doc)
    assert script.count == 1  # a repair needs no re-ask
    assert [(q.text, q.speaker_id, q.attribution) for q in summary.quotes] == [
        ("We will not cut jobs", "A1", "sentence")
    ]
    assert any("Jane Roe's" in w and "not Bob Stone's" in w for w in summary.warnings)


def test_model_speaker_not_named_near_an_unattributed_quote_is_dropped() -> None:
    """Where the text names no speaker, the model's choice must be named near the quote."""
    doc = (
        "Analyst Bob Stone spoke first.\nThe market was calm. Trading was thin. Prices barely moved.\n"
        "Acme Corp chief executive Jane Roe arrived late. A banner read “We will not cut jobs.”"
    )
    wrong = draft(actors=ACTORS, quotes=[{"quote_id": "Q1", "speaker_id": "A2"}])
    summary, script = _summarize(wrong, wrong, doc=doc)
    assert summary.quotes == []
    assert "Bob Stone" in script.requests[1]["messages"][-1]["content"]
    assert any("Bob Stone" in w and w.startswith("Dropped") for w in summary.warnings)


def test_quote_given_to_someone_else_in_its_own_sentence_goes_to_that_person() -> None:
    """'... McFaul, calling it “horrible.”' is McFaul's, though the model said Ma Zhaoxu's."""
    doc = (
        "Vice Foreign Minister Ma Zhaoxu held a call on Friday. Former ambassador Michael McFaul "
        "criticized the silence, calling it “horrible.”"
    )
    actors = [
        {"id": "A1", "name": "Ma Zhaoxu", "kind": "person"},
        {"id": "A2", "name": "Michael McFaul", "kind": "person"},
    ]
    wrong = draft(actors=actors, quotes=[{"quote_id": "Q1", "speaker_id": "A1"}])
    summary, _ = _summarize(wrong, doc=doc)
    assert [(q.text, q.speaker_id) for q in summary.quotes] == [("horrible.", "A2")]
    assert any("Michael McFaul's" in w for w in summary.warnings)


def test_a_quote_the_model_left_out_is_added_with_its_stated_speaker() -> None:
    """With quotes='all' (the default), a quote whose speaker the text states is kept even when
    the model skipped it, and its speaker joins the actors from the candidates."""
    summary, _ = _summarize(draft(actors=[ACTORS[1]]), quotes="all")
    roe = next(a for a in summary.actors if a.name == "Jane Roe")
    assert [(q.text, q.speaker_id) for q in summary.quotes][0] == ("We will not cut jobs", roe.id)


def test_selected_quotes_keep_only_what_the_model_chose() -> None:
    """With quotes='selected', a quote the model skipped stays out (and is counted as missed)."""
    summary, _ = _summarize(draft(actors=[ACTORS[1]]), quotes="selected")
    assert summary.quotes == [] and summary.meta.quote_coverage.included == 0


def test_all_actors_adds_every_candidate_the_document_names() -> None:
    """With actors='all', actors the model left out but the text names are listed too."""
    summary, _ = _summarize(draft(actors=[ACTORS[1]]), actors="all")
    assert {"Jane Roe", "Bob Stone", "Acme Corp"} <= {a.name for a in summary.actors}
    assert "Globex Industries" not in {a.name for a in summary.actors}  # boilerplate only


def test_a_stance_citing_a_candidate_id_gets_that_actor() -> None:
    """A stance holder cited by a prompt candidate id the model did not list is that candidate."""

    names = [c.name for c in analyse(DOC).candidates]
    roe_id = f"A{names.index('Jane Roe') + 1}"
    stance = {"actor_id": roe_id, "topic": "jobs", "position": "support", "evidence": ["S2"]}
    stone = {**ACTORS[1], "id": "A9"}
    summary, _ = _summarize(draft(actors=[stone], stances=[stance]))
    [kept] = summary.stances
    assert next(a for a in summary.actors if a.id == kept.actor_id).name == "Jane Roe"


def test_alias_hijack_cannot_move_a_quote() -> None:
    """Calling Alice Smith 'Bob Jones' does not make Bob Jones's quote hers."""
    doc = "Alice Smith chairs the board. “Costs will rise,” said Bob Jones, the treasurer."
    hijack = [{"id": "A1", "name": "Alice Smith", "kind": "person", "aliases": ["Bob Jones"]}]
    summary, _ = _summarize(draft(actors=hijack, quotes=[{"quote_id": "Q1", "speaker_id": "A1"}]), doc=doc)
    alice = next(a for a in summary.actors if a.name == "Alice Smith")
    assert "Bob Jones" not in alice.aliases
    [quote] = summary.quotes
    assert next(a for a in summary.actors if a.id == quote.speaker_id).name == "Bob Jones"


def test_invented_actor_from_words_of_one_sentence_is_dropped() -> None:
    """'Harbor Smith' and 'Monday Jones' are not named by a sentence holding each word apart."""
    doc = "On Monday, Jane Smith visited the harbor. Tom Jones stayed home."
    invented = [
        {"id": "A1", "name": "Harbor Smith", "kind": "person"},
        {"id": "A2", "name": "Monday Jones", "kind": "person"},
        {"id": "A3", "name": "Jane Smith", "kind": "person"},
    ]
    summary, _ = _summarize(draft(actors=invented), draft(actors=invented), doc=doc)
    assert [a.name for a in summary.actors] == ["Jane Smith"]


def test_a_name_inside_the_quote_is_not_its_speaker() -> None:
    """“John Smith lied to all of us,” said a neighbour: John Smith is not the speaker."""
    doc = "John Smith runs the mill.\n“John Smith lied to all of us,” said a neighbour."
    actors = [{"id": "A1", "name": "John Smith", "kind": "person"}]
    answer = draft(actors=actors, quotes=[{"quote_id": "Q1", "speaker_id": "A1"}])
    summary, _ = _summarize(answer, answer, doc=doc)
    assert summary.quotes == []


def test_mentions_are_not_quotes() -> None:
    """A film title and scare quotes are not anyone's words, whatever the model says."""
    doc = "Critics loved the film “Parasite”. Ana Ruiz called the claims “fake news” on Monday."
    actors = [{"id": "A1", "name": "Ana Ruiz", "kind": "person"}]
    answer = draft(actors=actors, quotes=[{"quote_id": "Q1", "speaker_id": "A1"}])
    summary, _ = _summarize(answer, doc=doc, quotes="all")
    assert [q.text for q in summary.quotes] == ["fake news"]
    assert summary.meta.quote_coverage.found == 1


def test_kinds_the_text_knows_override_the_models() -> None:
    """A person the model calls a country is a person."""
    actors = [{"id": "A1", "name": "Jane Roe", "kind": "country"}]
    summary, _ = _summarize(draft(actors=actors))
    assert summary.actors[0].kind == "person"


def test_prompt_scaffolding_is_removed_from_free_text() -> None:
    """The boundary token line a weak model copies into its headline never reaches the output."""
    answer = draft(
        headline="The document token for this request is docb-0123456789abcdef. Acme keeps jobs",
        actors=ACTORS,
    )
    summary, _ = _summarize(answer)
    assert "docb-" not in summary.headline and "token" not in summary.headline


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        # The embedded model's own tldr for harbor_bridge_toll began with an ACTORS line's id and kind.
        (
            "A3 Acme Corp (organization) will not cut jobs, Jane Roe said",
            "Acme Corp will not cut jobs, Jane Roe said",
        ),
        ("A1 Jane Roe (person; CEO of Acme Corp) says Acme keeps jobs", "Jane Roe says Acme keeps jobs"),
        (
            "[S1] Acme Corp chief executive Jane Roe spoke on Monday.",
            "Acme Corp chief executive Jane Roe spoke on Monday.",
        ),
        (
            "ACTORS: Jane Roe and Bob Stone disagree on Acme jobs",
            "Jane Roe and Bob Stone disagree on Acme jobs",
        ),
    ],
)
def test_the_prompt_s_ids_are_removed_from_free_text(written: str, shown: str) -> None:
    """How the prompt writes its ids, copied into the headline, is cut; the names stay."""
    summary, _ = _summarize(draft(headline=written, actors=ACTORS))
    assert summary.headline == shown
    assert any("framing" in w for w in summary.warnings + summary.meta.model_dump().get("notes", []))


def test_a_copied_quotes_line_is_no_headline() -> None:
    """A QUOTES line copied as the headline goes whole (a quote without its speaker), and the
    document's own lead is shown instead."""
    summary, _ = _summarize(
        draft(headline="Q1 (in S2; speaker A1 Jane Roe): We will not cut jobs", actors=ACTORS)
    )
    assert "Q1" not in summary.headline and "speaker" not in summary.headline
    assert summary.headline and summary.headline in DOC


@pytest.mark.parametrize("headline", ["Jane Roe", "A3 Acme Corp (organization)", "Bob Stone }"])
def test_a_headline_that_only_names_an_actor_gives_way_to_the_document_s_own(headline: str) -> None:
    """What the embedded model wrote for short articles, once the copied ids are cut: a name
    says no news, so the document's own lead is shown, with a note."""
    summary, _ = _summarize(draft(headline=headline, tldr=headline, actors=ACTORS))
    assert summary.headline in DOC and summary.tldr in DOC
    assert any("only named an actor" in w for w in summary.warnings)


@pytest.mark.parametrize(
    ("field", "written"),
    [
        ("headline", "Acme to cut 40% of jobs, Roe says"),
        ("tldr", "Roe said Acme would keep 1,200 jobs on Monday."),
    ],
)
def test_a_number_the_document_never_gives_is_not_shown(field: str, written: str) -> None:
    """What the embedded model wrote of a transit article ("cut 60% of the bus routes", where the
    article gives no such figure): an invented fact gives way to the document's own lead."""
    answer = draft(actors=ACTORS, **{field: written})
    summary, _ = _summarize(answer)
    shown = getattr(summary, field)
    assert shown != written and shown in DOC
    assert any("gave a number the document does not" in w for w in summary.warnings)


@pytest.mark.parametrize(
    ("description", "topic", "risk_says", "stance_says"),
    [
        (
            "Acme may cut 40% of its jobs",
            "cutting 40% of jobs",
            "risks[0] has a description with a figure the document does not give (40)",
            "stances[0] has a topic with a figure the document does not give (40)",
        ),
        (
            "Acme's jobs may move to Rotterdam",
            "jobs at the Rotterdam plant",
            "risks[0] has a description that names Rotterdam, which the document does not",
            "stances[0] has a topic that names Rotterdam, which the document does not",
        ),
    ],
)
def test_a_stance_or_risk_with_what_the_document_never_gives_is_re_asked_then_dropped(
    description: str, topic: str, risk_says: str, stance_says: str
) -> None:
    """A risk or a stance topic with a figure the text never gives ("cut 40% of its jobs") or a
    name it never writes ("Rotterdam") is re-asked, naming it, and dropped when it comes back."""
    risk = {"description": description, "category": "financial", "severity": "high", "evidence": ["S2"]}
    stance = {"actor_id": "A1", "topic": topic, "position": "oppose", "evidence": ["S2"]}
    answer = draft(actors=ACTORS, risks=[risk], stances=[stance])
    summary, script = _summarize(answer, answer)
    assert summary.risks == [] and summary.stances == []
    reask = script.requests[1]["messages"][-1]["content"]
    assert risk_says in reask and stance_says in reask


def test_a_headline_or_tldr_that_breaks_off_gives_way_to_the_lead() -> None:
    """The embedded model ran out of room: "... with both sides demanding a full refund of"."""
    summary, _ = _summarize(draft(headline="Roe says Acme will not cut jobs and the", actors=ACTORS))
    assert summary.headline != "Roe says Acme will not cut jobs and the" and summary.headline in DOC
    assert any("broke off mid-phrase" in w for w in summary.warnings)
    summary, _ = _summarize(draft(headline="What Acme's jobs plan is for", actors=ACTORS))
    assert summary.headline == "What Acme's jobs plan is for"  # a preposition may end a headline
    # The seed's replayed headline stopped at an initial: "... Secretary of State Christopher L."
    assert breaks_off("Ma Zhaoxu spoke with Deputy Secretary of State Christopher L.")
    assert not breaks_off("China warns the U.S.") and not breaks_off("Acme keeps jobs, Roe says.")


def test_a_stance_topic_copied_from_a_quote_or_a_risk_cut_short_is_re_asked_then_dropped() -> None:
    """What the embedded model wrote: a topic that is two sentences of a quote ("... earn less.
    I've seen it before, I'"), and a risk that stops mid-phrase. A short topic stays."""
    copied = "person at the top of a stage in January and promised nobody would earn less. I've seen it"
    stances = [
        {"actor_id": "A1", "topic": copied, "position": "support", "evidence": ["S2"]},
        {"actor_id": "A1", "topic": "cutting jobs at Acme", "position": "oppose", "evidence": ["S2"]},
    ]
    risk = {
        "description": "Acme may lose its",
        "category": "financial",
        "severity": "high",
        "evidence": ["S2"],
    }
    answer = draft(actors=ACTORS, risks=[risk], stances=stances)
    summary, script = _summarize(answer, answer)
    assert [s.topic for s in summary.stances] == ["cutting jobs at Acme"] and summary.risks == []
    reask = script.requests[1]["messages"][-1]["content"]
    assert "stances[0] has a topic that is not a short phrase" in reask
    assert "risks[0] breaks off mid-phrase" in reask


@pytest.mark.parametrize(
    ("topic", "is_topic"),
    [
        ("Mr. Smith's budget plan", True),
        ("U.S. tariffs on China", True),
        ("cutting jobs at Acme", True),
        ("the plan. I think it fails", False),
        ("the new pay formula and the", False),
        ("extending unemployment benefits to those", False),
        (" ".join(["word"] * 21), False),
    ],
)
def test_what_a_stance_topic_may_be(topic: str, is_topic: bool) -> None:
    """A phrase, even with a title's full stop in it; not two sentences, a phrase cut short or a
    paragraph."""
    assert not_a_topic(topic) is not is_topic


def test_a_number_the_document_gives_stays() -> None:
    """Digits are compared, not their separators: "1,200" in the text allows "1200"."""
    doc = DOC.replace("spoke on Monday.", "spoke on Monday about 1,200 jobs in 2025.")
    summary, _ = _summarize(draft(headline="Acme keeps 1200 jobs in 2025, Roe says", actors=ACTORS), doc=doc)
    assert summary.headline == "Acme keeps 1200 jobs in 2025, Roe says"


def test_a_dateline_the_model_copied_into_its_headline_is_cut() -> None:
    headline = "CALDER BAY (AP) - Acme Corp will not cut jobs, Roe says"
    summary, _ = _summarize(draft(headline=headline, actors=ACTORS))
    assert summary.headline == "Acme Corp will not cut jobs, Roe says"


def test_stray_full_stops_are_tidied() -> None:
    summary, _ = _summarize(
        draft(headline="Roe says Acme will not cut jobs, a move that could .", actors=ACTORS)
    )
    assert summary.headline == "Roe says Acme will not cut jobs, a move that could."
    summary, _ = _summarize(draft(tldr="Acme will not .cut jobs , Roe said .", actors=ACTORS))
    assert summary.tldr == "Acme will not cut jobs, Roe said."


def test_the_document_s_own_lead_leaves_out_a_speaker_label() -> None:
    """A transcript's lead is what was said, not "MS. WELLS: Good afternoon"."""
    doc = "Press Briefing by Karen Wells\n\nMS. WELLS: The bill was signed today. It costs $2 billion."
    summary, _ = _summarize(
        draft(headline="Snow fell in Oslo", tldr="Snow fell in Oslo.", actors=[]), doc=doc
    )
    assert summary.tldr == "The bill was signed today. It costs $2 billion."


def test_the_document_s_own_lead_leaves_out_a_german_dateline_and_byline() -> None:
    """German pages open with "Von Anna Becker" and a dateline that is a sentence of its own,
    "Berlin.": the tldr shown for the model's is the story, not "Berlin. Die GDL ..."."""
    doc = (
        "Bahnstreik: Pendler müssen sich auf Ausfälle einstellen\n\nVon Anna Becker\n\n"
        "Berlin. Die Gewerkschaft GDL hat für Donnerstag zu einem Streik aufgerufen. Die Bahn rechnet "
        "mit Ausfällen.\n\n„Wir haben ein faires Angebot gemacht“, sagte GDL-Chef Martin Vogt.\n"
    )
    summary, _ = _summarize(draft(headline="2025-03-28 14:57", tldr="B904", actors=[]), doc=doc)
    assert summary.tldr == (
        "Die Gewerkschaft GDL hat für Donnerstag zu einem Streik aufgerufen. Die Bahn rechnet mit Ausfällen."
    )
    assert "Anna Becker" not in analyse(doc).document.kept_text()


SPORTS = (
    "Comets rally late to stun Harbor City 3-2, clinch playoff spot\n\n"
    "PORTVALE — Nadia Obi scored twice in the final eight minutes Saturday as the Portvale Comets beat "
    "Harbor City FC 3-2 and clinched a playoff berth.\n\n"
    "“They listened,” Comets coach Ray Delacroix said.\n"
)


@pytest.mark.parametrize(
    ("headline", "why"),
    [
        # The embedded model's answers to documents like this one, 2026-11-28.
        (
            "Comets rally late to St. Louis 3-2, clinch playoff spot",
            "named what the document does not (St. Louis)",
        ),
        (
            "Alejandro Cirac - Comets rally late to stun Harbor City",
            "named what the document does not (Alejandro Cirac)",
        ),
        (
            "The Comets playoff berth in the final eight minutes to the Comets playoff berth in the final "
            "eight minutes. A1, A2, A3,",
            "repeated itself or the prompt's ids",
        ),
    ],
)
def test_a_headline_naming_what_the_document_does_not_gives_way(headline: str, why: str) -> None:
    """A weak model's headline put a city the story never names ("St. Louis") and a person it
    made up into the summary; another looped and listed the prompt's ids."""
    summary, _ = _summarize(draft(headline=headline, actors=[]), doc=SPORTS)
    assert summary.headline == "Comets rally late to stun Harbor City 3-2, clinch playoff spot"
    assert f"The model's headline {why}; the document's own headline is shown." in summary.warnings


@pytest.mark.parametrize(
    "headline",
    [
        "Analysts say: Comets clinch a playoff berth",  # a clause opens with "Comets"
        "Obi’s Late Double Lifts Comets Past Harbor City",  # Title Case: words the story writes in lower case
        "Late goals from Obi send the Comets to the playoffs",
        "the Obi-Delacroix partnership sends the Comets to the playoffs",  # two names, both the story's
    ],
)
def test_a_headline_in_the_models_own_words_stands(headline: str) -> None:
    summary, _ = _summarize(draft(headline=headline, actors=[]), doc=SPORTS)
    assert summary.headline == headline


def test_the_document_s_own_lead_leaves_out_its_dateline() -> None:
    """A lead shown for the model's is the story, not "SANTIAGO, Nov 26 (Reuters) - "."""
    doc = (
        "Chile lithium deal sparks protest\n"
        "SANTIAGO, Nov 26 (Reuters) - Protesters blocked a road on Wednesday, police said. "
        "Codelco said it had held meetings.\n"
    )
    summary, _ = _summarize(draft(headline="2025-03-28 14:57", tldr="B904", actors=[]), doc=doc)
    assert summary.tldr.startswith("Protesters blocked a road on Wednesday, police said.")


def test_the_document_s_own_lead_skips_a_standfirst_without_a_full_stop() -> None:
    """A standfirst or byline line with no full stop is not glued to the lead ("... organisers said
    CASTLEBRIDGE — Hundreds of couriers ...")."""
    doc = (
        "Couriers log off SwiftCart\n"
        "The walkout was the largest in the app's history, organisers said\n"
        "CASTLEBRIDGE — Hundreds of couriers switched off the app on Friday. The company said little.\n"
    )
    summary, _ = _summarize(draft(headline="2025-03-28 14:57", tldr="B904", actors=[]), doc=doc)
    assert summary.tldr == "Hundreds of couriers switched off the app on Friday. The company said little."


def test_a_one_line_document_still_has_a_lead() -> None:
    """Its one line is its own headline; the tldr the model left empty is its sentences, not ''."""
    doc = "Bob Jones, the harbour master, said the port would stay shut. Ships wait offshore."
    answer = draft(headline="A1 Bob Jones (person)", tldr="{ }")
    summary, _ = _summarize(answer, answer, doc=doc)
    assert summary.headline == doc
    assert summary.tldr == doc


def test_a_headline_with_names_and_news_stays() -> None:
    summary, _ = _summarize(draft(headline="Jane Roe says Acme will not cut jobs", actors=ACTORS))
    assert summary.headline == "Jane Roe says Acme will not cut jobs"


def test_ids_in_plain_prose_are_left_alone() -> None:
    summary, _ = _summarize(draft(headline="Acme's A380 order stands, Jane Roe says", actors=ACTORS))
    assert summary.headline == "Acme's A380 order stands, Jane Roe says"


def test_repeated_risks_are_merged() -> None:
    """Near-identical risks are listed once."""
    risk = {
        "description": "Job cuts at Acme",
        "category": "economic",
        "severity": "medium",
        "evidence": ["S2"],
    }
    again = {**risk, "description": "Job cuts at Acme Corp"}
    summary, _ = _summarize(draft(actors=ACTORS, risks=[risk, again]))
    assert len(summary.risks) == 1


def test_multi_sentence_quote_stays_in_one_sentence_with_its_attribution() -> None:
    """A quote of several sentences is not split, so the trailing 'Sorensen said' is its own."""
    from summarizer.cleaning import clean
    from summarizer.segmentation import segment

    doc = "“It will rain. I believe them. I just wonder when,” Sorensen said. Then she left."
    seg = segment(clean(doc))
    assert [s.text for s in seg.sentences] == [
        "“It will rain. I believe them. I just wonder when,” Sorensen said.",
        "Then she left.",
    ]
    assert seg.quotes[0].text == "It will rain. I believe them. I just wonder when"


def test_speaker_named_earlier_in_the_paragraph_is_accepted() -> None:
    """A pronoun-attributed quote keeps a speaker named earlier in its paragraph."""
    doc = (
        "Jane Roe, chief executive of Acme Corp, took questions for an hour. Margins fell. "
        "Costs rose. Orders slowed. Shipping was late. “We will not cut jobs,” she said."
    )
    answer = draft(actors=[ACTORS[0], ACTORS[2]], quotes=[{"quote_id": "Q1", "speaker_id": "A1"}])
    summary, _ = _summarize(answer, doc=doc)
    assert [(q.text, q.speaker_id) for q in summary.quotes] == [("We will not cut jobs", "A1")]


def test_actor_named_by_its_words_in_one_sentence_is_kept() -> None:
    """'Zhaoxu Ma' (name order swapped) survives, under the text's own 'Ma Zhaoxu'."""
    doc = "Vice Foreign Minister Ma Zhaoxu met envoys on Friday. The talks were brief."
    actors = [{"id": "A1", "name": "Zhaoxu Ma", "kind": "person"}]
    summary, _ = _summarize(draft(actors=actors), doc=doc)
    assert [a.name for a in summary.actors] == ["Ma Zhaoxu"]


def test_words_scattered_over_the_text_do_not_name_an_actor() -> None:
    """'Trade Council' is not named by 'trade' in one sentence and 'council' in another."""
    doc = "Trade fell in May. The city council met on Friday."
    actors = [{"id": "A1", "name": "Trade Council", "kind": "organization"}]
    summary, _ = _summarize(draft(actors=actors), draft(actors=actors), doc=doc)
    assert summary.actors == []


def test_speaker_not_in_actor_list_is_a_problem() -> None:
    """A speaker id that names no listed actor is re-asked, then the quote is dropped."""
    bad = draft(actors=ACTORS, quotes=[{"quote_id": "Q1", "speaker_id": "A7"}])
    summary, script = _summarize(bad, bad)
    assert "A7" in script.requests[1]["messages"][-1]["content"]
    assert summary.quotes == []


def test_actor_not_in_the_text_is_dropped() -> None:
    """An invented actor is dropped and named in warnings."""
    invented = [*ACTORS, {"id": "A4", "name": "Elon Musk", "kind": "person"}]
    summary, _ = _summarize(draft(actors=invented), draft(actors=invented))
    assert "Elon Musk" not in [a.name for a in summary.actors]
    assert any("Elon Musk" in w for w in summary.warnings)


def test_the_name_the_prompt_gave_a_candidate_counts_as_named() -> None:
    """The candidates list a country the text calls "U.S." as "United States": a model that
    uses that name is not re-asked, and the actor keeps the forms the text uses."""
    doc = "U.S. officials met on Monday. “We are ready,” said Jane Roe, a U.S. trade envoy."
    actors = [{"id": "A1", "name": "United States", "kind": "country"}]
    summary, script = _summarize(draft(actors=actors), doc=doc)
    assert len(script.requests) == 1
    assert "A1 United States (country)" in script.requests[0]["messages"][1]["content"]
    (actor,) = [a for a in summary.actors if a.name == "United States"]
    assert "U.S." in actor.aliases
    assert not [w for w in summary.warnings if "United States" in w]


def test_an_invented_name_is_still_refused_when_it_is_no_candidate() -> None:
    """Only the library's own name for a candidate is let through: "United Kingdom" for a
    text about the U.S. is still dropped."""
    doc = "U.S. officials met on Monday. “We are ready,” said Jane Roe, a U.S. trade envoy."
    actors = [{"id": "A1", "name": "United Kingdom", "kind": "country"}]
    summary, _ = _summarize(draft(actors=actors), draft(actors=actors), doc=doc)
    assert "United Kingdom" not in [a.name for a in summary.actors]


def test_boilerplate_only_actor_never_appears() -> None:
    """An actor named only in a removed See Also line is not an actor of the story."""
    with_boilerplate = [*ACTORS, {"id": "A4", "name": "Globex Industries", "kind": "organization"}]
    summary, _ = _summarize(draft(actors=with_boilerplate), draft(actors=with_boilerplate))
    assert "Globex Industries" not in [a.name for a in summary.actors]


def test_seed_see_also_company_never_appears(seed_text: str) -> None:
    """The seed's See Also line about Goldman Sachs yields no actor."""
    actors = [
        {"id": "A1", "name": "Goldman Sachs", "kind": "organization"},
        {"id": "A2", "name": "Jensen Huang", "kind": "person"},
    ]
    script = Script(ok(draft(actors=actors)), ok(draft(actors=actors)))
    settings = fast_settings(quotes="selected", actors="selected")
    summary = summarize(seed_text, settings=settings, http_client=script.client())
    assert [a.name for a in summary.actors] == ["Jensen Huang"]


def test_one_entry_per_real_world_actor() -> None:
    """Trump, President Donald Trump and Donald Trump merge into one actor with aliases."""
    doc = "President Donald Trump spoke. Donald Trump later left. Trump said “it went well.”"
    actors = [
        {"id": "A1", "name": "Trump", "kind": "person"},
        {"id": "A2", "name": "President Donald Trump", "kind": "person"},
        {"id": "A3", "name": "Donald Trump", "kind": "person"},
    ]
    summary, _ = _summarize(draft(actors=actors, quotes=[{"quote_id": "Q1", "speaker_id": "A1"}]), doc=doc)
    [actor] = summary.actors
    assert actor.name == "President Donald Trump" or actor.name == "Donald Trump"
    assert {"Trump"} <= set(actor.aliases)
    assert summary.quotes[0].speaker_id == actor.id


def test_acronym_merges_with_the_full_name() -> None:
    """An organization under its acronym and its full name is one actor."""
    doc = "The International Monetary Fund warned on Tuesday. The IMF expects slower growth."
    actors = [
        {"id": "A1", "name": "International Monetary Fund", "kind": "organization"},
        {"id": "A2", "name": "IMF", "kind": "organization"},
    ]
    summary, _ = _summarize(draft(actors=actors), doc=doc)
    assert [(a.name, a.aliases) for a in summary.actors] == [("International Monetary Fund", ["IMF"])]


def test_an_acronym_alias_does_not_pull_in_unrelated_actors() -> None:
    """NVIDIA (alias NVDA) and the United States (alias US) are two actors, not one."""
    doc = "NVIDIA Corp. NVDA criticized US export controls. The United States did not reply."
    actors = [
        {"id": "A1", "name": "NVIDIA Corp.", "kind": "organization", "aliases": ["NVDA"]},
        {"id": "A2", "name": "United States", "kind": "country", "aliases": ["US"]},
    ]
    summary, _ = _summarize(draft(actors=actors), doc=doc)
    assert [a.name for a in summary.actors] == ["NVIDIA Corp.", "United States"]


def test_different_people_with_one_surname_stay_apart() -> None:
    """A lone surname shared by two listed people is not merged into either."""
    doc = "Donald Trump and Melania Trump arrived. Trump waved."
    actors = [
        {"id": "A1", "name": "Donald Trump", "kind": "person"},
        {"id": "A2", "name": "Melania Trump", "kind": "person"},
        {"id": "A3", "name": "Trump", "kind": "person"},
    ]
    summary, _ = _summarize(draft(actors=actors), doc=doc)
    assert {"Donald Trump", "Melania Trump"} <= {a.name for a in summary.actors}


def test_no_quote_document_yields_no_quotes() -> None:
    """A document without quotations gives no quotes, whatever the model cites."""
    doc = "The central bank kept rates unchanged on Thursday. Markets rose slightly."
    actors = [{"id": "A1", "name": "central bank", "kind": "organization"}]
    answer = draft(actors=actors, quotes=[{"quote_id": "Q1", "speaker_id": "A1"}])
    summary, _ = _summarize(answer, answer, doc=doc)
    assert summary.quotes == []


def test_invalid_evidence_ids_are_dropped_but_valid_ones_kept() -> None:
    """A stance citing S2 and S99 keeps S2's exact span and warns about S99."""
    stance = {"actor_id": "A1", "topic": "jobs", "position": "support", "evidence": ["S2", "S99"]}
    answer = draft(actors=ACTORS, stances=[stance])
    summary, _ = _summarize(answer, answer)
    [kept] = summary.stances
    assert [e.text for e in kept.evidence] == ["“We will not cut jobs,” Roe said."]
    assert any("S99" in w for w in summary.warnings)


def test_a_repeated_stance_is_listed_once_with_the_evidence_of_both() -> None:
    """A weak model writes one stance three times ("Roe on the plan: support" x3); it is one stance,
    its evidence the union, with a note. The same holder opposing, or on another topic, stays."""
    stances = [
        {"actor_id": "A1", "topic": "keeping jobs at Acme", "position": "support", "evidence": ["S2"]},
        {"actor_id": "A1", "topic": "Keeping jobs at Acme.", "position": "support", "evidence": ["S1", "S2"]},
        {"actor_id": "A1", "topic": "keeping jobs at Acme", "position": "oppose", "evidence": ["S2"]},
        {"actor_id": "A1", "topic": "the market outlook", "position": "support", "evidence": ["S2"]},
    ]
    summary, _ = _summarize(draft(actors=ACTORS, stances=stances))
    assert [(s.topic, s.position) for s in summary.stances] == [
        ("keeping jobs at Acme", "support"),
        ("keeping jobs at Acme", "oppose"),
        ("the market outlook", "support"),
    ]
    assert [e.text for e in summary.stances[0].evidence] == [
        "“We will not cut jobs,” Roe said.",
        "Acme Corp chief executive Jane Roe spoke on Monday.",
    ]
    assert any("Merged a repeated stance" in w for w in summary.warnings)


def test_a_speaker_the_candidate_rules_missed_keeps_the_quote() -> None:
    """ "Ruiz, who has led the city since 2019, said": the finder leaves a name that only opens a
    sentence, but the text says Ruiz spoke, so Ruiz is an actor and the quote is Ruiz's."""
    doc = "The council met. Ruiz, who has led the city since 2019, said the plan was “dead on arrival.”"
    summary, _ = _summarize(draft(actors=[]), doc=doc, quotes="all", actors="all")
    names = {a.id: a.name for a in summary.actors}
    assert [(names[q.speaker_id], q.text) for q in summary.quotes] == [("Ruiz", "dead on arrival.")]


def test_urls_not_in_the_source_are_removed() -> None:
    """A link the document does not contain never reaches the output."""
    answer = draft(headline="Acme Corp keeps its jobs, says Jane Roe: http://evil.example/x", actors=ACTORS)
    summary, _ = _summarize(answer)
    assert "evil.example" not in summary.model_dump_json()
    assert "[link removed]" in summary.headline


def test_strict_mode_turns_a_drop_into_failure() -> None:
    """strict=True raises SummaryFailed instead of dropping."""
    bad = draft(actors=ACTORS, quotes=[{"quote_id": "Q9", "speaker_id": "A1"}])
    with pytest.raises(SummaryFailed, match="Strict"):
        _summarize(bad, bad, strict=True)


def test_cli_strict_exits_1(tmp_path) -> None:
    """--strict exits 1 when something had to be dropped (replaying an authored bad answer)."""
    case = tmp_path / "case"
    case.mkdir()
    (case / "document.txt").write_text(DOC)
    (case / "authored.json").write_text(
        json.dumps(draft(actors=[*ACTORS, {"id": "A4", "name": "Elon Musk", "kind": "person"}]))
    )
    author_case(case)
    args = ["summarize", str(case / "document.txt"), "--provider", "replay", "--fixtures", str(case)]
    assert CliRunner().invoke(app, args).exit_code == 0
    result = CliRunner().invoke(app, [*args, "--strict"])
    assert result.exit_code == 1 and "Strict" in result.stderr


def test_quote_coverage_reports_missed_quotes() -> None:
    """Quotes the summary leaves out are counted in meta and named in warnings."""
    summary, _ = _summarize(draft(actors=ACTORS, quotes=[{"quote_id": "Q1", "speaker_id": "A1"}]))
    coverage = summary.meta.quote_coverage
    assert (coverage.found, coverage.included) == (2, 1)
    assert coverage.missed[0].text == "too optimistic"
    assert any("too optimistic" in w for w in summary.warnings)


def test_seed_replay_is_fully_grounded() -> None:
    """The seed's replayed summary: every span exact, all four quotes kept, no boilerplate actor."""
    text = SEED.read_text("utf-8")
    summary = summarize(text, provider="replay", fixtures=ROOT / "fixtures", model="authored-by-hand")
    spans = [e for s in summary.stances for e in s.evidence] + [e for r in summary.risks for e in r.evidence]
    assert verify_spans(text, summary.quotes, spans) == []
    assert summary.meta.quote_coverage.included == 4
    assert "Goldman Sachs" not in summary.model_dump_json()


TRANSCRIPT = (
    "Kestrel Foods Q3 call\n\n"
    "Operator: Good morning, and welcome to the Kestrel Foods third-quarter earnings call today.\n\n"
    "Daniel Reyes (CEO): Thanks, operator. We delivered organic sales growth of 4.2% in the quarter, "
    "driven by our frozen meals business. Input costs remain elevated for wheat and packaging.\n\n"
    "Raj Patel (Analyst): How much of the guidance cut is packaging versus wheat, in rough terms?\n\n"
    "Sofia Lindqvist (CFO): Sure, Raj. Roughly two-thirds is wheat, and we think packaging eases in spring."
)
TRANSCRIPT_ACTORS = [
    {"id": "A1", "name": "Daniel Reyes", "kind": "person"},
    {"id": "A2", "name": "Sofia Lindqvist", "kind": "person"},
]


def test_a_transcript_the_model_quotes_none_of_shows_each_speakers_statements() -> None:
    """A weak model picks no turns, and a transcript summary would have no quotes at all: each
    named speaker's substantive statements are shown instead (no pleasantry, no question, not the
    operator), with a note that says so."""
    summary, _ = _summarize(
        draft(headline="Kestrel Foods Q3 call", actors=TRANSCRIPT_ACTORS), doc=TRANSCRIPT, quotes="all"
    )
    names = {a.id: a.name for a in summary.actors}
    assert [(names[q.speaker_id], q.text) for q in summary.quotes] == [
        (
            "Daniel Reyes",
            "We delivered organic sales growth of 4.2% in the quarter, driven by our frozen meals business.",
        ),
        ("Daniel Reyes", "Input costs remain elevated for wheat and packaging."),
        ("Sofia Lindqvist", "Roughly two-thirds is wheat, and we think packaging eases in spring."),
    ]
    assert any("quoted none of the transcript's turns" in w for w in summary.warnings)


def test_a_transcript_turn_the_model_picks_is_all_it_gets() -> None:
    """A model that picks a turn has chosen: nothing is added to its choice."""
    segmentation = analyse(TRANSCRIPT)
    turn = next(q for q in segmentation.quotes if q.text.startswith("Roughly"))
    picked = [{"quote_id": turn.id, "speaker_id": "A2"}]
    summary, _ = _summarize(
        draft(headline="Kestrel Foods Q3 call", actors=TRANSCRIPT_ACTORS, quotes=picked),
        doc=TRANSCRIPT,
        quotes="all",
    )
    assert [q.text for q in summary.quotes] == [turn.text]
    assert not any("quoted none" in w for w in summary.warnings)


def test_an_actor_name_wrapped_in_the_prompts_id_and_json_debris_is_repaired() -> None:
    """The embedded model wrote "A1 Northwind Robotics (organization) }, {" as a name: the id, kind
    note and JSON punctuation come off, and the actor is kept, not dropped as unnamed."""
    actors = [
        {"id": "A1", "name": "A1 Jane Roe (person) }, {", "kind": "person"},
        {"id": "A2", "name": "A2 Acme Corp (company) }}, {", "kind": "organization"},
    ]
    summary, _ = _summarize(draft(headline="Roe says Acme will not cut jobs", actors=actors))
    assert {a.name for a in summary.actors} >= {"Jane Roe", "Acme Corp"}
    assert not any(w.startswith("Dropped actors") for w in summary.warnings)


def test_an_actor_name_with_its_kind_in_parentheses_and_a_role_that_is_its_kind() -> None:
    """The embedded model wrote "Tidewater Logistics (organization)" with no JSON after it, and
    dropped the actor as "not named in the document"; it gave Dana Whitfield the role "person",
    which now gives way to the role the text gives."""
    actors = [
        {"id": "A1", "name": "Acme Corp (organization)", "kind": "organization"},
        {"id": "A2", "name": "Jane Roe", "kind": "person", "role": "person"},
    ]
    summary, _ = _summarize(draft(headline="Roe says Acme will not cut jobs", actors=actors))
    roles = {a.name: a.role for a in summary.actors}
    assert roles["Acme Corp"] == ""
    assert roles["Jane Roe"] == "Acme Corp chief executive"  # the text's, where "person" said nothing
    assert not any(w.startswith("Dropped actors") for w in summary.warnings)


PARKING = (
    "Mayor Lena Ortiz on Thursday defended the city's plan to raise parking fees.\n\n"
    "“People will grumble. They always do. But the money goes straight back into buses,” Ortiz "
    "told reporters.\n\n"
    "Council member Derek Hall disagreed. “This is a tax on working families,” he said.\n\n"
    "“We were never asked,” said Hanna Berg, who owns a bakery on Main Street."
)


def test_what_the_embedded_model_got_wrong_about_people_the_text_knows() -> None:
    """What SmolLM2 answered for a parking article: an actor "Rebel" vouched for only by an alias
    that names something else ("Bakery on Main Street"), and the Mayor given the "Council member"
    of the next paragraph. Rebel goes; the Mayor keeps her own title."""
    actors = [
        {"id": "A1", "name": "Lena Ortiz", "kind": "person", "role": "Council member"},
        {"id": "A2", "name": "Rebel", "kind": "person", "aliases": ["Bakery on Main Street"]},
        {"id": "A3", "name": "Derek Hall", "kind": "person", "role": "Council member"},
    ]
    answer = draft(headline="Mayor defends plan to raise parking fees", actors=actors)
    summary, _ = _summarize(answer, answer, doc=PARKING)
    roles = {a.name: a.role for a in summary.actors}
    assert "Rebel" not in roles
    assert roles["Lena Ortiz"] == "Mayor" and roles["Derek Hall"] == "Council member"
    assert any("is 'Mayor' in the text, not 'Council member'" in w for w in summary.warnings)


def test_a_tldr_that_tells_a_quote_as_the_news_gives_way_to_the_lead() -> None:
    """ "People grumble. They always do. But the money goes straight back into buses." is the
    mayor's quote without its marks or its speaker; a tldr that quotes her with marks stays."""
    echo = "People grumble. They always do. But the money goes straight back into buses."
    answer = draft(headline="Mayor defends parking fees", tldr=echo, actors=[])
    summary, _ = _summarize(answer, doc=PARKING)
    assert summary.tldr != echo and summary.tldr in PARKING
    assert any("quoted words as the news" in w for w in summary.warnings)
    told = "Mayor Lena Ortiz defended a plan to raise parking fees; Hall called it a tax on families."
    summary, _ = _summarize(draft(headline="Mayor defends parking fees", tldr=told, actors=[]), doc=PARKING)
    assert summary.tldr == told


def test_a_pronoun_the_rules_leave_open_may_be_resolved_by_the_model() -> None:
    """ "Ana Ruiz said ... Bob Lee stayed silent. “We are ready,” she said.": the rules cannot tell
    whose "she" it is; a model that names Ruiz (named near the quote) is taken at its word, with
    the quote marked as the model's attribution."""
    doc = "Ana Ruiz said talks would resume. Bob Lee stayed silent.\n“We are ready,” she said."
    actors = [
        {"id": "A1", "name": "Ana Ruiz", "kind": "person"},
        {"id": "A2", "name": "Bob Lee", "kind": "person"},
    ]
    answer = draft(
        headline="Ana Ruiz says talks would resume",
        actors=actors,
        quotes=[{"quote_id": "Q1", "speaker_id": "A1"}],
    )
    summary, _ = _summarize(answer, doc=doc)
    names = {a.id: a.name for a in summary.actors}
    assert [(names[q.speaker_id], q.attribution) for q in summary.quotes] == [("Ana Ruiz", "model")]


def test_a_long_first_sentence_shown_as_the_headline_is_cut_at_a_word() -> None:
    """A document with no headline line: its first sentence, cut at a word's end with "…"."""
    first = (
        "Senate Republicans on Tuesday blocked a bill that would have extended unemployment benefits "
        "for federal contractors affected by the shutdown, setting up another week of negotiations."
    )
    doc = first + " The measure failed 52-47."
    summary, _ = _summarize(
        draft(headline="Snow fell in Oslo", tldr="Snow fell in Oslo.", actors=[]), doc=doc
    )
    assert summary.headline.endswith("setting up…") and len(summary.headline) <= 160
    assert first.startswith(summary.headline.removesuffix("…"))


def test_a_calls_lead_leaves_out_how_the_call_is_run() -> None:
    """The lead of an earnings call is not "At this time, all participants are in a listen-only
    mode." nor a speaker's name line: what was said."""
    doc = (
        "Kestrel Foods Q3 Earnings Call\n\nOperator\n\nGood morning, and welcome to the Kestrel Foods "
        "earnings call. At this time, all participants are in a listen-only mode. Please go ahead.\n\n"
        "Megan Ortiz -- Investor Relations\n\nThank you, operator. With me today is our CEO, Daniel Reyes."
    )
    summary, _ = _summarize(
        draft(headline="Snow fell in Oslo", tldr="Snow fell in Oslo.", actors=[]), doc=doc
    )
    welcome = "Good morning, and welcome to the Kestrel Foods earnings call."
    assert summary.tldr == f"{welcome} With me today is our CEO, Daniel Reyes."


def test_an_actor_named_by_a_prompt_id_is_that_candidate() -> None:
    """The embedded model listed actors named "A3": the prompt's candidate A3, not an unnamed actor."""
    candidates = analyse(DOC).candidates
    second = candidates[1].name
    actors = [{"id": "A1", "name": "A2", "kind": "person"}]
    summary, _ = _summarize(draft(headline="Roe says Acme will not cut jobs", actors=actors))
    assert second in {a.name for a in summary.actors}
    assert not any(w.startswith("Dropped actors") for w in summary.warnings)
    assert any(f"named an actor by its id A2: {second}" in w for w in summary.warnings)


def test_a_tldr_that_is_a_greeting_gives_way_to_the_lead_which_skips_greetings() -> None:
    """A briefing's replayed tldr was "Good afternoon, everyone.": it says too little, and the
    lead shown instead starts with what was said, not the greeting."""
    doc = "Press Briefing by Karen Wells\n\nMS. WELLS: Good afternoon, everyone. The bill was signed today."
    summary, _ = _summarize(
        draft(headline="Wells briefs", tldr="Good afternoon, everyone.", actors=[]), doc=doc
    )
    assert summary.tldr == "The bill was signed today."
    assert any("said too little" in w for w in summary.warnings)
    doc = "Vote result\n\nGreat Britain votes to leave. The count ended at dawn."
    summary, _ = _summarize(draft(headline="Britain votes", tldr="Snow fell in Oslo.", actors=[]), doc=doc)
    assert summary.tldr == "Great Britain votes to leave. The count ended at dawn."


def test_a_kind_the_text_settles_is_named_with_its_article() -> None:
    """The note read "'Dana Whitfield' is a person in the text, not a other."."""
    actors = [
        {"id": "A1", "name": "Jane Roe", "kind": "other"},
        {"id": "A2", "name": "Acme Corp", "kind": "organization"},
    ]
    summary, _ = _summarize(draft(headline="Roe says Acme will not cut jobs", actors=actors))
    assert "'Jane Roe' is a person in the text, not of kind \"other\"." in summary.warnings
    actors[0]["kind"] = "organization"
    summary, _ = _summarize(draft(headline="Roe says Acme will not cut jobs", actors=actors))
    assert "'Jane Roe' is a person in the text, not an organization." in summary.warnings


RUSSIAN = (
    "Комбинат сократит рабочие места\n\n"
    "Северогорский комбинат до конца года сократит 600 рабочих мест, сообщило руководство предприятия. "
    "Профсоюз требует выплатить выходное пособие и организовать переобучение сотрудников.\n\n"
    "«Кто будет кормить эти семьи?» — спросила председатель профсоюза Наталья Воронцова на собрании.\n"
)


def test_gibberish_and_names_in_another_language_are_no_risk_or_topic() -> None:
    """What the embedded model answered for the Russian gold case: risks "Aрусные развития" (a
    Latin A among Cyrillic letters) and "Общём стадионцы" (no word the document has), and
    stance topics that are a name ("Наталья Воронцова") or a made-up word and a name. A risk
    the document's words describe stays ("сокращение рабочих мест", with its own endings)."""
    risks = [
        {"description": text, "category": "operational", "severity": "high", "evidence": ["S2"]}
        for text in ("Aрусные развития", "Общём стадионцы", "сокращение рабочих мест на комбинате")
    ]
    stances = [
        {"actor_id": "A1", "topic": topic, "position": "oppose", "evidence": ["S2"]}
        for topic in ("Наталья Воронцова", "Библеконамёр Воронцова")
    ]
    actors = [{"id": "A1", "name": "Наталья Воронцова", "kind": "person"}]
    answer = draft(headline="Комбинат сократит рабочие места", actors=actors, risks=risks, stances=stances)
    summary, _ = _summarize(answer, answer, doc=RUSSIAN)
    assert [r.description for r in summary.risks] == ["сокращение рабочих мест на комбинате"]
    assert summary.stances == []


def test_json_around_a_risk_comes_off_and_a_risk_that_only_names_an_actor_goes() -> None:
    """The embedded model's Chinese risk "澜州市发展和改革委员会 },{": the JSON comes off, and what is
    left names a body and says nothing of a risk."""
    risk = {"description": "Acme Corp },{", "category": "other", "severity": "low", "evidence": ["S2"]}
    summary, _ = _summarize(draft(actors=ACTORS, risks=[risk]), draft(actors=ACTORS, risks=[risk]))
    assert summary.risks == []
    assert any("risks[0] does not describe anything the document says" in w for w in summary.warnings)


def test_a_risk_in_the_language_asked_for_is_not_gibberish() -> None:
    """Asked to write in Bulgarian about a Russian text, the model's Cyrillic words need not be
    the document's: only a word that mixes alphabets is refused then."""
    risks = [
        {"description": text, "category": "operational", "severity": "high", "evidence": ["S2"]}
        for text in ("Съкращения на работни места", "Aрусные развития")
    ]
    actors = [{"id": "A1", "name": "Наталья Воронцова", "kind": "person"}]
    answer = draft(headline="Комбинатът съкращава работни места", actors=actors, risks=risks)
    summary, _ = _summarize(answer, answer, doc=RUSSIAN, output_language="bg")
    assert [r.description for r in summary.risks] == ["Съкращения на работни места"]
