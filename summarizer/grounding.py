"""Turn the model's draft into grounded parts: exact spans, real actors, the text's speakers.

Guarantees for whatever the model says:
- every quote and evidence span is copied from the source, so `document[start:end] == text`;
- every actor is named by one contiguous mention in the cleaned document, never only in
  boilerplate; an alias stays only when the document links it to the name (`roster.py`);
- a quote whose speaker the text states (its sentence, its transcript label, its other half, an
  introduction in its paragraph) goes to that speaker: the model's answer is repaired, not
  trusted, and the repair is noted; a quote the text leaves unattributed keeps the model's
  speaker only when the document names that speaker near it, outside any quoted words;
- a mention (a title, a term, scare quotes) and text addressed to an AI model are never speech,
  and a sentence addressed to an AI model is never evidence;
- no URL absent from the source, and no prompt scaffolding, reaches a free-text field.
What fails is reported as a `Problem` (the pipeline re-asks once, then drops and warns).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import Any, cast

from rapidfuzz import fuzz

from .cleaning import CleanedDocument
from .freetext import (
    breaks_off,
    clean_field,
    gibberish,
    has_words,
    honest_headline_and_tldr,
    invented_names,
    invented_numbers,
    mixes_alphabets,
    names_only,
    not_a_topic,
)
from .language import language_name
from .names import KeptText, loose, normalize, refers_to
from .roster import Roster
from .schemas import MAX_EVIDENCE, Actor, Quote, QuoteCoverage, Risk, Span, Stance, SummaryDraft
from .segmentation import Segment, Segmentation, blank_quotes
from .text_safety import short_name
from .turns import key_turns

# Where a quote's speaker must be named when the text itself does not say who spoke: from 3
# sentences before the quote (or the start of its paragraph, if that is earlier) to the sentence
# after it.
_SPEAKER_WINDOW = (3, 1)
SAME_WORDING = 90  # token_set_ratio at which two risk descriptions, or two stance topics, are one


@dataclass(frozen=True)
class Problem:
    """A part of the model's answer that could not be grounded, in words the model can act on."""

    item: str
    message: str


@dataclass(frozen=True)
class GroundingOptions:
    """What the library adds on its own: `all` quotes whose speaker the text states (else only
    the model's `selected` ones), `all` actors the document names (else the model's and those
    the answer needs). `output_language`: the language the model was asked to write in, whose
    words the document's need not share."""

    quotes: str = "all"
    actors: str = "all"
    output_language: str | None = None


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
    extra: dict[str, Any] = field(default_factory=dict)  # the user's own fields (`fields.py`)


def kept_text(segmentation: Segmentation) -> KeptText:
    """The segmentation's searchable text, made on first use and kept with it (a re-ask grounds
    the same chunk again; `steps.plan` makes it where the reading is done)."""
    if segmentation.searchable is None:
        # Every chunk of a long document shares its whole document: its searchable form is made
        # once, not once per chunk (which grew with the square of the length).
        segmentation.searchable = KeptText(
            "", [s.text for s in segmentation.sentences], loose_kept=_loose_kept(segmentation.document)
        )
    return cast(KeptText, segmentation.searchable)


# One searchable text per live document: a batch holds many documents at once (a small LRU
# missed at 16 in flight), and an entry goes with its document.
_LOOSE_KEPT: weakref.WeakKeyDictionary[CleanedDocument, str] = weakref.WeakKeyDictionary()


def _loose_kept(document: CleanedDocument) -> str:
    searchable = _LOOSE_KEPT.get(document)
    if searchable is None:
        searchable = _LOOSE_KEPT[document] = " " + loose(document.kept_text()) + " "
    return searchable


