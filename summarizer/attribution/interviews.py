"""Who "Q" and "A" are in a question-and-answer interview: the interviewer and the interviewee
its introduction names ("Mayor Kate Gallego spoke with reporter Dan Meyers ...")."""

from __future__ import annotations

from ..segmentation import Segmentation

_QUESTION_LABELS = {"q", "q.", "question"}
_ANSWER_LABELS = {"a", "a.", "answer"}
_LABELS = _QUESTION_LABELS | _ANSWER_LABELS
# Roles of the person who asks.
_MEDIA_WORDS = {
    "reporter", "correspondent", "editor", "writer", "journalist", "columnist", "host", "anchor",
    "interviewer", "producer", "contributor", "critic", "presenter", "podcaster",
}  # fmt: skip


def interview_speakers(
    segmentation: Segmentation, people: dict[str, tuple[str, str]]
) -> dict[str, str | None]:
    """ "Q" and "A" (as labels) -> the person each stands for, or None where the introduction does
    not settle it: one person with a reporter's role asks, exactly one other person answers. An
    empty dict when the document has no such labels."""
    turns = [q for q in segmentation.quotes if q.speaker_hint and q.speaker_hint.lower() in _LABELS]
    if not turns:
        return {}
    text = segmentation.document.text
    intro_end = turns[0].start
    named = [
        (name, role)
        for name, (kind, role) in people.items()
        if kind == "person" and 0 <= text.find(name) < intro_end
    ]
    askers = [name for name, role in named if _MEDIA_WORDS & set(role.lower().split())]
    answerers = [name for name, role in named if name not in askers]
    asker = askers[0] if len(askers) == 1 else None
    answerer = answerers[0] if len(answerers) == 1 else None
    return {
        label: asker if label.lower() in _QUESTION_LABELS else answerer
        for label in {q.speaker_hint for q in turns if q.speaker_hint}
    }
