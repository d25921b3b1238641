"""Deterministic actor candidates: who a cleaned document names, found by rules, not by a model.

`find_candidates` reads only the kept (non-boilerplate) regions of a `CleanedDocument` and returns
the people, organisations, governments, countries and groups they name, each with its fullest
name, a kind, a role where the text gives one, the other forms the text uses for it, and the exact
offsets of every mention. The rules, in order:

1. Tokens: words with their offsets; possessives ("Trump's") and sentence-final full stops are
   split off, abbreviations ("Dr.", "Corp.", "U.S.", "J.") keep theirs.
2. Chunks: runs of capitalised words joined by single spaces, with name particles ("de", "van",
   "bin") and institutional connectors ("of", "for", "and", "&": "Ministry of Foreign Affairs").
   Headline-case lines, datelines, shouting and comment sections never start a candidate.
3. Each chunk is read as a country (a lexicon, `pycountry` when installed), an organisation or
   government (its suffix or head: "Inc", "Ministry of ...", "Commission"), a place or thing
   ("Bridge", "Plan": dropped), or a title plus a person ("Treasury Secretary Scott Bessent").
4. Mentions of one actor are grouped: a surname or first name joins the one person it belongs to,
   an acronym the organisation it abbreviates, a short form the one longer name it starts.
5. A group becomes a candidate only with evidence that it is an actor: a title, a role, an
   organisation suffix, a speech verb, a verb after it, a possessive. A capitalised word that is
   only ever a sentence's first word, or only a place ("in Korsa"), is not one.
6. Every form of every kept candidate is then matched over the kept text, longest first, so the
   mentions are complete and exact: `document.text[start:end]` is the mention.

Linear in the length of the text; no model and no heavy import (pycountry is imported lazily).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .names import TITLES, acronym, normalize

if TYPE_CHECKING:
    from .cleaning import CleanedDocument

__all__ = ["Candidate", "find_candidates"]

MAX_ROLE = 120


@dataclass(frozen=True)
class Candidate:
    """One actor the text names. `mentions` are `(start, end)` offsets into `document.text`."""

    name: str
    kind: str  # person, organization, government, country, group, other
    role: str | None
    aliases: tuple[str, ...]
    mentions: tuple[tuple[int, int], ...]
    first: int

    @property
    def forms(self) -> list[str]:
        return [self.name, *self.aliases]


# --------------------------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------------------------


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that head or end a title ("Treasury Secretary", "Chief Executive Officer").
_ROLE_HEADS = (
    frozenset(TITLES) - {"the", "of", "to", "us", "u.s.", "chinese", "state", "foreign", "treasury", "former"}
) | _set(
    """officer commissioner councilmember councilman councilwoman councillor councilor chairperson
    professor prof dr mr mrs ms mx sen rep gov gen lt col capt sgt cmdr adm supt insp det
    congressman congresswoman assemblyman assemblywoman assemblymember premier chancellor pope
    bishop archbishop cardinal rabbi imam sheikh emir sultan colonel captain lieutenant sergeant
    admiral commander marshal inspector detective constable sheriff superintendent coach founder
    co-founder cofounder manager head leader speaker envoy delegate dean provost rector treasurer
    comptroller auditor attorney solicitor magistrate trustee spokesperson analyst economist
    director-general secretary-general undersecretary attorney-general lawmaker pastor reverend
    rev"""
)
# Everything that may stand in the title part before a name ("U.S. Deputy Secretary of State").
_ROLE_WORDS = frozenset(TITLES) | _ROLE_HEADS | _set("acting interim senior assistant associate managing")
_NAME_SUFFIXES = _set("jr sr ii iii iv v")
_HONORIFICS = _set("mr mrs ms mx miss dr sir dame rev reverend the")
_PARTICLES = _set(
    "de van von der den da di du del della des la le bin ibn al el dos das do ter ten y bint ben"
)
_ORG_CONNECTORS = _set("of for on and the")
_CORP_END = _set("inc corp ltd llc plc b.v n.v ag sa s.a gmbh co lp llp nv bv")
# The last word of an organisation's name.
_ORG_SUFFIXES = _set(
    """inc corp corporation co ltd llc plc bv nv ag sa gmbh lp llp group bank banks ministry agency
    union council party university college school academy association authority commission
    department fund institute institution federation company companies holdings technologies
    technology tech labs laboratories systems solutions software networks network communications
    media entertainment studios pharmaceuticals pharma therapeutics biologics biotech bioscience
    biosciences electronics energy power utilities utility securities ratings capital partners
    investments investment ventures advisors advisers management consulting services service
    trust foundation exchange markets brands retail stores motors airlines airways aerospace
    defense defence industries enterprises resources mining minerals metals steel oil gas
    petroleum chemicals materials logistics shipping lines express foods beverages insurance
    assurance healthcare health hospital hospitals clinic clinics cooperative co-op collective
    coalition alliance league society club committee board bureau office court courts police
    government parliament congress senate assembly cabinet administration army navy force forces
    corps guard command agritech robotics semiconductor semiconductors devices instruments
    automotive properties realty hotels resorts press news times post journal broadcasting
    nation chamber center centre organization organisation district records guild electric"""
)
# Heads that take a complement: "Ministry of Foreign Affairs", "Reserve Bank of Valdoria".
_ORG_HEADS = _ORG_SUFFIXES | _set("port city republic kingdom house museum church order friends office")
# Last words of the complement in "Ministry of Trade and Industry", "Department of Health and
# Human Services", "National Institute of Allergy and Infectious Diseases".
_COMPLEMENTS = _set(
    """affairs services development industry industries trade commerce technology science sciences
    research health diseases security safety defence defense justice education culture
    environment energy transport transportation agriculture fisheries labour labor welfare
    finance economy planning housing communications information standards statistics innovation
    infrastructure resources sport sports tourism heritage arts media employment pensions
    immigration enforcement protection prevention control relations cooperation investment
    climate water forests forestry mines mining oceans policy"""
)
_GOV_WORDS = _set(
    """ministry department government parliament congress senate cabinet agency administration
    bureau court courts police treasury legislature embassy consulate army navy military nation
    reserve kremlin pentagon whitehall representatives commons lords"""
)
_GOV_QUALIFIERS = _set(
    """state national federal city county municipal tribal european regional provincial royal
    public security supreme town borough central"""
)
_GOV_SOFT = _set("commission council board office authority service fund bank")
_GROUP_SUFFIXES = _set("band tribe caucus militia brigade movement rebels insurgents")
# The last word of a place or a thing: not an actor.
_PLACE_SUFFIXES = _set(
    """street st road rd avenue ave boulevard blvd lane drive way bridge dam lake lakes river range
    valley spring springs mountain mountains mount island islands bay coast ocean sea gulf
    peninsula station airport fairgrounds stadium arena park square plaza highway freeway canyon
    creek basin desert forest falls harbor harbour beach hills hill ridge gap pass canal strait
    channel delta plains heights county province region territory township village town
    neighborhood neighbourhood reservation terminal pier wharf building tower towers mall
    plan act bill program programme project treaty agreement accord award awards prize cup
    festival index pact deal protocol convention declaration charter doctrine policy war crisis
    pandemic election elections games olympics championship series model edition mini pro max
    plus ultra day week month year season rule law report strategy summit expo fair average"""
)
_DIRECTIONS = _set(
    "north south east west northern southern eastern western central upper lower greater middle northeast"
    " northwest southeast southwest"
)
_CALENDAR = _set(
    """january february march april may june july august september october november december jan
    feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday
    sunday mon tue tues wed thu thur thurs fri sat sun christmas easter ramadan eid thanksgiving
    halloween hanukkah diwali"""
)
# Capitalised words that start sentences but name nobody.
_STOP = _set(
    """the a an and or but nor so yet for of in on at to by with from into onto upon about above
    below after before during since until while when where why how what who whom whose which that
    this these those there here it its it's he she they we i you his her their our your my me him
    them us is are was were be been being has have had do does did will would can could should may
    might must shall not no yes also still then now just only even however although though
    because if unless whether as than like unlike despite instead meanwhile moreover furthermore
    therefore thus hence indeed nevertheless nonetheless otherwise besides also again once twice
    all any each every some many much most more less few several both either neither such other
    another one two three four five six seven eight nine ten first second third last next new
    good thank thanks hi hello dear mr ms mrs please well oh ok okay yeah sure today tomorrow
    yesterday tonight according among amid against between beyond through throughout toward
    towards under over via per without within across along around behind beside near off out up
    down inside outside whatever whoever whichever wherever whenever let lets let's read see
    watch listen subscribe follow share click related more breaking update updated exclusive
    opinion analysis editorial live video photo photos image images note notes overall
    together elsewhere perhaps maybe already almost nearly contact contacts media source sources
    correction clarification disclosure summary background transcript operator moderator"""
)
_DEMONYMS = _set(
    """american americans chinese british russian russians french german germans japanese indian
    indians european europeans african africans asian asians dutch swedish norwegian danish
    finnish italian spanish portuguese canadian canadians mexican mexicans brazilian australian
    korean koreans iranian iranians israeli israelis palestinian palestinians ukrainian
    ukrainians turkish saudi egyptian syrian iraqi afghan pakistani polish greek irish scottish
    welsh english swiss austrian belgian czech hungarian romanian arab arabs arabic western
    eastern latin nordic scandinavian taiwanese vietnamese thai indonesian filipino malaysian
    singaporean nigerian kenyan ethiopian venezuelan colombian argentine argentinian chilean
    peruvian cuban emirati qatari lebanese jordanian yemeni libyan moroccan algerian tunisian
    sudanese somali haitian jamaican bangladeshi nepalese mongolian kazakh uzbek georgian armenian
    azerbaijani belarusian serbian croatian bosnian slovak slovenian bulgarian lithuanian latvian
    estonian icelandic maltese cypriot kurdish kurds persian muslim muslims christian christians
    jewish jews hindu hindus buddhist catholic catholics protestant evangelical islamic"""
)
_LOCATIVE = _set(
    """in at on near into inside outside across throughout around along below above beneath beyond
    upstream downstream toward towards via within between off onto past"""
)
_MOVEMENT = _set("from to")
_AUX = _set(
    """is are was were be been has have had will would can could should may might must shall does
    did do said says told tells also still now has wants plans expects attempts seeks insists
    argues warns claims hopes remains needs faces continues supports opposes rejects accepts
    denies refuses believes considers intends aims tries threatens calls urges agrees holds makes
    takes gives sees gets keeps reported reports announced announces confirmed confirms called
    declined declines added adds noted notes wrote writes asked asks urged argued warned estimated
    predicted described insisted agreed disputed criticized criticised recalled pointed
    responded replied stressed emphasized cautioned suggested concluded acknowledged explained
    stated welcomed rejected accused sued filed voted approved endorsed signed launched
    spoke met went came made took gave saw won lost led left held fell rose sold bought paid sent
    built began became brought thought felt kept ran set put cut hit struck sought fought chose
    drove flew grew knew threw broke stood understood overtook withdrew undertook"""
)
_SPEECH = _set(
    """said says say told tells added adds argued argues warned warns noted notes stated states wrote
    writes asked asks urged urges insisted insists estimated estimates predicted predicts described
    describes called calls claimed claims announced announces explained explains acknowledged
    replied responded countered conceded admitted stressed emphasized emphasised agreed disputed
    criticized criticised recalled testified pointed believes thinks declined cautioned suggested
    tweeted posted commented continued concluded observed remarked maintained contended
    reiterated confirmed denied revealed complained vowed pledged promised"""
)
_PERSON_NOUNS: frozenset[str] = frozenset()  # set below, once _ORG_NOUNS exists
# Words in an appositive that make it a role ("Lena Vos, an economist at ...").
_ROLE_NOUNS = _ROLE_HEADS | _set(
    """official officials economist analyst head manager member founder professor researcher
    scientist expert hydrologist epidemiologist spokesperson spokeswoman spokesman attorney lawyer
    adviser advisor consultant leader commissioner councilmember chair chairwoman chairman
    president director minister secretary governor mayor senator representative lawmaker
    ambassador envoy diplomat correspondent editor reporter owner farmer rancher resident
    activist organizer organiser campaigner strategist historian engineer doctor physician nurse
    teacher student partner investor trader banker executive chief ceo cfo coo cto officer
    biologist economist ecologist geologist climatologist virologist professor lecturer fellow
    author writer journalist columnist host anchor boss producer designer architect judge prosecutor
    administrator superintendent coordinator negotiator worker workers employee lobbyist
    veteran general colonel captain"""
)
_ORG_NOUNS = _set(
    """group company firm organization organisation agency utility association union manufacturer
    developer maker producer retailer bank regulator cooperative charity nonprofit non-profit
    provider operator supplier lender insurer startup start-up network coalition body institution
    university council board party alliance chain conglomerate subsidiary brand publisher
    broadcaster outlet newspaper website platform fund watchdog authority ministry department
    government commission committee tribe nation"""
)
_PERSON_NOUNS = _ROLE_NOUNS - _ORG_NOUNS
# Role nouns that are also verbs: right before a name they are more often the verb.
_VERBAL_ROLES = _set("host hosts head heads chair chairs coach coaches judge judges lead leads")
_APPOSITIVE_STOP = _set(
    """who which that where when whose whom and but or said says told as while if because after
    before according since although though so then also with in on at for by"""
)
_PREPOSITIONS = _set("of at for in with on from to based who that which whose since by")

# Fallback country lexicon (pycountry adds the rest when installed): canonical -> forms.
_COUNTRIES: dict[str, tuple[str, ...]] = {
    "United States": ("United States", "United States of America", "U.S.", "U.S.A.", "US", "USA", "America"),
    "United Kingdom": ("United Kingdom", "U.K.", "UK", "Britain", "Great Britain"),
    "European Union": ("European Union", "EU", "E.U."),
    "United Nations": ("United Nations", "UN", "U.N."),
    "China": ("China", "People's Republic of China", "PRC"),
    "Russia": ("Russia", "Russian Federation"),
    "South Korea": ("South Korea", "Republic of Korea"),
    "North Korea": ("North Korea", "DPRK"),
    "United Arab Emirates": ("United Arab Emirates", "UAE"),
    "Czech Republic": ("Czech Republic", "Czechia"),
    "Netherlands": ("Netherlands", "Holland"),
    "Turkey": ("Turkey", "Türkiye"),
    "Vietnam": ("Vietnam", "Viet Nam"),
    "Ivory Coast": ("Ivory Coast", "Côte d'Ivoire"),
    "Democratic Republic of the Congo": ("Democratic Republic of the Congo", "DRC", "DR Congo"),
}
_MORE_COUNTRIES = """Afghanistan Albania Algeria Angola Argentina Armenia Australia Austria Azerbaijan
Bahrain Bangladesh Belarus Belgium Bolivia Bosnia Botswana Brazil Bulgaria Cambodia Cameroon Canada
Chile Colombia Congo Croatia Cuba Cyprus Denmark Ecuador Egypt Estonia Ethiopia Finland France
Georgia Germany Ghana Greece Guatemala Haiti Honduras Hungary Iceland India Indonesia Iran Iraq
Ireland Israel Italy Jamaica Japan Jordan Kazakhstan Kenya Kosovo Kuwait Laos Latvia Lebanon Libya
Lithuania Luxembourg Madagascar Malaysia Mali Malta Mexico Moldova Mongolia Montenegro Morocco
Mozambique Myanmar Namibia Nepal Nicaragua Niger Nigeria Norway Oman Pakistan Palestine Panama
Paraguay Peru Philippines Poland Portugal Qatar Romania Rwanda Senegal Serbia Singapore Slovakia
Slovenia Somalia Spain Sudan Sweden Switzerland Syria Taiwan Tajikistan Tanzania Thailand Tunisia
Turkey Uganda Ukraine Uruguay Uzbekistan Venezuela Yemen Zambia Zimbabwe"""
_MULTI_COUNTRIES = (
    "Saudi Arabia",
    "South Africa",
    "New Zealand",
    "Sri Lanka",
    "Costa Rica",
    "El Salvador",
    "Dominican Republic",
    "Hong Kong",
    "Puerto Rico",
    "Papua New Guinea",
    "South Sudan",
    "North Macedonia",
    "Burkina Faso",
    "Sierra Leone",
    "Trinidad and Tobago",
    "Vatican City",
)
_BLOC_KINDS = {"European Union": "government", "United Nations": "organization"}
# Capitals that stand for their country's government when the text makes them act.
_CAPITALS = {
    "washington": "United States",
    "beijing": "China",
    "moscow": "Russia",
    "london": "United Kingdom",
    "paris": "France",
    "berlin": "Germany",
    "tokyo": "Japan",
    "brussels": "European Union",
    "kyiv": "Ukraine",
    "kiev": "Ukraine",
    "tehran": "Iran",
    "pyongyang": "North Korea",
    "seoul": "South Korea",
    "taipei": "Taiwan",
    "ottawa": "Canada",
    "canberra": "Australia",
    "ankara": "Turkey",
    "riyadh": "Saudi Arabia",
    "cairo": "Egypt",
    "islamabad": "Pakistan",
    "caracas": "Venezuela",
    "havana": "Cuba",
    "rome": "Italy",
    "madrid": "Spain",
    "delhi": "India",
}
# Buildings and bodies that are governments by themselves.
_GOV_LEXICON = {
    ("white", "house"),
    ("kremlin",),
    ("pentagon",),
    ("downing", "street"),
    ("whitehall",),
    ("elysee",),
    ("vatican",),
    ("élysée",),
    ("bundestag",),
    ("knesset",),
    ("duma",),
    ("european", "commission"),
    ("state", "department"),
    ("justice", "department"),
    ("federal", "reserve"),
    ("fed",),
    ("congress",),
    ("senate",),
    ("parliament",),
}


@lru_cache(maxsize=1)
def _country_lexicon() -> dict[tuple[str, ...], str]:
    """Token tuple (lowercase) -> canonical country name; pycountry's names when it is installed."""
    forms: dict[str, str] = {}
    for canonical, names in _COUNTRIES.items():
        for name in names:
            forms[name] = canonical
    for name in _MORE_COUNTRIES.split():
        forms[name] = name
    for name in _MULTI_COUNTRIES:
        forms[name] = name
    try:
        import pycountry  # noqa: PLC0415 - optional and slow to load; only when asked

        for country in pycountry.countries:
            canonical = getattr(country, "common_name", None) or country.name
            canonical = forms.get(canonical, canonical)
            for name in {country.name, getattr(country, "common_name", None)}:
                if name and "," not in name and "(" not in name:
                    forms.setdefault(name, canonical)
    except Exception:  # noqa: BLE001 - not installed or broken: the built-in list is enough
        pass
    lexicon: dict[tuple[str, ...], str] = {}
    for name, canonical in forms.items():
        lexicon[tuple(t.lower() for t in _TOKEN_RE.findall(name))] = canonical
    return lexicon


