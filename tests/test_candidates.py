"""Actor candidates found by rules: names, kinds, roles, aliases and exact mention offsets."""

import re

from summarizer.candidates import Candidate, find_candidates
from summarizer.cleaning import CleanedDocument, Region, clean

# Every person, company and body below is invented; only the countries are real.


def _find(text: str) -> list[Candidate]:
    return find_candidates(clean(text))


def _named(candidates: list[Candidate], name: str) -> Candidate:
    found = [c for c in candidates if c.name == name]
    assert len(found) == 1, [c.name for c in candidates]
    return found[0]


def _names(candidates: list[Candidate]) -> set[str]:
    return {form for c in candidates for form in c.forms}


def test_titled_person_gets_name_and_role() -> None:
    """A title before a name is the role, not part of the name; the titled form is an alias."""
    found = _find("Treasury Secretary Kasimir Dunlevy said on Monday that exports would rise.")
    person = _named(found, "Kasimir Dunlevy")
    assert person.kind == "person"
    assert person.role == "Treasury Secretary"
    assert "Treasury Secretary Kasimir Dunlevy" in person.aliases
    trades = _find("Owner Li Wei said the rent had tripled. Farmer Tomas Hrabal agreed.")
    assert {(c.name, c.role) for c in trades} == {("Li Wei", "Owner"), ("Tomas Hrabal", "Farmer")}


def test_a_verbal_role_after_a_body_is_a_title() -> None:
    """ "board chair Denise Holloway" is a titled person ("chair" after a body's noun is no verb),
    while "City host Arsenal" still reads "host" as the verb."""
    found = _find("“We did not take this lightly,” said board chair Denise Holloway after the vote.")
    holloway = _named(found, "Denise Holloway")
    assert (holloway.kind, holloway.role) == ("person", "chair")
    assert _named(_find("Ruiz said department head Ana Lenz would resign."), "Ana Lenz").role == "head"
    assert all(c.role is None for c in _find("Manchester City host Arsenal on Sunday."))
    coach = _named(_find("“The fans deserved better,” coach Erik ten Hag told reporters."), "Erik ten Hag")
    assert (coach.kind, coach.role) == ("person", "coach")  # no subject before "coach": a title
    assert all(c.role is None for c in _find("She will chair Acme Corp from May."))


def test_a_union_local_is_an_organisation_with_its_number() -> None:
    """ "Amalgamated Transit Union Local 1410" and "Teamsters Local 727" are bodies; the number
    after "Local" is part of the name (elsewhere a number after a name marks a product)."""
    found = _find(
        "The Amalgamated Transit Union Local 1410, which represents the drivers, said no one would "
        "lose their job. Teamsters Local 727 said it would strike."
    )
    for name in ("Amalgamated Transit Union Local 1410", "Teamsters Local 727"):
        assert _named(found, name).kind == "organization"


def test_a_word_after_a_clock_time_may_open_a_sentence() -> None:
    """ "until 5 a.m. Critics said": "Critics" opens a sentence, so it is not taken for a name;
    a name there still is one."""
    found = _find("The vans run until 5 a.m. Critics said the vans are no substitute.")
    assert "Critics" not in _names(found)
    assert "Ana Ruiz" in _names(_find("Mayor Ana Ruiz spoke at 11 a.m. Ruiz said she would vote no."))


def test_a_time_zone_is_no_actor() -> None:
    """ "5 p.m. Pacific Time" and "Eastern Standard Time" name no one."""
    found = _find(
        "Call Monday through Friday, 8 a.m. to 5 p.m. Pacific Time. The vote closes at noon "
        "Eastern Standard Time, Ines Varga said."
    )
    assert [c.name for c in found] == ["Ines Varga"]