def ground(
    draft: SummaryDraft, segmentation: Segmentation, options: GroundingOptions = GroundingOptions()
) -> Grounded:
    """Resolve every id in `draft` against `segmentation`; repair what the text knows better."""
    text = kept_text(segmentation)
    roster = Roster(text, segmentation.document.text, list(segmentation.candidates))
    roster.add_model_actors(draft.actors)
    out = Grounded()
    out.problems.extend(Problem(item, message) for item, message in roster.problems)
    out.notes.extend(roster.notes)

    _ground_quotes(draft, segmentation, text, roster, options, out)
    translated = _translated(segmentation, options.output_language)
    _ground_stances(draft, segmentation, roster, out, translated)
    _ground_risks(draft, segmentation, text, out, translated)
    if options.actors == "all":
        roster.add_all_candidates()
    out.actors = roster.actors
    for actor in out.actors:
        actor.role = clean_field(actor.role, text, f"the role of {actor.name}", out.notes)
    out.headline, out.tldr = draft.headline, draft.tldr  # checked once, in `clean_free_text`
    return out


def _ground_quotes(
    draft: SummaryDraft,
    segmentation: Segmentation,
    text: KeptText,
    roster: Roster,
    options: GroundingOptions,
    out: Grounded,
) -> None:
    quotes = {q.id: q for q in segmentation.quotes}
    chosen: dict[str, Actor] = {}
    for i, draft_quote in enumerate(draft.quotes):
        where = f"quotes[{i}] ({draft_quote.quote_id})"
        segment = quotes.get(draft_quote.quote_id)
        if segment is None:
            out.problems.append(
                Problem(where, f"{where} cites {draft_quote.quote_id}, which is not in the QUOTES list.")
            )
        elif segment.instruction_like:
            out.problems.append(
                Problem(where, f"{where} lies in text that addresses an AI model, not in reported speech.")
            )
        elif not segment.speech:
            out.notes.append(
                f"{segment.id} (“{short_name(segment.text, 40)}”) is a title or term, not anyone's words."
            )
        elif (speaker := roster.by_model_id(draft_quote.speaker_id)) is None:
            out.problems.append(
                Problem(
                    where,
                    f"{where} names speaker {draft_quote.speaker_id}, which is not an actor in your list.",
                )
            )
        else:
            chosen[segment.id] = speaker
    selected = _whole_quotes(segmentation, set(chosen))
    if options.quotes == "all" and not any(q.speaker_hint and q.id in selected for q in segmentation.quotes):
        selected |= _turns_for_a_silent_model(segmentation, roster, out)

    for segment in segmentation.quotes:
        if not segment.speech or segment.instruction_like:
            continue
        model = chosen.get(segment.id)
        # A transcript is all speech: its turns are quotes only where the model picks them.
        wanted = segment.id in selected or (options.quotes == "all" and not segment.speaker_hint)
        stated = roster.by_name(segment.speaker) if segment.speaker and wanted else None
        if stated is not None and not (
            segment.attribution == "pronoun" and model and _named_near(text, segmentation, segment, model)
        ):
            if model is not None and model.id != stated.id:
                out.notes.append(
                    f"{segment.id} (“{short_name(segment.text, 40)}”) is {short_name(stated.name)}'s by its "
                    f"{_how(segment.attribution)}, not {short_name(model.name)}'s; the speaker was corrected."
                )
            out.quotes.append(_quote(segment, stated, segment.attribution or "sentence"))
        elif model is not None:
            # "said a neighbour": only a name in the quote's own sentence can be that neighbour.
            window = (0, 0) if segment.attribution == "unnamed" else _SPEAKER_WINDOW
            if _named_near(text, segmentation, segment, model, window):
                out.quotes.append(_quote(segment, model, "model"))
            else:
                where = f"quotes ({segment.id})"
                out.problems.append(
                    Problem(
                        where,
                        f"{where} is attributed to {model.name}, but the document does not name "
                        f"{model.name} as its speaker.",
                    )
                )
    # A quote split by its attribution, or run over paragraphs, comes whole with one speaker.
    by_id = {q.id: q for q in out.quotes}
    for segment in segmentation.quotes:
        head = by_id.get(segment.continues or "")
        if head is not None and segment.id not in by_id and segment.speech:
            by_id[segment.id] = _quote(segment, roster.by_id(head.speaker_id), head.attribution)
    out.quotes = sorted(by_id.values(), key=lambda q: q.start)


