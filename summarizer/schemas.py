"""The two schemas: what the model fills in (`SummaryDraft`) and what users get (`Summary`).

The model never types quote text or offsets. It cites numbered segments of the document by id
(`S3` for a sentence, `Q2` for a direct-quote span), and `grounding.py` copies the exact text and
`[start, end)` offsets from the source. Descriptions on the draft models are prompt text: they are
written as instructions to the model. Every list and string has an upper bound so that a runaway
model stops (the bounds are the `MAX_*` constants below and are listed in the README).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
)

SCHEMA_VERSION = "1.0"

ActorKind = Literal["person", "organization", "government", "country", "group", "other"]
Position = Literal["support", "oppose", "neutral", "mixed"]
Severity = Literal["low", "medium", "high"]
RiskCategory = Literal[
    "economic",
    "financial",
    "political",
    "geopolitical",
    "legal",
    "regulatory",
    "security",
    "technological",
    "operational",
    "reputational",
    "health",
    "environmental",
    "social",
    "other",
]

MAX_HEADLINE = 160
MAX_TLDR = 600
MAX_NAME = 80
MAX_ROLE = 120
MAX_TOPIC = 100
MAX_DESCRIPTION = 240
MAX_ALIASES = 6
MAX_ACTORS = 15
MAX_QUOTES = 20
MAX_STANCES = 15
MAX_RISKS = 8
MAX_EVIDENCE = 3

ACTOR_ID = r"^A[0-9]{1,2}$"
QUOTE_ID = r"^Q[0-9]{1,3}$"
SEGMENT_ID = r"^[SQ][0-9]{1,3}$"
# The highest sentence or quote number the patterns allow. Ids are numbered per chunk from 1,
# and chunking.split never puts more sentences or quotes than this in one chunk, so a document
# of any length can be cited. (Widening the patterns instead would change the schema sent to
# the model, and with it the key of every recorded exchange.)
MAX_ID_NUMBER = 999


def _tidy_id(value: object) -> object:
    """Forgive the ways weaker models write an id: "[S3]", "s3", "S 3", "S03" all mean S3."""
    if not isinstance(value, str):
        return value
    match = re.fullmatch(r"\s*\[?\s*([AaSsQq])\s*-?\s*0*([0-9]{1,3})\s*\]?\s*", value)
    return f"{match.group(1).upper()}{match.group(2)}" if match else value


# The pattern stays in the JSON schema (it constrains llama.cpp's grammar); the tidying runs
# before pydantic checks it. Order matters: a BeforeValidator listed first hides the pattern.
ActorRef = Annotated[
    str,
    Field(pattern=ACTOR_ID, description="An actor id from `actors`, e.g. A1."),
    BeforeValidator(_tidy_id),
]
QuoteRef = Annotated[
    str, Field(pattern=QUOTE_ID, description="A quote id from the list, e.g. Q2."), BeforeValidator(_tidy_id)
]
SegmentRef = Annotated[
    str,
    Field(pattern=SEGMENT_ID, description="A sentence id (S4) or quote id (Q2) from the document."),
    BeforeValidator(_tidy_id),
]


# --- What the model fills in -------------------------------------------------------------------


class ActorDraft(BaseModel):
    """A real-world person, organization, government, country or group named in the document."""

    id: ActorRef = Field(description="A1 for the first actor, A2 for the next, and so on.")
    name: str = Field(
        max_length=MAX_NAME,
        description="The fullest name the document uses, e.g. 'Donald Trump', not 'Trump'.",
    )
    kind: ActorKind = Field(description="What sort of actor this is.")
    role: str = Field(
        default="",
        max_length=MAX_ROLE,
        description="Title or role as the document states it, e.g. 'U.S. Treasury Secretary'.",
    )
    aliases: list[Annotated[str, Field(max_length=MAX_NAME)]] = Field(
        default_factory=list,
        max_length=MAX_ALIASES,
        description="Other names the document uses for the same actor: surname, acronym, title.",
    )


class QuoteDraft(BaseModel):
    """A direct quote from the numbered quote list, and who said it."""

    quote_id: QuoteRef = Field(description="The id of a quote in the QUOTES list, e.g. Q1.")
    speaker_id: ActorRef = Field(
        description="The actor who said these words, as the document attributes them."
    )


class StanceDraft(BaseModel):
    """Where one actor stands on one topic, backed by sentences of the document."""

    actor_id: ActorRef = Field(description="The actor who holds the stance.")
    topic: str = Field(max_length=MAX_TOPIC, description="The issue, in a few words.")
    position: Position = Field(description="support, oppose, neutral or mixed.")
    evidence: list[SegmentRef] = Field(
        min_length=1,
        max_length=MAX_EVIDENCE,
        description="Ids of the sentences or quotes that show this stance.",
    )


class RiskDraft(BaseModel):
    """A risk, threat or downside that the document itself describes."""

    description: str = Field(max_length=MAX_DESCRIPTION, description="The risk, in one sentence.")
    category: RiskCategory = Field(description="The closest category.")
    severity: Severity = Field(description="How serious the document makes it sound.")
    evidence: list[SegmentRef] = Field(
        min_length=1,
        max_length=MAX_EVIDENCE,
        description="Ids of the sentences that describe this risk.",
    )


class SummaryDraft(BaseModel):
    """A grounded summary of the document. Use only what the document says."""

    headline: str = Field(max_length=MAX_HEADLINE, description="One line that states the news.")
    tldr: str = Field(
        max_length=MAX_TLDR, description="Two or three sentences: what happened and why it matters."
    )
    actors: list[ActorDraft] = Field(
        default_factory=list,
        max_length=MAX_ACTORS,
        description="Corrections and additions to ACTORS only: an entry whose kind or role you fix, "
        "or an actor ACTORS lacks. Empty when ACTORS is right.",
    )
    quotes: list[QuoteDraft] = Field(
        max_length=MAX_QUOTES,
        description="The direct quotes that matter, cited by id. Empty if the list has none.",
    )
    stances: list[StanceDraft] = Field(max_length=MAX_STANCES)
    risks: list[RiskDraft] = Field(max_length=MAX_RISKS)


def _compact_draft() -> type[SummaryDraft]:
    """The draft with tight bounds, for a small model that fills every list to its limit with
    near-copies: fewer items to write means seconds, not minutes, on a CPU (same class name, so
    the tool the model sees is still called SummaryDraft)."""

    class SummaryDraft(_SummaryDraft):  # noqa: D101 - the docstring is the base's, on purpose
        __doc__ = _SummaryDraft.__doc__
        headline: str = Field(max_length=120, description="One line that states the news.")
        tldr: str = Field(max_length=320, description="Two sentences: what happened and why it matters.")
        actors: list[ActorDraft] = Field(default_factory=list, max_length=4)
        quotes: list[QuoteDraft] = Field(default_factory=list, max_length=6)
        stances: list[StanceDraft] = Field(default_factory=list, max_length=4)
        risks: list[RiskDraft] = Field(default_factory=list, max_length=3)

    return SummaryDraft


_SummaryDraft = SummaryDraft
CompactSummaryDraft = _compact_draft()
DRAFTS: dict[str, type[SummaryDraft]] = {"standard": SummaryDraft, "compact": CompactSummaryDraft}


def draft_model(name: str) -> type[SummaryDraft]:
    """The draft schema the model fills: "standard" bounds, or "compact" for a small model."""
    return DRAFTS[name]


# --- What users get ----------------------------------------------------------------------------


class Span(BaseModel):
    """Exact text of the source: `document[start:end] == text`, always."""

    model_config = ConfigDict(frozen=True)

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Actor(BaseModel):
    id: str
    name: str
    kind: ActorKind
    role: str = ""
    aliases: list[str] = Field(default_factory=list)


class Stance(BaseModel):
    actor_id: str
    topic: str
    position: Position
    evidence: list[Span] = Field(default_factory=list)


class Quote(BaseModel):
    id: str
    speaker_id: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    # How the speaker is known: the text's own "label", "sentence", "continuation" (the other
    # part of the quote), "paragraph" or "pronoun" (weakest), or "model" (the model's choice,
    # checked only by the speaker being named nearby).
    attribution: str | None = None


class Risk(BaseModel):
    description: str
    category: str
    severity: Severity
    evidence: list[Span] = Field(default_factory=list)


class Usage(BaseModel):
    """Tokens summed over every HTTP attempt and re-ask that returned usage."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0

    def add(self, other: Usage) -> Usage:
        return Usage(
            calls=self.calls + other.calls,
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            total_tokens=self.total_tokens + other.total_tokens,
        )