def test_a_title_with_of_ends_before_the_name() -> None:
    """ "Director of Communications Lena Vos": the title takes the department, the name is the last
    words; "Head of Investor Relations" alone is a title, not a person called "Investor Relations"."""
    found = _find(
        "Director of Communications Lena Vos said the plan was fair. Minister of Finance Ana de la Cruz "
        "agreed. The Head of Investor Relations said the call would start."
    )
    assert {(c.name, c.role) for c in found} == {
        ("Lena Vos", "Director of Communications"),
        ("Ana de la Cruz", "Minister of Finance"),
    }


def test_business_news_calls_a_company_what_it_is() -> None:
    """ "state miner Codelco", "Chipmaker Nvidia said" and "Corvane, the state miner, said" are
    organisations, the describing word their role; "Giant Eagle" stays a name whole."""
    found = _find(
        "The deal between state miner Codelco and the port was signed. Chipmaker Nvidia said sales "
        "rose. Corvane, the state miner, said it had held meetings. Giant Eagle said it would close stores."
    )
    assert (_named(found, "Codelco").kind, _named(found, "Codelco").role) == ("organization", "miner")
    assert (_named(found, "Nvidia").kind, _named(found, "Nvidia").role) == ("organization", "Chipmaker")
    assert _named(found, "Corvane").kind == "organization"
    assert "Giant Eagle" in _names(found) and "Eagle" not in [c.name for c in found]


def test_a_sentence_opener_set_off_by_commas_is_no_actor() -> None:
    """ "Earlier, the minister said no. Elsewhere, ..." names no one: "no." ends the sentence (it
    abbreviates only before a number), and an adverb is no actor."""
    found = _find(
        "Earlier, the minister said no. Elsewhere, the union said yes. Later, the lawyer said no. "
        "Again, the official said no."
    )
    assert found == []


def test_an_age_says_a_person_and_a_pronoun_is_no_actor() -> None:
    """ "Ana Ruiz, 54," is a person, with the role after her age; "Nobody" opening a quote is no one."""
    found = _find(
        "Ana Ruiz, 54, a retired teacher, told reporters she was worried. Tom Reyes, 61, agreed. "
        "“Nobody asked us,” said one resident."
    )
    assert (
        _named(found, "Ana Ruiz").kind == "person" and _named(found, "Ana Ruiz").role == "a retired teacher"
    )
    assert _named(found, "Tom Reyes").kind == "person"
    assert "Nobody" not in _names(found)


def test_a_name_before_a_present_tense_verb_is_an_actor() -> None:
    """ "Maria Costa runs the shelter": "runs" before "the" is a verb, so Maria Costa acts; "Apple
    shares fell" and "Tesla cars in Europe" stay nouns after a name."""
    assert "Maria Costa" in _names(_find("Maria Costa runs the shelter with her sister."))
    assert _find("Apple shares fell on Monday. Tesla cars in Europe sold well.") == []


def test_a_name_followed_by_who_or_whose_is_a_person() -> None:
    """ "said Rosa Delgado, whose two sons attend Lincoln": only a person takes "who" or "whose", so
    an untitled name-shaped speaker is a person, not "other"; "Goldman Sachs, which" stays other."""
    found = _find('"I\'m heartbroken," said Rosa Delgado, whose two sons attend Lincoln.')
    assert _named(found, "Rosa Delgado").kind == "person"
    found = _find("Goldman Sachs, which advised the city, said the sale was fair.")
    assert _named(found, "Goldman Sachs").kind == "other"


def test_an_appositive_title_may_open_with_an_ing_word_but_not_with_a_verb() -> None:
    """ "Ingrid Halvorsen, managing partner at Halvorsen Capital," gives her the title; in
    "Halvorsen Capital, will join the board" the words after the comma are the verb, not a role."""
    found = _find("Ingrid Halvorsen, managing partner at Halvorsen Capital, will join the board.")
    assert _named(found, "Ingrid Halvorsen").role == "managing partner at Halvorsen Capital"
    assert _named(found, "Ingrid Halvorsen").kind == "person"
    assert _named(found, "Halvorsen Capital").role is None
    found = _find("Acme Corp, adding staff in Ohio, said sales rose.")
    assert all(c.role is None for c in found)


