"""Who said each quote, as the text itself says it, before any model is asked.

For every quote span the segmenter found, the rules look for its speaker in this order:
- `label`: the transcript turn's speaker label;
- `sentence`: the quote's own sentence names the speaker next to a verb of saying ("said X",
  "X said", "X, calling it", "according to X", "X: ..."), with the quoted words blanked out so a
  name inside the quote never counts;
- `continuation`: the other half of a split quote, or the earlier paragraphs of a quote that runs
  over several paragraphs, has a speaker;
- `paragraph`: an earlier sentence of the same paragraph introduces a speaker ("Holt said:");
- `pronoun`: "she said" or "the minister added", resolved to the person who spoke or was named
  last before it in the paragraph (or the paragraph before). The weakest kind.

It also tells speech from mention: a short quoted phrase that nobody is said to say (a film
title, a nickname, scare quotes, "you will say ...") is a mention, not a quote of anyone.
"""

from __future__ import annotations

import bisect
import dataclasses
import re

from ..language import is_english
from ..lexicon import (
    ORGANISATION_NOUNS,
    PRONOUNS,
    ROLE_NOUNS,
)
from ..segmentation import Segment, Segmentation
from .foreign import _attribute_foreign, foreign_name
from .interviews import interview_speakers
from .mentions import _generic_only, _mention
from .paragraphs import _introduced, _share_along_continuations, _speaker_before
from .sentence import _WORD, _attributions, _blank_quotes, _Found, _in_sentence, _QuotesNear, clean_name

__all__ = ["attribute", "clean_name", "foreign_name"]


def _as_candidate(speaker: str, people: dict[str, tuple[str, str]]) -> str:
    """The speaker as the candidates name them, where the words around a name misled the rules:
    "Finance Ana Ruiz" (from "Minister of Finance Ana Ruiz") is Ana Ruiz, "Affairs" (from
    "Ministry of Foreign Affairs said") is the ministry, "Lena Marsh of the Springfield Police
    Department" is Lena Marsh. A surname alone stays as it is."""
    if speaker in people:
        return speaker
    # "Sgt. Lena Marsh of the Springfield Police Department": the person, not her department.
    employed = [
        name
        for name, (kind, _) in people.items()
        if kind in ("person", "other") and " " in name and f" {name} of " in f" {speaker}"
    ]
    if employed:
        return max(employed, key=len)
    longer = [name for name in people if speaker.endswith(" " + name)]
    if longer:
        return max(longer, key=len)
    if " " not in speaker:
        bodies = [n for n, (kind, _) in people.items() if kind != "person" and n.endswith(" " + speaker)]
        if len(bodies) == 1:
            return bodies[0]
    return speaker


_SENTENCE_OPENS = r"(?:^|[.!?][\"”’)]?\s+)"
# A sentence whose subject is a person-shaped name: "Then Tom Lee stood up."
_NEW_SUBJECT = re.compile(
    rf"{_SENTENCE_OPENS}(?:(?:Then|But|And|Later|Now|So|Meanwhile|Still|Yet|Finally),?\s+)?"
    r"([A-Z][a-z’'-]+) ([A-Z][a-z’'-]+)\s+[a-z]",
    re.MULTILINE,
)
# A sentence whose subject is one capitalised word: "Jones disagreed." (a person the text names).
_KNOWN_SUBJECT = re.compile(rf"{_SENTENCE_OPENS}([A-Z][a-z’'-]+)(?:,[^,.]{{1,60}},)?\s+[a-z]", re.MULTILINE)


def _someone_new_since(
    text: str, name: str, start: int, offset: int, people: dict[str, tuple[str, str]]
) -> bool:
    """Whether, after the last mention of `name` and before `offset`, a sentence opens with
    another person-shaped name the candidates do not know as a body, or with another person's
    surname ("Jones disagreed."): "he" may be that person."""
    last = max(text.rfind(name, start, offset), text.rfind(name.split()[-1], start, offset))
    if last < 0:
        return False
    own = set(name.split())
    bodies = [n for n, (kind, _) in people.items() if kind not in ("person", "other")]
    for match in _NEW_SUBJECT.finditer(text, last, offset):
        pair = f"{match.group(1)} {match.group(2)}"
        if own.isdisjoint(pair.split()) and not any(pair in body for body in bodies):
            return True
    others = {n.split()[-1] for n, (kind, _) in people.items() if kind == "person"} - own
    return any(m.group(1) in others for m in _KNOWN_SUBJECT.finditer(text, last, offset))


