"""The free text a model writes (headline, tldr, stance topics, risk descriptions, roles).

It cannot be checked word for word like a quote, but it can be kept honest: links the source
does not contain are removed, prompt scaffolding a weak model copies (the boundary token line,
the ids as the prompt writes them) is removed, and text that is not about the document at all
("2019-03-28 14:57:56.183", "B904") is refused. A headline or tldr that is not about the
document is replaced by the document's own headline line and lead sentences, which are exact
text of the source.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .candidates.lexicon import DEMONYMS
from .language import is_english
from .lexicon import opens_with_pleasantry
from .names import TITLE_ABBREVIATIONS, KeptText, normalize
from .schemas import MAX_HEADLINE, MAX_TLDR

if TYPE_CHECKING:
    from .segmentation import Segmentation

_URL = re.compile(r"(?:https?://|www\.)[^\s)\]>\"']+", re.IGNORECASE)
# Prompt scaffolding a weak model may copy into its answer: the boundary lines and token.
_SCAFFOLDING = re.compile(
    r"[^.\n]*(?:docb-[0-9a-f]{4,}|<<<\s*DOCUMENT|>>>\s*DOCUMENT|document token)[^.\n]*\.?\s*", re.IGNORECASE
)
_SCAFFOLDING_CUES = ("docb-", "<<<", ">>>", "document token")  # str.lower() folds as IGNORECASE here
# How the prompt writes its ids, which a weak model copies into its prose: "[S3] ", "A1 Calder Bay
# City Council (government)", "ACTORS:". The names stay; a copied QUOTES line goes whole (a quote
# without its speaker is no headline).
_KIND = r"\((?:person|organization|government|country|group|other)(?:;[^()\n]*)?\)"
_ID_SCAFFOLDING = re.compile(
    "|".join(
        [
            r"\[[SQ]\d+\]\s*",  # a sentence's or quote's id
            r"\bQ\d+\s*\(in S\d+(?:;[^()\n]*)?\):[^\n]*",  # a QUOTES line
            r"\b(?:ACTORS|QUOTES):\s*",  # a list's label
            rf"\bA\d+\s+(?=[^()\n]{{1,100}}?\s*{_KIND})",  # an ACTORS line's id...
            rf"\s*{_KIND}",  # ...and its kind and role
        ]
    )
)
_ID_CUES = ("[s", "[q", "(in s", "actors:", "quotes:", "(person", "(organization", "(government",
            "(country", "(group", "(other")  # fmt: skip
_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")
# A run of JSON punctuation with a brace in it, ending a field: ' },{', '"}]'.
_JSON_DEBRIS = re.compile(r"[\s\[\]\",:]*[{}][\s{}\[\]\",:]*$")
_NOT_CONTENT = {
    "the", "and", "for", "with", "that", "this", "from", "are", "was", "were", "has", "have", "its",
    "their", "will", "would", "into", "about", "over", "after", "support", "oppose", "neutral", "mixed",
    "low", "medium", "high", "risk", "topic", "stance", "none", "not", "but",
}  # fmt: skip


def clean_field(value: str, text: KeptText, where: str, notes: list[str]) -> str:
    """`value` without links absent from the source and without prompt scaffolding."""

    def replace(match: re.Match[str]) -> str:
        url = match.group()
        if text.mentions(url):
            return url
        notes.append(f"Removed a link from {where} that is not in the document.")
        return "[link removed]"

    low = value.lower()  # the patterns need one of these; most fields have none, and they backtrack
    framing = any(cue in low for cue in _SCAFFOLDING_CUES) and _SCAFFOLDING.search(value)
    if framing:
        value = _SCAFFOLDING.sub("", value).strip()
    ids = any(cue in low for cue in _ID_CUES) and _ID_SCAFFOLDING.search(value)
    if ids:
        value = _ID_SCAFFOLDING.sub("", value).strip()
    debris = _JSON_DEBRIS.search(value)
    if debris:  # "澜州市发展和改革委员会 },{": the answer's own JSON around the words
        value = value[: debris.start()].strip()
    if framing or ids or debris:
        notes.append(f"Removed words of the prompt's framing from {where}.")
    return _URL.sub(replace, value)


def _content_words(value: str) -> list[str]:
    """The words of `value` that can carry meaning: three letters or more, not fillers."""
    return [w for w in _CONTENT_WORD.findall(normalize(value)) if w not in _NOT_CONTENT]


def about_the_document(value: str, text: KeptText, share: float = 0.5) -> bool:
    """Whether `value` speaks of the document: at least `share` of its content words (and at
    least one) are words the document uses."""
    words = _content_words(value)
    if not words:
        return False
    used = sum(1 for w in words if text.contains(text.kept, w) or text.contains(text.kept, w.rstrip("s")))
    return used / len(words) >= share


_SENTENCES = re.compile(r"[^.!?]+[.!?]*")
ECHO_SHARE = 0.8


def echoes_a_quote(value: str, segmentation: Segmentation) -> bool:
    """Whether a sentence of `value` is someone's quoted words, told as if they were the news:
    "People grumble. They always do." for the mayor's “People will grumble. They always do.”.
    Only marked quotes count: a transcript is all speech, and its statements are its news."""
    quoted = [set(_content_words(q.text)) for q in segmentation.quotes if q.speech and not q.speaker_hint]
    if not quoted:
        return False
    for sentence in _SENTENCES.findall(value):
        words = _content_words(sentence)
        if len(words) >= 3 and any(sum(w in q for w in words) >= ECHO_SHARE * len(words) for q in quoted):
            return True
    return False


def has_words(value: str) -> bool:
    """Whether `value` says anything: a word of three letters or more that is not a filler
    ("support", "risk"); "19.03.2019 14:57:56.183" and "B904" say nothing."""
    return bool(_content_words(value))


# A dateline opening the first sentence: "SANTIAGO, Nov 26 (Reuters) - ", "PORTLAND, Ore., Nov. 24,
# 2026 /PRNewswire/ -- ", "ASHFORD — ".
_CAPITAL = "A-ZÀ-ÖØ-ÞА-ЯЁ"  # Latin and Cyrillic capitals
_PLACE = rf"[{_CAPITAL}][{_CAPITAL}'’]{{2,}}(?:[ .-]+[{_CAPITAL}][{_CAPITAL}.'’]*){{0,4}}"  # in capitals
_STATE_OR_DATE, _AGENCY = r",[^—–\n]{0,90}?", r"\s*\([^()\n]{1,30}\)"
_LEAD_DATELINE = re.compile(
    rf"{_PLACE}(?:(?:{_STATE_OR_DATE}|{_AGENCY})(?:{_AGENCY})?\.?\s*-(?=\s)"  # a hyphen only after those
    rf"|(?:{_STATE_OR_DATE})?(?:{_AGENCY})?\.?\s*(?:[—–]|--))\s+(?=\S)"  # "VALDEMAR.– "
)


def _without_dateline(text: str) -> str:
    """`text` without the dateline that opens it, unless that is all there is."""
    dateline = _LEAD_DATELINE.match(text)
    return text[dateline.end() :] if dateline and dateline.end() < len(text) else text


_ENDS_A_SENTENCE = re.compile(r"[.!?…][\"”’')\]]*$")
_PLACE_ALONE = re.compile(r"[A-ZÀ-Ý][\w-]+(?:[ /][A-ZÀ-Ý][\w-]+)?\.")
_GREETING_WORDS = 6
# How a call is run, which says nothing of its news: "At this time, all participants are in a
# listen-only mode.", "Please go ahead.", "Thank you, operator."
_CALL_PROCEDURE = re.compile(
    r"\b(?:listen[- ]only|please go ahead|turn the (?:call|conference|meeting) over|(?:call|conference) is"
    r" being recorded|question-and-answer session|press star|thank you,? operator)\b",
    re.IGNORECASE,
)
# A transcript's speaker label opening a sentence: "MS. WELLS: ", "Q: ".
_TURN_LABEL = re.compile(r"[A-Z][A-Z.'’ -]{0,40}(?:\s*\([^()\n]{1,60}\))?:\s+(?=\S)")


def lead(segmentation: Segmentation) -> tuple[str, str]:
    """The document's own headline line and its first sentences after it (without a standfirst
    that ends in no full stop, the first without its dateline, none with a transcript's speaker
    label, a greeting or a call's procedure): exact source text."""
    document = segmentation.document
    first = document.text[document.kept[0].start : document.kept[0].end] if document.kept else ""
    headline = first if len(first) <= MAX_HEADLINE else ""
    body = [s.text for s in segmentation.sentences if not (headline and s.end <= document.kept[0].end)]
    while len(body) > 1 and (not _ENDS_A_SENTENCE.search(body[0]) or _PLACE_ALONE.fullmatch(body[0])):
        # "The walkout was the largest in the app's history, organisers said"; a German
        # dateline, a sentence of its own: "Berlin."
        body = body[1:]
    if body:
        body[0] = _without_dateline(body[0])
    body = [s[label.end() :] if (label := _TURN_LABEL.match(s)) else s for s in body]
    # Whole sentences only, none about how a call is run and no greeting: a speaker line ("Megan
    # Ortiz -- Vice President") or a subhead between sentences is no part of a lead.
    said = [
        s for s in body if _ENDS_A_SENTENCE.search(s) and not _CALL_PROCEDURE.search(s) and not _greeting(s)
    ]
    body = said or body
    if not body:  # a document of one line: its sentences are its lead as well as its headline
        body = [s.text for s in segmentation.sentences]
    tldr = ""
    for sentence in body:
        if len(tldr) + len(sentence) + 1 > MAX_TLDR:
            break
        tldr = f"{tldr} {sentence}".strip()
        if tldr.count(".") >= 2:
            break
    if not headline and body:
        headline = body[0] if len(body[0]) < MAX_HEADLINE else _cut(body[0], MAX_HEADLINE - 1)
    return headline, tldr