def _turns_for_a_silent_model(segmentation: Segmentation, roster: Roster, out: Grounded) -> set[str]:
    """The ids of each speaker's key statements, when the model quoted none of a transcript."""
    picked = [t for t in key_turns(segmentation) if t.speaker and roster.by_name(t.speaker)]
    if picked:
        out.notes.append(
            f"The model quoted none of the transcript's turns; {len(picked)} statements of its "
            "speakers are shown, picked by length and figures."
        )
    return {t.id for t in picked}


def _how(attribution: str | None) -> str:
    return {
        "label": "transcript label",
        "continuation": "other half",
        "paragraph": "paragraph",
        "pronoun": "attribution",
    }.get(attribution or "", "own sentence")


def _whole_quotes(segmentation: Segmentation, ids: set[str]) -> set[str]:
    """`ids` with every other part of the same quote (split halves, paragraphs)."""
    links = {q.id: q.continues for q in segmentation.quotes if q.continues}
    changed = True
    while changed:
        changed = False
        for part, head in links.items():
            if (part in ids) != (head in ids):
                ids |= {part, head}
                changed = True
    return ids


def _quote(segment: Segment, speaker: Actor | None, attribution: str | None) -> Quote:
    return Quote(
        id=segment.id,
        speaker_id=speaker.id if speaker else "",
        text=segment.text,
        start=segment.start,
        end=segment.end,
        attribution=attribution,
    )


def _named_near(
    text: KeptText,
    segmentation: Segmentation,
    quote: Segment,
    actor: Actor,
    window: tuple[int, int] = _SPEAKER_WINDOW,
) -> bool:
    """Whether the document names `actor` near the quote, outside any quoted words (a name inside
    the quote, as in “John Smith lied to us,” said a neighbour, says nothing of who spoke)."""
    sentences = segmentation.sentences
    sentence_id = quote.sentence_id if quote.kind == "quote" else quote.id
    index = next((i for i, s in enumerate(sentences) if s.id == sentence_id), -1)
    if index < 0:
        return False
    before, after = window
    first = index - before
    paragraph = next((r for r in segmentation.document.kept if r.start <= quote.start < r.end), None)
    while before and paragraph and first > 0 and sentences[first - 1].start >= paragraph.start:
        first -= 1  # the whole paragraph up to the quote counts
    near = sentences[max(first, 0) : index + after + 1]
    blanked = [" " + normalize(blank_quotes(s, segmentation.quotes)) + " " for s in near]
    return text.named_in(actor, 0, len(blanked) - 1, blank=blanked)


def _evidence(ids: list[str], segmentation: Segmentation, where: str, problems: list[Problem]) -> list[Span]:
    segments = segmentation.by_id()
    spans = []
    for segment_id in dict.fromkeys(ids):
        segment = segments.get(segment_id)
        if segment is None:
            problems.append(
                Problem(where, f"{where} cites {segment_id}, which is not an id in the document.")
            )
        elif segment.instruction_like:
            problems.append(
                Problem(
                    where, f"{where} cites {segment_id}, text that addresses an AI model; it is no evidence."
                )
            )
        else:
            spans.append(Span(text=segment.text, start=segment.start, end=segment.end))
    return spans[:MAX_EVIDENCE]


