"""Who said each quote in other languages: the same ideas as the English rules, with each
language's words and capitalised runs in any alphabet (in Chinese, names after a role noun)."""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re

from ..lexicon import (
    CJK_ROLE_NOUNS,
    FOREIGN_AND,
    FOREIGN_ARTICLES,
    FOREIGN_PRONOUNS,
    FOREIGN_ROLE_WORDS,
    FOREIGN_TITLE_STEMS,
    FOREIGN_TITLES,
    according_words,
    speech_verbs,
)
from ..names import TITLES
from ..segmentation import Segment, Segmentation
from .mentions import _generic_only
from .paragraphs import _share_along_continuations, _speaker_before
from .sentence import _ACRONYM_AT_END, _WORD, _blank_quotes, _Found, _QuotesNear

# Other languages. The English rules above lean on English word order and capitalisation; these
# are the same ideas (a verb of saying with its subject before or after it, "según X", a pronoun
# resolved to the last speaker, split quotes sharing a speaker) with each language's words, and
# capitalised runs in any alphabet (or, in Chinese, the names a role noun introduces).
_UPPER = "".join(chr(c) for c in [*range(0x41, 0x250), *range(0x370, 0x530)] if chr(c).isupper())
_UCAP = rf"[{_UPPER}][\w’'.-]*"
_UNAME = rf"{_UCAP}(?:\s(?:(?:de|del|la|von|van|der|den|da|di|du|le)\s)*{_UCAP}){{0,5}}"
_UNAME_RE = re.compile(_UNAME)
_UNAME_AT_END = re.compile(rf"(?P<name>{_UNAME})\s*$")
_FOREIGN_CLAUSE_END = re.compile(r"[.;:!?«»“”„\"—–「」『』()]|\s{3,}")
_CJK = re.compile(r"[\u3400-\u9fff]")
_CJK_CLAUSE = re.compile(r"[，。：；！？、,.;:!?「」“”]")


class _Language:
    """The words of one language, compiled once."""

    def __init__(self, language: str):
        self.code = language
        self.cjk = language in {"zh", "ja"}
        verbs = sorted(speech_verbs(language), key=len, reverse=True)
        according = sorted(according_words(language), key=len, reverse=True)
        self.according = {a.lower() for a in according}
        words = [*according, *verbs]
        alternation = "|".join(re.escape(v) for v in words)
        # The lookahead for the words' first letters changes no match: it lets the engine rule out
        # most positions at once, where it would try every word there in turn.
        first = "[" + "".join(sorted({re.escape(w[0]) for w in words})) + "]"
        self.verb = re.compile(
            rf"(?={first})(?:{alternation})" if self.cjk else rf"(?={first})(?<!\w)(?:{alternation})(?!\w)",
            re.IGNORECASE,
        )
        self.pronouns = FOREIGN_PRONOUNS.get(language, frozenset())
        self.and_ = re.compile(rf"(?:^|\s)(?:{FOREIGN_AND.get(language, 'and')})$")


@functools.cache
def _language(code: str) -> _Language:
    """A language's verbs and words, compiled once per language, not once per document."""
    return _Language(code)


# Any title stem inside a word ("Geschäftsführer", "вице-президент"), in one regex scan.
_TITLE_STEM = re.compile(  # with no stems, nothing (an empty alternation would match every word)
    "|".join(re.escape(stem) for stem in FOREIGN_TITLE_STEMS) or r"(?!)"
)


def _is_title(word: str) -> bool:
    low = word.lower().strip(".,")
    return low in FOREIGN_TITLES or low in TITLES or _TITLE_STEM.search(low) is not None


def _foreign_name(run: str) -> str | None:
    """A capitalised run as a name: titles, roles and articles before the name dropped."""
    words = run.split()
    while words and words[0].lower() in FOREIGN_ARTICLES:
        words = words[1:]
    last_title = max((i for i, w in enumerate(words) if _is_title(w)), default=-1)
    words = words[last_title + 1 :]
    return " ".join(words) if words else None