class TemplateInfo(BaseModel):
    name: str
    sha256: str


class QuoteCoverage(BaseModel):
    """How many of the document's direct quotes (found deterministically) the summary kept."""

    found: int = 0
    included: int = 0
    missed: list[Span] = Field(default_factory=list)


class Meta(BaseModel):
    provider: str
    model: str
    mode: str
    template: TemplateInfo
    schema_version: str = SCHEMA_VERSION
    attempts: int = 0
    reasks: int = 0
    usage: Usage = Field(default_factory=Usage)
    seconds: float = 0.0
    chunks: int = 1
    quote_coverage: QuoteCoverage = Field(default_factory=QuoteCoverage)
    cached: bool = False  # every answer came from the response cache: no call was made
    cost_usd: float | None = None  # US dollars; None when no price source knows the model
    cost_note: str | None = None  # where the cost came from, or why it is unknown
    language: str | None = None  # the document's language, detected (ISO 639-1: "en", "es", "zh")
    source_url: str | None = None  # the page the document was fetched from, for a URL input
    retrieved_at: str | None = None  # when that page was fetched (UTC, ISO 8601)


class Summary(BaseModel):
    """A typed, grounded summary. Every quote and evidence span is exact text of the source."""

    headline: str
    tldr: str
    actors: list[Actor] = Field(default_factory=list)
    stances: list[Stance] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    risks: list[Risk] = Field(default_factory=list)
    meta: Meta
    warnings: list[str] = Field(default_factory=list)
    # The user's own fields (`summarize(text, extra={...})`), typed as declared; see fields.py.
    extra: dict[str, Any] = Field(default_factory=dict)

    @model_serializer(mode="wrap")
    def _without_empty_extra(self, handler: SerializerFunctionWrapHandler) -> Any:
        """A summary without extra fields dumps exactly as before they existed."""
        data = handler(self)
        if isinstance(data, dict) and not self.extra:
            data.pop("extra", None)
        return data

    def actor(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)
