"""Actor names: how one actor can be written, and when two entries are the same actor.

"President Donald Trump", "Donald Trump" and "Trump" are one person; "International Monetary
Fund" and "IMF" one institution; Donald and Melania Trump are two. Grounding, merging of chunks
and the eval's name matching all use these rules, so they agree on who is who.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from .schemas import Actor

# Words that are titles or roles, not part of a name ("Treasury Secretary Scott Bessent").
TITLES = {
    "president", "vice", "prime", "minister", "secretary", "deputy", "foreign", "treasury", "state",
    "mr", "mrs", "ms", "dr", "prof", "sen", "senator", "rep", "representative", "gov", "governor",
    "ceo", "cfo", "coo", "cto", "chief", "executive", "chairman", "chairwoman", "chair", "former",
    "ambassador", "general", "gen", "judge", "justice", "mayor", "king", "queen", "prince",
    "princess", "sir", "dame", "lord", "lady", "u.s.", "us", "chinese", "the", "of", "to",
    "director", "spokesperson", "spokesman", "spokeswoman", "researcher", "analyst", "economist",
    "professor", "councillor", "councilor", "commissioner", "chancellor", "lawyer", "attorney", "activist",
    "lieutenant", "captain", "colonel", "sergeant", "officer", "inspector", "superintendent", "detective",
    "councilman", "councilwoman", "councilmember", "alderman", "alderwoman", "assemblyman", "assemblywoman",
    "assemblymember", "congressman", "congresswoman",
}  # fmt: skip
# A speaker's name on a line of its own over their words, with a title after a dash (Motley Fool
# style): "Operator", "Raj Patel -- Morgan Stanley -- Analyst". Segmentation reads the turns,
# the candidate finder the person.
TITLE_DASH = re.compile(r"\s+(?:--|[-–—])\s+")
# A recording's time stamp, bare or in brackets: "00:01:05", "[12:04]", "(1:02:33.5)".
TIMESTAMP = r"[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?"
# Transcripts exported from recordings stamp the time beside the name: "Dana Whitfield  00:00:04",
# "[00:00:04] Dana Whitfield", "Dana Whitfield (00:00:04):". Wire-service calls mark who asks and
# who answers: "Q - Owen Burke", "A - Priya Sen".
SPEAKER_LINE = re.compile(
    rf"(?:{TIMESTAMP}\s+)?(?:(?P<qa>[QA])\s*[-–—:]\s+)?(?P<label>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){{0,4}})"
    rf"(?:\s+(?:--|[-–—])\s+(?P<title>[^\n]{{1,80}}?))?(?:\s+(?P<time>{TIMESTAMP}))?\s*:?\s*"
)


def dashed_title(title: str) -> str:
    """ "Morgan Stanley -- Analyst" -> "Morgan Stanley, Analyst"."""
    return TITLE_DASH.sub(", ", title)


# A US lawmaker's party and state, set off by commas after the name: "R-S.D.", "D-Va.", "I-Vt.".
PARTY_AND_STATE = re.compile(r"[RDI]-[A-Z][A-Za-z.]{0,12}")
# Abbreviated titles written with a full stop ("Dr.", "Gen."); the segmenter knows they do not
# end a sentence.
TITLE_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sen",
    "rep",
    "gov",
    "gen",
    "lt",
    "col",
    "capt",
    "sgt",
}
CORPORATE_SUFFIXES = {"inc", "corp", "corporation", "co", "ltd", "plc", "llc", "group", "company", "the"}
INSTITUTION_KINDS = {"organization", "government", "group"}


# Grounding compares every name with every actor, so the same short strings (names, sentences)
# come back again and again: their normal forms are cached, per process. Longer text (a whole
# document) is not, so the caches stay small.
_CACHED = 400
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[\w'.-]+")


def _normalize(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return _SPACES.sub(" ", text).strip().lower()


_normalize_cached = functools.lru_cache(maxsize=65_536)(_normalize)


def normalize(text: str) -> str:
    return _normalize_cached(text) if len(text) <= _CACHED else _normalize(text)


def words(name: str) -> list[str]:
    return list(_words(name))


def _words_of(name: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(normalize(name)))


_words_cached = functools.lru_cache(maxsize=65_536)(_words_of)


def _words(name: str) -> tuple[str, ...]:
    return _words_cached(name) if len(name) <= _CACHED else _words_of(name)


def _core_tokens(name: str) -> tuple[str, ...]:
    stripped = [w.strip(".'") for w in _words(name)]
    core = [w for w in stripped if w and w not in TITLES and w not in CORPORATE_SUFFIXES]
    return tuple(core or stripped)


# Plain dicts, not lru_cache: `refers_to` looks names up hundreds of times per document and the
# wrapper's call cost was most of it. Short names only, and a bound, so memory stays small.
_CORE: dict[str, tuple[str, ...]] = {}
_KEYS: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {}
_CACHE_LIMIT = 65_536


def core_tokens(name: str) -> tuple[str, ...]:
    """The name without titles and corporate suffixes: 'President Donald Trump' -> (donald, trump)."""
    core = _CORE.get(name)
    if core is None:
        core = _core_tokens(name)
        if len(name) <= _CACHED and len(_CORE) < _CACHE_LIMIT:
            _CORE[name] = core
    return core


def _name_keys(name: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The core tokens of `name`, in order and as a set."""
    keys = _KEYS.get(name)
    if keys is None:
        core = core_tokens(name)
        keys = (core, frozenset(core))
        if len(name) <= _CACHED and len(_KEYS) < _CACHE_LIMIT:
            _KEYS[name] = keys
    return keys