def foreign_name(name: str, language: str) -> str | None:
    """A name as a non-English text writes it, without a leading 'según'/'so'/'selon', article,
    title or role: 'Según Salcedo' -> 'Salcedo', 'Экономист Ирина Карпова' -> 'Ирина Карпова'."""
    according = {a.lower() for a in according_words(language)}
    words = name.split()
    while words and words[0].lower() in according:
        words = words[1:]
    name = _foreign_name(" ".join(words)) or ""
    if name[:1].islower():  # "Ministerio de Transportes" is no title before "de Transportes"
        name = " ".join(w for w in words if w.lower() not in FOREIGN_ARTICLES or w is not words[0])
    return name or None


def _acronym_only(name: str) -> bool:
    return all(w.isupper() for w in name.split())


_CJK_FOLLOW = "在|表示|说|则|是|认为|回应|还|指出|同时|称|的|，|、|也|对|和|提醒|强调|反问|质疑"
_CJK_ROLE_NAME = re.compile(rf"(?:{'|'.join(CJK_ROLE_NOUNS)})([\u4e00-\u9fff]{{2,3}}?)(?={_CJK_FOLLOW})")


def _cjk_names(text: str, people: dict[str, tuple[str, str]]) -> list[str]:
    """Chinese person names: those a role noun introduces ("董事长周立峰在会上"), two or three
    characters up to a word that follows a subject, plus the candidates' names in Han script."""
    found = _CJK_ROLE_NAME.findall(text)
    found += [n for n, (kind, _) in people.items() if kind == "person" and _CJK.search(n)]
    return list(dict.fromkeys(found))


def _foreign_after(frame: str, position: int, language: _Language, according: bool) -> tuple[str, str] | None:
    """The speaker right after a verb: 'dijo Ramón Iturbe, presidente de ...', 'advirtió la
    secretaria general del SEV, Marta Echeverría', 'сказал генеральный директор Андрей Горелов'."""
    end = _FOREIGN_CLAUSE_END.search(frame, position)
    clause = frame[position : end.start() if end else min(len(frame), position + 160)]
    fallback = None
    for part in clause.split(","):
        part = part.strip()
        if not part:
            continue
        if part.lower() in language.pronouns:
            return part, "pronoun"
        match = _UNAME_RE.search(part)
        if not match:
            if according:
                return None
            continue
        lead = part[: match.start()].split()
        if according and len(lead) > 1 or len(lead) > 4 or any(w[:1].isupper() for w in lead):
            return fallback
        name = _foreign_name(match.group())
        if name and not _acronym_only(name):
            return name, "name"
        fallback = fallback or ((name, "name") if name else None)
    return fallback


_INVERTED_PRONOUN = re.compile(r"-t?-?(?P<who>\w+)\s*$")


def _foreign_before(
    frame: str, position: int, language: _Language, cjk_names: list[str]
) -> tuple[str, str] | None:
    """The speaker right before a verb: 'Горелов заявил', 'El presidente ..., Joaquín Salcedo,
    calificó', 'SWK-Geschäftsführer Dr. Matthias Ebeling nannte', '周立峰在会上表示'."""
    left = frame[:position].rstrip()
    if language.cjk:
        clause = _CJK_CLAUSE.split(left)[-1]
        placed = [(clause.rfind(n), n) for n in cjk_names if n in clause]
        if placed:
            return max(placed)[1], "name"
        if any(p in clause for p in language.pronouns):
            return "", "pronoun"
        return ("", "role") if any(r in clause for r in FOREIGN_ROLE_WORDS) else None
    if left.endswith(")"):  # `left` ends in no whitespace: nothing else can match
        left = _ACRONYM_AT_END.sub("", left)
    inverted = _INVERTED_PRONOUN.search(left)  # "a-t-il ajouté", "dit-elle"
    if inverted and inverted.group("who").lower() in language.pronouns:
        return inverted.group("who"), "pronoun"
    if left.endswith(","):
        parts = left[:-1].split(",")
        if len(parts) >= 2 and _UNAME_RE.fullmatch(parts[-1].strip()):
            name = _foreign_name(parts[-1].strip())
            return (name, "name") if name else None
        left = left[:-1].rstrip()
    words = left.split()
    if words and words[-1].lower() in language.pronouns:
        return words[-1], "pronoun"
    match = _UNAME_AT_END.search(left)
    if match:
        name = _foreign_name(match.group("name"))
        return (name, "name") if name else None
    if words and any(w.lower() in FOREIGN_ROLE_WORDS for w in words[-5:]):
        return "", "role"
    return None


