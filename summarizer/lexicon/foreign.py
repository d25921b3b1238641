"""Other languages (Spanish, German, French, Russian, Chinese): the verbs of saying as written,
the words that stand for a speaker or name one, titles, articles and role nouns."""

from __future__ import annotations

from .english import SPEECH_VERBS


# Other languages: the verbs of saying news prose uses, as written (no forms are generated),
# the words that stand for a speaker, and the prepositions that name one ("según X").
def _gendered(*stems: str) -> list[str]:
    """Russian past tense: masculine, feminine and plural ('сказал', 'сказала', 'сказали')."""
    return [form for stem in stems for form in (stem, stem + "а", stem + "и")]


_FOREIGN_VERBS: dict[str, list[str]] = {  # fmt: skip
    "es": [
        "dijo",
        "dice",
        "dijeron",
        "afirmó",
        "afirma",
        "aseguró",
        "asegura",
        "añadió",
        "añade",
        "agregó",
        "advirtió",
        "advierte",
        "explicó",
        "explica",
        "señaló",
        "señala",
        "indicó",
        "declaró",
        "preguntó",
        "gritó",
        "respondió",
        "insistió",
        "recordó",
        "subrayó",
        "destacó",
        "pidió",
        "calificó",
        "sostuvo",
        "manifestó",
        "apuntó",
        "reconoció",
        "denunció",
        "criticó",
        "lamentó",
        "comentó",
        "exclamó",
        "concluyó",
        "admitió",
        "prometió",
        "aseveró",
        "replicó",
        "contestó",
        "opinó",
        "considera",
        "consideró",
        "cree",
        "defendió",
        "anunció",
        "exigió",
    ],
    "de": [
        "sagte",
        "sagt",
        "sagten",
        "erklärte",
        "erklärt",
        "betonte",
        "betont",
        "meinte",
        "meint",
        "ergänzte",
        "fügte",
        "kritisierte",
        "warnte",
        "warnt",
        "forderte",
        "fordert",
        "fragte",
        "rief",
        "nannte",
        "bezeichnete",
        "versprach",
        "antwortete",
        "entgegnete",
        "unterstrich",
        "berichtete",
        "räumte",
        "sagte",
        "schrieb",
        "kündigte",
        "mahnte",
        "bekräftigte",
        "beklagte",
        "verwies",
        "so",
    ],
    "fr": [
        "a dit",
        "dit",
        "a déclaré",
        "déclare",
        "a affirmé",
        "affirme",
        "a expliqué",
        "explique",
        "a ajouté",
        "ajoute",
        "a souligné",
        "souligne",
        "a estimé",
        "estime",
        "a assuré",
        "assure",
        "a averti",
        "a demandé",
        "demande",
        "a lancé",
        "lance",
        "a répondu",
        "répond",
        "a insisté",
        "a rappelé",
        "a précisé",
        "précise",
        "a indiqué",
        "indique",
        "a dénoncé",
        "a promis",
        "a reconnu",
        "a jugé",
        "juge",
        "a qualifié",
        "s'est exclamé",
        "s'est exclamée",
        "selon",
        "d'après",
        "ajouté",
        "déclaré",
        "affirmé",
        "expliqué",
        "souligné",
        "estimé",
        "assuré",
        "précisé",
        "indiqué",
        "répondu",
        "lancé",
        "dit-il",
        "dit-elle",
    ],
    "ru": [
        *_gendered(
            "сказал",
            "заявил",
            "спросил",
            "пообещал",
            "назвал",
            "отметил",
            "добавил",
            "подчеркнул",
            "сообщил",
            "пояснил",
            "ответил",
            "признал",
            "предупредил",
            "уточнил",
            "рассказал",
            "напомнил",
            "заверил",
            "призвал",
            "возмутился",
            "воскликнул",
            "обещал",
            "выразил",
        ),
        "говорит",
        "считает",
        "заявляет",
        "отмечает",
        "уверен",
        "уверена",
        "возмутилась",
    ],
    "zh": [
        "表示",
        "说",
        "指出",
        "认为",
        "称",
        "反问",
        "问",
        "回应称",
        "回应",
        "强调",
        "提醒",
        "透露",
        "介绍",
        "坦言",
        "直言",
        "呼吁",
        "质疑",
        "补充",
        "告诉",
        "说道",
        "问道",
        "表态",
    ],
}
# Words after which the speaker is named: "según Salcedo", "so Kroll", "по словам Карповой".
_FOREIGN_ACCORDING = {
    "es": ["según", "de acuerdo con"],
    "de": ["so", "laut", "nach Angaben von"],
    "fr": ["selon", "d'après"],
    "ru": ["по словам", "по мнению", "как сообщил", "как заявил", "как отметил"],
    "zh": ["据"],
}
FOREIGN_PRONOUNS: dict[str, frozenset[str]] = {
    "es": frozenset({"él", "ella", "ellos", "ellas"}),
    "de": frozenset({"er", "sie"}),
    "fr": frozenset({"il", "elle", "ils", "elles"}),
    "ru": frozenset({"он", "она", "они"}),
    "zh": frozenset({"他", "她", "他们", "她们"}),
}
# "y aseguró", "und sagte", "и добавил": the verb shares the subject of the clause before it.
FOREIGN_AND = {"es": "y|e|pero", "de": "und|aber", "fr": "et|mais", "ru": "и|а|но", "zh": "并|还|也"}


