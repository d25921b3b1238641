"""Cleaning and segmentation: boilerplate out, every span's offsets slice back to its text."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.cleaning import clean, is_boilerplate
from summarizer.segmentation import segment

from .conftest import SEED


def _quotes(text: str) -> list[str]:
    return [q.text for q in segment(clean(text)).quotes]


def test_seed_boilerplate_lines_are_removed() -> None:
    """See Also, Read Next, Disclaimer, Photo courtesy, the promo and copyright lines go."""
    text = SEED.read_text("utf-8")
    removed = [text[r.start : r.end] for r in clean(text).removed]
    assert len(removed) == 6
    assert removed[0].startswith("See Also: Goldman Sachs")
    assert any(line.startswith("©") for line in removed)
    assert "Goldman" not in clean(text).kept_text()


def test_seed_four_direct_quotes_found_with_exact_offsets() -> None:
    """The span finder finds the seed's four quotes, and each slices back exactly."""
    text = SEED.read_text("utf-8")
    quotes = segment(clean(text)).quotes
    assert [q.text for q in quotes] == [
        "horrible.",
        "continue trading with China",
        "exactly wrong for America",
        "poison pill clauses",
    ]
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text


def test_content_lines_that_resemble_boilerplate_are_kept() -> None:
    """A sentence that merely starts with a navigation word is content."""
    assert not is_boilerplate("Related to this, the ministry said talks would continue.")
    assert not is_boilerplate("Copyright law is changing in the EU.")
    assert not is_boilerplate("Subscribers to the service fell by 10%.")
    assert is_boilerplate("Related coverage: Markets fall")
    assert is_boilerplate("Sign up for our newsletter")
    assert is_boilerplate("Copyright 2024 Example Media")


def test_straight_and_curly_double_quotes() -> None:
    """Both straight and curly double quotes delimit a quote."""
    assert _quotes('He said "we will win" today. She said “we will not” later.') == [
        "we will win",
        "we will not",
    ]


def test_single_quotes_are_told_apart_from_apostrophes() -> None:
    """‘…’ and '…' are quotes; the apostrophes in don’t and company’s are not."""
    text = "He called it ‘a disaster we don’t need’ and the company’s 'final offer' stood."
    assert _quotes(text) == ["a disaster we don’t need", "final offer"]


def test_a_single_quoted_quote_runs_over_paragraphs() -> None:
    """British style: 'Nobody ... phone. opens and never closes, and the next paragraph opens with
    a single mark: the unclosed part is a quote, and the next paragraph's quote goes on from it.
    An apostrophe before a lower-case word ("the '90s") opens nothing."""
    text = (
        "'For two summers my children couldn't go in the water,' she told the BBC. "
        "'Nobody at the company picked up the phone.\n\n"
        "'They only started listening when we took samples ourselves.'"
    )
    quotes = segment(clean(text)).quotes
    assert [q.text for q in quotes] == [
        "For two summers my children couldn't go in the water",
        "Nobody at the company picked up the phone.",
        "They only started listening when we took samples ourselves.",
    ]
    assert [q.continues for q in quotes] == [None, quotes[0].id, quotes[1].id]
    text = "Prices rose through the '90s and fell.\n\n'Nobody saw it coming,' she said."
    assert [q.continues for q in segment(clean(text)).quotes] == [None]


def test_quote_split_by_attribution_is_linked() -> None:
    """ "We are not," she said, "going to be rushed." gives two spans, the second continuing the first."""
    quotes = segment(clean('"We are not," she said, "going to be rushed."')).quotes
    assert [q.text for q in quotes] == ["We are not", "going to be rushed."]
    assert quotes[1].continues == quotes[0].id


def test_split_quote_with_commas_in_the_attribution_is_linked() -> None:
    """“We are not,” said Mara Kell, the union’s general secretary, “going back.” is one quote."""
    quotes = segment(
        clean("“We are not,” said Mara Kell, the union’s general secretary, “going back.”")
    ).quotes
    assert [q.text for q in quotes] == ["We are not", "going back."]
    assert quotes[1].continues == quotes[0].id


def test_quote_ending_a_sentence_is_not_joined_to_the_next() -> None:
    """A quote that ends with a full stop is whole; the next sentence's quote is someone else's."""
    quotes = segment(clean("“Every hour costs money.” Ms Kell said that claim was ‘nonsense’.")).quotes
    assert [q.text for q in quotes] == ["Every hour costs money.", "nonsense"]
    assert quotes[1].continues is None


def test_unrelated_quotes_in_one_sentence_are_not_linked() -> None:
    """Two quotes separated by more than an attribution stay separate."""
    quotes = segment(
        clean(
            'He praised "growth" but later, after a long debate about budgets '
            'and many other topics, warned of "risks" ahead.'
        )
    ).quotes
    assert quotes[1].continues is None


