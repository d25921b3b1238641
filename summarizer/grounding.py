"""Turn the model's draft into grounded parts: exact spans, real actors, tied speakers.

Guarantees for whatever the model says:
- every quote and evidence span is copied from the source, so `document[start:end] == text`;
- every actor is named (by name or alias) in the cleaned document, never only in boilerplate;
- one entry per real-world actor: "Trump", "President Donald Trump" and "Donald Trump" merge;
- every speaker and stance holder is an actor id, and a speaker is named near the quote (or in
  the transcript label of the turn) - otherwise the attribution is reported as a problem;
- no URL that is absent from the source reaches a free-text field.
What fails is reported as a `Problem` (the pipeline re-asks once, then drops and warns).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .names import core_tokens, merge_actors, normalize
from .schemas import Actor, ActorDraft, Quote, QuoteCoverage, Risk, Span, Stance, SummaryDraft
from .segmentation import Segment, Segmentation

_URL = re.compile(r"(?:https?://|www\.)[^\s)\]>\"']+", re.IGNORECASE)
# Where a quote's speaker must be named: from 3 sentences before the quote (or the start of its
# paragraph, if that is earlier) to the sentence after it.
_SPEAKER_WINDOW = (3, 1)
_LABEL_MATCH = 85  # rapidfuzz token_set_ratio for transcript labels vs actor names


@dataclass(frozen=True)
class Problem:
    """A part of the model's answer that could not be grounded, in words the model can act on."""

    item: str
    message: str


@dataclass
class Grounded:
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)
    headline: str = ""
    tldr: str = ""
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # housekeeping that needs no re-ask


class _Text:
    """Case- and quote-mark-insensitive search over the kept (non-boilerplate) text."""

    def __init__(self, segmentation: Segmentation):
        self.segmentation = segmentation
        self.kept = " " + normalize(segmentation.document.kept_text()) + " "
        self.sentences = [" " + normalize(s.text) + " " for s in segmentation.sentences]

    @staticmethod
    def _contains(haystack: str, phrase: str) -> bool:
        phrase = normalize(phrase)
        return bool(phrase) and re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", haystack) is not None

    def mentions(self, phrase: str) -> bool:
        return self._contains(self.kept, phrase)

    def names_actor(self, actor: Actor) -> bool:
        """Named by a form of its name, or by all words of its name within one sentence
        ("Xi Jinping" for "Chinese President Xi Jinping", not words scattered over the text)."""
        if any(self.mentions(form) for form in self.names(actor)):
            return True
        words = [w for w in core_tokens(actor.name) if len(w) >= 2]
        return bool(words) and any(
            all(self._contains(sentence, w) for w in words) for sentence in self.sentences
        )

    def names(self, actor: Actor) -> list[str]:
        """Ways the document can refer to `actor`: name, aliases, and a person's surname."""
        forms = [actor.name, *actor.aliases]
        if actor.kind == "person" and len(core_tokens(actor.name)) > 1:
            forms.append(core_tokens(actor.name)[-1])
        return [f for f in forms if len(normalize(f)) >= 2]

    def named_in_sentences(self, actor: Actor, first: int, last: int) -> bool:
        window = "".join(self.sentences[max(first, 0) : last + 1])
        return any(self._contains(window, form) for form in self.names(actor))


def strip_foreign_links(grounded: Grounded, segmentation: Segmentation) -> None:
    """Remove links absent from the source from the headline and tldr (also a chunked
    document's, which the reduce call writes)."""
    text = _Text(segmentation)
    grounded.headline = _strip_urls(grounded.headline, text, "the headline", grounded.notes)
    grounded.tldr = _strip_urls(grounded.tldr, text, "the tldr", grounded.notes)


def _strip_urls(value: str, text: _Text, where: str, notes: list[str]) -> str:
    def replace(match: re.Match[str]) -> str:
        url = match.group()
        if text.mentions(url):
            return url
        notes.append(f"Removed a link from {where} that is not in the document.")
        return "[link removed]"

    return _URL.sub(replace, value)


def _spans(ids: list[str], segments: dict[str, Segment], where: str, problems: list[Problem]) -> list[Span]:
    spans = []
    for segment_id in dict.fromkeys(ids):
        segment = segments.get(segment_id)
        if segment is None:
            problems.append(
                Problem(where, f"{where} cites {segment_id}, which is not an id in the document.")
            )
            continue
        spans.append(Span(text=segment.text, start=segment.start, end=segment.end))
    return spans