def test_a_speaker_line_over_a_turn_names_a_titled_person() -> None:
    """ "Raj Patel -- Morgan Stanley -- Analyst" over an analyst's question is a person with that
    title; a Title Case headline with a dash ("Northwind Unveils New Robot - Tech News") names
    nobody."""
    found = _find("Raj Patel -- Morgan Stanley -- Analyst\n\nThanks. How much of the cut is wheat?")
    assert (_named(found, "Raj Patel").kind, _named(found, "Raj Patel").role) == (
        "person",
        "Morgan Stanley, Analyst",
    )
    assert _find("Northwind Unveils New Robot - Tech News\n\nThe robot picks fruit.") == []
    found = _find("With me today are Daniel Reyes, our Chief Executive Officer, and the team.")
    assert _named(found, "Daniel Reyes").role == "Chief Executive Officer"  # not "our ..."


def test_a_surname_shared_with_a_place_goes_to_the_titled_person() -> None:
    """ "Council member Derek Hall" and "City Hall": "According to Hall" is Derek Hall, not a
    separate actor called Hall."""
    found = _find(
        "Council member Derek Hall disagreed. Ortiz spoke at City Hall.\n\n"
        "According to Hall, the fees would raise $4 million."
    )
    assert "Hall" in _named(found, "Derek Hall").forms
    assert [c.name for c in found if c.name == "Hall"] == []


def test_an_employer_a_month_name_and_a_family_tie() -> None:
    """ "chief executive of Kalmstad Terminals" makes the company an organisation; "Jan" opening
    "Jan Ek, an analyst" is a given name, where "in May" is a month; "the daughter of Peter Vos"
    makes both people."""
    found = _find("Henrik Sand, chief executive of Kalmstad Terminals, said the offer was final.")
    assert _named(found, "Kalmstad Terminals").kind == "organization"
    found = _find("Jan Ek, an analyst at Morgan Stanley, said costs rose. In May Acme Corp said so too.")
    assert _named(found, "Jan Ek").kind == "person"
    assert "May Acme Corp" not in _names(found)
    found = _find("Lena Vos, the daughter of Peter Vos, said the farm was sold.")
    assert (_named(found, "Lena Vos").kind, _named(found, "Peter Vos").kind) == ("person", "person")
    assert _named(found, "Lena Vos").role == "the daughter of Peter Vos"


def test_companies_known_by_the_jobs_and_bodies_around_them() -> None:
    """ "Lumen Air Chief Executive Officer Katrin Vogel", "analysts at Jefferies" and "the
    Vereinigung Cockpit union said" make organisations, not "other"."""
    found = _find(
        "Lumen Air cancelled 400 flights. The Vereinigung Cockpit union said talks had failed. "
        "Lumen Air Chief Executive Officer Katrin Vogel said the strike was wrong. Analysts at "
        "Jefferies estimated the cost."
    )
    kinds = {c.name: c.kind for c in found}
    assert kinds["Lumen Air"] == kinds["Vereinigung Cockpit"] == kinds["Jefferies"] == "organization"
    assert kinds["Katrin Vogel"] == "person"


def test_a_plural_title_before_a_name_is_a_title() -> None:
    """ "Councilmembers Dale Ortega and Tina Walsh voted no": both are Councilmembers; a list
    after a plural title shares it."""
    found = _find("Councilmembers Dale Ortega and Tina Walsh voted no. Ortega said it was rushed.")
    roles = {c.name: (c.kind, c.role) for c in found}
    assert roles["Dale Ortega"] == roles["Tina Walsh"] == ("person", "Councilmember")
    assert "Councilmembers Dale Ortega" not in roles
    found = _find("Senators Amy Ruiz, Tom Lee and Ana Park wrote to the agency. Acme Corp said no.")
    assert [(c.name, c.role) for c in found if c.kind == "person"] == [
        ("Amy Ruiz", "Senator"),
        ("Tom Lee", "Senator"),
        ("Ana Park", "Senator"),
    ]


