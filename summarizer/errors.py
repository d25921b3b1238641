"""Every error the library raises on purpose, in one small tree.

    SummarizerError
    ├── ConfigError          no provider configured, bad option, unusable template (CLI exit 2)
    ├── InputError           the document cannot be read or is empty (CLI exit 1)
    ├── FixtureMissing       replay found no recording for a request (CLI exit 1)
    ├── OutputError          the result cannot be written where it should go (CLI exit 1)
    ├── ModelOutputError     the model answered, but not with something usable (not re-asked)
    │   ├── TruncatedOutput  finish_reason == "length"
    │   ├── Refused          the model refused
    │   ├── ContentFiltered  the provider's content filter stopped the answer
    │   ├── OversizedOutput  the answer is far larger than the schema allows (never echoed back)
    │   └── EmptyResponse    the response had no choices
    └── SummaryFailed        gave up: carries attempts, the last error and the summed usage (exit 1)

Messages are written for people: what went wrong and what to do, in one or two sentences.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .schemas import Usage


class SummarizerError(Exception):
    """Base class of every error this library raises on purpose."""

    exit_code = 1


class ConfigError(SummarizerError):
    """The library is not configured well enough to make a call."""

    exit_code = 2


class InputError(SummarizerError):
    """The document cannot be turned into text worth summarizing."""


class OutputError(SummarizerError):
    """The output file, folder or stream cannot take the result (checked before any call)."""


class FixtureMissing(SummarizerError):
    """Replay mode found no recorded exchange for a request.

    The message ends with the command that records it, for the provider and model that made
    the recordings of the request's model (hand-authored answers are re-authored instead).
    """

    def __init__(
        self,
        key: str,
        root: str,
        nearest: str | None,
        first_difference: str | None,
        *,
        model: str | None = None,
        provider: str | None = None,
        skipped: str = "",
    ):
        self.key = key
        self.root = root
        self.nearest = nearest
        self.first_difference = first_difference
        self.model = model
        self.provider = provider
        hint = ""
        if nearest:
            hint = f" The nearest recording is {nearest} (first difference: {first_difference})."
        skipped = f" {skipped}" if skipped else ""
        super().__init__(
            f"No recording in {root} for this request (key {key[:16]}).{hint}{skipped} {self.fix()}"
        )

    def fix(self) -> str:
        """The command that records (or re-authors) the missing exchange: the provider that made
        the recordings says how (see `providers.Provider.record_hint`)."""
        from .providers import REGISTRY, OpenAICompatible

        provider = REGISTRY.get(self.provider or "", REGISTRY[OpenAICompatible.name])
        return provider.record_hint(self.root, self.model)


class ModelOutputError(SummarizerError):
    """The model answered, but in a way a re-ask cannot fix."""


class TruncatedOutput(ModelOutputError):
    def __init__(self, max_tokens: int | None = None):
        limit = f" of {max_tokens} tokens" if max_tokens else ""
        super().__init__(
            f"The model's answer was cut off at the output limit{limit}. "
            "Raise --max-tokens or use a model with a larger output window."
        )


class Refused(ModelOutputError):
    def __init__(self, reason: str):
        super().__init__(f"The model refused to summarize this document: {reason[:200]}")


class ContentFiltered(ModelOutputError):
    def __init__(self) -> None:
        super().__init__(
            "The provider's content filter stopped the answer. "
            "Try another model or provider for this document."
        )


class OversizedOutput(ModelOutputError):
    def __init__(self, size: int, limit: int):
        self.size = size
        super().__init__(
            f"The model's answer was {size:,} characters, far more than a summary can be (at most "
            f"{limit:,}); it was not re-asked. Lower --max-tokens or try another model."
        )


class EmptyResponse(ModelOutputError):
    def __init__(self) -> None:
        super().__init__("The model returned no answer at all (empty choices). Try again later.")


class SummaryFailed(SummarizerError):
    """Gave up on a document; says why, after how many attempts and at what token cost."""

    def __init__(self, message: str, *, attempts: int, last_error: BaseException | None, usage: Usage):
        self.attempts = attempts
        self.last_error = last_error
        self.usage = usage
        super().__init__(message)