def _sentence_index(segmentation: Segmentation, sentence_id: str | None) -> int:
    return next((i for i, s in enumerate(segmentation.sentences) if s.id == sentence_id), -1)


_NAME = r"(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]+"
_ATTRIBUTING_VERBS = (
    r"said|says|told|tells|added|adds|called|calling|calls|described|describing|describes|"
    r"criticized|criticised|criticizing|warned|warns|warning|clarified|argued|argues|noted|notes|"
    r"stated|wrote|writes|asked|asks|insisted|urged|claimed|claims|declared|explained|vowed|"
    r"praised|slammed|dismissed|replied|responded|announced|acknowledged|conceded|predicted"
)
# "Michael McFaul, calling ...", "Jensen Huang criticized ...", "said Mara Kell", "according to X".
_ATTRIBUTION = re.compile(
    rf"(?P<before>{_NAME})\s*,?\s*(?:\w+ly\s+)?(?:{_ATTRIBUTING_VERBS})\b"
    rf"|\b(?:{_ATTRIBUTING_VERBS}|according to)\s+(?P<after>{_NAME})"
)


def _attributed_in_sentence(sentence: Segment, quotes: list[Segment]) -> list[str]:
    """Names the quote's own sentence attributes speech to, outside any quoted text."""
    text = sentence.text
    for quote in quotes:  # blank out quoted words: a name inside a quote says nothing
        if sentence.start <= quote.start and quote.end <= sentence.end:
            a, b = quote.start - sentence.start, quote.end - sentence.start
            text = text[:a] + " " * (b - a) + text[b:]
    return [m.group("before") or m.group("after") for m in _ATTRIBUTION.finditer(text)]


def _speaker_named(text: _Text, quote: Segment, actor: Actor) -> bool | str:
    """True when the document names `actor` as the quote's speaker plausibly; False when it does
    not name them near the quote; the other name when the quote's own sentence attributes the
    words to someone else ("... Michael McFaul, calling it “horrible.”" is McFaul's)."""
    forms = text.names(actor)
    if quote.speaker_hint:
        label = quote.speaker_hint
        return any(fuzz.token_set_ratio(normalize(label), normalize(form)) >= _LABEL_MATCH for form in forms)
    sentences = text.segmentation.sentences
    index = _sentence_index(text.segmentation, quote.sentence_id)
    if index >= 0:
        attributed = _attributed_in_sentence(sentences[index], text.segmentation.quotes)
        matches = [
            name
            for name in attributed
            if any(fuzz.token_set_ratio(normalize(name), normalize(form)) >= _LABEL_MATCH for form in forms)
        ]
        if matches:
            return True
        people = [name for name in attributed if len(core_tokens(name)) >= 2]
        if people:
            return people[0]
    index = _sentence_index(text.segmentation, quote.sentence_id)
    before, after = _SPEAKER_WINDOW
    first = index - before
    paragraph = next((r for r in text.segmentation.document.kept if r.start <= quote.start < r.end), None)
    while paragraph and first > 0 and sentences[first - 1].start >= paragraph.start:
        first -= 1  # the whole paragraph up to the quote counts
    return text.named_in_sentences(actor, first, index + after)