def test_news_page_actors_are_read_whole() -> None:
    """ "Pacific Gas and Electric" is one company; "Santa Clara County Supervisor Otto Lindqvist"
    a titled person; "... Almaden and Coyote, fire officials said" gives Coyote no role."""
    found = _find(
        "Fire pushed toward Almaden and Coyote, fire officials said. Santa Clara County Supervisor "
        "Otto Lindqvist criticized the delay. Pacific Gas and Electric said it had shut off power."
    )
    assert _named(found, "Pacific Gas and Electric").kind == "organization"
    assert _named(found, "Otto Lindqvist").role == "Santa Clara County Supervisor"
    assert all(c.role != "fire officials said" for c in found)


def test_a_football_club_is_an_organisation_its_last_word_stands_for() -> None:
    """ "Manchester United" is a club, not a person, and "United's manager" is its manager; with
    two Uniteds in the text, "United" names neither."""
    found = _find("Manchester United beat Liverpool 2-1. United's Ruben Amorim said little.")
    club = _named(found, "Manchester United")
    assert club.kind == "organization" and "United" in club.forms
    two = _find("Leeds United and Manchester United drew 1-1. United's manager said little.")
    assert {c.name: c.kind for c in two if "United" in c.name}["Leeds United"] == "organization"


def test_appositive_gives_role() -> None:
    """A noun phrase set off by commas after a name is its role."""
    found = _find(
        "Orla Penhallow, a former official at the Ministry of Commerce, said the pact was unfair. "
        "Tomasz Orr-Bell, CEO of Brightline Robotics, disagreed."
    )
    assert _named(found, "Orla Penhallow").role == "a former official at the Ministry of Commerce"
    assert _named(found, "Tomasz Orr-Bell").role == "CEO of Brightline Robotics"


def test_surname_joins_the_full_name() -> None:
    """ "President Edda Marrow", "Edda Marrow" and "Marrow" are one candidate."""
    text = (
        "President Edda Marrow met union leaders on Friday. "
        "Marrow said the talks were useful, and Marrow's aides agreed."
    )
    found = _find(text)
    people = [c for c in found if c.kind == "person"]
    assert len(people) == 1
    assert people[0].name == "Edda Marrow"
    assert {"Marrow", "President Edda Marrow"} <= set(people[0].aliases)
    assert [text[s:e] for s, e in people[0].mentions] == ["Edda Marrow", "Marrow", "Marrow"]


def test_two_people_with_one_surname_stay_apart() -> None:
    """A surname shared by two named people joins neither."""
    found = _find("Edda Marrow and Piet Marrow arrived together. Later Marrow said nothing.")
    assert {"Edda Marrow", "Piet Marrow"} <= {c.name for c in found}
    assert not any(c.name == "Marrow" or "Marrow" in c.aliases for c in found)


def test_acronym_joins_its_expansion() -> None:
    """An acronym defined in parentheses, or made of the name's initials, is an alias."""
    found = _find(
        "The Harrowby Monetary Fund (HMF) cut its forecast. The HMF said growth would slow. "
        "The Northern Ports Authority agreed, and the NPA said it would publish figures."
    )
    fund = _named(found, "Harrowby Monetary Fund")
    assert fund.aliases == ("HMF",)
    assert len(fund.mentions) == 3
    assert "NPA" in _named(found, "Northern Ports Authority").aliases


def test_country_forms_and_acting_capital_are_one_candidate() -> None:
    """ "U.S.", "United States" and a capital that acts ("Washington's guidance") are one country."""
    text = (
        "The U.S. will keep trading with China, officials said. The United States has also "
        "followed Washington's guidance on chips. Talks were held in Beijing last week."
    )
    found = _find(text)
    us = _named(found, "United States")
    assert us.kind == "country"
    assert {"U.S.", "Washington"} <= set(us.aliases)
    china = _named(found, "China")
    assert "Beijing" not in china.aliases  # a place where talks were held, not an actor


