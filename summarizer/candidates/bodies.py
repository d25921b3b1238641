"""Organisations a non-English text names in ways the English rules cannot read: a name in quote
marks after the noun that says what it is ("профсоюз «Северный лес»", "el sindicato «Estiba
Unida»"), a phrase with its acronym in parentheses whose initials it spells ("Северогорский
целлюлозно-бумажный комбинат (СЦБК)"), and in Chinese a run of characters ending in what a body
is called ("澜州水务集团", "澜州市发展和改革委员会"), which needs no capitals or spaces."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..segmentation import Segmentation
from .finder import Candidate
from .speakers import mentions_of

# Nouns that say the quoted name after them is an organisation's (the languages of the gold set).
_BODY_NOUNS = (
    r"профсоюз\w*|торгов\w+\s+дом\w*|компани\w+|завод\w*|банк\w*|холдинг\w*|концерн\w*|фонд\w*"
    r"|парти\w+|движени\w+|ассоциаци\w+|объединени\w+|групп\w+"
    r"|sindicato|empresa|compañía|grupo|partido|asociación|fundación"
    r"|gewerkschaft|unternehmen|konzern|firma|verband|partei|verein|stiftung"
    r"|syndicat|entreprise|société|groupe|parti|association|fondation"
)
_QUOTE_MARKS = ("«", "„", "“", '"')
_QUOTED_BODY = re.compile(rf"(?i:{_BODY_NOUNS})\s+[«„“\"](?P<name>[^«»„“”\"\n]{{2,40}}?)[»“”\"]")
_ACRONYM_IN_PARENTHESES = re.compile(r"\s+\((?P<acronym>[A-ZА-ЯЁ]{2,8})\)")
_PHRASE_WORDS = 8  # words before an acronym that may spell it
_PHRASE_WINDOW = 400  # characters that hold them
# What a Chinese body's name ends in, longest first; after punctuation or a line's start (a
# name's start has no other mark in Chinese).
_CJK_GOVERNMENT_ENDS = (
    "发展和改革委员会", "人民政府", "委员会", "发改委", "检察院", "管理局", "公安局", "法院", "政府",
)  # fmt: skip
_CJK_BODY_ENDS = (
    "发展和改革委员会", "人民政府", "委员会", "发改委", "研究院", "研究所", "基金会", "联合会", "检察院",
    "管理局", "公安局", "集团", "公司", "协会", "大学", "银行", "医院", "工会", "法院", "政府",
)  # fmt: skip
_CJK_BODY = re.compile(
    rf"(?:^|(?<=[，。、：；！？「」“”《》（）\s]))(?P<name>[\u4e00-\u9fff]{{2,10}}?(?:{'|'.join(_CJK_BODY_ENDS)}))"
)
# The short forms Chinese writes for bodies: "发改委" for "发展和改革委员会".
_CJK_SHORT_FORMS = {"发展和改革委员会": "发改委"}
_MOST_BODIES = 40  # each one's mentions are a scan of the text
_MOST_FOUND = 200


def named_bodies(segmentation: Segmentation, known: set[str]) -> list[Candidate]:
    """The organisations (and Chinese government bodies) the kept text names in these ways, with
    their exact mentions: none that holds one of `known` or is held in one, but one of `known`
    itself (its kind to settle)."""
    found: dict[str, tuple[str, list[str]]] = {}  # name -> kind, other forms
    for name, kind, forms in _bodies(segmentation):
        found.setdefault(name, (kind, forms))
        if len(found) >= _MOST_FOUND:
            break  # a hostile text of thousands: grouping compares each with the others
    return _as_candidates(segmentation, found, known)


def _bodies(segmentation: Segmentation) -> Iterator[tuple[str, str, list[str]]]:
    """(name, kind, other forms) of each body the kept text names, in order."""
    text = segmentation.document.text
    for region in segmentation.document.kept:
        line = text[region.start : region.end]
        # Each pattern needs its mark, and most lines have none: the look spares the regex.
        if any(mark in line for mark in _QUOTE_MARKS):
            for match in _QUOTED_BODY.finditer(line):
                yield match.group("name").strip(), "organization", [match.group(0)]
        if "(" in line:
            for match in _ACRONYM_IN_PARENTHESES.finditer(line):
                before = _words_before(line, match.start())
                if (phrase := _spelled_by(" ".join(before), match.group("acronym"))) is not None:
                    yield phrase, "organization", [match.group("acronym")]
        if segmentation.language == "zh":
            for match in _CJK_BODY.finditer(line):
                name = match.group("name")
                yield name, "government" if name.endswith(_CJK_GOVERNMENT_ENDS) else "organization", []


def _words_before(line: str, at: int) -> list[str]:
    """The last `_PHRASE_WORDS` whole words before `at`, from a bounded window (splitting all of a
    long line for each acronym in it grew with the square of its length)."""
    start = max(0, at - _PHRASE_WINDOW)
    words = line[start:at].split()
    if start > 0 and words and not line[start - 1].isspace() and not line[start].isspace():
        words = words[1:]  # the window cut a word in two
    return words[-_PHRASE_WORDS:]


def _spelled_by(phrase: str, acronym: str) -> str | None:
    """The end of `phrase` whose words' initials (a hyphen starts a word too) spell `acronym`:
    "Северогорский целлюлозно-бумажный комбинат" for "СЦБК"."""
    words = phrase.split()
    for start in range(len(words)):
        tail = words[start:]
        initials = "".join(part[:1] for word in tail for part in word.split("-") if part)
        if initials.upper() == acronym and tail[0][:1].isupper():
            return " ".join(tail)
    return None


def _short_form(name: str) -> str:
    for long, abbreviation in _CJK_SHORT_FORMS.items():
        name = name.replace(long, abbreviation)
    return name


def _as_candidates(
    segmentation: Segmentation, found: dict[str, tuple[str, list[str]]], known: set[str]
) -> list[Candidate]:
    """One candidate per body: a name that ends a longer one ("水务集团", "澜州水务集团") or is its
    short form ("澜州市发改委") is one of its forms."""
    forms: dict[str, list[str]] = {}
    for name in sorted(found, key=len, reverse=True):
        whole = next((w for w in forms if w.endswith(name) or _short_form(w).endswith(name)), None)
        if whole is None:
            forms[name] = [_short_form(name)] if _short_form(name) != name else []
        else:
            forms[whole].append(name)
    result = []
    for name, shorter in list(forms.items())[:_MOST_BODIES]:
        if name not in known and any(name in k or k in name for k in known):
            continue
        kind, written = found[name]
        aliases = [form for form in dict.fromkeys([*shorter, *written]) if form != name]
        mentions = mentions_of(segmentation, [name, *aliases])
        if mentions:
            result.append(Candidate(name, kind, None, tuple(aliases), mentions, mentions[0][0]))
    return result