def _acronym(name: str) -> str:
    return "".join(w[0] for w in _words(name) if w not in {"of", "the", "and", "for"} and w[0].isalnum())


_acronym_cached = functools.lru_cache(maxsize=65_536)(_acronym)


def acronym(name: str) -> str:
    return _acronym_cached(name) if len(name) <= _CACHED else _acronym(name)


def acronyms(actor: Actor) -> set[str]:
    """Acronyms of the actor's multi-word names: 'International Monetary Fund' -> 'imf'."""
    return {a for n in [actor.name, *actor.aliases] if len(_words(n)) > 1 and len(a := acronym(n)) >= 2}


def _singlewords(actor: Actor) -> set[str]:
    return {normalize(n).replace(".", "") for n in [actor.name, *actor.aliases] if len(_words(n)) == 1}


def same_actor(a: Actor, b: Actor) -> bool:
    """Two entries for one actor: a shared name form, or one's acronym is the other's name."""
    a_forms = {core_tokens(n) for n in [a.name, *a.aliases]}
    b_forms = {core_tokens(n) for n in [b.name, *b.aliases]}
    if a_forms & b_forms:
        return True
    if a.kind in INSTITUTION_KINDS or b.kind in INSTITUTION_KINDS:
        # Across the two entries only: an entry's own acronym alias says nothing about the other.
        return bool(acronyms(a) & _singlewords(b) or acronyms(b) & _singlewords(a))
    return False


def surname_of(actor: Actor) -> str | None:
    core = core_tokens(actor.name)
    return core[-1] if actor.kind == "person" and core else None


def combine(target: Actor, other: Actor) -> Actor:
    """One actor from two entries: the longer name, the other's names as aliases, target's id."""
    keep, rest = (target, other) if len(target.name) >= len(other.name) else (other, target)
    aliases = [
        n
        for n in dict.fromkeys([*keep.aliases, rest.name, *rest.aliases])
        if normalize(n) != normalize(keep.name)
    ]
    return keep.model_copy(update={"id": target.id, "aliases": aliases, "role": keep.role or rest.role})


def merge_actors(actors: list[Actor]) -> tuple[list[Actor], dict[str, str], list[str]]:
    """Merge entries for the same actor; returns (actors, id remap, notes).

    First by shared names or acronyms, then a lone surname ("Trump") joins the one listed person
    with that surname; with two such people (Donald and Melania Trump) it joins neither.
    """
    merged: list[Actor] = []
    remap: dict[str, str] = {}
    notes: list[str] = []

    def absorb(target: Actor, actor: Actor) -> None:
        combined = combine(target, actor)
        merged[merged.index(target)] = combined
        for old, new in remap.items():
            if new == actor.id:
                remap[old] = combined.id
        remap[actor.id] = combined.id
        notes.append(f"Merged actor '{actor.name}' into '{combined.name}' (the same actor).")

    for actor in actors:
        target = next((m for m in merged if same_actor(m, actor)), None)
        if target is None:
            merged.append(actor)
            remap[actor.id] = actor.id
        else:
            absorb(target, actor)
    for actor in [m for m in merged if m.kind == "person" and len(core_tokens(m.name)) == 1]:
        namesakes = [
            m
            for m in merged
            if m is not actor and len(core_tokens(m.name)) > 1 and surname_of(m) == core_tokens(actor.name)[0]
        ]
        if len(namesakes) == 1:
            merged.remove(actor)
            absorb(namesakes[0], actor)
    return merged, remap, notes


# Scripts written without spaces between words: Han, Hiragana, Katakana, Thai, Lao, Khmer.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0eff\u1780-\u17ff]")


def _is_word_char(char: str) -> bool:
    """What the regex `\\w` matches in a str pattern."""
    return char.isalnum() or char == "_"