def test_country_named_only_as_a_place_is_not_a_candidate() -> None:
    """A country that only appears after "in" or in a list after it is a place, not an actor."""
    found = _find("The company has offices in the Netherlands, Belgium and Spain, a filing said.")
    assert not {"Netherlands", "Belgium", "Spain"} & _names(found)


def test_names_only_in_boilerplate_are_not_candidates() -> None:
    """Names on removed lines are neither candidates nor mentions."""
    text = (
        "Mayor Ilse Varga said the bridge would reopen.\n"
        "Photo courtesy: Quenby Archive\n"
        "© 2026 Tidewater Ledger. All rights reserved.\n"
        "Varga thanked Dorrit Engineering Ltd. for its work."
    )
    lines = [m.span() for m in re.finditer(r"[^\n]+", text)]
    document = CleanedDocument(
        text=text,
        kept=(Region(*lines[0]), Region(*lines[3])),
        removed=(Region(*lines[1]), Region(*lines[2])),
    )
    found = find_candidates(document)
    assert {"Ilse Varga", "Dorrit Engineering Ltd."} <= {c.name for c in found}
    assert not {"Quenby Archive", "Tidewater Ledger"} & _names(found)
    assert all(document.is_kept(s, e) for c in found for s, e in c.mentions)


def test_sentence_initial_common_words_are_not_candidates() -> None:
    """ "However", "Residents" and "Opponents" open sentences but name nobody."""
    found = _find(
        "However, the vote was delayed. Residents said they were tired of waiting. "
        "Opponents argued the toll was unfair, according to Councilmember Rhea Solano."
    )
    assert [c.name for c in found] == ["Rhea Solano"]


def test_headline_case_and_dates_are_not_candidates() -> None:
    """Title Case headlines, months and weekdays never make a candidate."""
    found = _find(
        "River Board Votes To Cut Deliveries Again\n"
        "On Tuesday in March, the board's chair Ona Lisk said the cuts would last until June."
    )
    assert [c.name for c in found] == ["Ona Lisk"]


def test_mentions_are_exact_offsets_sorted_by_first() -> None:
    """Each mention is an exact slice of the text, and candidates come in order of first mention."""
    text = (
        "Ostvald Growers Cooperative signed a deal with Brisk Agritech B.V. on Friday. "
        "“We needed the robots,” said Pieter Aalst, chair of Ostvald Growers Cooperative. "
        "Brisk will lease them, Aalst added."
    )
    found = _find(text)
    assert [c.first for c in found] == sorted(c.first for c in found)
    for candidate in found:
        assert candidate.first == candidate.mentions[0][0]
        for start, end in candidate.mentions:
            assert text[start:end] in candidate.forms
    brisk = _named(found, "Brisk Agritech B.V.")
    assert [text[s:e] for s, e in brisk.mentions] == ["Brisk Agritech B.V.", "Brisk"]


def test_organisation_suffixes_give_kinds() -> None:
    """Suffixes and heads decide the kind: company, government body, group."""
    found = _find(
        "Tamsin Holdings Inc. said the Ministry of Foreign Affairs had approved the deal. "
        "The Ashdown County Commission voted 4-1, and the Red Fern Band objected. "
        "The Velling Group declined to comment."
    )
    kinds = {c.name: c.kind for c in found}
    assert kinds["Tamsin Holdings Inc."] == "organization"
    assert kinds["Ministry of Foreign Affairs"] == "government"
    assert kinds["Ashdown County Commission"] == "government"
    assert kinds["Red Fern Band"] == "group"
    assert kinds["Velling Group"] == "organization"


