"""Cleaning: news, wire and transcript furniture goes; content lines, however similar, stay."""

import pytest

from summarizer.cleaning import boilerplate_reason, clean, is_boilerplate


def _kept(text: str) -> list[str]:
    """The lines of `text` that cleaning keeps, as text."""
    return [text[r.start : r.end] for r in clean(text).kept]


# Every example below is invented: names, outlets and agencies do not come from any real page.


@pytest.mark.parametrize(
    "line",
    [
        "By Orla Penhallow, Tidewater News",
        "By Orla Penhallow and Kasimir Dunlevy",
        "By ORLA PENHALLOW | Northwind Wire",
        "By Ana de la Fuente, Kasimir Dunlevy and Tomasz Orr-Bell",
        "By Orla Penhallow - The Harrowby Ledger",
    ],
)
def test_bylines_are_removed(line: str) -> None:
    """A "By" line of one to four names, optionally with an outlet, is a byline."""
    assert boilerplate_reason(line) == "byline"


@pytest.mark.parametrize(
    "line",
    [
        "Orla Penhallow, Staff Writer",
        "Kasimir Dunlevy, Chief Political Correspondent, The Harrowby Ledger",
        "Tomasz Orr-Bell | Senior Reporter",
    ],
)
def test_name_and_newsroom_role_lines_are_removed(line: str) -> None:
    """ "Name, Staff Writer" lines (a name, a newsroom role, maybe an outlet) are bylines."""
    assert boilerplate_reason(line) == "byline"


@pytest.mark.parametrize(
    "line",
    [
        "Reporting by Orla Penhallow",
        "Reporting by Orla Penhallow in Marrowgate; Writing by Kasimir Dunlevy; Editing by Lise Amundrud",
        "Additional reporting by Tomasz Orr-Bell; Editing by Lise Amundrud",
        "(Reporting by Orla Penhallow and Ines Varga in Coldharbour; Editing by Lise Amundrud)",
        "Edited by Lise Amundrud",
        "Compiled by Kasimir Dunlevy",
        "Contributing: Ines Varga, Tomasz Orr-Bell",
        "Ines Varga contributed reporting from Coldharbour.",
    ],
)
def test_reporting_and_editing_credits_are_removed(line: str) -> None:
    """Wire credit lines ("Reporting by ...; Editing by ...") name staff, not actors."""
    assert boilerplate_reason(line) == "credits"


@pytest.mark.parametrize(
    "line",
    [
        "Contact Priya Raman at praman@ashfordledger.com. Tom Okafor contributed reporting.",
        "Reach Priya Raman at praman@ashfordledger.com or 555-0100.",
        "Priya Raman can be reached at praman@ashfordledger.com.",
        "Email the reporter at praman@ashfordledger.com.",
        "Contact the author: praman@ashfordledger.com",
        "Tom Becker covers education for the Riverside Ledger. Reach him at tbecker@ledger.example.",
        "Ana Ruiz is a staff writer at the Ledger. Email her at aruiz@ledger.example.",
    ],
)
def test_notes_on_reaching_the_reporter_are_removed(line: str) -> None:
    """ "Contact <reporter> at <address>" after a story names staff, not actors."""
    assert boilerplate_reason(line) == "contact"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Associated Press writers Lisa Mascaro and Kevin Freking contributed to this report.", "credits"),
        ("Staff writer Ana Ruiz contributed reporting.", "credits"),
        ("Farm workers Ana Ruiz and Tom Lee contributed their savings to the fund.", None),
    ],
)
def test_contributors_named_with_their_newsroom_are_credits(line: str, reason: str | None) -> None:
    assert boilerplate_reason(line) == reason


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Embargoed until 11 a.m. ET, Wednesday, June 10, 2026", "press-release"),
        ("STRICTLY EMBARGOED UNTIL 00:01 BST", "press-release"),
        ("Embargoed Russian oil still reached the port, officials said.", None),
        ("This article originally appeared on Dayton Daily Record: Schools brace", "meta"),
        ("The mural originally appeared on a wall in Leeds, the council said.", None),
        ("The embargo ended in May.", None),
    ],
)
def test_notes_about_the_page_are_furniture(line: str, reason: str | None) -> None:
    """A release's embargo line stood first and became the summary's headline; a syndicated
    story's "This article originally appeared on ..." is no news either."""
    assert boilerplate_reason(line) == reason