def test_a_speaker_named_on_the_line_above_their_words_is_a_turn() -> None:
    """Earnings-call transcripts that put "Name -- Title" (or "Operator") on a line of its own
    give that speaker every line under it, up to the next speaker or a heading."""
    text = (
        "Operator\n\nOur first question comes from Raj Patel with Morgan Stanley.\n\n"
        "Raj Patel -- Morgan Stanley -- Analyst\n\nThanks. How much of your cut is wheat?\n\n"
        "Sofia Lindqvist -- Chief Financial Officer\n\nRoughly two-thirds.\n\nPackaging is the rest.\n\n"
        "Questions and Answers\n\nThe call ended at noon.\n\nOperator\n\nThis concludes the call."
    )
    quotes = segment(clean(text)).quotes
    assert [(q.speaker_hint, q.text) for q in quotes] == [
        ("Operator", "Our first question comes from Raj Patel with Morgan Stanley."),
        ("Raj Patel (Morgan Stanley, Analyst)", "Thanks."),
        ("Raj Patel (Morgan Stanley, Analyst)", "How much of your cut is wheat?"),
        ("Sofia Lindqvist (Chief Financial Officer)", "Roughly two-thirds."),
        ("Sofia Lindqvist (Chief Financial Officer)", "Packaging is the rest."),
        ("Operator", "This concludes the call."),
    ]


@pytest.mark.parametrize(
    ("host", "guest"),
    [
        ("Dana Whitfield  00:00:04", "Omar Reyes  00:00:12"),  # Otter, Zoom
        ("Dana Whitfield (00:00:04):", "Omar Reyes (00:00:12):"),  # Rev
        ("[00:04] Dana Whitfield", "[00:12] Omar Reyes"),
    ],
)
def test_a_speaker_line_with_the_recordings_time_stamp_is_a_turn(host: str, guest: str) -> None:
    """Transcripts exported from recordings put the time beside the speaker's name, over the
    words. Before, no line was a turn and a podcast gave no quotes at all."""
    text = (
        f"The Ledger, Episode 112\n\n{host}\nWelcome back. I'm talking with Omar Reyes today.\n\n"
        f"{guest}\nThanks for having me.\n\n{host}\nWhat drives rents?\n\n"
        f"{guest}\nWe haven't built enough. Zoning is the bigger lever."
    )
    quotes = segment(clean(text)).quotes
    assert [(q.speaker_hint, q.text) for q in quotes] == [
        ("Dana Whitfield", "Welcome back."),
        ("Dana Whitfield", "I'm talking with Omar Reyes today."),
        ("Omar Reyes", "Thanks for having me."),
        ("Dana Whitfield", "What drives rents?"),
        ("Omar Reyes", "We haven't built enough."),
        ("Omar Reyes", "Zoning is the bigger lever."),
    ]


def test_an_inline_turn_may_carry_a_time_stamp() -> None:
    """ "[00:01:05] Dana Whitfield: words" and "Dana Whitfield (00:01:05): words": the stamp is
    neither the speaker nor their title."""
    text = (
        "[00:01:05] Dana Whitfield: Welcome back.\nOmar Reyes (00:01:09): Thanks, Dana.\n"
        "[00:01:12] Dana Whitfield: What drives rents?\nOmar Reyes (00:01:15): Supply."
    )
    quotes = segment(clean(text)).quotes
    assert [(q.speaker_hint, q.text) for q in quotes] == [
        ("Dana Whitfield", "Welcome back."),
        ("Omar Reyes", "Thanks, Dana."),
        ("Dana Whitfield", "What drives rents?"),
        ("Omar Reyes", "Supply."),
    ]


def test_profiles_under_names_and_titles_are_not_turns() -> None:
    """ "Jane Roe - Mayor" over "Roe has led the city since 2019" is a profile: its lines are no
    one's words, as no speaker says "I", "we" or "you"."""
    text = (
        "The candidates:\n\nJane Roe - Mayor\n\nRoe has led the city since 2019 and wants a second term."
        "\n\nTom Lee - Council member\n\nLee runs a hardware store and opposes the bike lanes."
    )
    assert segment(clean(text)).quotes == []


def test_a_list_of_names_and_titles_is_not_a_transcript() -> None:
    """ "John Smith - Chair" lines in a row are a list, and one "Name - Title" line alone (a byline)
    makes nobody the speaker of the paragraph under it."""
    text = "The new board:\n\nJohn Smith - Chair\n\nJane Roe - Treasurer\n\nThe board meets in May."
    assert segment(clean(text)).quotes == []
    text = "Jane Doe - Staff Writer\n\nThe council voted on Monday.\n\nIt meets again in May."
    assert segment(clean(text)).quotes == []


