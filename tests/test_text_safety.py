"""Text shown to people: no invisible characters, no links in echoes, bounded length (items 7, 8)."""

from summarizer.text_safety import has_invisible, reveal_invisible, short_name, strip_invisible, strip_links

RLO = "\u202e"


def test_strip_invisible_removes_bidi_zero_width_and_control_characters() -> None:
    """Overrides, isolates, zero-width characters, BOM, tags and C0/C1 codes go; tab and newline stay."""
    text = f"Bob{RLO}\u2066 Jo\u200bnes\ufeff\x1b[31m\x85\tok\n\U000e0041"
    assert strip_invisible(text) == "Bob Jones[31m\tok\n"
    assert not has_invisible(strip_invisible(text))


def test_reveal_invisible_shows_each_character_as_an_escape() -> None:
    """Document text keeps every character, but an override is shown, not obeyed."""
    assert reveal_invisible(f"a{RLO}b\x1bc") == "a\\u202eb\\x1bc"


def test_strip_links_removes_every_kind_of_link() -> None:
    """Schemes, javascript:, protocol-relative, www. and bare domains; Markdown links keep their label."""
    text = (
        "See https://evil.example/x, javascript:alert(1), //cdn.evil.net/a, www.phish.io, "
        "evil.com/login and [the report](http://x.test)."
    )
    assert strip_links(text).split() == ["See", ",", ",", ",", ",", "and", "the", "report."]


def test_short_name_is_short_link_free_and_visible() -> None:
    """A dropped item's text echoed in a warning: at most `limit` characters, no link, no tricks."""
    name = f"Elon{RLO} Musk (see http://phish.example/login) " + "very " * 40 + "long"
    short = short_name(name, limit=60)
    assert len(short) <= 60 and short.endswith("…")
    assert "http" not in short and "phish" not in short and not has_invisible(short)
    assert short.startswith("Elon Musk (see very")
    assert short_name("  Jane   Roe ") == "Jane Roe"