def ground(draft: SummaryDraft, segmentation: Segmentation) -> Grounded:
    """Resolve every id in `draft` against `segmentation`; report what does not hold."""
    text = _Text(segmentation)
    segments = segmentation.by_id()
    quote_segments = {q.id: q for q in segmentation.quotes}
    out = Grounded()

    actors: list[Actor] = []
    for i, draft_actor in enumerate(draft.actors):
        actor = _actor(draft_actor)
        where = f"actors[{i}] '{actor.name}' ({actor.id})"
        if any(a.id == actor.id for a in actors):
            out.problems.append(Problem(where, f"{where} reuses id {actor.id}; give each actor its own id."))
            continue
        if not text.names_actor(actor):
            out.problems.append(
                Problem(where, f"{where} is not named in the document; list only actors the document names.")
            )
            continue
        kept_aliases = [a for a in actor.aliases if text.mentions(a)]
        if len(kept_aliases) < len(actor.aliases):
            out.notes.append(f"Dropped aliases of '{actor.name}' that the document never uses.")
        actor.role = _strip_urls(actor.role, text, f"the role of {actor.name}", out.notes)
        actors.append(actor.model_copy(update={"aliases": kept_aliases}))
    out.actors, remap, merge_notes = merge_actors(actors)
    out.notes.extend(merge_notes)
    by_id = {a.id: a for a in out.actors}

    seen_quotes: set[str] = set()
    for i, draft_quote in enumerate(draft.quotes):
        where = f"quotes[{i}] ({draft_quote.quote_id})"
        segment = quote_segments.get(draft_quote.quote_id)
        speaker = by_id.get(remap.get(draft_quote.speaker_id, ""))
        if segment is None:
            out.problems.append(
                Problem(where, f"{where} cites {draft_quote.quote_id}, which is not in the QUOTES list.")
            )
            continue
        if segment.instruction_like:
            out.problems.append(
                Problem(
                    where,
                    f"{where} lies in text that addresses an AI model, not in reported speech; leave it out.",
                )
            )
            continue
        if speaker is None:
            out.problems.append(
                Problem(
                    where,
                    f"{where} names speaker {draft_quote.speaker_id}, which is not an actor in your list.",
                )
            )
            continue
        named = _speaker_named(text, segment, speaker)
        if named is not True:
            because = (
                f"its sentence gives these words to {named}"
                if isinstance(named, str)
                else f"the document does not name {speaker.name} as its speaker"
            )
            out.problems.append(Problem(where, f"{where} is attributed to {speaker.name}, but {because}."))
            continue
        # A quote split by its attribution comes whole: both halves, one speaker.
        halves = [segment, *[q for q in segmentation.quotes if q.continues == segment.id]]
        if segment.continues and segment.continues in quote_segments:
            halves.insert(0, quote_segments[segment.continues])
        for half in halves:
            if half.id not in seen_quotes:
                seen_quotes.add(half.id)
                out.quotes.append(
                    Quote(id=half.id, speaker_id=speaker.id, text=half.text, start=half.start, end=half.end)
                )
    out.quotes.sort(key=lambda q: q.start)

    for i, draft_stance in enumerate(draft.stances):
        where = f"stances[{i}]"
        holder = by_id.get(remap.get(draft_stance.actor_id, ""))
        if holder is None:
            out.problems.append(
                Problem(
                    where, f"{where} names actor {draft_stance.actor_id}, which is not an actor in your list."
                )
            )
            continue
        evidence = _spans(draft_stance.evidence, segments, where, out.problems)
        if evidence:
            topic = _strip_urls(draft_stance.topic, text, "a stance topic", out.notes)
            out.stances.append(
                Stance(actor_id=holder.id, topic=topic, position=draft_stance.position, evidence=evidence)
            )

    for i, draft_risk in enumerate(draft.risks):
        where = f"risks[{i}]"
        evidence = _spans(draft_risk.evidence, segments, where, out.problems)
        if evidence:
            description = _strip_urls(draft_risk.description, text, "a risk", out.notes)
            out.risks.append(
                Risk(
                    description=description,
                    category=draft_risk.category,
                    severity=draft_risk.severity,
                    evidence=evidence,
                )
            )

    out.headline, out.tldr = draft.headline, draft.tldr  # links checked once, in strip_foreign_links
    return out


def _actor(draft: ActorDraft) -> Actor:
    aliases = [a for a in dict.fromkeys(draft.aliases) if normalize(a) != normalize(draft.name)]
    return Actor(
        id=draft.id, name=draft.name.strip(), kind=draft.kind, role=draft.role.strip(), aliases=aliases
    )


def quote_coverage(segmentation: Segmentation, quotes: list[Quote]) -> QuoteCoverage:
    """Which marked direct quotes of the document the summary left out (turns are not counted)."""
    marked = [q for q in segmentation.quotes if not q.speaker_hint]
    included = {q.id for q in quotes}
    missed = [Span(text=q.text, start=q.start, end=q.end) for q in marked if q.id not in included]
    return QuoteCoverage(found=len(marked), included=len(marked) - len(missed), missed=missed)


def verify_spans(document: str, quotes: list[Quote], spans: list[Span]) -> list[str]:
    """Every span that does not slice back to its text; empty when the summary is grounded."""
    bad = [f"quote {q.id}" for q in quotes if document[q.start : q.end] != q.text]
    bad += [f"span {s.start}:{s.end}" for s in spans if document[s.start : s.end] != s.text]
    return bad