def test_transcript_turns_without_quote_marks_are_quotes() -> None:
    """`NAME (Title): words` lines are speech with a speaker label."""
    text = (
        "Operator: Welcome to the call.\nJANE DOE (CFO): Revenue grew 5%. Margins held.\n"
        "Operator: Next question.\nJohn Roe (Analyst): What about costs?"
    )
    quotes = segment(clean(text)).quotes
    assert [(q.text, q.speaker_hint) for q in quotes] == [
        ("Welcome to the call.", "Operator"),
        ("Revenue grew 5%.", "JANE DOE (CFO)"),
        ("Margins held.", "JANE DOE (CFO)"),
        ("Next question.", "Operator"),
        ("What about costs?", "John Roe (Analyst)"),
    ]


def test_a_participant_who_speaks_once_in_a_transcript_is_a_turn() -> None:
    """The analyst the operator introduces asks one question: "Leo Hart: ..." is his turn. A
    one-off label the text names nowhere else ("Editor's Note") is not."""
    text = (
        "Operator: Our first question comes from Leo Hart with Dunmore Securities.\n"
        "Leo Hart: Can you size the surcharge issue?\n"
        "Paul Brenner: I won't give you a number today.\n"
        "Operator: That concludes the call.\n"
        "Paul Brenner: Thank you all.\n"
        "Editor's Note: This transcript was edited for length."
    )
    hints = {q.speaker_hint for q in segment(clean(text)).quotes}
    assert hints == {"Operator", "Leo Hart", "Paul Brenner"}


def test_article_section_labels_are_not_transcript_turns() -> None:
    """One-off labels such as 'What Happened:' are not taken as speakers."""
    assert _quotes("What Happened: Talks resumed.\nWhy It Matters: Trade is at stake.") == []


def test_abbreviations_do_not_end_sentences() -> None:
    """U.S., Jan. and Mr. do not split a sentence."""
    sentences = segment(
        clean("Mr. Smith met U.S. officials on Jan. 17 in Washington. Then he left.")
    ).sentences
    assert [s.text for s in sentences] == [
        "Mr. Smith met U.S. officials on Jan. 17 in Washington.",
        "Then he left.",
    ]


def test_no_abbreviates_only_before_a_number() -> None:
    """ "No. 10 Downing Street" stays one sentence; "voted no. She told" is two."""
    sentences = segment(
        clean("He lives at No. 10 Downing Street. Tolliver also voted no. She told colleagues.")
    ).sentences
    assert [s.text for s in sentences] == [
        "He lives at No. 10 Downing Street.",
        "Tolliver also voted no.",
        "She told colleagues.",
    ]


_words = st.text(
    alphabet=st.characters(whitelist_categories=("Ll", "Lu", "Nd"), max_codepoint=0x17F),
    min_size=1,
    max_size=8,
)
_phrase = st.lists(_words, min_size=1, max_size=6).map(" ".join)
_mark = st.sampled_from([('"', '"'), ("“", "”"), ("‘", "’"), ("'", "'")])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(_phrase, _phrase, _mark), min_size=1, max_size=6),
    st.sampled_from(["\n", "\n\n", " ", "\r\n"]),
)
def test_generated_quotes_are_found_and_slice_back(parts, joiner) -> None:
    """For generated documents with generated quotes, every span slices back to its text."""
    lines = [f"{before} said {o}{quote}{c} today." for before, quote, (o, c) in parts]
    text = joiner.join(lines)
    seg = segment(clean(text))
    for span in [*seg.sentences, *seg.quotes]:
        assert text[span.start : span.end] == span.text
    found = {q.text for q in seg.quotes}
    for _, quote, _ in parts:
        assert quote.strip() in found


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_segments_with_exact_offsets(text) -> None:
    """Whatever the input, sentences and quotes slice back exactly and lie in kept regions."""
    cleaned = clean(text)
    seg = segment(cleaned)
    for span in [*seg.sentences, *seg.quotes]:
        assert text[span.start : span.end] == span.text
        assert cleaned.is_kept(span.start, span.end)


def test_names_over_one_turn_are_looked_up_a_bounded_number_of_times() -> None:
    """Whether a name over one turn is named elsewhere is a scan of the text; a hostile text of
    20,000 such lines made that quadratic (7 s for 880 kB). The first 50 are looked up; the
    rest speak no turns."""
    people = [f"Person{chr(65 + i // 26)}{chr(97 + i % 26)} Roe" for i in range(60)]
    text = "\n".join(
        ["Ana Ruiz: We will vote.", "Tom Lee: I disagree.", "Ana Ruiz: You must.", "Tom Lee: We shall see."]
        + [f"{name}: I think so." for name in people]
        + [f"Thanks to {name}." for name in people]
    )
    speakers = {q.speaker_hint for q in segment(clean(text)).quotes}
    assert speakers == {"Ana Ruiz", "Tom Lee", *people[:50]}