@pytest.mark.parametrize(
    "header",
    ["Pressekontakt:", "Contacto de prensa:", "Contact presse :", "Контакты для СМИ:", "媒体联系人："],
)
def test_a_media_contact_block_in_other_languages_is_removed(header: str) -> None:
    contact = "Anna Berg\npresse@stadt.example\n+49 30 555 0142"
    text = f"Die Stadt plant neue Busse.\n{header}\n{contact}\nSie spart Geld."
    assert _kept(text) == ["Die Stadt plant neue Busse.", "Sie spart Geld."]


def test_a_pull_quote_that_repeats_the_story_is_removed() -> None:
    """A line that is only a quotation the story already gives with its speaker is a pull quote;
    a quotation found nowhere else, or two identical quotation lines, are the story's own."""
    text = (
        '"We have offered more," said Henrik Sand. "The union keeps moving the goalposts."\n'
        "“The union keeps moving the goalposts.”\n"
        "“Nobody is asking for the moon, not one of us.”\n"
    )
    cleaned = clean(text)
    assert cleaned.removed_reasons == ("pull-quote",)
    assert (
        text[cleaned.removed[0].start : cleaned.removed[0].end] == "“The union keeps moving the goalposts.”"
    )
    twice = "“We will be back next year, stronger.”\n“We will be back next year, stronger.”"
    assert clean(twice).removed == ()
    # Many quotation lines are a dialogue, not pull quotes; and looking each up scans the text, so
    # a text of thousands of them would take quadratic time.
    story = "\n".join(f'"Line {i} of the script is read aloud," she said.' for i in range(25))
    lines = "\n".join(f"“Line {i} of the script is read aloud”" for i in range(25))
    assert clean(f"{story}\n{lines}").removed == ()


def test_the_bylines_author_introduced_under_it_is_a_bio() -> None:
    """An opinion page: "By Helena Cruz" and then "Helena Cruz is a transportation planner and a
    contributing columnist." Before, the bio stayed and became the summary's lead. Someone else
    introduced the same way is the story."""
    text = (
        "Opinion | The bike lanes are working\n\nBy Helena Cruz\n"
        "Helena Cruz is a transportation planner and a contributing columnist.\n\n"
        "Last spring, the city painted eleven miles of bike lanes.\n\n"
        "Victor Hale is a councilman who wants them gone.\n\n"
        "The views expressed here are the author's own."
    )
    kept = clean(text).kept_text()
    assert "transportation planner" not in kept and "author's own" not in kept
    assert "Victor Hale is a councilman" in kept and "eleven miles" in kept


def test_a_bio_without_a_contact_note_is_content() -> None:
    """The reporter's bio goes only beside a note with an address; alone, "X covers Y for Z" may be
    what the story reports."""
    assert boilerplate_reason("Tom Becker covers education for the Riverside Ledger.") is None
    assert boilerplate_reason("Ana Ruiz covers the strike for the union. Reach him soon.") is None


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("— Reporting by Ana Ruiz; Editing by Tom Lee", "credits"),
        ("This story has been updated to include comment from the mayor.", "meta"),
        ("Advertisement - scroll to continue", "promotion"),
        ("Have a news tip? Email us at tips@ledger.example.", "promotion"),
        ("Correction: An earlier version of this story misstated the number of spaces.", "meta"),
        ("Editor's note: The author is a member of the council.", "meta"),
        ("The correction came after the vote.", None),
        ("This story was updated by the mayor himself, who said the plan was fine.", None),
        ("Got a tip for the council?", None),
    ],
)
def test_more_news_site_furniture(line: str, reason: str | None) -> None:
    """A credit line opened by a dash, an update note, an ad marker with its prompt and a tip
    line go; sentences that only share their words stay."""
    assert boilerplate_reason(line) == reason


def test_a_promo_with_its_headline_heads_no_link_list_in_any_script() -> None:
    """ "相关阅读：<headline>" is a link itself, not a bare header: the Chinese paragraphs under it
    (no spaces to count words by) are the story. Under a bare header, a sentence ending in "。"
    is not a link either."""
    text = (
        "相关阅读：澜州地铁三号线有望年底通车\n退休教师郭建华说，水费一年多花几十块钱。\n听证会持续了三个小时"
    )
    assert _kept(text) == text.split("\n")[1:]
    text = "Related Topics\n水价听证会今天举行。\nWater pollution"
    assert _kept(text) == ["水价听证会今天举行。", "Water pollution"]