def _greeting(sentence: str) -> bool:
    """ "Good afternoon, everyone.", "Thank you, operator.": a pleasantry, not news; "Great
    Britain votes to leave." is news (a name runs on from the first word)."""
    return len(sentence.split()) <= _GREETING_WORDS and opens_with_pleasantry(sentence)


def _cut(text: str, most: int) -> str:
    """`text` cut to at most `most` characters at a word's end, with "…": "setting up another…",
    not "setting up anothe…"."""
    cut = text[:most]
    if text[most : most + 1].isalnum() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:—–-") + "…"


def names_only(value: str, segmentation: Segmentation) -> bool:
    """Whether every content word of `value` is a word of an actor's name: "Bob Jones", "Calder
    Bay City Council" (what is left of a copied ACTORS line) name someone but say no news."""
    words = _content_words(value)
    return bool(words) and set(words) <= _name_words(segmentation)


def _name_words(segmentation: Segmentation) -> set[str]:
    return {
        w
        for candidate in segmentation.candidates
        for form in (candidate.name, *candidate.aliases)
        for w in _CONTENT_WORD.findall(normalize(form))
    }


# A word that mixes Latin and Cyrillic letters ("Aрусные" with a Latin A): no language's word.
_MIXED_ALPHABETS = re.compile(r"(?=[^\W\d_]*[A-Za-z])(?=[^\W\d_]*[А-Яа-яЁё])[^\W\d_]+")
_STEM = 5  # letters a word keeps through its endings ("Северный", "Северного")