# --------------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_](?:[^\W_]|[-'’&](?=[^\W_]))*\.?|&")
_DOTTED = re.compile(r"(?:[^\W\d_]\.){2,}")
_ABBREVIATIONS = _set(
    """mr mrs ms mx dr prof sen rep gov gen lt col capt sgt st jr sr inc corp co ltd bros dept
    univ assn mt ft ave blvd no vs etc jan feb mar apr jun jul aug sep sept oct nov dec rev hon
    est approx adm cmdr supt insp det"""
)
_PARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ash|bin|ibn|abu|d|de|di|da|del|van|von|le|la|l)[-'’][A-Z]")
_COMMENT_HEADER = re.compile(r"(?i)^(?:\d+\s+)?(?:reader\s+)?(?:comments?|replies)\s*(?:\(\d+\)|:)?$")
# A transcript turn whose speaker is in capitals: "SEN. MARIA CANTWELL (D-WA):", "COOPER:".
_CAPS_LABEL = re.compile(r"^[A-Z][A-Z.'’ -]{1,40}(?:\s*\([^()\n]{1,30}\))?(?:,\s*[A-Z][A-Z.'’ ,-]{1,40})?:\s")
_LINE_END = set('.!?"”’)')
_HANDLE_LINE = re.compile(r"^@?[a-z0-9][a-z0-9_.]{1,30}:\s")
_DATELINE = re.compile(r"^[A-Z][A-Z.'’ -]{2,40}(?:,[^—–\n]{0,90}?)?\s*(?:[—–]|--)\s")
_ACRONYM = re.compile(r"[A-Z][A-Za-z&.\-]{1,9}")
_TICKER = re.compile(r"[A-Za-z]{2,12}\s*:\s*([A-Z][A-Z.]{0,6})")
_PARTY = re.compile(r"[A-Z]-[A-Z]{2,4}")  # "(D-WA)": a party and a state, no acronym
_LABEL_TAIL = re.compile(r"(?:,[^:\n]{1,60})?:(?:\s|$)")  # "JOHN THUNE (R-SD), SENATE WHIP: ..."
_QUOTE_BEFORE = re.compile(r"(?:^|\s)[“‘\"'](?:[Tt]he )?$")
_QUOTE_AFTER = re.compile(r"[,.!?]?[”’\"']")
_PAREN = re.compile(r" ?\(([^()\n]{2,80})\)")
# A gap with sentence punctuation, or ending in an opening quote, starts a sentence.
_OPENING = re.compile(r"[.!?:;—–]|[“‘]$|(?:^|\s)[\"']$")
_SMALL = _set("a an the of and or in on at to for by with as from into vs via but nor is are")
_FUNCTION = _set(
    """and or but for to with in on at by from that which who as than over about after before into
    since under against of nor while if when because per so where whose whom"""
)
# Verbs that come before their speaker: "said Owen Pryce".
_INVERSION = _set(
    """said says added adds argued argues wrote writes noted notes explained insisted quipped warned
    continued replied asked countered recalled concluded observed remarked stated admitted
    conceded cautioned suggested cautions"""
)
# Verbs that name a thing: "which the company calls Dynamic Earnings".
_NAMING = _set("calls called dubbed dubs named names nicknamed titled branded labelled labeled")
_RELATIVE = _set("who that which whose where when whom")


class _Tok:
    __slots__ = (
        "text", "low", "key", "start", "end", "cap", "upper", "digit", "poss", "stop_after",
        "initial", "region", "headline", "quiet",
    )  # fmt: skip

    def __init__(self, text: str, start: int, end: int, region: int) -> None:
        self.text = text
        self.low = text.lower()
        self.start = start
        self.end = end
        self.region = region
        self.digit = not text.isalpha() and any(c.isdigit() for c in text)
        self.upper = text.isupper() and len(text.replace(".", "")) >= 2
        first = text[0]
        self.cap = not self.digit and (
            first.isupper() or (first.islower() and bool(_PARTICLE_PREFIX.match(text)))
        )
        dotted = "." in text[:-1] and bool(_DOTTED.fullmatch(text))
        self.key = (self.low if dotted else self.low.rstrip(".")).replace("’", "'")
        self.poss = False
        self.stop_after = False
        self.initial = False
        self.headline = False
        self.quiet = False  # a dateline, a reader comment, a shouted line: never starts a candidate


def _tokenize(document: CleanedDocument) -> tuple[list[_Tok], list[tuple[int, int]]]:
    text = document.text
    regions = sorted(
        [(r.start, r.end, True) for r in document.kept]
        + [(r.start, r.end, False) for r in getattr(document, "removed", ())]
    )
    toks: list[_Tok] = []
    kept: list[tuple[int, int]] = []
    comments = False
    for rstart, rend, is_kept in regions:
        line = text[rstart:rend]
        if _COMMENT_HEADER.match(line.strip()) and rstart > len(text) // 2:
            # Readers' text follows a "Comments (12)" header near the end (near the top, such a
            # line is only a count).
            comments = True
            continue
        if not is_kept:
            continue
        kept.append((rstart, rend))
        quiet = comments or bool(_HANDLE_LINE.match(line))
        label = _CAPS_LABEL.match(line)
        label_end = rstart + label.end() if label else -1
        dateline = _DATELINE.match(line)
        dateline_end = rstart + dateline.end() if dateline else -1
        line_toks: list[_Tok] = []
        prev_end = rstart
        for m in _TOKEN_RE.finditer(text, rstart, rend):
            raw, start, end = m.group(), m.start(), m.end()
            stop_after = False
            if raw[-1] == "." and not _DOTTED.fullmatch(raw):
                base = raw[:-1]
                if not (base.lower() in _ABBREVIATIONS or (len(base) == 1 and base.isupper())):
                    raw, end, stop_after = base, end - 1, True
            poss = False
            if len(raw) > 2 and raw[-2:] in ("'s", "’s"):
                raw, end, poss = raw[:-2], end - 2, True
            elif (
                raw.endswith("s")
                and text[end : end + 1] in ("'", "’")
                and text[end + 1 : end + 2] in (" ", "")
            ):
                poss = True  # "ranchers’ association"
            if not raw:
                continue
            tok = _Tok(raw, start, end, len(kept) - 1)
            tok.poss, tok.stop_after = poss, stop_after
            if not line_toks:
                tok.initial = True
            else:
                gap = text[prev_end:start]
                tok.initial = line_toks[-1].stop_after or (gap != " " and bool(_OPENING.search(gap)))
            tok.quiet = quiet or start < dateline_end
            line_toks.append(tok)
            prev_end = m.end()
        _mark_headline(line_toks, line.rstrip()[-1:] in _LINE_END)
        if not any(c.islower() for c in line) and not label:
            for t in line_toks:
                t.quiet = True  # "ABOUT ACME ROBOTICS", "(BEGIN VIDEOTAPE)": shouting, not prose
        _mark_shouting([t for t in line_toks if t.start >= label_end])
        toks.extend(line_toks)
    return toks, kept


def _mark_headline(line: list[_Tok], ends_sentence: bool) -> None:
    """Title Case lines ("Fourth Dry Year Turns Neighbors Into Rivals") and "What Happened:" labels."""
    words = [t for t in line if not t.digit and t.low not in _SMALL]
    if len(words) >= 3 and not ends_sentence and sum(t.cap for t in words) >= 0.7 * len(words):
        for t in line:
            t.headline = True
        return
    for i, t in enumerate(line[1:6], start=1):
        if t.initial:
            if line[0].low in _STOP and all(x.cap for x in line[:i]):
                for x in line[:i]:
                    x.headline = True
            break


def _mark_shouting(line: list[_Tok]) -> None:
    run: list[_Tok] = []
    for t in [*line, None]:
        if t is not None and t.upper:
            run.append(t)
            continue
        if len(run) >= 3:
            for x in run:
                x.quiet = True
        run = []


class _Doc:
    def __init__(self, document: CleanedDocument) -> None:
        self.text = document.text
        self.toks, self.kept = _tokenize(document)
        self.lower_vocab = {t.low for t in self.toks if t.text.islower()}
        self.known_caps = {
            t.key for t in self.toks if t.cap and not t.initial and not t.headline and not t.quiet
        }
        self.countries = _country_lexicon()

    def gap(self, i: int) -> str | None:
        """The text between token i and token i+1 when both are on one line."""
        toks = self.toks
        if i + 1 < len(toks) and toks[i + 1].region == toks[i].region:
            return self.text[toks[i].end : toks[i + 1].start]
        return None

    def next_word(self, i: int) -> _Tok | None:
        """The token right after token i when a single space separates them."""
        if self.gap(i) == " " and not self.toks[i].poss and not self.toks[i].stop_after:
            return self.toks[i + 1]
        return None

    def prev_word(self, i: int) -> _Tok | None:
        if i > 0 and self.gap(i - 1) == " " and not self.toks[i - 1].poss and not self.toks[i - 1].stop_after:
            return self.toks[i - 1]
        return None

    def span(self, i: int, j: int) -> str:
        return self.text[self.toks[i].start : self.toks[j].end]


# --------------------------------------------------------------------------------------------
# Chunks: runs of capitalised words
# --------------------------------------------------------------------------------------------


def _name_like(t: _Tok) -> bool:
    return t.cap and t.text != "I" and not t.text.startswith(("I'", "I’"))


def _chunks(doc: _Doc) -> list[list[int]]:
    """Runs of name-like token indices joined by single spaces, particles and connectors."""
    toks = doc.toks
    n = len(toks)
    out: list[list[int]] = []
    i = 0
    while i < n:
        if not _name_like(toks[i]):
            i += 1
            continue
        run, j = [i], i
        while True:
            last, gap = toks[j], doc.gap(j)
            if gap is None or last.stop_after:
                break
            if last.poss:
                # "Dock and Harbour Workers’ Union", "St Brendan's Hospital": a possessive inside
                # a name.
                nxt = toks[j + 1]
                inside = gap in ("’ ", "' ") or (
                    gap in ("’s ", "'s ") and toks[run[0]].key in ("st", "saint")
                )
                if inside and _name_like(nxt) and _org_ahead(doc, j + 1):
                    run.append(j + 1)
                    j += 1
                    continue
                break
            if gap != " ":
                break
            if _name_like(toks[j + 1]):
                run.append(j + 1)
                j += 1
                continue
            # Up to two lower-case connectors between capitalised words ("of the", "von der").
            k, joined = j + 1, False
            while k <= j + 2 and k < n:
                t = toks[k]
                if not (t.low in _PARTICLES or t.low in _ORG_CONNECTORS or t.low == "&"):
                    break
                if t.poss or t.stop_after or doc.gap(k) != " ":
                    break
                if _name_like(toks[k + 1]):
                    run.extend(range(j + 1, k + 2))
                    j, joined = k + 1, True
                    break
                k += 1
            if not joined:
                break
        out.append(run)
        i = run[-1] + 1
    return out


def _org_ahead(doc: _Doc, k: int) -> bool:
    """Whether the capitalised words from token k end in an organisation's suffix."""
    last = None
    while k < len(doc.toks) and _name_like(doc.toks[k]):
        last = doc.toks[k]
        if doc.gap(k) != " " or last.poss or last.stop_after:
            break
        k += 1
    return last is not None and last.key in _ORG_SUFFIXES


def _split_run(doc: _Doc, run: list[int]) -> list[list[int]]:
    """Split a run where a connector does not belong to an institution's name, and after a
    corporate suffix ("NVIDIA Corp. NVDA CEO Jensen Huang")."""
    toks = doc.toks
    pieces: list[list[int]] = [[]]
    for pos, idx in enumerate(run):
        t = toks[idx]
        if t.cap or t.low == "&" or t.low in _PARTICLES:
            pieces[-1].append(idx)
            continue
        left = [toks[x].key for x in pieces[-1]]
        rest = [toks[x].key for x in run[pos + 1 :] if toks[x].cap]
        nxt = toks[run[pos + 1]] if pos + 1 < len(run) else None
        if nxt is not None and nxt.cap and (nxt.key in _CALENDAR or nxt.low in _STOP):
            keep = False
        elif t.low == "on":
            keep = bool(left) and left[-1] in _ORG_HEADS
        elif t.low in ("of", "for"):
            # "Secretary of State Jane Roe" stays one run; "Chief Executive Officer of Acme
            # Robotics" is a title and an organisation.
            titled = bool(left) and left[-1] in _ROLE_WORDS and not (rest and rest[-1] in _ORG_SUFFIXES)
            keep = bool(left) and (left[-1] in _ORG_HEADS or titled)
        elif t.low == "the":
            keep = bool(left) and left[-1] in ("of", "for", "on")
        elif t.low == "and":
            caps_left = [w for w in left if w != "the"]
            ends = any(w in _ORG_SUFFIXES or w in _COMPLEMENTS for w in rest[-1:])
            keep = ends and ("of" in left or (len(caps_left) == 1 and rest[-1] in _ORG_SUFFIXES))
        else:
            keep = False
        if keep:
            pieces[-1].append(idx)
        else:
            pieces.append([])
    result: list[list[int]] = []
    for piece in pieces:
        while piece and not toks[piece[-1]].cap:
            piece.pop()
        cur: list[int] = []
        for idx in piece:
            cur.append(idx)
            if toks[idx].key in _CORP_END and len(cur) > 1 and idx != piece[-1]:
                result.append(cur)
                cur = []
        if cur:
            result.append(cur)
    return result


# --------------------------------------------------------------------------------------------
# Raw mentions
# --------------------------------------------------------------------------------------------


@dataclass
class _Mention:
    i0: int  # first and last token of the name (titles excluded)
    i1: int
    kind: str  # person organization government group country place unknown
    key: tuple[str, ...] = ()
    strong: bool = False  # a title, role, suffix, speech verb or definition makes it an actor
    weak: bool = False  # inside a title ("Silverbend Chief Executive"): joins, never creates
    role: str | None = None
    role_rank: int = 9
    role_head: str | None = None
    titled: str | None = None  # the name with its title as written ("President Donald Trump")
    acronym: str | None = None  # "International Monetary Fund (IMF)"
    ticker: str | None = None  # "(NASDAQ: NVDA)"
    capital: bool = False  # "Beijing" standing for China
    personal: bool = False  # a personal title or role ("Mayor", "an economist"): a person
    lower: bool = False  # a lower-case institution ("the state transportation commission")
    ctx_start: int = -1  # first token of the whole mention, titles included
    # Context.
    initial: bool = False
    poss: bool = False
    speech: bool = False
    verbish: bool = False
    role_after: bool = False
    locative: bool = False
    adjectival: bool = False
    numbered: bool = False
    the_before: bool = False
    label: bool = False
    named_thing: bool = False

    @property
    def actorish(self) -> bool:
        return self.poss or self.speech or self.verbish or self.role_after

    @property
    def negative(self) -> bool:
        return self.locative or self.adjectival or self.numbered or self.named_thing


def _key(doc: _Doc, i0: int, i1: int) -> tuple[str, ...]:
    words = [t.key for t in doc.toks[i0 : i1 + 1]]
    while len(words) > 1 and words[-1].rstrip(".") in _CORP_END | {
        "corporation",
        "company",
        "&",
        "and",
        "of",
        "the",
    }:
        words.pop()
    return tuple(words)


def _country_of(doc: _Doc, i0: int, i1: int) -> str | None:
    toks = doc.toks
    canonical = doc.countries.get(tuple(t.key for t in toks[i0 : i1 + 1]))
    if canonical is None:
        canonical = doc.countries.get(tuple(t.low for t in toks[i0 : i1 + 1]))
    if canonical and i0 == i1 and len(toks[i0].text) <= 3 and not toks[i0].upper:
        return None  # "US" and "UK" only in capitals: never "us"
    return canonical


def _classify(doc: _Doc, i0: int, i1: int) -> str:
    toks = doc.toks
    words = [t.key for t in toks[i0 : i1 + 1]]
    caps = [t for t in toks[i0 : i1 + 1] if t.cap]
    last = words[-1]
    if len(words) > 1 and last in _NAME_SUFFIXES and words[-2] in _PLACE_SUFFIXES:
        last = words[-2]  # "World War II"
    if tuple(words) in _GOV_LEXICON:
        return "government"
    if _country_of(doc, i0, i1):
        return "country"
    org_end = last in _ORG_SUFFIXES and len(caps) > 1
    org_head = any(
        w in _ORG_HEADS for w, nxt in zip(words, words[1:], strict=False) if nxt in ("of", "for", "on")
    )
    if org_end or org_head:
        if last in _GROUP_SUFFIXES:
            return "group"
        if any(w in _GOV_WORDS for w in words) or (
            (last in _GOV_SOFT or org_head) and any(w in _GOV_QUALIFIERS for w in words)
        ):
            return "government"
        return "organization"
    if last in _GROUP_SUFFIXES and len(caps) > 1:
        return "group"
    if len(caps) > 1 and (last in _PLACE_SUFFIXES or words[0] in _DIRECTIONS):
        return "place"
    return "unknown" if len(caps) == 1 else "person"


def _is_role_word(t: _Tok) -> bool:
    return t.key in _ROLE_WORDS or t.low in _ROLE_WORDS


def _title_split(doc: _Doc, piece: list[int]) -> int:
    """Position in `piece` where a name starts after its title ("Treasury Secretary | Scott
    Bessent"), or 0 when the piece has no title."""
    toks = doc.toks
    last_role = max((p for p, i in enumerate(piece) if _is_role_word(toks[i])), default=-1)
    if last_role < 0 or last_role == len(piece) - 1:
        return 0
    if not any(toks[i].key in _ROLE_HEADS for i in piece[: last_role + 1]):
        return 0
    name = piece[last_role + 1 :]
    if any(not toks[i].cap and toks[i].low not in _PARTICLES for i in name) or not toks[name[0]].cap:
        return 0
    if all(toks[i].key in _NAME_SUFFIXES or len(toks[i].key.rstrip(".")) < 2 for i in name):
        return 0  # "Martin Luther King Jr.": a surname that is also a title; "Gen Z"
    return last_role + 1


def _raw_mentions(doc: _Doc) -> list[_Mention]:
    toks = doc.toks
    out: list[_Mention] = []
    for run in _chunks(doc):
        if all(toks[i].headline or toks[i].quiet for i in run) or _fills_quote(doc, run):
            continue
        for piece in _split_run(doc, run):
            # Words that open sentences but name nobody: "The", "However", "Residents".
            while piece and (toks[piece[0]].low in _STOP or toks[piece[0]].key in _CALENDAR):
                if len(piece) > 1 and toks[piece[0]].initial:
                    toks[piece[1]].initial = True
                piece = piece[1:]
            while piece and not toks[piece[0]].cap:
                piece = piece[1:]
            if not piece or any(toks[i].quiet for i in piece):
                continue
            split = _title_split(doc, piece)
            if not split and len(piece) > 1 and _classify(doc, piece[0], piece[-1]) in ("person", "unknown"):
                # A country's name run into the next word: "a former European Union Brexit negotiator".
                for cut in range(len(piece) - 1, 0, -1):
                    form = toks[piece[0] : piece[cut - 1] + 1]
                    if _country_of(doc, piece[0], piece[cut - 1]) and (cut > 1 or form[0].upper):
                        out.append(_Mention(piece[0], piece[cut - 1], "country", ctx_start=piece[0]))
                        piece = piece[cut:]
                        break
            head = toks[piece[0]]
            if (
                not split
                and head.initial
                and len(piece) > 1
                and _is_common(doc, head)
                and _classify(doc, piece[0], piece[-1]) in ("person", "unknown", "place")
            ):
                toks[piece[1]].initial = True  # "Residents Of ..." -> drop the opening word
                piece = piece[1:]
            out.extend(_read_piece(doc, piece, split))
    out.extend(_lowercase_bodies(doc))
    for m in out:
        _context(doc, m)
    return out


def _fills_quote(doc: _Doc, run: list[int]) -> bool:
    """A run that is a whole quotation ("“Last Mile Home”", "the "Great Wall of Marlow"") is the
    title of a work or a nickname, not an actor."""
    text = doc.text
    before = text[max(0, doc.toks[run[0]].start - 6) : doc.toks[run[0]].start]
    after = text[doc.toks[run[-1]].end : doc.toks[run[-1]].end + 3]
    return bool(_QUOTE_BEFORE.search(before) and _QUOTE_AFTER.match(after))


def _is_common(doc: _Doc, t: _Tok) -> bool:
    return (
        t.low in _STOP
        or t.key in _CALENDAR
        or (t.low in doc.lower_vocab and not _is_role_word(t))
        or t.low.endswith("ing")
        or t.low.endswith("ly")
    )


def _read_piece(doc: _Doc, piece: list[int], split: int) -> list[_Mention]:
    toks = doc.toks
    kind = _classify(doc, piece[0], piece[-1])
    if kind in ("organization", "government", "group", "country"):
        split = 0
    if not split:
        if kind in ("person", "unknown") and (
            all(_is_role_word(toks[i]) for i in piece) or toks[piece[-1]].key in _ROLE_HEADS
        ):
            return []  # a title alone: "President", "Chief Financial Officer"
        m = _Mention(piece[0], piece[-1], kind, ctx_start=piece[0])
        m.strong = kind in ("organization", "government", "group")
        return [m]
    out: list[_Mention] = []
    role_part, name_part = piece[:split], piece[split:]
    first_role = next(p for p, i in enumerate(role_part) if _is_role_word(toks[i]))
    if first_role:
        # Words before the title name the employer ("Silverbend Chief Executive").
        pre = role_part[:first_role]
        out.append(_Mention(pre[0], pre[-1], _classify(doc, pre[0], pre[-1]), weak=True, ctx_start=pre[0]))
    for i in role_part[first_role:]:
        if _country_of(doc, i, i):  # "U.S. Deputy Secretary of State"
            out.append(_Mention(i, i, "country", weak=True, ctx_start=i))
    name_kind = _classify(doc, name_part[0], name_part[-1])
    m = _Mention(name_part[0], name_part[-1], "person" if name_kind in ("unknown", "place") else name_kind)
    m.strong = True
    m.personal = True
    if not all(toks[i].key in _HONORIFICS for i in role_part):  # "Dr." and "Ms" are no roles
        m.role, m.role_rank = doc.span(role_part[0], role_part[-1]), 0
        m.role_head = toks[role_part[-1]].key
    m.titled = doc.span(piece[0], piece[-1])
    m.ctx_start = piece[0]
    out.append(m)
    return out


_LOWER_GOV = re.compile(
    r"(?:\b[Tt]he |(?<![\w’'])(?=[A-Z]))((?:[A-Z][\w’'-]+ ){0,3}"
    r"(?:state|federal|national|city|town|county|parish|borough|village|regional|provincial|municipal)"
    r"(?: (?!of\b|and\b|the\b)[a-z][a-z-]+){0,2} (?:commission|board|agency|ministry|council|office|"
    r"regulator|legislature|department|authority|assembly))\b"
)


def _lowercase_bodies(doc: _Doc) -> list[_Mention]:
    """Institutions written in lower case ("the state transportation commission") that act."""
    import bisect  # noqa: PLC0415 - stdlib

    starts = [t.start for t in doc.toks]
    out: list[_Mention] = []
    for rstart, rend in doc.kept:
        for match in _LOWER_GOV.finditer(doc.text, rstart, rend):
            i0 = bisect.bisect_left(starts, match.start(1))
            i1 = bisect.bisect_left(starts, match.end(1)) - 1
            if i0 > i1 or doc.toks[i0].start != match.start(1) or doc.toks[i0].quiet:
                continue
            nxt = doc.next_word(i1)
            if nxt is not None and (nxt.low in _AUX or nxt.low in _SPEECH):
                m = _Mention(i0, i1, "government", strong=True, lower=True, ctx_start=i0)
                out.append(m)
    return out


# --------------------------------------------------------------------------------------------
# Context: what the words around a mention say about it
# --------------------------------------------------------------------------------------------


def _context(doc: _Doc, m: _Mention) -> None:
    toks, text = doc.toks, doc.text
    first, last = toks[m.i0], toks[m.i1]
    start = m.ctx_start if m.ctx_start >= 0 else m.i0
    m.key = _key(doc, m.i0, m.i1)
    m.initial = toks[start].initial
    m.poss = last.poss
    after = text[last.end : last.end + 1]
    nxt = doc.next_word(m.i1)
    if after == "-" and not last.poss:
        m.adjectival = True  # "U.S.-China", "U.S.-based"
    elif nxt is not None:
        low = nxt.low
        if nxt.digit:
            # "Stride 3", "Gate 4": a model or a number; not a year, not a score ("2-1").
            m.numbered = not re.fullmatch(r"(?:19|20)\d\d|\d+-\d+", nxt.text)
        elif not nxt.text.islower():
            pass
        elif low in _SPEECH:
            m.speech = True
        elif low in _AUX or (low.endswith("ed") and len(low) > 4):
            m.verbish = True
        elif low.endswith("ly") and len(low) > 4:
            nn = doc.next_word(m.i1 + 1)
            m.verbish = nn is not None and (nn.low in _AUX or nn.low in _SPEECH or nn.low.endswith("ed"))
            m.speech = nn is not None and nn.low in _SPEECH
        elif low in _ROLE_NOUNS:
            m.role_after = True  # "A Northgate spokeswoman"
        elif low not in _FUNCTION:
            m.adjectival = True
    prev = doc.prev_word(start)
    if prev is not None:
        if (
            prev.low in _INVERSION
            or prev.low == "to"
            and (pp := doc.prev_word(start - 1)) is not None
            and pp.low == "according"
        ):
            m.speech = True  # "said Owen Pryce", "according to Ravi Menon"
        elif prev.low in _NAMING:
            m.named_thing = True  # "which SwiftCart calls Dynamic Earnings"
        m.the_before = prev.low == "the"
    governor = _governing_word(doc, start)
    if governor in _LOCATIVE or (governor in _MOVEMENT and m.kind in ("country", "unknown", "place")):
        m.locative = True
    if first.quiet:
        m.locative = True
    _roles(doc, m, start)
    if m.label and (m.i1 > m.i0 or first.key in doc.known_caps):
        m.strong = True
    if m.speech and (not m.initial or m.i1 > m.i0):
        m.strong = True  # a lone capitalised word opening a sentence needs more ("Opponents said")


def _governing_word(doc: _Doc, start: int) -> str | None:
    """The lower-case word that governs a name, across lists: "in the Netherlands, Belgium and Spain"."""
    toks = doc.toks
    j = start - 1
    while j >= 0 and toks[j].region == toks[start].region:
        gap = doc.gap(j) or ""
        if gap.strip(" ,") or toks[j].stop_after:
            return None
        t = toks[j]
        if t.cap or t.low in ("the", "and", "or", "&"):
            j -= 1
            continue
        return t.low
    return None


def _roles(doc: _Doc, m: _Mention, start: int) -> None:
    """Roles from the text around a name: parentheses, appositives, titles before a comma."""
    toks, text = doc.toks, doc.text
    last = toks[m.i1]
    # "Ingrid Halvorsen (Chief Executive Officer):", "International Monetary Fund (IMF)".
    rest = text[last.end : last.end + 90]
    paren = _PAREN.match(rest) if not last.poss else None
    tail = rest
    if paren:
        inner = paren.group(1).strip()
        ticker = _TICKER.fullmatch(inner)
        if ticker:
            m.ticker = ticker.group(1)
        elif (
            _ACRONYM.fullmatch(inner) and sum(c.isupper() for c in inner) >= 2 and not _PARTY.fullmatch(inner)
        ):
            m.acronym = inner
            m.strong = True
        elif heads := [w.lower().strip(",.") for w in inner.split() if w.lower().strip(",.") in _ROLE_NOUNS]:
            _set_role(m, inner, 1, heads[0])
        tail = rest[paren.end() :]
    line_start = start == 0 or toks[start - 1].region != toks[start].region
    if line_start and _LABEL_TAIL.match(tail):
        m.label = m.personal = True  # a transcript turn: "Tomas Reyes-Berg (Chief Financial Officer): ..."
    if not last.poss and doc.gap(m.i1) == ", ":
        _appositive(doc, m)
    _role_before(doc, m, start)


_POSS_GAPS = ("’s ", "'s ", "’ ", "' ")


def _joined(doc: _Doc, i: int) -> bool:
    """Whether token i runs on into token i+1 within one phrase ("the chamber’s chief")."""
    gap, t = doc.gap(i), doc.toks[i]
    return not t.stop_after and (gap == " " or (t.poss and gap in _POSS_GAPS))


def _set_role(m: _Mention, role: str, rank: int, head: str | None, strong: bool = True) -> None:
    role = role.strip(" ,;:")
    if len(role) > MAX_ROLE:
        role = role[:MAX_ROLE].rsplit(" ", 1)[0]
    if role and rank < m.role_rank:
        m.role, m.role_rank = role, rank
        m.role_head = head.lower().strip(",.") if head else None
        m.strong = m.strong or strong
        if m.role_head in _PERSON_NOUNS or not strong:
            m.personal = True


def _head_noun(words: list[_Tok]) -> _Tok | None:
    head = None
    for t in words:
        if t.low in _PREPOSITIONS or t.low == "to":
            break
        head = t
    return head


def _appositive(doc: _Doc, m: _Mention) -> None:
    """ "Lena Vos, an economist at the Coastal Trade Institute, estimated ..." """
    toks = doc.toks
    k = m.i1 + 1
    seg: list[int] = []
    while k < len(toks) and toks[k].region == toks[m.i1].region and len(seg) < 25:
        t = toks[k]
        if t.low in _RELATIVE and seg:
            break
        seg.append(k)
        gap = doc.gap(k)
        if t.stop_after or gap is None:
            break
        if gap == " " or (t.poss and gap in _POSS_GAPS) or (gap == "," and t.digit and toks[k + 1].digit):
            k += 1
            continue
        break
    if not seg:
        return
    words = [toks[i] for i in seg]
    w0 = words[0]
    if w0.low in _APPOSITIVE_STOP or w0.digit or w0.low.endswith("ing"):
        return
    head = _head_noun(words)
    if head is None:
        return
    nouns = {t.key for t in words[: words.index(head) + 1]}
    if head.key not in _ROLE_NOUNS | _ORG_NOUNS and not (nouns & _ROLE_NOUNS and not w0.cap):
        # "J. R. Smith, a former basketball player, ...": a short noun phrase set off by commas.
        closed = doc.gap(seg[-1]) in (", ", ",")
        if w0.low in ("a", "an") and closed and len(seg) <= 8 and not m.locative and m.kind != "country":
            _set_role(m, doc.span(seg[0], seg[-1]), 2, head.key, strong=False)
        return
    if (
        w0.cap
        and w0.low not in _ROLE_NOUNS
        and not any(t.poss for t in words)
        and head.key not in _ROLE_NOUNS
    ):
        return
    _set_role(m, doc.span(seg[0], seg[-1]), 2, head.key)


def _role_before(doc: _Doc, m: _Mention, start: int) -> None:
    """ "Its chief executive, Simon Attwell," / "DHWU general secretary Mara Kell"."""
    toks, text = doc.toks, doc.text
    # Lower-case title right before the name ("said DHWU general secretary Mara Kell").
    j = start
    words: list[int] = []
    while (
        (p := doc.prev_word(j)) is not None
        and p.text.islower()
        and p.key in _ROLE_NOUNS
        and not (j == start and p.key in _VERBAL_ROLES)  # "City host Arsenal": a verb
    ):
        j -= 1
        words.insert(0, j)
    if words:
        # The employer or country before the title: "JPMorgan Chase & Co. analyst", "DHWU".
        while (p := doc.prev_word(j)) is not None and len(words) < 10:
            if not (
                (p.cap and p.low not in _STOP)
                or (p.low in ("&", "of", "and") and words and toks[words[0]].cap)
            ):
                break
            j -= 1
            words.insert(0, j)
        while not toks[words[0]].cap and toks[words[0]].key not in _ROLE_NOUNS:
            words.pop(0)
        role = doc.span(words[0], words[-1])
        _set_role(m, role, 3, toks[words[-1]].key)
        m.titled = m.titled or text[toks[words[0]].start : toks[m.i1].end]
        if (pp := doc.prev_word(j)) is not None and pp.low in _SPEECH:
            m.speech = True
        return
    # A title set off by a comma before the name.
    j = start - 1
    if j >= 0 and toks[j].low == "the" and doc.gap(j) == " ":
        j -= 1
    if j < 0 or doc.gap(j) != ", " or toks[j].region != toks[start].region:
        return
    after_name = doc.gap(m.i1)
    nxt = doc.next_word(m.i1)
    if not (after_name in (", ", ",", ".", ")") or (nxt is not None and nxt.low in _SPEECH)):
        return
    seg = [j]
    while seg[0] > 0 and _joined(doc, seg[0] - 1) and len(seg) < 12:
        seg.insert(0, seg[0] - 1)
    if seg[0] > 0 and not toks[seg[0]].initial and _joined(doc, seg[0] - 1):
        return  # the segment does not start at a clause boundary
    while seg and toks[seg[0]].low in {
        "with",
        "and",
        "by",
        "as",
        "said",
        "from",
        "while",
        "but",
        "including",
    }:
        seg.pop(0)
    if not seg or len(seg) > 10:
        return
    words_t = [toks[i] for i in seg]
    head = _head_noun(words_t)
    if head is None or head.key not in _ROLE_NOUNS | _ORG_NOUNS:
        return
    while seg and toks[seg[0]].low in ("its", "his", "her", "their"):
        seg.pop(0)
    if seg:
        _set_role(m, doc.span(seg[0], seg[-1]), 4, head.key)


# --------------------------------------------------------------------------------------------
# Groups: the mentions of one actor
# --------------------------------------------------------------------------------------------


class _Group:
    def __init__(self, key: tuple[str, ...]) -> None:
        self.key = key
        self.mentions: list[_Mention] = []
        self.kind = "unknown"

    def add(self, m: _Mention) -> None:
        self.mentions.append(m)

    @property
    def strong(self) -> bool:
        return any(m.strong for m in self.mentions if not m.weak)

    def kinds(self) -> set[str]:
        return {m.kind for m in self.mentions if not m.weak}


_KIND_ORDER = ("country", "government", "organization", "group", "person", "place", "unknown")


def _group_kind(g: _Group, final: bool = False) -> str:
    kinds = g.kinds() or {m.kind for m in g.mentions}
    if "place" in kinds and not g.strong:
        return "place"
    for kind in _KIND_ORDER:
        if kind in kinds and kind != "place":
            kind_ = kind
            break
    else:
        kind_ = "unknown"
    if kind_ in ("person", "unknown"):
        heads = [m.role_head for m in sorted(g.mentions, key=lambda x: x.role_rank) if m.role_head]
        if heads and heads[0] in _ORG_NOUNS and heads[0] not in _ROLE_NOUNS:
            return "organization"
        if heads and kind_ == "unknown":
            kind_ = "person"
    if final and kind_ == "person" and not _personal(g):
        return "other"  # a name-shaped phrase ("Goldman Sachs", "Real Madrid") with no sign of a person
    return kind_


def _personal(g: _Group) -> bool:
    """A title, a personal role, or a surname used alone ("Bessent said")."""
    own = [m for m in g.mentions if not m.weak]
    if any(m.personal for m in own):
        return True
    longest = max((m.key for m in own), key=len)
    return len(longest) > 1 and any(m.key == longest[-1:] and (m.speech or m.poss) for m in own)


def _initials(surface: str) -> set[str]:
    words = [w for w in re.findall(r"[^\W_]+", surface) if w.lower() not in {"of", "the", "and", "for", "on"}]
    split = "".join(w[0] for w in words).lower()
    return {split, acronym(surface)}


def _group(doc: _Doc, mentions: list[_Mention]) -> list[_Group]:
    toks = doc.toks
    groups: dict[tuple[str, ...], _Group] = {}
    weak: list[_Mention] = []
    surnames = _surnames(mentions)
    for m in mentions:
        if m.weak:
            weak.append(m)
            continue
        if m.kind == "unknown" and m.i0 == m.i1:
            t = toks[m.i0]
            if t.key in _CAPITALS and t.key not in surnames:
                if not (m.poss or m.verbish or m.speech) or m.initial and not m.speech:
                    continue
                m.kind, m.capital = "country", True
                m.key = ("#country", _CAPITALS[t.key])
            elif t.key in _CALENDAR or t.key in _DEMONYMS or t.key in _DIRECTIONS or t.low in _STOP:
                continue
            elif m.initial and t.key not in doc.known_caps and (not m.speech or _plural(t.low)):
                continue  # only ever a sentence's first word ("Opponents argued")
            elif m.initial and _is_common(doc, t):
                continue
        if m.kind == "country" and m.i0 == m.i1 and toks[m.i0].key in surnames:
            m.kind = "unknown"  # "Michael Jordan ... Jordan said": the surname, not the country
        if m.kind == "country" and not m.capital:
            m.key = ("#country", _country_of(doc, m.i0, m.i1) or " ".join(m.key))
        groups.setdefault(m.key, _Group(m.key)).add(m)
    for g in groups.values():
        g.kind = _group_kind(g)

    parent: dict[tuple[str, ...], tuple[str, ...]] = {}

    def merge(small: _Group, big: _Group) -> None:
        big.mentions.extend(small.mentions)
        parent[small.key] = big.key

    def index(items: list[_Group], key: Callable[[_Group], Iterable[Hashable]]) -> dict[Any, list[_Group]]:
        out: dict[Any, list[_Group]] = defaultdict(list)
        for item in items:
            for k in key(item):
                out[k].append(item)
        return out

    people = [g for g in groups.values() if g.kind == "person" and len(g.key) > 1]
    orgs = [
        g
        for g in groups.values()
        if g.key[0] != "#country" and g.kind in ("organization", "government", "group")
    ]
    by_last = index(people, lambda g: [g.key[-1]])
    by_first = index([*orgs, *people], lambda g: [g.key[0]] if len(g.key) > 1 else [])
    by_initials = index(
        orgs, lambda g: {i for m in g.mentions if m.i1 > m.i0 for i in _initials(doc.span(m.i0, m.i1))}
    )
    by_end = index(
        [g for g in orgs if not _ORG_CONNECTORS.intersection(g.key)],
        lambda g: [g.key[-1]] if len(g.key) > 1 and g.key[-1] not in _ORG_SUFFIXES else [],
    )
    defined: dict[str, _Group] = {}
    org_ends: dict[int, _Group] = {}
    for g in orgs:
        for m in g.mentions:
            org_ends[m.i1] = g
            for code in (m.acronym, m.ticker):
                if code:
                    defined.setdefault(code.lower().replace(".", ""), g)
    # Tickers written right after a company's name: "NVIDIA Corp. NVDA".
    for m in weak:
        if m.i0 == m.i1 and toks[m.i0].upper and m.i0 - 1 in org_ends and toks[m.i0 - 1].key in _CORP_END:
            defined.setdefault(toks[m.i0].key.replace(".", ""), org_ends[m.i0 - 1])

    def unique(found: list[_Group]) -> _Group | None:
        return found[0] if len(found) == 1 else None

    for g in list(groups.values()):
        if len(g.key) != 1 or g.key[0] == "#country" or g.kind not in ("unknown", "person", "organization"):
            continue
        word = g.key[0]
        code = word.replace(".", "")
        upper = any(toks[m.i0].upper for m in g.mentions)
        target = defined.get(code) if upper else None
        if target is None and g.kind in ("unknown", "person"):
            target = unique(by_last.get(word, []))
            if target is None and not by_last.get(word):
                target = unique([p for p in by_first.get(word, []) if p.kind == "person"])
        if target is None and upper:
            target = unique(by_initials.get(code, []))
        if target is None and any(m.actorish and not m.the_before for m in g.mentions):
            target = unique(by_first.get(word, []))
        if target is None and any(m.actorish and not m.locative for m in g.mentions):
            target = unique(by_end.get(word, []))
        if target is not None and target is not g:
            merge(g, target)
    # Short forms of one longer name: "Owl Hollow" of "Owl Hollow Spring".
    by_prefix = index(
        [g for g in groups.values() if len(g.key) > 2 and g.key[0] != "#country"],
        lambda g: [g.key[:n] for n in range(2, len(g.key))],
    )
    for g in list(groups.values()):
        if g.key in parent or len(g.key) < 2 or g.strong or g.kind not in ("person", "unknown"):
            continue
        longer = [h for h in by_prefix.get(g.key, []) if h.key not in parent]
        if len(longer) == 1:
            merge(g, longer[0])
    live = {k: g for k, g in groups.items() if k not in parent}
    by_suffix = index(
        [g for g in live.values() if g.kind in ("organization", "government", "group")],
        lambda g: [g.key[-n:] for n in range(2, len(g.key))],
    )
    for m in weak:
        code = m.key[0].replace(".", "") if len(m.key) == 1 and toks[m.i0].upper else None
        if code is not None and code in defined and defined[code].key in live:
            m.weak, m.ticker = False, toks[m.i0].text
            defined[code].add(m)
        elif m.key in live:
            live[m.key].add(m)
        elif m.kind == "country":
            key = ("#country", _country_of(doc, m.i0, m.i1) or "")
            if key in live:
                live[key].add(m)
        elif len(m.key) > 1 and len(ends := by_suffix.get(m.key, [])) == 1:
            ends[0].add(m)  # "Tribal Council Chair" of the "Antelope Ridge Tribal Council"
    for g in live.values():
        g.kind = _group_kind(g, final=True)
    return list(live.values())


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _surnames(mentions: list[_Mention]) -> set[str]:
    return {m.key[-1] for m in mentions if m.kind == "person" and len(m.key) > 1}


def _keep(doc: _Doc, g: _Group) -> bool:
    """Whether the text gives evidence that the group is an actor."""
    toks = doc.toks
    own = [m for m in g.mentions if not m.weak]
    if not own or g.kind == "place":
        return False
    if all(toks[m.i0].headline for m in own):
        return False
    products = sum(m.numbered for m in own)
    if g.kind == "country":
        return any(m.actorish or not m.negative for m in own if not m.capital) or any(m.capital for m in own)
    if products * 2 >= len(own) and not g.strong:
        return False
    if g.strong:
        return True
    if all(toks[m.i0].upper and toks[m.i1].upper for m in own) and len(g.key) > 1:
        return False  # "CNN HOST", "SENATE MAJORITY WHIP": capitals without a sign of an actor
    if len(g.key) == 1:
        word = g.key[0]
        if word in _CALENDAR or word in _DEMONYMS or word in _DIRECTIONS or word in _STOP:
            return False
        upper = all(toks[m.i0].upper for m in own)
        return any(
            m.actorish
            and not m.locative
            and (upper or not m.the_before)
            and (not m.initial or m.speech or word in doc.known_caps)
            for m in own
        )
    return any(not m.negative or m.actorish for m in own)


# --------------------------------------------------------------------------------------------
# Final pass: every mention of every kept form
# --------------------------------------------------------------------------------------------


def _all_mentions(doc: _Doc, groups: list[_Group], kept: set[int]) -> dict[int, list[tuple[int, int]]]:
    """Every occurrence of every group's forms, longest first; excluded groups' forms are matched
    too, so that "Trump" is not found inside "Trump Tower" when the tower is no actor."""
    toks = doc.toks
    # Forms by their first two words (one-word forms by their word): few options per position.
    forms: dict[tuple[str, ...], list[tuple[tuple[str, ...], int]]] = defaultdict(list)
    seen: set[tuple[str, ...]] = set()
    for gi, g in enumerate(groups):
        for m in g.mentions:
            if m.capital or m.lower:
                continue
            full = tuple(t.key for t in toks[m.i0 : m.i1 + 1])
            codes = [(c.lower(),) for c in (m.acronym, m.ticker) if c]
            for form in (full, m.key, *codes):
                if form and form not in seen:
                    seen.add(form)
                    forms[form[:2]].append((form, gi))
    for options in forms.values():
        options.sort(key=lambda o: -len(o[0]))
    found: dict[int, list[tuple[int, int]]] = defaultdict(list)
    joins = (" ", "’ ", "' ")
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        step = 1
        if (t.cap or t.upper) and not t.quiet:
            candidates = []
            if i + 1 < n and not t.stop_after and doc.gap(i) in joins:
                candidates = forms.get((t.key, toks[i + 1].key), [])
            for form, gi in [*candidates, *forms.get((t.key,), [])]:
                size = len(form)
                if i + size > n:
                    continue
                if size == 1 and len(t.text) <= 3 and not t.upper and groups[gi].kind == "country":
                    continue
                ok = True
                for k in range(2, size):
                    if (
                        toks[i + k].key != form[k]
                        or toks[i + k - 1].stop_after
                        or doc.gap(i + k - 1) not in joins
                    ):
                        ok = False
                        break
                if ok:
                    found[gi].append((t.start, toks[i + size - 1].end))
                    step = size
                    break
        i += step
    for gi, g in enumerate(groups):
        if gi in kept:
            for m in g.mentions:
                if (m.capital or m.lower or not found.get(gi)) and not m.weak:
                    found[gi].append((toks[m.i0].start, toks[m.i1].end))
    return found


def _candidate(doc: _Doc, g: _Group, spans: list[tuple[int, int]]) -> Candidate:
    text = doc.text
    own = sorted((m for m in g.mentions if not m.weak), key=lambda m: m.i0)
    named = [m for m in own if not m.capital] or own
    best = max(named, key=lambda m: (m.i1 - m.i0, not doc.toks[m.i0].upper, len(doc.span(m.i0, m.i1)), -m.i0))
    name = doc.span(best.i0, best.i1)
    if g.kind == "country" and g.key[0] == "#country" and g.key[1]:
        name = g.key[1]  # the country's own name ("United States"); the text's forms are aliases
    role = None
    for m in sorted(own, key=lambda m: (m.i0, m.role_rank)):
        if m.role:
            role = m.role
            break
    aliases: list[str] = []
    seen = {normalize(name)}
    spans = sorted(set(spans))
    for form in [text[s:e] for s, e in spans] + [
        x for m in own for x in (m.titled, m.acronym, m.ticker) if x
    ]:
        form = re.sub(r"\s+", " ", form).strip()
        if form and normalize(form) not in seen:
            seen.add(normalize(form))
            aliases.append(form)
    kind = g.kind if g.kind in ("person", "organization", "government", "country", "group") else "other"
    kind = _BLOC_KINDS.get(name, kind) if kind == "country" else kind
    return Candidate(
        name=name, kind=kind, role=role, aliases=tuple(aliases), mentions=tuple(spans), first=spans[0][0]
    )


def find_candidates(document: CleanedDocument) -> list[Candidate]:
    """The actors the kept text of `document` names, sorted by first mention."""
    doc = _Doc(document)
    if not doc.toks:
        return []
    groups = _group(doc, _raw_mentions(doc))
    kept = {i for i, g in enumerate(groups) if _keep(doc, g)}
    found = _all_mentions(doc, groups, kept)
    out = [_candidate(doc, groups[i], found[i]) for i in kept if found.get(i)]
    return sorted(out, key=lambda c: (c.first, c.name))