def _foreign_attributions(
    frame: str, language: _Language, cjk_names: list[str]
) -> list[tuple[str, str, int, int]]:
    """Every (who, kind, start, end) the sentence attributes speech to, quotes blanked."""
    found: list[tuple[str, str, int, int]] = []
    for verb in language.verb.finditer(frame):
        according = verb.group().lower() in language.according
        after = None if language.cjk else _foreign_after(frame, verb.end(), language, according)
        before = None if according else _foreign_before(frame, verb.start(), language, cjk_names)
        if before is None and after is None and not according:
            left = frame[: verb.start()].rstrip()
            if language.and_.search(left) or language.cjk:
                subject = _UNAME_RE.match(frame.lstrip(' «„“"')) if not language.cjk else None
                name = _foreign_name(subject.group()) if subject else None
                before = found[-1][:2] if found else ((name, "name") if name else None)
            elif not left.strip(" \t,.;:!?“”\"‘’'«»„—–-「」"):
                before = ("", "pronoun")  # "«…?», preguntó.": the subject is implied
        order = (
            (before, after)
            if before and before[1] == "name" or not (after and after[1] == "name")
            else (after, before)
        )
        for who in order:
            if who:
                found.append((who[0], who[1], verb.start(), verb.end()))
                break
    return found


def _stem_match(said: str, name: str) -> bool:
    """'Карповой' and 'Карпова', 'Echeverría' and 'Echeverría': one word, allowing case endings."""
    if said == name:
        return True
    shorter = len(min(said, name, key=len))
    common = shorter - 1 if shorter <= 6 else shorter - 2
    return common >= 4 and said[:common] == name[:common] and said[0].isupper()


# A full stop inside or ending a capitalised run after a word of four letters or more ends a
# sentence ("Lyon. Selon Pierre Martin"); the stop's regex starts with it, for a fast scan.
_RUN_SENTENCE_BREAK = re.compile(r"(?<=\w{4}\.)\s+")
_RUN_FINAL_STOP = re.compile(r"\.(?<=\w{4}\.)$")
_SENTENCE_STOP = re.compile(r"[.!?。！？]$")