def attribute(segmentation: Segmentation, people: dict[str, tuple[str, str]] | None = None) -> Segmentation:
    """The segmentation with each quote's `speaker`, `attribution` and `speech` filled in.

    `people`: the actors the document names (candidates) as name -> (kind, role), used to resolve
    "she said", "the minister said" and "a Northgate spokeswoman said".
    """
    people = people or {}
    if not is_english(segmentation.language):
        return _attribute_foreign(segmentation, people)
    sentences = segmentation.sentences
    position = {s.id: i for i, s in enumerate(sentences)}
    regions = segmentation.document.kept
    text = segmentation.document.text
    starts = [r.start for r in regions]

    def paragraph_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset) - 1

    near = _QuotesNear(segmentation.quotes)
    frames = {s.id: _blank_quotes(s, near(s)) for s in sentences}
    # Who the text says is speaking, sentence by sentence, for pronouns: (offset, name).
    said = {s.id: _attributions(frames[s.id]) for s in sentences}
    spoken: list[tuple[int, str]] = []
    for sentence in sentences:
        for who, kind, start, _ in said[sentence.id]:
            if kind == "name":
                spoken.append((sentence.start + start, who))

    def latest(names: list[str], start: int, end: int) -> str | None:
        """The name in `names` mentioned last in text[start:end]."""
        placed = [(max(text.rfind(n, start, end), text.rfind(n.split()[-1], start, end)), n) for n in names]
        placed = [(at, n) for at, n in placed if at >= 0]
        return max(placed)[1] if placed else None

    def last_spoken(start: int, end: int) -> str | None:
        """The last speaker the text attributes words to in text[start:end]."""
        return next((n for at, n in reversed(spoken) if start <= at < end), None)

    def resolve(offset: int, phrase: str) -> str | None:
        """'she', 'the minister', 'a Northgate spokeswoman': who the phrase stands for, from the
        actors named before it (this paragraph first, then the one before)."""
        paragraph = paragraph_of(offset)
        here = regions[paragraph].start if paragraph >= 0 else 0
        window = regions[max(paragraph - 1, 0)].start if paragraph >= 0 else 0
        words = phrase.split()
        persons = [n for n, (kind, _) in people.items() if kind == "person"]
        persons += [n for _, n in spoken if n not in people]
        if phrase.lower() not in PRONOUNS:
            for word in (w for w in words[1:] if w[0].isupper()):  # "a Northgate spokeswoman"
                owner = latest([n for n in people if word in n.split()], 0, offset)
                if owner:
                    return owner
            if words[0].lower() in {"a", "an", "one", "another"}:
                return None  # "a neighbour" is someone new, not the last person named
            noun = words[-1].lower()
            holders = [n for n, (_, role) in people.items() if noun in role.lower().split()]
            if holders:  # "the mayor": the person the text calls mayor
                return latest(holders, 0, offset)
            if noun in ORGANISATION_NOUNS:
                bodies = [n for n, (kind, _) in people.items() if kind != "person"]
                named = [n for n in bodies if noun in n.lower().split()]
                return latest(named, 0, offset) or latest(bodies, window, offset)
            if noun not in ROLE_NOUNS:
                return None  # "the plan said" names no one
        if phrase.lower() == "they":
            persons += [n for n, (kind, _) in people.items() if kind != "person"]
        found = (
            last_spoken(here, offset)
            or latest(persons, here, offset)
            or last_spoken(window, offset)
            or latest(persons, window, offset)
        )
        if (
            found
            and phrase.lower() in ("he", "she")
            and _someone_new_since(text, found, window, offset, people)
        ):
            return None  # "Ana Ruiz spoke first. Then Tom Lee stood up. “No,” he said.": maybe Lee's
        return found

    def only_person_here(offset: int) -> str | None:
        """The one person the paragraph names before `offset`, if it names exactly one."""
        here = regions[paragraph_of(offset)].start
        before = text[here:offset]
        named = {n for n, (kind, _) in people.items() if kind == "person" and n.split()[-1] in before}
        return named.pop() if len(named) == 1 else None

    interview = interview_speakers(segmentation, people)  # "Q:" and "A:" in an interview
    quotes: list[Segment] = []
    for quote in segmentation.quotes:
        if quote.speaker_hint in interview:
            person = interview[quote.speaker_hint]
            quotes.append(dataclasses.replace(quote, speaker=person, attribution="label" if person else None))
            continue
        if quote.speaker_hint:
            label = clean_name(re.sub(r"\s*\(.*\)$", "", quote.speaker_hint))  # "SEN. AMY KLOBUCHAR"
            quotes.append(dataclasses.replace(quote, speaker=label, attribution="label"))
            continue
        index = position.get(quote.sentence_id or "", -1)
        if index < 0:
            quotes.append(quote)
            continue
        sentence = sentences[index]
        frame = frames[sentence.id]
        a, b = quote.start - sentence.start, quote.end - sentence.start
        found = _in_sentence(frame, a, b, said[sentence.id])
        speaker, how = None, None
        if found and found.kind == "name":
            speaker, how = _as_candidate(found.who, people), "sentence"
        elif found and found.kind == "proxy":
            # A company speaks through its spokesperson; a person's spokesman speaks for himself.
            named = _as_candidate(found.who, people)
            speaker = None if people.get(named, ("other", ""))[0] == "person" else named
            how = "sentence"
        elif found:
            speaker, how = resolve(quote.start, found.who), "pronoun"
        elif not frame.strip(" \t,.;:!?“”\"‘’'«»—–-"):
            before = _speaker_before(quotes, quote, sentences, index, paragraph_of)
            speaker, how = before or only_person_here(quote.start), "paragraph"
        elif re.search(r":\s*$", frame[:a].rstrip(" “\"‘'«„")):
            # "Her message to Orsk was blunt: “Open the gates.”" introduces its speaker's words.
            intro = re.search(r"\b(?:[Hh]is|[Hh]er|[Tt]heir)\b", frame[:a])
            speaker, how = (resolve(quote.start, "she"), "pronoun") if intro else (None, None)
            found = found or _Found("", "role", 0)  # introduced words are speech
        else:
            speaker, how = _introduced(sentences, frames, index, paragraph_of), "paragraph"
        words = _WORD.findall(quote.text)
        mention = _mention(quote, frame[:a], frame[b:], words)
        if mention == "strong" or (speaker is None and _generic_only(frame[:a])):
            speech = False
        elif mention == "weak":
            # Said by someone the text names; two words said by nobody named are a term.
            speech = speaker is not None or (found is not None and len(words) > 2)
        else:
            speech = True
        # "said a neighbour": the text gives the words to someone it does not name. A "he said"
        # the rules cannot resolve is someone named nearby, whom the model may name.
        how = how if speaker else ("unnamed" if found and found.kind != "pronoun" else None)
        quotes.append(dataclasses.replace(quote, speaker=speaker, attribution=how, speech=speech))
    return dataclasses.replace(segmentation, quotes=_share_along_continuations(quotes))