class KeptText:
    """Case-, quote-mark- and punctuation-tolerant search over the kept (non-boilerplate) text."""

    def __init__(self, kept_text: str, sentences: list[str], *, loose_kept: str | None = None):
        # `loose_kept`: " " + loose(kept_text) + " ", when the caller has it already
        self.kept = loose_kept if loose_kept is not None else " " + loose(kept_text) + " "
        self.sentences = [" " + loose(s) + " " for s in sentences]

    @staticmethod
    def contains(haystack: str, phrase: str) -> bool:
        """Whether `phrase` occurs as whole words. Scripts written without spaces (Chinese,
        Japanese, Thai) have no word boundaries to check: "董事长周立峰在会上" holds 周立峰."""
        phrase = _loose(phrase)
        if not phrase:
            return False
        free_start = _UNSPACED.match(phrase[0]) is not None
        free_end = _UNSPACED.match(phrase[-1]) is not None
        # str.find, not a regex built per phrase: this runs for every word of a headline.
        at = haystack.find(phrase)
        while at != -1:
            end = at + len(phrase)
            if (free_start or at == 0 or not _is_word_char(haystack[at - 1])) and (
                free_end or end == len(haystack) or not _is_word_char(haystack[end])
            ):
                return True
            at = haystack.find(phrase, at + 1)
        return False

    def mentions(self, phrase: str) -> bool:
        return self.contains(self.kept, phrase)

    def names_actor(self, actor: Actor) -> bool:
        """Named by one contiguous mention of its name or an alias, titles aside, in either name
        order ("Zhaoxu Ma" for "Ma Zhaoxu"); words scattered over a sentence do not count, so
        neither "Harbor Smith" nor "Monday Jones" is named by a sentence with both words."""
        for form in [actor.name, *actor.aliases]:
            core = core_tokens(form)
            variants = {form, " ".join(core), " ".join(reversed(core)) if len(core) == 2 else form}
            if any(len(_loose(v)) >= 2 and self.mentions(v) for v in variants):
                return True
        return False

    def forms(self, actor: Actor) -> list[str]:
        """Ways the document can refer to `actor`: name, aliases, and a person's surname."""
        forms = [actor.name, *actor.aliases]
        core = core_tokens(actor.name)
        if actor.kind == "person" and len(core) > 1:
            forms.extend([" ".join(core), core[-1]])
        return [f for f in dict.fromkeys(forms) if len(normalize(f)) >= 2]

    def named_in(self, actor: Actor, first: int, last: int, blank: list[str] | None = None) -> bool:
        """Whether sentences first..last name `actor` (`blank`: those sentences with quotes blanked)."""
        source = blank if blank is not None else self.sentences
        window = "".join(source[max(first, 0) : last + 1])
        return any(self.contains(window, form) for form in self.forms(actor))


_NAME_PUNCTUATION = re.compile(r"[.,\-‐–—()]")


def _loose_of(text: str) -> str:
    return _SPACES.sub(" ", _NAME_PUNCTUATION.sub(" ", normalize(text))).strip()


_loose_cached = functools.lru_cache(maxsize=65_536)(_loose_of)


def loose(text: str) -> str:
    """Normalized, with punctuation that names vary in (periods, hyphens, commas) made spaces."""
    return _loose_cached(text) if len(text) <= _CACHED else _loose_of(text)


_loose = loose


def alias_linked(name: str, alias: str, text: str) -> bool:
    """Whether the document links `alias` to `name`: a part of the name ("Trump", "Huawei"), an
    acronym of it ("IMF"), the name with a title ("President Trump"), or the two written together
    ("Jane Doe (JD)", "Jane Doe, known as JD", "JD, or Jane Doe")."""
    name_core, alias_core = set(core_tokens(name)), set(core_tokens(alias))
    if alias_core and (alias_core <= name_core or name_core <= alias_core):
        return True
    compact = normalize(alias).replace(".", "").replace(" ", "")
    if len(words(name)) > 1 and compact == acronym(name):
        return True
    if len(words(alias)) > 1 and normalize(name).replace(".", "") == acronym(alias):
        return True
    a, b = re.escape(name), re.escape(alias)
    link = r"\s*(?:\(|,\s*(?:also\s+)?(?:known\s+as|called|or|aka)\s+|\s+\(?(?:aka|a\.k\.a\.)\s+)\s*[“\"']?"
    return bool(re.search(rf"{a}{link}{b}|{b}{link}{a}", text, re.IGNORECASE))


def name_tokens(name: str) -> frozenset[str]:
    """The core tokens of `name` as a set."""
    return _name_keys(name)[1]


def form_tokens(name: str, aliases: Iterable[str] = ()) -> frozenset[str]:
    """Every core token of a name and its aliases. `refers_to(x, actor)` is False unless
    `name_tokens(x)` meets `form_tokens(actor.name, actor.aliases)`: a cheap test to skip on."""
    tokens = _name_keys(name)[1]
    for alias in aliases:
        tokens = tokens | _name_keys(alias)[1]
    return tokens


def refers_to(name: str, actor: Actor) -> bool:
    """Whether a name the text gives a speaker ("Bessent", "Scott Bessent") means `actor`."""
    said, shared = _name_keys(name)
    if not said:
        return False
    for form in (actor.name, *actor.aliases):
        core, core_set = _name_keys(form)
        if shared.isdisjoint(core_set):
            continue  # every rule below needs a word in common; most pairs have none
        if said == core or (len(core) >= 2 and shared == core_set):
            return True
        if actor.kind == "person" and len(said) == 1 and len(core) > 1 and said[0] == core[-1]:
            return True
        if len(said) > len(core) >= 2 and said[-len(core) :] == core:
            return True  # "NVDA Jensen Huang" ends with "Jensen Huang"
    return False