def _attribute_foreign(segmentation: Segmentation, people: dict[str, tuple[str, str]]) -> Segmentation:
    language = _language(segmentation.language)
    sentences = segmentation.sentences
    text = segmentation.document.text
    regions = segmentation.document.kept
    starts = [r.start for r in regions]
    kept = segmentation.document.kept_text()
    cjk_names = _cjk_names(kept, people) if language.cjk else []
    full_names = []
    runs = [
        _RUN_FINAL_STOP.sub("", part)
        for run in _UNAME_RE.findall(kept)
        for part in _RUN_SENTENCE_BREAK.split(run)
    ]
    for run in dict.fromkeys(runs):  # "Lyon. Selon Pierre Martin" is two runs
        words = run.split()
        while words and (words[0].lower() in language.according or words[0].lower() in FOREIGN_ARTICLES):
            words = words[1:]
        if len(words) >= 2:
            full_names.append(" ".join(words))

    def paragraph_start(offset: int, back: int = 0) -> int:
        index = bisect.bisect_right(starts, offset) - 1
        return regions[max(index - back, 0)].start if index >= 0 else 0

    # Each full name without its title, its length in words, its last word and where the text
    # first uses it, worked out once rather than at every name `canonical` is asked about.
    cores = []
    for full in reversed(full_names):
        core = _foreign_name(full) or full
        words = core.split()
        cores.append((core, len(words), words[-1], text.find(full)))

    def canonical(name: str, offset: int) -> str:
        """The fullest form of a name the text used by `offset`: 'Карповой' -> 'Ирина Карпова'."""
        words = name.split()
        for core, length, last, first_use in cores:
            if length >= len(words) and _stem_match(words[-1], last) and 0 <= first_use < offset:
                return core
        return name

    near = _QuotesNear(segmentation.quotes)
    frames = {s.id: _blank_quotes(s, near(s)) for s in sentences}
    said = {s.id: _foreign_attributions(frames[s.id], language, cjk_names) for s in sentences}
    spoken: list[tuple[int, str]] = []
    for sentence in sentences:
        for who, kind, start, _ in said[sentence.id]:
            if kind == "name":
                spoken.append((sentence.start + start, canonical(who, sentence.start + start)))

    def resolve(offset: int) -> str | None:
        """'she', 'un portavoz', an implied subject: the last speaker, else the last person named."""
        for back in (0, 1):
            start = paragraph_start(offset, back)
            speaker = next((n for at, n in reversed(spoken) if start <= at < offset), None)
            if speaker:
                return speaker
            names = cjk_names or [n for n, (kind, _) in people.items() if kind == "person"]
            placed = [(text.rfind(n, start, offset), n) for n in names]
            placed = [(at, n) for at, n in placed if at >= 0]
            if placed:
                return canonical(max(placed)[1], offset)
        return None

    position = {s.id: i for i, s in enumerate(sentences)}
    quotes: list[Segment] = []
    for quote in segmentation.quotes:
        index = position.get(quote.sentence_id or "", -1)
        if index < 0:
            quotes.append(quote)
            continue
        sentence = sentences[index]
        frame = frames[sentence.id]
        a, b = quote.start - sentence.start, quote.end - sentence.start
        found = []
        for who, kind, start, end in said[sentence.id]:
            distance = a - end if end <= a else start - b
            found.append(_Found(who, kind, abs(distance)))
        speaker, how = None, None
        if found:
            nearest = min(found, key=lambda f: f.distance)
            named = sorted((f for f in found if f.kind == "name"), key=lambda f: f.distance)
            best = named[0] if named and (nearest.kind == "name" or nearest.distance > 3) else nearest
            if best.kind == "name":
                speaker, how = canonical(best.who, quote.start), "sentence"
            else:
                speaker, how = resolve(quote.start), "pronoun"
        elif not frame.strip(" \t,.;:!?“”\"‘’'«»„—–-「」『』。！？，"):
            before = _speaker_before(
                quotes, quote, sentences, index, lambda o: bisect.bisect_right(starts, o) - 1
            )
            speaker, how = before, "paragraph"
        words = _WORD.findall(quote.text)
        before_quote = text[sentence.start : quote.start].rstrip(' «„“"‚‘「『”»')
        # «Лесэкспорт», „Takt 2030“: a short capitalised name inside running text, not speech.
        name_like = (
            len(words) <= 3
            and quote.text[:1].isupper()
            and not _SENTENCE_STOP.search(quote.text)
            and before_quote[-1:].isalnum()
        )
        if name_like:
            speaker, how = None, None
        speech = speaker is not None or not (name_like or len(words) <= 4 or _generic_only(frame[:a]))
        how = how if speaker else ("unnamed" if found and not name_like else None)
        quotes.append(dataclasses.replace(quote, speaker=speaker or None, attribution=how, speech=speech))
    return dataclasses.replace(segmentation, quotes=_share_along_continuations(quotes))