def mixes_alphabets(value: str) -> bool:
    """A word of Latin and Cyrillic letters ("Aрусные", with a Latin A) is no language's word."""
    return _MIXED_ALPHABETS.search(value) is not None


def gibberish(value: str, segmentation: Segmentation) -> bool:
    """Whether `value` is in Cyrillic or Greek words of which (names aside) none shares its first
    letters with a word of the document: the embedded model's Russian risk "Общём стадионцы" and
    topic "Библеконамёр Воронцова". (Words in the Latin alphabet may be another language the
    model chose, "the plan" for a German text; Chinese has no words to compare.)"""
    words = [w for w in _content_words(value) if _CYRILLIC_OR_GREEK.match(w)]
    if not words:
        return False
    named = {w[:_STEM] for w in _name_words(segmentation)}
    stems = {w[:_STEM] for w in _CONTENT_WORD.findall(normalize(segmentation.document.text))} - named
    return not any(w[:_STEM] in stems for w in words)


_CYRILLIC_OR_GREEK = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")
_NUMBER = re.compile(r"(?<!\w)\d(?:[\d,.’']*\d)?")


def _number_key(number: str) -> str:
    return "".join(c for c in number if c.isdigit())  # "12,000", "12.000" and "12000" alike


def invented_numbers(value: str, document: str) -> list[str]:
    """The numbers of two digits or more in `value` that `document` never writes ("cut 60% of the
    routes" of an article that gives no such figure): a weak model's invented facts. Only the
    digits are compared, so "$2.1m" matches "$2.1 million" and "12000" matches "12,000"; digits
    after a letter are a name ("A380", "Q3"), not a figure."""
    wanted = [n for n in _NUMBER.findall(value) if len(_number_key(n)) >= 2]
    if not wanted:
        return []
    known = {_number_key(n) for n in _NUMBER.findall(document)}
    return [n for n in wanted if _number_key(n) not in known]