def _ground_stances(
    draft: SummaryDraft, segmentation: Segmentation, roster: Roster, out: Grounded, translated: bool
) -> None:
    text = roster.text
    for i, draft_stance in enumerate(draft.stances):
        where = f"stances[{i}]"
        holder = roster.by_model_id(draft_stance.actor_id)
        if holder is None:
            out.problems.append(
                Problem(
                    where, f"{where} names actor {draft_stance.actor_id}, which is not an actor in your list."
                )
            )
            continue
        evidence = _evidence(draft_stance.evidence, segmentation, where, out.problems)
        if not evidence:
            continue
        topic = clean_field(draft_stance.topic, text, "a stance topic", out.notes)
        if (
            not has_words(topic)
            or names_only(topic, segmentation)
            or _not_text(topic, segmentation, translated)
        ):
            out.problems.append(
                Problem(where, f"{where} has a topic that is not about the document: name the issue.")
            )
        elif made_up := invented_numbers(topic, segmentation.document.text):
            out.problems.append(Problem(where, _invented(where, "topic", made_up[0])))
        elif english(segmentation) and not_a_topic(topic):
            out.problems.append(
                Problem(
                    where, f"{where} has a topic that is not a short phrase: name the issue in a few words."
                )
            )
        elif english(segmentation) and (strangers := invented_names(topic, text)):
            out.problems.append(Problem(where, _stranger(where, "topic", strangers[0])))
        elif english(segmentation) and not _holder_in_evidence(holder, evidence, segmentation, roster):
            # (in inflected languages a name changes form: "Северный лес", "Северного леса")
            out.problems.append(
                Problem(
                    where,
                    f"{where} is {holder.name}'s, but its evidence neither names nor quotes {holder.name}.",
                )
            )
        else:
            stance = Stance(
                actor_id=holder.id, topic=topic, position=draft_stance.position, evidence=evidence
            )
            same = next((s for s in out.stances if same_stance(s, stance)), None)
            if same is None:
                out.stances.append(stance)
            else:  # a weak model repeats a stance: it is one stance, with the evidence of both
                same.evidence = union_spans(same.evidence, evidence)
                out.notes.append(f"Merged a repeated stance into “{short_name(same.topic, 50)}”.")


def english(segmentation: Segmentation) -> bool:
    return segmentation.language == "en"


def _not_text(value: str, segmentation: Segmentation, translated: bool) -> bool:
    """Words of no language ("Aрусные", a Latin A among Cyrillic letters); and in another language
    than English, where the English checks do not apply, words none of which the document shares
    (the embedded model's Russian risk "Общём стадионцы"), unless the model was asked to write in
    another language than the document's."""
    if mixes_alphabets(value):
        return True
    return not english(segmentation) and not translated and gibberish(value, segmentation)


def _holder_in_evidence(
    holder: Actor, evidence: list[Span], segmentation: Segmentation, roster: Roster
) -> bool:
    """A stance is held by someone its evidence quotes (the text's own speaker), or names near
    it, outside quoted words: in its paragraph up to it, or the sentences around it."""
    starts = {s.start: s for s in segmentation.sentences}
    for span in evidence:
        quoted = [
            q for q in segmentation.quotes if span.start <= q.start < span.end and q.speaker and q.speech
        ]
        if any(refers_to(q.speaker, holder) for q in quoted if q.speaker):
            return True
        segment = starts.get(span.start) or next(
            (q for q in segmentation.quotes if q.start == span.start), None
        )
        if segment is not None and _named_near(roster.text, segmentation, segment, holder):
            return True
    return False