def speech_verbs(language: str) -> list[str]:
    """The verbs of saying known for `language` ("es", "de", ...); English gives SPEECH_VERBS."""
    if language == "en" or language not in _FOREIGN_VERBS:
        return sorted(SPEECH_VERBS)
    return sorted(set(_FOREIGN_VERBS[language]))


def according_words(language: str) -> list[str]:
    return _FOREIGN_ACCORDING.get(language, ["according to"])


def knows_language(language: str) -> bool:
    """Whether the attribution rules have words for `language`."""
    return language == "en" or language in _FOREIGN_VERBS


# Words inside a capitalised run that are titles or roles, not names ("GKD-Bezirksleiterin Sabine
# Kroll", "SWK-Geschäftsführer Dr. Matthias Ebeling", "Губернатор Виктор Шубин"): a word that
# contains one of these stems (German compounds) or is one of the short titles.
FOREIGN_TITLE_STEMS = (
    "leiter", "führer", "meister", "direktor", "präsident", "sprecher", "minister", "vorsitz", "chef",
    "sekretär", "gouverneur", "губернатор", "директор", "председател", "министр", "президент", "мэр",
    "экономист", "глава", "secretari", "presidente", "ministr", "portavoz", "alcald", "gerente",
    "porte-parole", "maire", "directeur", "directrice", "professor", "profesor", "экономист",
    "vorstand", "anwalt", "anwältin", "ökonom", "secrétaire", "avocat", "député", "sénateur", "sénatrice",
    "abogad", "diputad", "senador", "economista", "адвокат", "депутат", "сенатор", "аналитик",
)  # fmt: skip
# How a person's title ends, of the stems above ("Bürgermeister von Hamburg" is an office, where
# "Ministerium", "Ministerio" and "Presidencia" are bodies).
PERSON_TITLE_ENDS = (
    "meister", "meisterin", "präsident", "präsidentin", "minister", "ministerin", "kanzler", "kanzlerin",
    "sprecher", "sprecherin", "chef", "chefin", "leiter", "leiterin", "alcalde", "alcaldesa",
    "presidente", "presidenta", "ministro", "ministra", "maire", "ministre", "gouverneur",
)  # fmt: skip
FOREIGN_TITLES = frozenset(
    {
        "sr",
        "sra",
        "srta",
        "dr",
        "dra",
        "don",
        "doña",
        "herr",
        "frau",
        "prof",
        "mme",
        "mlle",
        "m",
        "г-н",
        "г-жа",
    }
)
# Leading articles of a name ("La Naviera Atlántica del Sur"): not part of it.
FOREIGN_ARTICLES = frozenset({"el", "la", "los", "las", "der", "die", "das", "le", "les", "l'"})
# Nouns for someone speaking for a body ("un portavoz de la compañía", "ein Sprecher").
FOREIGN_ROLE_WORDS = frozenset(
    {"portavoz", "vocero", "sprecher", "sprecherin", "porte-parole", "представитель", "пресс-секретарь",
     "发言人", "负责人"}
)  # fmt: skip
# Chinese role nouns written right before a person's name ("董事长周立峰", "教授沈明远").
CJK_ROLE_NOUNS = (
    "董事长", "总经理", "秘书长", "主任", "处长", "局长", "市长", "省长", "部长", "主席", "会长", "院长",
    "校长", "教授", "教师", "记者", "经理", "书记", "代表", "律师", "医生", "专家", "研究员", "发言人",
    "负责人", "村民", "市民", "居民", "工人", "先生", "女士",
)  # fmt: skip
