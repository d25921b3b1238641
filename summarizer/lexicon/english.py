"""English: speech verbs (forms generated from stems), pronouns, role and organisation nouns,
and the cues that make a quote a mention."""

from __future__ import annotations

import re

# Verbs that report speech, in the forms news prose uses them ("said", "says", "saying").
_SPEECH_STEMS = [  # fmt: skip
    "say",
    "add",
    "tell",
    "ask",
    "note",
    "continue",
    "explain",
    "argue",
    "write",
    "insist",
    "reply",
    "warn",
    "state",
    "declare",
    "remark",
    "recall",
    "acknowledge",
    "concede",
    "quip",
    "claim",
    "urge",
    "vow",
    "praise",
    "slam",
    "dismiss",
    "respond",
    "announce",
    "predict",
    "describe",
    "call",
    "criticize",
    "criticise",
    "clarify",
    "stress",
    "emphasize",
    "emphasise",
    "suggest",
    "admit",
    "deny",
    "confirm",
    "complain",
    "joke",
    "observe",
    "recount",
    "muse",
    "tweet",
    "post",
    "boast",
    "lament",
    "protest",
    "counter",
    "contend",
    "maintain",
    "assert",
    "affirm",
    "caution",
    "promise",
    "pledge",
    "mutter",
    "shout",
    "yell",
    "chant",
    "scream",
    "whisper",
    "exclaim",
    "sigh",
    "laugh",
    "testify",
    "tell",
    "concur",
    "agree",
    "disagree",
    "reiterate",
    "repeat",
    "answer",
    "retort",
    "snap",
    "fume",
    "rail",
    "plead",
    "demand",
    "question",
    "wonder",
    "signal",
    "concede",
    "add",
    "acknowledge",
    "proclaim",
    "propose",
]
_IRREGULAR = [  # fmt: skip
    "said",
    "says",
    "saying",
    "told",
    "tells",
    "telling",
    "wrote",
    "writes",
    "writing",
    "spoke",
    "speaks",
    "speaking",
]


def _forms(stem: str) -> set[str]:
    if stem.endswith("ee"):
        return {stem, stem + "s", stem + "d", stem + "ing"}
    if stem.endswith("e"):
        return {stem, stem + "s", stem + "d", stem[:-1] + "ing"}
    if stem.endswith("y") and stem[-2] not in "aeiou":
        return {stem, stem[:-1] + "ies", stem[:-1] + "ied", stem + "ing"}
    if stem in {"quip", "snap", "admit"}:  # doubled final consonant
        return {stem, stem + "s", stem + stem[-1] + "ed", stem + stem[-1] + "ing"}
    return {stem, stem + "s", stem + "ed", stem + "ing"}


SPEECH_STEMS: frozenset[str] = frozenset(_SPEECH_STEMS)
SPEECH_VERBS: frozenset[str] = frozenset(
    {form for stem in _SPEECH_STEMS for form in _forms(stem)} | set(_IRREGULAR)
)
# A regex alternation, longest first so "said" never shadows "saying".
SPEECH_VERB_PATTERN = "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))

PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
# Who "you said" or "people say" imagine saying something is no speaker.
GENERIC_SPEAKERS = frozenset({"you", "one", "people", "everyone", "someone", "anyone", "nobody"})

# Nouns that stand for a person already named, or for what they issued ("the minister said", "a
# spokesperson", "the statement said"). Bodies ("the ministry said") are ORGANISATION_NOUNS;
# attribution reads the two together.
ROLE_NOUNS = frozenset(
    [  # fmt: skip
        "minister",
        "secretary",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "official",
        "officials",
        "president",
        "chief",
        "executive",
        "ceo",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "governor",
        "mayor",
        "senator",
        "lawmaker",
        "analyst",
        "economist",
        "expert",
        "researcher",
        "professor",
        "lawyer",
        "attorney",
        "prosecutor",
        "judge",
        "ambassador",
        "envoy",
        "diplomat",
        "general",
        "commander",
        "officer",
        "manager",
        "founder",
        "leader",
        "head",
        "source",
        "sources",
        "neighbour",
        "neighbor",
        "resident",
        "witness",
        "worker",
        "owner",
        "member",
        "activist",
        "organizer",
        "organiser",
        "campaigner",
        "representative",
        "aide",
        "adviser",
        "advisor",
        "statement",
        "report",
    ]
)

# Nouns that stand for an organisation already named ("the company said", "the ministry").
ORGANISATION_NOUNS = frozenset(
    [  # fmt: skip
        "company",
        "firm",
        "group",
        "union",
        "ministry",
        "agency",
        "government",
        "department",
        "bank",
        "court",
        "police",
        "council",
        "authority",
        "association",
        "commission",
        "board",
        "committee",
        "office",
        "party",
        "regulator",
        "operator",
        "retailer",
        "airline",
        "carrier",
        "insurer",
        "club",
        "university",
        "school",
        "hospital",
        "charity",
        "organisation",
        "organization",
        "federation",
    ]
)

# Words right before a quote that make it a mention, not speech: a title, a term, a name.
# attribution/mentions.py searches only the last three words before a quote for it: keep every
# cue within three words (a separate "," or ":" counting as one).
MENTION_CUE = re.compile(
    r"\b(?:so-called|dubbed|titled|entitled|nicknamed|known\s+as|the\s+(?:phrase|term|word|slogan|"
    r"hashtag|motto|label|name)|(?:film|movie|book|novel|show|series|album|song|documentary|"
    r"podcast|episode|play|musical|programme|program|column|report|campaign|operation|exhibition)"
    r"(?:\s+\w+)?)\s*[,:]?\s*$",
    re.IGNORECASE,
)

# What opens a pleasantry or a hand-over rather than a statement: "Good afternoon, everyone.",
# "Thanks, Megan.", "Our next question comes from ...".
_PLEASANTRY = re.compile(
    r"(?:thanks?\b|thank you|good (?:morning|afternoon|evening)|hello|hi\b|yes\b|yeah|sure\b|okay|ok\b"
    r"|great\b|next question|our (?:first|next) question|this concludes|you may now|please go ahead)",
    re.IGNORECASE,
)
_NAME_RUNS_ON = re.compile(r"\w+\s+[A-Z]")  # "Great Britain", "Hello Kitty": a name, not a greeting


def opens_with_pleasantry(text: str) -> bool:
    """ "Thanks, Megan.", "Good afternoon, everyone."; not "Great Britain votes to leave."."""
    return _PLEASANTRY.match(text) is not None and _NAME_RUNS_ON.match(text) is None