def test_places_and_products_are_not_candidates() -> None:
    """Names of places and products ("Quillon Street Bridge", "Pulse 5", "in Varrow") are dropped."""
    found = _find(
        "Traffic on the Quillon Street Bridge stopped. Sales of the Pulse 5 watch fell in Varrow, "
        "said Lamar Quist, an analyst at Merrow Securities."
    )
    assert {c.name for c in found} == {"Lamar Quist", "Merrow Securities"}


def test_no_names_no_candidates() -> None:
    """A text without names, or an empty one, has no candidates."""
    assert _find("the river was low and the farmers were worried about the summer.") == []
    assert _find("") == []
    assert find_candidates(CleanedDocument(text="Ada Lune said so.", kept=(), removed=())) == []


def test_every_mention_of_a_long_document_is_found() -> None:
    """Mentions are found all through a long document, not just near its start."""
    paragraph = (
        "Treasury Secretary Kasimir Dunlevy said the Harrowby Monetary Fund (HMF) would help. "
        "Orla Penhallow, an economist at Brightline Capital, disagreed. Dunlevy said the HMF agreed. "
    )
    found = find_candidates(clean(paragraph * 500))
    assert len(_named(found, "Kasimir Dunlevy").mentions) == 1000
    assert len(_named(found, "Harrowby Monetary Fund").mentions) == 1500  # with "(HMF)"


def test_a_role_word_opening_a_sentence_is_the_title_not_the_name() -> None:
    """ "Defender Lucia Manzano equalized" and "Co-author Henrik Lund cautioned": the person is
    Lucia Manzano, a defender; before, "Defender Lucia Manzano" was a name of kind "other"."""
    found = _find(
        "Defender Lucia Manzano equalized three minutes later.\n\n"
        "Co-author Henrik Lund cautioned that rising seas could reverse the gains."
    )
    assert [(c.name, c.kind, c.role) for c in found] == [
        ("Lucia Manzano", "person", "Defender"),
        ("Henrik Lund", "person", "Co-author"),
    ]


def test_a_verbal_title_before_a_speaker_is_a_title() -> None:
    """ "Comets coach Ray Delacroix said": no verb takes a name that goes on to speak, so "coach"
    is his title. "The Comets (14-6-4) host Redfield United" keeps the verb after the aside."""
    found = _find(
        "“They listened,” Comets coach Ray Delacroix said.\n\n"
        "The Comets (14-6-4) host Redfield United next Saturday."
    )
    coach = _named(found, "Ray Delacroix")
    assert (coach.kind, coach.role) == ("person", "Comets coach")
    assert _named(found, "Redfield United").role is None


def test_one_of_a_group_of_people_is_a_person() -> None:
    """ "Luis Ferreira, one of the plaintiffs, said" names a person; "Valmora, one of the agency's
    largest member regions" gets no role from it."""
    found = _find(
        "“This was never about money,” said Luis Ferreira, one of the plaintiffs.\n\n"
        "Rafael Ondrej, health minister of Valmora, one of the agency's largest member regions, spoke."
        " Valmora said it would comply."
    )
    assert (_named(found, "Luis Ferreira").kind, _named(found, "Luis Ferreira").role) == (
        "person",
        "one of the plaintiffs",
    )
    assert _named(found, "Valmora").role is None


def test_a_title_set_off_before_a_name_that_ends_the_sentence() -> None:
    """'"...," said the company's operations director, Fiona MacRae.' gives her the title; before,
    a name that ended the text had none, and she was "other"."""
    found = _find("“We can't send crews up poles,” said the company's operations director, Fiona MacRae.")
    assert (_named(found, "Fiona MacRae").kind, _named(found, "Fiona MacRae").role) == (
        "person",
        "the company's operations director",
    )