def test_a_byline_over_two_lines_is_removed() -> None:
    """The reporter's name on one line and the role on the next ("Helen Marsh" / "Environment
    correspondent") is a byline; a name-shaped line before a sentence stays."""
    text = "Helen Marsh\nEnvironment correspondent\nA water company has been fined.\nSevern Vale\nIt pays."
    assert _kept(text) == ["A water company has been fined.", "Severn Vale", "It pays."]
    assert clean(text).removed_reasons == ("byline", "byline")


def test_links_under_a_related_header_are_removed() -> None:
    """The short lines under "Related Topics" or "More on this story" are links, up to the first
    line that reads as prose; under "Continue reading" the story's own subheads stay."""
    text = (
        "The agency said it would monitor the river.\nRelated Topics\nWater pollution\nBirmingham\n"
        "More on this story\nSewage alerts issued for River Wend\nPublished 3 July 2025\n"
        "The court sits again in March.\nContinue reading\nWhat happens next\nThe fine is due in May."
    )
    assert _kept(text) == [
        "The agency said it would monitor the river.",
        "The court sits again in March.",
        "What happens next",
        "The fine is due in May.",
    ]


def test_a_press_release_contact_block_and_wire_trailer_are_removed() -> None:
    """Under "Media Contact:" the name, address and number are furniture, up to the first sentence;
    "SOURCE Northwind Robotics" is the wire's trailer. The forward-looking statements stay: the
    risks they list are often the only ones a release names."""
    text = (
        "Forward-Looking Statements\nActual results may differ materially because of supply delays.\n"
        "Media Contact:\nJordan Blake\npress@northwind.example\n+1 408-555-0142\n"
        "SOURCE Northwind Robotics\nThe Source of the river is in Wales.\n"
        "Investor enquiries: ir@northwind.example\nNorthwind said contacts with buyers went on."
    )
    cleaned = clean(text)
    assert _kept(text) == [
        "Forward-Looking Statements",
        "Actual results may differ materially because of supply delays.",
        "The Source of the river is in Wales.",
        "Northwind said contacts with buyers went on.",
    ]
    assert set(cleaned.removed_reasons) == {"contact", "press-release"}


def test_a_wire_service_standards_line_is_removed() -> None:
    """ "Our Standards: The ... Trust Principles." ends wire stories; its name is no actor."""
    assert boilerplate_reason("Our Standards: The Thomson Reuters Trust Principles.") == "legal"
    assert boilerplate_reason("Our principles are simple, the mayor said.") is None


@pytest.mark.parametrize(
    "line",
    [
        "Contact the city at 555-0100 to report a pothole.",
        "Residents can contact the council at 555-0100.",
        "Contact Mayor Ana Ruiz at 555-0100, the flyer said.",
        "Reach out to Ana Ruiz on 2024 plans.",
    ],
)
def test_a_sentence_that_mentions_contacting_someone_stays(line: str) -> None:
    assert boilerplate_reason(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "Published 3:42 PM EST, Tue March 4, 2025",
        "Updated 2 hours ago",
        "Last updated: 14 June 2025 09:15 BST",
        "March 4, 2025",
        "5 min read",
        "Reading time: 7 minutes",
    ],
)
def test_datelines_and_read_times_alone_are_removed(line: str) -> None:
    """A line that is only a publish/update stamp, a date or a read time is furniture."""
    assert boilerplate_reason(line) == "dateline"


@pytest.mark.parametrize(
    "line",
    [
        "By Orla Penhallow | Published 3:42 PM EST, Tue March 4, 2025",
        "Tidewater News • Updated 2 hours ago • 5 min read",
    ],
)
def test_a_line_of_several_meta_pieces_is_removed(line: str) -> None:
    """Byline, dateline and read time joined by separators on one line go together."""
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "142 comments",
        "Comments (12)",
        "Comments",
        "View 1.2k comments",
        "Leave a comment",
        "Comments are closed.",
    ],
)
def test_comment_counts_are_removed(line: str) -> None:
    """Comment counters and comment prompts are page furniture."""
    assert boilerplate_reason(line) == "comments"


@pytest.mark.parametrize("line", ["Share", "Save", "Share Save", "Facebook Twitter Email Copy link", "Print"])
def test_share_bars_are_removed(line: str) -> None:
    """A line made only of share/save/social-network buttons is furniture."""
    assert boilerplate_reason(line) == "share"


