"""The cost of a run in US dollars: a price table (`--prices FILE`) first, then genai-prices.

genai-prices bundles its price data and works offline; it knows OpenAI and the OpenAI-compatible
providers it recognises by base URL (Azure, OpenRouter, Groq, ...). Never a wrong number: a model
or server that neither source knows costs `None`, with a note that says why. Calls that were never
made (cache hits, replay) and the embedded model cost 0.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .errors import ConfigError
from .outputs import shown
from .providers import provider_for
from .schemas import Usage
from .settings import Settings


class Prices(BaseModel):
    """US dollars per million tokens, per model: {"gpt-4o-mini": {"input": 0.15, "output": 0.6}}."""

    models: dict[str, dict[str, float]]
    source: str = "price table"

    @classmethod
    def load(cls, path: str | Path) -> Prices:
        try:
            prices = cls(models=json.loads(Path(path).read_text("utf-8")), source=f"price table {path}")
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"Price table {shown(path)} is not readable JSON of model -> input/output prices."
            ) from exc
        prices.check()
        return prices

    def check(self) -> None:
        """Raise ConfigError for a negative (or not-a-number) price, before any call."""
        for name, price in self.models.items():
            bad = [k for k, v in price.items() if not v >= 0]
            if bad:
                raise ConfigError(f"The price table gives model {name!r} a negative {bad[0]} price; fix it.")

    def knows(self, model: str) -> bool:
        return model in self.models

    def cost(self, model: str, usage: Usage) -> float:
        price = self.models.get(model)
        if price is None:
            raise ConfigError(f"The price table has no entry for model {model!r}; add one.")
        return (
            usage.prompt_tokens * price.get("input", 0.0) + usage.completion_tokens * price.get("output", 0.0)
        ) / 1_000_000


@functools.lru_cache(maxsize=8)
def load_prices(path: Path) -> Prices:
    """A price table, read once per process."""
    return Prices.load(path)


@dataclass(frozen=True)
class Cost:
    usd: float | None  # None: no source knows the price
    note: str  # where the number came from, or why there is none


@functools.lru_cache(maxsize=1)
def _genai_version() -> str:
    from importlib import metadata

    return metadata.version("genai-prices")  # reads the installed files: once per process


# (model, lookup) pairs genai-prices does not know: whether a model is known does not depend on
# the tokens, and the failed search of every provider's table is the slow path.
_UNKNOWN: dict[tuple[str, tuple[tuple[str, Any], ...]], Cost] = {}


def _genai_price(settings: Settings, usage: Usage) -> Cost:
    import genai_prices  # imported here: 0.4 s, paid only by runs that are priced

    lookup = provider_for(settings.provider).price_lookup(settings)
    model = settings.model or ""
    known = (model, tuple(sorted(lookup.items())))
    if known in _UNKNOWN:
        return _UNKNOWN[known]
    try:
        result = genai_prices.calc_price(
            genai_prices.Usage(input_tokens=usage.prompt_tokens, output_tokens=usage.completion_tokens),
            model_ref=model,
            **lookup,  # type: ignore[call-overload]
        )
    except LookupError:
        where = lookup.get("provider_id") or lookup.get("provider_api_url")
        unknown = Cost(None, f"no known price for model {model!r} at {where}; pass --prices FILE to set one")
        _UNKNOWN[known] = unknown
        return unknown
    return Cost(
        float(result.total_price), f"genai-prices {_genai_version()}: {result.provider.id} {result.model.id}"
    )


def cost_of(settings: Settings, usage: Usage, prices: Prices | None = None) -> Cost:
    """What `usage` cost under `settings`: the table (`prices`, else `settings.prices`), then
    genai-prices; 0 for calls never made or made on this machine; None when unknown."""
    free = provider_for(settings.provider).free
    if free:
        return Cost(0.0, free)
    if usage.calls == 0:
        return Cost(0.0, "no call was made")
    table = prices or (load_prices(settings.prices) if settings.prices else None)
    if table is not None and table.knows(settings.model or ""):
        return Cost(table.cost(settings.model or "", usage), table.source)
    return _genai_price(settings, usage)


def price_known(settings: Settings, prices: Prices | None = None) -> bool:
    """Whether a cost can be computed for this provider and model (checked before a budgeted run)."""
    return cost_of(settings, Usage(calls=1, prompt_tokens=1), prices).usd is not None