# A capitalised word (not an acronym, not "Q3") that does not open a sentence or a clause.
_NAME_WORD = re.compile(r"(?<![.!?:;–—-]\s)(?<![.!?:;–—-])(?<!^)\b[A-Z][a-z][\w’'-]*")
_TITLE_CASE_SHARE = 0.6
_CAPITALISED_RUN = re.compile(r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*")
# The prompt's actor ids listed as prose ("A1, A2, A3"): a weak model's loop.
_ACTOR_IDS = re.compile(r"\bA\d{1,3}\b[,;\s]+A\d{1,3}\b")
_REPEAT_WORDS = 6


def repeats_itself(value: str) -> bool:
    """Whether six words in a row come twice: "the Tidewater Logistics second quarter call to the
    Tidewater Logistics second quarter call"."""
    words = re.findall(r"\w+", value.lower())
    runs = [tuple(words[i : i + _REPEAT_WORDS]) for i in range(len(words) - _REPEAT_WORDS + 1)]
    return len(set(runs)) < len(runs)


def invented_names(value: str, text: KeptText) -> list[str]:
    """The capitalised words inside a sentence of `value` that the document never writes, in any
    case: a weak model's "Comets rally late to St. Louis" or "Alejandro Cirac - The Ledger".
    Words opening a sentence or clause ("Analysts warn") are not looked at, nor a Title Case
    headline, whose every word is capitalised."""
    words = value.split()
    if sum(w[:1].isupper() for w in words) > _TITLE_CASE_SHARE * len(words):
        return []
    found = []
    for match in _NAME_WORD.finditer(value):
        word = re.sub(r"[’']s$", "", match.group()).rstrip("’'-")
        # "Trump-Xi talks": each name on its own; "German" for a text about Germany is a demonym.
        if not all(
            text.mentions(part) or part.lower() in DEMONYMS for part in word.split("-") if part[:1].isupper()
        ):
            # Told as the whole name it stands in: "St. Louis", not "St".
            run = next(
                (r for r in _CAPITALISED_RUN.finditer(value) if r.start() <= match.start() < r.end()), None
            )
            found.append(run.group().rstrip(".,") if run else word)
    return found


# What is left around a field when a weak model breaks off its JSON: "Bob Jones }". (Not "]":
# a removed link ends in "[link removed]".)
_STRAY_ENDS = " \t\n{}|"


# Stray full stops a weak model leaves ("a move that could .", "to .cut routes").
_DOT_BEFORE_WORD = re.compile(r"(?<=\s)\.(?=[^\W\d_])")
_SPACE_BEFORE_STOP = re.compile(r"\s+(?=[.,;:!?](?:\s|$))")


# A phrase cut short: it ends on a word no English phrase ends on ("... a full refund of").
_CUT_SHORT = re.compile(
    r"\b(?:a|an|the|and|or|but|of|its|their|his|her|our|your|than|those|these|which|whose)\W*$", re.IGNORECASE
)
# Two sentences: a full stop after a word, then a capital ("... earn less. I’ve seen it"); not
# after a title ("Mr. Smith's plan").
_SENTENCE_BREAK = re.compile(r"([^\W\d_]{2,})[.!?]\s+[\"“‘']?[A-Z]")
TOPIC_WORDS = 20


# A name cut at its initial: "... Deputy Secretary of State Christopher L." ("U.S." is whole).
_CUT_AT_INITIAL = re.compile(r"\b[A-Z][a-z]+ [A-Z]\.$")


def breaks_off(value: str) -> bool:
    """English text that stops mid-phrase, as a model's does when it runs out of room."""
    value = value.rstrip()
    return _CUT_SHORT.search(value) is not None or _CUT_AT_INITIAL.search(value) is not None


def not_a_topic(topic: str) -> bool:
    """A stance topic names an issue in a phrase: not two sentences copied from a quote, not a
    paragraph, not a phrase cut short."""
    if len(topic.split()) > TOPIC_WORDS or breaks_off(topic):
        return True
    return any(m.group(1).lower() not in TITLE_ABBREVIATIONS for m in _SENTENCE_BREAK.finditer(topic))


def _tidy(value: str) -> str:
    """Stray ends and full stops out, and a dateline the model copied from the lead."""
    value = value.strip(_STRAY_ENDS)
    if " ." in value or " ," in value:
        value = _SPACE_BEFORE_STOP.sub("", _DOT_BEFORE_WORD.sub("", value))
    return _without_dateline(value)


def honest_headline_and_tldr(
    headline: str,
    tldr: str,
    segmentation: Segmentation,
    text: KeptText,
    notes: list[str],
    translated: bool = False,
) -> tuple[str, str]:
    """Links and scaffolding out; the document's own lead where the model's is not about it, or
    names an actor and says nothing else, or gives a figure the document does not. `translated`:
    the model was asked to write in another language than the document's, so its words cannot be
    looked for in the document (only that it says something)."""
    headline = _tidy(clean_field(headline, text, "the headline", notes))
    tldr = _tidy(clean_field(tldr, text, "the tldr", notes))
    own_headline, own_tldr = lead(segmentation)
    source = segmentation.document.text
    if own_headline and (why := _not_honest(headline, text, source, segmentation, translated)):
        notes.append(f"The model's headline {why}; the document's own headline is shown.")
        headline = own_headline
    if own_tldr and (
        why := _not_honest(tldr, text, source, segmentation, translated)
        or _too_short(tldr, segmentation, translated)
    ):
        notes.append(f"The model's tldr {why}; the document's first sentences are shown.")
        tldr = own_tldr
    return headline, tldr


TLDR_FEWEST_WORDS = 4


def _too_short(tldr: str, segmentation: Segmentation, translated: bool) -> str | None:
    """A tldr of a greeting or a few words ("Good afternoon, everyone.") summarizes nothing.
    (English only: a Chinese sentence has no spaces to count its words by.)"""
    if translated or not is_english(segmentation.language) or len(_content_words(tldr)) >= TLDR_FEWEST_WORDS:
        return None
    return "said too little"


def _not_honest(
    value: str, text: KeptText, source: str, segmentation: Segmentation, translated: bool
) -> str | None:
    """Why a headline or tldr cannot stand (as the note says it), or None when it can."""
    if not (has_words(value) if translated else about_the_document(value, text)):
        return "was not about the document"
    if names_only(value, segmentation):
        return "only named an actor"
    if made_up := invented_numbers(value, source):
        return f"gave a number the document does not ({made_up[0]})"
    if not translated and is_english(segmentation.language) and (strangers := invented_names(value, text)):
        return f"named what the document does not ({strangers[0]})"
    if _ACTOR_IDS.search(value) or repeats_itself(value):
        return "repeated itself or the prompt's ids"
    if not translated and is_english(segmentation.language) and breaks_off(value):
        return "broke off mid-phrase"
    if not translated and echoes_a_quote(value, segmentation):
        return "told someone's quoted words as the news"
    return None