@pytest.mark.parametrize(
    "line", ["WORLD", "Business", "Politics | Europe", "Middle East", "Energy & Climate"]
)
def test_section_labels_alone_are_removed(line: str) -> None:
    """A short line that is only a section name (or one ALL CAPS word) is a label."""
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", ["Collapse", "Fire season", "What comes next", "Questions and answers"])
def test_short_headlines_and_subheads_are_kept(line: str) -> None:
    """A one- to three-word line that is not a section word is a headline or subhead."""
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Orla Penhallow is a reporter covering energy and climate for the Tidewater News.",
        "Kasimir Dunlevy is a senior correspondent at Northwind Wire, based in Coldharbour.",
        "Ines Varga is an award-winning investigative journalist. Follow her on X @ivarga_news",
        "Follow him on Twitter @kdunlevy",
        "Follow Orla Penhallow on Instagram",
    ],
)
def test_author_bios_are_removed(line: str) -> None:
    """Author bios ("X is a reporter covering ...", "Follow her on X") are not the story."""
    assert boilerplate_reason(line) == "bio"


@pytest.mark.parametrize(
    "line",
    [
        "Sign up for our morning newsletter",
        "Get our free app",
        "Download the Tidewater News app for breaking alerts",
        "Want the day's top stories in your inbox? Sign up for our free evening briefing.",
        "Already a subscriber? Log in",
    ],
)
def test_newsletter_and_app_promotions_are_removed(line: str) -> None:
    """Newsletter and app promotions, at the start of a line or as a short promo sentence."""
    assert boilerplate_reason(line) == "promotion"


@pytest.mark.parametrize(
    "line",
    [
        "If you or someone you know is struggling, call or text the crisis line on 555 0199.",
        "If you have been affected by the issues in this story, support is available at help.example.org",
        "Samaritans can be contacted free, day or night, on 555 123.",
        "In Lindmark, the Lakeshore Crisis Line can be reached by calling 555 0142.",
    ],
)
def test_help_line_notices_are_removed(line: str) -> None:
    """Help-line notices appended to sensitive stories are not content."""
    assert boilerplate_reason(line) == "helpline"


@pytest.mark.parametrize(
    "line",
    [
        "A protester holds a sign outside parliament. (Photo: Orla Penhallow/Agence Nordmark)",
        "Police officers stand guard at the depot. (AP Photo/Kasimir Dunlevy)",
        "Dockworkers gather at the gate on Monday. Photograph: Ines Varga/Tidewater Pictures",
        "Crowds line the quay. Tomasz Orr-Bell/Harrowby Ledger",
        "Workers repair the bridge deck. AFP via Getty Images",
        "Credit: Ines Varga",
        "Getty Images",
        "Image source, Northwind Wire",
        "Image caption, The bridge has carried traffic since 1958",
    ],
)
def test_photo_captions_with_credits_are_removed(line: str) -> None:
    """Captions that carry a photographer or agency credit go, credit and all."""
    assert boilerplate_reason(line) == "caption"


@pytest.mark.parametrize(
    "line",
    [
        "MORE: Harbour pilots threaten their own walkout",
        "READ MORE: What the toll means for commuters",
        "Read more: Inside the port's automation plan",
        "Related: Council delays vote on parking fees",
        "WATCH: Crowds gather outside the depot",
        "LISTEN: Our reporters on the strike",
        "See also: Ferry firms add sailings",
    ],
)
def test_inline_promos_are_removed(line: str) -> None:
    """Lines that start with MORE:, READ MORE:, Related:, WATCH:, LISTEN:, See also: are links."""
    assert boilerplate_reason(line) == "navigation"


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell 4% on Tuesday.",
        "Comments by the minister drew criticism.",
        "Listen to the people, the mayor urged.",
        "Credit: the bank cut its outlook for the year.",
        "Reporting by The Harrowby Ledger revealed the mayor's ties to the contractor.",
        "Edited by hand, the files were later leaked.",
        "Europe | Peace talks stall as winter nears",
        "Get the app working again, engineers were told.",
    ],
)
def test_lines_that_start_like_furniture_but_continue_as_news_are_kept(line: str) -> None:
    """A furniture word at the start of a sentence does not make the sentence furniture."""
    assert not is_boilerplate(line)


def test_a_by_sentence_is_not_a_byline() -> None:
    """ "By Tuesday, the strike had spread." is news, not a byline."""
    assert not is_boilerplate("By Tuesday, the strike had spread.")


