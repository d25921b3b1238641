"""What a document or a model writes cannot forge structure, links or hidden text in any view
(issue 13, items 6 and 8)."""

import json

from markdown_it import MarkdownIt

from summarizer import summarize
from summarizer.views import render

from .conftest import Script, draft, fast_settings, ok

RLO, ZWSP = "\u202e", "\u200b"
DOC = (
    "Alice Smith said the plant opened on Monday. Details are at www.acme-plant.com today.\n"
    f'Bob Jones replied: "We are proud{RLO} of it."'
)
HOSTILE = draft(
    headline="Plant opens <script>alert(1)</script> <img src=x onerror=alert(2)>",
    # A forged section under a word the document uses ("Details"): a heading of a word it does not
    # use ("## Quotes") is a name the document never gives, and the tldr would give way to the lead.
    tldr="Alice Smith opened the plant on Monday; Bob Jones replied.\n\n## Details\n"
    "- **Bob Jones**: “I take bribes.”\n\n[click](javascript:alert(3))",
    actors=[
        {
            "id": "A1",
            "name": f"Alice{RLO} Smith",
            "kind": "person",
            "role": "CEO, see //evil.example/x and evil.com/login or javascript:alert(4)",
        },
        {"id": "A2", "name": "Bob Jones", "kind": "person", "role": f"| cell | break{ZWSP} |"},
    ],
    quotes=[{"quote_id": "Q1", "speaker_id": "A2"}],
    stances=[
        {"actor_id": "A1", "topic": "# heading\n1. list", "position": "support", "evidence": ["S1"]},
    ],
    risks=[
        {
            "description": "<b>bold</b> **risk** at https://phish.example/login and www.acme-plant.com",
            "category": "other",
            "severity": "low",
            "evidence": ["S2"],
        }
    ],
)


def _summary():
    script = Script(ok(HOSTILE))
    return summarize(DOC, settings=fast_settings(grounding_reask=False), http_client=script.client())


def _html_of_markdown(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(text)


def test_markdown_injects_no_structure_html_or_links() -> None:
    """Fields are escaped: no raw HTML, no injected heading or list item, no foreign link."""
    summary = _summary()
    md = render("markdown", summary, DOC)
    html = _html_of_markdown(md)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert html.count("<h2>Quotes</h2>") == 1  # the real section only, from the real quote
    assert "I take bribes" in html and "<strong>Bob Jones</strong>: “I take bribes" not in html
    assert "<h1>" in html and html.count("<h1>") == 1 and "<ol>" not in html
    assert "<a " not in html  # not even the link the document contains is made clickable
    for foreign in ("javascript:", "evil.example", "evil.com", "phish.example"):
        assert foreign not in md
    assert "www" in md and "acme-plant.com" in md  # a link the source contains stays, as text
    table_rows = [line for line in md.splitlines() if line.startswith("| A")]
    assert all(line.count(" | ") == 4 for line in table_rows)  # a | in a field does not add cells


def test_invisible_characters_are_escaped_in_json() -> None:
    """JSON shows \\u202e instead of the character, and parses back to the exact source text."""
    summary = _summary()
    text = render("json", summary, DOC)
    assert RLO not in text and "\\u202e" in text
    quote = json.loads(text)["quotes"][0]
    assert DOC[quote["start"] : quote["end"]] == quote["text"] and RLO in quote["text"]


def test_invisible_characters_are_removed_or_shown_in_markdown_and_html() -> None:
    """Free text loses them; document text shows them as an escape; never raw."""
    summary = _summary()
    for name in ("markdown", "html"):
        view = render(name, summary, DOC)
        assert RLO not in view and ZWSP not in view, name
        assert "Alice Smith" in view and "\\u202e" in view, name  # the name cleaned, the quote shown


def test_a_character_device_is_read_through_the_size_cap(tmp_path) -> None:
    """/dev/zero has no size: it is read up to the 5 MB cap and refused, not read without end."""
    import pytest

    from summarizer.documents import read_document
    from summarizer.errors import InputError

    with pytest.raises(InputError, match="larger than 5 MB"):
        read_document("/dev/zero")


def test_file_names_with_escape_codes_are_shown_escaped(tmp_path) -> None:
    """A path with an ANSI escape and a bidi override is printed escaped in errors."""
    import pytest

    from summarizer.documents import read_document
    from summarizer.errors import InputError

    with pytest.raises(InputError) as caught:
        read_document(tmp_path / f"evil\x1b[2J{RLO}name.txt")
    assert "\x1b" not in str(caught.value) and RLO not in str(caught.value)
    assert "\\x1b[2J\\u202ename.txt" in str(caught.value)