def test_first_opens_a_title() -> None:
    """ "First Minister Alan Cowie told reporters": his title is "First Minister", not "Minister";
    "First" before anything but a title still opens a sentence only."""
    assert [(c.name, c.role) for c in _find("First Minister Alan Cowie told reporters to stay home.")] == [
        ("Alan Cowie", "First Minister")
    ]
    assert [c.name for c in _find("First, Alan Cowie told reporters to stay home.")] == ["Alan Cowie"]


def test_who_someone_is_may_open_the_sentence_before_their_name() -> None:
    """ "Resident Tom Whitaker said": the person is Tom Whitaker, a resident. A plural ("Officials
    Ana Roe and Tom Lee") is a list's title, not Ana Roe's alone."""
    assert [(c.name, c.kind, c.role) for c in _find("Resident Tom Whitaker said bills were late.")] == [
        ("Tom Whitaker", "person", "Resident")
    ]
    assert all(c.role is None for c in _find("Officials Ana Roe and Tom Lee said bills were late."))


def test_a_title_set_off_before_a_name_starts_at_its_preposition() -> None:
    """ "a lawsuit filed in 2023 by a former billing manager, Denise Ford," gives her the title
    from "by" on (before, the clause was too long to read and she had none); "He served as a
    lawyer, Ana Ruiz said." gives Ana Ruiz no title "He served as a lawyer"."""
    found = _find("The deal ends a lawsuit filed in 2023 by a former billing manager, Denise Ford, who sued.")
    assert _named(found, "Denise Ford").role == "a former billing manager"
    assert _named(_find("He served as a lawyer, Ana Ruiz said."), "Ana Ruiz").role is None


def test_he_or_she_after_the_sentence_a_name_opens_makes_a_person() -> None:
    """ "Ruth Amsel owns 14 rental units. She spoke ..." is a person; "Acme Tools owns 14 plants.
    It employs 300." is not; a name that is not the sentence's subject gets nothing from it."""
    assert [(c.name, c.kind) for c in _find("Ruth Amsel owns 14 rental units. She spoke to us.")] == [
        ("Ruth Amsel", "person")
    ]
    assert _named(_find("Acme Tools owns 14 plants. It employs 300."), "Acme Tools").kind != "person"
    assert _named(_find("Rain hit Acme Tools on Monday. She left."), "Acme Tools").kind != "person"
    diner = "Maria Ortega has run the diner for 22 years. “We lost everything,” she says."
    assert _named(_find(diner), "Maria Ortega").kind == "person"
    assert _named(_find("Acme Tools has run the diner. “We lost,” said Roe."), "Acme Tools").kind != "person"


def test_a_reuters_instrument_code_makes_a_company() -> None:
    """ "Shares of Acme (ACME.N) fell" names a company; before, Acme was of kind "other"."""
    acme = _named(_find("Shares of Acme (ACME.N) fell 3% in early trading."), "Acme")
    assert (acme.kind, "ACME.N" in acme.aliases) == ("organization", True)


def test_banks_and_the_people_who_run_them() -> None:
    """ "the Royal Bank of Canada" is a company, not a government (only a central bank is one);
    "Bank of England Governor Andrew Bailey" is a person with his title and the bank an actor of
    its own, where the whole run was one organisation."""
    assert [(c.name, c.kind) for c in _find("“We cut rates,” the Royal Bank of Canada said.")] == [
        ("Royal Bank of Canada", "organization")
    ]
    assert [(c.name, c.kind) for c in _find("The European Central Bank said rates would hold.")] == [
        ("European Central Bank", "government")
    ]
    found = _find("Bank of England Governor Andrew Bailey spoke on Monday.")
    assert [(c.name, c.kind, c.role) for c in found] == [
        ("Bank of England", "organization", None),
        ("Andrew Bailey", "person", "Bank of England Governor"),
    ]
    # A body named before a title joins the longer name the text gives it.
    council = "The Antelope Ridge Tribal Council met. Tribal Council Chair Joanna Silversmith said no."
    assert [c.name for c in _find(council)] == ["Antelope Ridge Tribal Council", "Joanna Silversmith"]