@pytest.mark.parametrize(
    "line",
    [
        "By late August, the reservoir had fallen to a third of capacity.",
        "By her estimate, the repairs will cost $19 million.",
        "By 2030, the port expects to handle twice as many containers.",
        "The plan was approved by Mayor Orla Penhallow on Tuesday.",
    ],
)
def test_sentences_that_contain_by_are_kept(line: str) -> None:
    """Sentences that start with or contain "by" but carry news stay."""
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "“We will not be rushed,” said Kasimir Dunlevy, the union’s general secretary.",
        "Penhallow said the vote was “a turning point for the city”.",
        "“Follow us on this,” she told the crowd, “and we will win.”",
    ],
)
def test_quote_lines_are_kept(line: str) -> None:
    """A line that quotes someone is content, whatever words it shares with furniture."""
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "OPERATOR: Our next question comes from Ines Varga with Harrowby Securities.",
        "Kasimir Dunlevy (Chief Financial Officer): Thanks, Orla. Margins rose to 12%.",
    ],
)
def test_transcript_turns_are_kept(line: str) -> None:
    """A transcript speaker turn is content."""
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "A photo posted online showed smoke rising above the depot.",
        "The photo, taken in 2019, shows the mayor at the site.",
        "Residents shared photos of flooded streets with the council.",
    ],
)
def test_sentences_mentioning_photos_are_kept(line: str) -> None:
    """A news sentence with the word "photo" in it is not a caption."""
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "The mayor announced the plan in a newsletter sent to residents on Friday.",
        "More than 40,000 readers signed up for the union's weekly newsletter during the strike.",
    ],
)
def test_sentences_mentioning_a_newsletter_are_kept(line: str) -> None:
    """A sentence that mentions a newsletter in the middle is news, not a promotion."""
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Orla Penhallow is a reporter who was detained by police in Coldharbour on Monday.",
        "Kasimir Dunlevy, an analyst at Harrowby Securities, expects costs to rise.",
        "Tidewater Growers is a major producer of tomatoes in the region.",
        "Customers can call the company's recall hotline on 555 0182 for a refund.",
        "If you bought a Stride 9 watch, stop wearing it and call 555 0182.",
        "Residents said they would share the costs of the repair.",
        "Chief Executive Lise Amundrud is a former correspondent who joined Harrowby Foods in 2015.",
        "Ines Varga is a columnist and farmer who chairs the growers' cooperative.",
    ],
)
def test_news_about_people_and_services_is_kept(line: str) -> None:
    """Sentences that resemble bios, staff lines or help-lines but report news stay."""
    assert not is_boilerplate(line)


def test_people_named_only_in_furniture_do_not_survive() -> None:
    """Byline author, photographer and editor named only in removed lines are absent from the kept text."""
    text = (
        "WORLD\n"
        "By Orla Penhallow, Tidewater News\n"
        "Published 3:42 PM EST, Tue March 4, 2025\n"
        "Dockworkers walked out on Monday, Kasimir Dunlevy of the union said.\n"
        "Pickets gather at Gate 4. (Photo: Ines Varga/Agence Nordmark)\n"
        "Reporting by Orla Penhallow; Editing by Lise Amundrud\n"
        "Share\n"
    )
    kept = clean(text).kept_text()
    assert kept == "Dockworkers walked out on Monday, Kasimir Dunlevy of the union said."
    for name in ("Orla Penhallow", "Ines Varga", "Lise Amundrud", "Tidewater News", "Agence Nordmark"):
        assert name not in kept


def test_offsets_of_kept_and_removed_lines_are_exact() -> None:
    """Every kept and removed region slices back to its stripped line in the original text."""
    lines = [
        "  By Orla Penhallow | Northwind Wire  ",
        "\tThe council voted 5-2 on Tuesday.",
        "",
        "142 comments   ",
        "“It is a start,” Penhallow said.\r",
        "Follow her on X @openhallow",
    ]
    text = "\n".join(lines)
    cleaned = clean(text)
    sliced = [text[r.start : r.end] for r in sorted(cleaned.kept + cleaned.removed, key=lambda r: r.start)]
    assert sliced == [line.strip() for line in lines if line.strip()]
    assert [text[r.start : r.end] for r in cleaned.kept] == [
        "The council voted 5-2 on Tuesday.",
        "“It is a start,” Penhallow said.",
    ]


def test_removed_reasons_line_up_with_removed_regions() -> None:
    """Each removed region has a reason, in the same order."""
    text = "By Orla Penhallow\nThe council voted.\nShare\nGetty Images"
    cleaned = clean(text)
    assert cleaned.removed_reasons == ("byline", "share", "caption")
    assert len(cleaned.removed_reasons) == len(cleaned.removed)
