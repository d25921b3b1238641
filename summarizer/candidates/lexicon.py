"""The words the candidate rules know: titles, organisation and place suffixes, stop words,
speech verbs, role nouns, and the built-in country, capital and government tables.
"""

from __future__ import annotations

from ..names import TITLES


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that head or end a title ("Treasury Secretary", "Chief Executive Officer").
ROLE_HEADS = (
    frozenset(TITLES) - {"the", "of", "to", "us", "u.s.", "chinese", "state", "foreign", "treasury", "former"}
) | word_set(
    """officer commissioner councilmember councilman councilwoman councillor councilor chairperson
    professor prof dr mr mrs ms mx sen rep gov gen lt col capt sgt cmdr adm supt insp det
    congressman congresswoman assemblyman assemblywoman assemblymember premier chancellor pope
    bishop archbishop cardinal rabbi imam sheikh emir sultan colonel captain lieutenant sergeant
    admiral commander marshal inspector detective constable sheriff superintendent coach founder
    co-founder cofounder manager head leader speaker envoy delegate dean provost rector treasurer
    comptroller auditor attorney solicitor magistrate trustee spokesperson analyst economist
    director-general secretary-general undersecretary attorney-general lawmaker pastor reverend
    rev supervisor owner co-owner farmer teacher nurse doctor scientist engineer pilot
    author co-author coauthor novelist playwright poet artist singer actor actress filmmaker chef
    photographer defender striker goalkeeper midfielder winger quarterback pitcher linebacker"""
)
# Titles before several names: "Councilmembers Dale Ortega and Tina Walsh voted no".
PLURAL_TITLES = word_set(
    """councilmembers councilmen councilwomen councillors councilors senators representatives reps
    commissioners supervisors trustees aldermen justices"""
)
ROLE_HEADS |= PLURAL_TITLES
# Everything that may stand in the title part before a name ("U.S. Deputy Secretary of State").
ROLE_WORDS = (
    frozenset(TITLES) | ROLE_HEADS | word_set("acting interim senior assistant associate managing first")
)
NAME_SUFFIXES = word_set("jr sr ii iii iv v")
HONORIFICS = word_set("mr mrs ms mx miss dr sir dame rev reverend the")
PARTICLES = word_set(
    "de van von der den da di du del della des la le bin ibn al el dos das do ter ten y bint ben"
)
ORG_CONNECTORS = word_set("of for on and the")
CORP_END = word_set("inc corp ltd llc plc b.v n.v ag sa s.a gmbh co lp llp nv bv")
# The last word of an organisation's name.
ORG_SUFFIXES = word_set(
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
# The last word of a sports club's name, which the text also uses alone ("United's Ruben Amorim").
CLUB_SUFFIXES = word_set("united athletic rovers wanderers albion hotspur fc")
ORG_SUFFIXES = ORG_SUFFIXES | CLUB_SUFFIXES
# Heads that take a complement: "Ministry of Foreign Affairs", "Reserve Bank of Valdoria".
ORG_HEADS = ORG_SUFFIXES | word_set("port city republic kingdom house museum church order friends office")
# The same heads in Spanish, German and French, before "de", "für", "du" ("Ministerio de Transportes",
# "Bundesamt für Statistik", "Banque de France"), and the words that join them to what follows.
ORG_HEADS = ORG_HEADS | word_set(
    """ministerio ministerium ministère gobierno ayuntamiento sindicato universidad universität
    université banco bank banque instituto institut consejo conseil comisión kommission commission
    tribunal agencia agentur agence asociación federación confederación partido partei parti
    fundación stiftung fondation gewerkschaft verband bundesamt syndicat junta secretaría"""
)
ORG_HEAD_LINKS = word_set("of for on de del des du für der di della")
# Last words of the complement in "Ministry of Trade and Industry", "Department of Health and
# Human Services", "National Institute of Allergy and Infectious Diseases".
COMPLEMENTS = word_set(
    """affairs services development industry industries trade commerce technology science sciences
    research health diseases security safety defence defense justice education culture
    environment energy transport transportation agriculture fisheries labour labor welfare
    finance economy planning housing communications information standards statistics innovation
    infrastructure resources sport sports tourism heritage arts media employment pensions
    immigration enforcement protection prevention control relations cooperation investment
    climate water forests forestry mines mining oceans policy"""
)
GOV_WORDS = word_set(
    """ministry department government parliament congress senate cabinet agency administration
    bureau court courts police treasury legislature embassy consulate army navy military nation
    reserve kremlin pentagon whitehall representatives commons lords"""
)
GOV_QUALIFIERS = word_set(
    """state national federal city county municipal tribal european regional provincial royal
    public security supreme town borough central"""
)
GOV_SOFT = word_set("commission council board office authority service fund bank")
GROUP_SUFFIXES = word_set("band tribe caucus militia brigade movement rebels insurgents")
# The last word of a place or a thing: not an actor.
PLACE_SUFFIXES = word_set(
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
DIRECTIONS = word_set(
    "north south east west northern southern eastern western central upper lower greater middle northeast"
    " northwest southeast southwest"
)
CALENDAR = word_set(
    """january february march april may june july august september october november december jan
    feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday
    sunday mon tue tues wed thu thur thurs fri sat sun christmas easter ramadan eid thanksgiving
    halloween hanukkah diwali"""
)
# Capitalised words that start sentences but name nobody.
STOP = word_set(
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
    correction clarification disclosure summary background transcript operator moderator nobody
    everybody somebody anybody everyone someone anyone nothing everything something anything none"""
)
DEMONYMS = word_set(
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
LOCATIVE = word_set(
    """in at on near into inside outside across throughout around along below above beneath beyond
    upstream downstream toward towards via within between off onto past"""
)
MOVEMENT = word_set("from to")
AUX = word_set(
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
SPEECH = word_set(
    """said says say told tells added adds argued argues warned warns noted notes stated states wrote
    writes asked asks urged urges insisted insists estimated estimates predicted predicts described
    describes called calls claimed claims announced announces explained explains acknowledged
    replied responded countered conceded admitted stressed emphasized emphasised agreed disputed
    criticized criticised recalled testified pointed believes thinks declined cautioned suggested
    tweeted posted commented continued concluded observed remarked maintained contended
    reiterated confirmed denied revealed complained vowed pledged promised"""
)
PERSON_NOUNS: frozenset[str] = frozenset()  # set below, once ORG_NOUNS exists
# Family: "Lena Vos, the daughter of Peter Vos," makes both people.
FAMILY = word_set(
    """mother father son daughter wife husband brother sister widow widower grandmother grandfather
    granddaughter grandson parent parents cousin uncle aunt niece nephew"""
)
# Words in an appositive that make it a role ("Lena Vos, an economist at ...").
ROLE_NOUNS = ROLE_HEADS | word_set(
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
    veteran general colonel captain plaintiff plaintiffs defendant defendants witness victim survivor
    neighbor neighbour"""
)
ROLE_NOUNS |= FAMILY
# Jobs whose "of" or "at" names an employer: "chief executive of X", "an analyst at Y".
JOBS = word_set(
    """executive officer ceo cfo coo cto director chairman chairwoman founder co-founder spokesperson
    spokeswoman spokesman analyst economist manager partner employee engineer researcher owner"""
)
ORG_NOUNS = word_set(
    """group company firm organization organisation agency utility association union manufacturer
    developer maker producer retailer bank regulator cooperative charity nonprofit non-profit
    provider operator supplier lender insurer startup start-up network coalition body institution
    university council board party alliance chain conglomerate subsidiary brand publisher
    broadcaster outlet newspaper website platform fund watchdog authority ministry department
    government commission committee tribe nation"""
)
# What business news calls a company right before its name: "state miner Codelco", "chipmaker Nvidia".
ORG_DESCRIPTORS = word_set(
    """miner chipmaker automaker carmaker drugmaker airline carrier retailer lender insurer refiner
    shipper exporter importer grocer supermarket giant manufacturer maker producer brewer
    distributor wholesaler telecom conglomerate utility startup bank publisher broadcaster"""
)
ORG_NOUNS = ORG_NOUNS | ORG_DESCRIPTORS
# Those that also open a sentence before the name ("Chipmaker Nvidia said"); "Giant Eagle",
# "Bank Leumi" and "Carrier Corp" are names whole.
OPENING_DESCRIPTORS = ORG_DESCRIPTORS - word_set("giant maker producer carrier bank utility publisher")
PERSON_NOUNS = ROLE_NOUNS - ORG_NOUNS
# Role nouns that are also verbs: right before a name they are more often the verb.
VERBAL_ROLES = word_set("host hosts head heads chair chairs coach coaches judge judges lead leads")
APPOSITIVE_STOP = word_set(
    """who which that where when whose whom and but or said says told as while if because after
    before according since although though so then also with in on at for by"""
)
PREPOSITIONS = word_set("of at for in with on from to based who that which whose since by")
# Fallback country lexicon (pycountry adds the rest when installed): canonical -> forms.
COUNTRIES: dict[str, tuple[str, ...]] = {
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
MORE_COUNTRIES = """Afghanistan Albania Algeria Angola Argentina Armenia Australia Austria Azerbaijan
Bahrain Bangladesh Belarus Belgium Bolivia Bosnia Botswana Brazil Bulgaria Cambodia Cameroon Canada
Chile Colombia Congo Croatia Cuba Cyprus Denmark Ecuador Egypt Estonia Ethiopia Finland France
Georgia Germany Ghana Greece Guatemala Haiti Honduras Hungary Iceland India Indonesia Iran Iraq
Ireland Israel Italy Jamaica Japan Jordan Kazakhstan Kenya Kosovo Kuwait Laos Latvia Lebanon Libya
Lithuania Luxembourg Madagascar Malaysia Mali Malta Mexico Moldova Mongolia Montenegro Morocco
Mozambique Myanmar Namibia Nepal Nicaragua Niger Nigeria Norway Oman Pakistan Palestine Panama
Paraguay Peru Philippines Poland Portugal Qatar Romania Rwanda Senegal Serbia Singapore Slovakia
Slovenia Somalia Spain Sudan Sweden Switzerland Syria Taiwan Tajikistan Tanzania Thailand Tunisia
Turkey Uganda Ukraine Uruguay Uzbekistan Venezuela Yemen Zambia Zimbabwe"""
MULTI_COUNTRIES = (
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
BLOC_KINDS = {"European Union": "government", "United Nations": "organization"}
# Capitals that stand for their country's government when the text makes them act.
CAPITALS = {
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
GOV_LEXICON = {
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
FUNCTION = word_set(
    """and or but for to with in on at by from that which who as than over about after before into
    since under against of nor while if when because per so where whose whom"""
)
# Verbs that come before their speaker: "said Owen Pryce".
INVERSION = word_set(
    """said says added adds argued argues wrote writes noted notes explained insisted quipped warned
    continued replied asked countered recalled concluded observed remarked stated admitted
    conceded cautioned suggested cautions"""
)
# Verbs that name a thing: "which the company calls Dynamic Earnings".
NAMING = word_set("calls called dubbed dubs named names nicknamed titled branded labelled labeled")
RELATIVE = word_set("who that which whose where when whom")