def _ground_risks(
    draft: SummaryDraft, segmentation: Segmentation, text: KeptText, out: Grounded, translated: bool
) -> None:
    for i, draft_risk in enumerate(draft.risks):
        where = f"risks[{i}]"
        evidence = _evidence(draft_risk.evidence, segmentation, where, out.problems)
        if not evidence:
            continue
        description = clean_field(draft_risk.description, text, "a risk", out.notes)
        if (
            not has_words(description)
            or names_only(description, segmentation)
            or _not_text(description, segmentation, translated)
        ):
            out.problems.append(Problem(where, f"{where} does not describe anything the document says."))
            continue
        if made_up := invented_numbers(description, segmentation.document.text):
            out.problems.append(Problem(where, _invented(where, "description", made_up[0])))
            continue
        if english(segmentation) and (strangers := invented_names(description, text)):
            out.problems.append(Problem(where, _stranger(where, "description", strangers[0])))
            continue
        if english(segmentation) and breaks_off(description):
            out.problems.append(Problem(where, f"{where} breaks off mid-phrase: describe the risk whole."))
            continue
        same = next((r for r in out.risks if same_risk(r, description, evidence)), None)
        if same is not None:
            out.notes.append(f"Merged a repeated risk into “{short_name(same.description, 50)}”.")
            continue
        out.risks.append(
            Risk(
                description=description,
                category=draft_risk.category,
                severity=draft_risk.severity,
                evidence=evidence,
            )
        )


def _stranger(where: str, field: str, name: str) -> str:
    return f"{where} has a {field} that names {name}, which the document does not: use its own names."


def _invented(where: str, field: str, figure: str) -> str:
    return f"{where} has a {field} with a figure the document does not give ({figure}): use its own figures."


def union_spans(spans: list[Span], more: list[Span]) -> list[Span]:
    """The evidence of two copies of one item, each span once, at most MAX_EVIDENCE."""
    seen = {(s.start, s.end) for s in spans}
    return [*spans, *[s for s in more if (s.start, s.end) not in seen]][:MAX_EVIDENCE]


def same_stance(kept: Stance, stance: Stance) -> bool:
    """The same holder's same position on a near-identical topic: one stance listed twice."""
    return (
        kept.actor_id == stance.actor_id
        and kept.position == stance.position
        and fuzz.token_set_ratio(normalize(kept.topic), normalize(stance.topic)) >= SAME_WORDING
    )


def same_risk(risk: Risk, description: str, evidence: list[Span]) -> bool:
    """Near-identical wording, or similar wording on the same evidence: one risk listed twice."""
    similarity = fuzz.token_set_ratio(normalize(risk.description), normalize(description))
    same_evidence = {(s.start, s.end) for s in risk.evidence} == {(s.start, s.end) for s in evidence}
    return similarity >= SAME_WORDING or (same_evidence and similarity >= 60)


def _translated(segmentation: Segmentation, output_language: str | None) -> bool:
    """Whether the model was asked to write in another language than the document's."""
    return bool(output_language) and (
        language_name(output_language or "").lower() != language_name(segmentation.language).lower()
    )


def clean_free_text(
    grounded: Grounded, segmentation: Segmentation, output_language: str | None = None
) -> None:
    """The headline and tldr made honest (also a chunked document's, which the reduce call
    writes): see `freetext.py`. `output_language`: the language the model was asked to write in."""
    translated = _translated(segmentation, output_language)
    grounded.headline, grounded.tldr = honest_headline_and_tldr(
        grounded.headline, grounded.tldr, segmentation, kept_text(segmentation), grounded.notes, translated
    )


def quote_coverage(segmentation: Segmentation, quotes: list[Quote]) -> QuoteCoverage:
    """Which marked direct quotes (speech, not mentions) the summary left out; turns not counted."""
    marked = [q for q in segmentation.quotes if not q.speaker_hint and q.speech and not q.instruction_like]
    included = {q.id for q in quotes}
    missed = [Span(text=q.text, start=q.start, end=q.end) for q in marked if q.id not in included]
    return QuoteCoverage(found=len(marked), included=len(marked) - len(missed), missed=missed)


def verify_spans(document: str, quotes: list[Quote], spans: list[Span]) -> list[str]:
    """Every span that does not slice back to its text; empty when the summary is grounded."""
    bad = [f"quote {q.id}" for q in quotes if document[q.start : q.end] != q.text]
    bad += [f"span {s.start}:{s.end}" for s in spans if document[s.start : s.end] != s.text]
    return bad
