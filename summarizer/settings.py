"""Configuration, resolved once: explicit argument > environment > default, into frozen Settings.

Nothing here reads the environment at import time; `resolve_settings` takes it as an argument
(defaulting to `os.environ` when called). What differs between providers lives in `providers.py`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ConfigError
from .providers import resolve_provider

if TYPE_CHECKING:
    from .fields import ExtraFields

MODES = ("tools", "json_schema", "md_json")


@dataclass(frozen=True)
class Settings:
    """Everything a summarize call needs to know, resolved once. Immutable."""

    provider: str
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)  # never printed
    mode: str = "tools"
    fixtures: Path | None = None
    record: bool = False
    cache: bool = False  # answer repeated requests from the on-disk response cache
    cache_dir: Path | None = None
    log: bool = False  # record the run in the history database (the CLI turns it on)
    data_dir: Path | None = None  # where the history database lives
    prices: Path | None = None  # a price table that overrides genai-prices for the models it lists
    template: Path | None = None
    model_path: Path | None = None
    strict: bool = False
    # The user's own grounded fields (`fields.ExtraFields`, hashable), or None for the fixed Summary.
    extra: ExtraFields | None = None
    # What the library adds on its own (see grounding.GroundingOptions): every quote whose speaker
    # the text states, and every actor the document names ("all"), or only the model's ("selected").
    quotes: str = "all"
    # The language of the headline, tldr and descriptions ("es", "Spanish"); None: the document's.
    output_language: str | None = None
    actors: str = "all"
    draft: str = "standard"  # the draft schema's bounds: "standard", or "compact" for a small model
    temperature: float = 0.0
    max_tokens: int = 2048
    context_tokens: int = 128_000  # the model's context window; longer documents are chunked
    chunk_overlap: int = 2  # sentences repeated between consecutive chunks
    timeout: float = 60.0  # seconds for one HTTP attempt
    max_attempts: int = 4  # HTTP attempts per model call, for transient failures
    max_reasks: int = 2  # validation re-asks per document, counted separately
    grounding_reask: bool = True  # re-ask once for citations that do not resolve
    total_budget: float = 300.0  # seconds for all attempts of one model call
    retry_after_cap: float = 30.0  # longest Retry-After the client will honour
    backoff_initial: float = 0.5
    backoff_max: float = 20.0

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)


# Numeric settings that must be positive, with the option that sets them.
_POSITIVE = {
    "max_tokens": "--max-tokens",
    "context_tokens": "--context-tokens",
    "timeout": "timeout",
    "total_budget": "total_budget",
    "max_attempts": "max_attempts",
}


def check_base_url(url: str) -> None:
    """Raise ConfigError unless `url` is an absolute http(s) URL with a host."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname or " " in url:
        raise ConfigError(
            f"{url!r} is not a usable base URL; give one like http://localhost:11434/v1 or "
            "https://api.openai.com/v1."
        )


def check_numbers(fields: Mapping[str, Any]) -> None:
    """Raise ConfigError for limits that cannot work (zero or negative), before any call."""
    for key, option in _POSITIVE.items():
        value = fields.get(key)
        if value is not None and not value > 0:
            raise ConfigError(f"{option} must be a positive number, not {value!r}.")
    temperature = fields.get("temperature")
    if temperature is not None and not 0 <= temperature <= 2:
        raise ConfigError(f"temperature must be between 0 and 2, not {temperature!r}.")


def default_cache_dir(env: Mapping[str, str]) -> Path:
    """SUMMARIZER_CACHE_DIR, else the XDG cache home's summarizer folder."""
    base = env.get("SUMMARIZER_CACHE_DIR") or os.path.join(
        env.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "summarizer"
    )
    return Path(base)


def default_data_dir(env: Mapping[str, str] | None = None) -> Path:
    """SUMMARIZER_DATA_DIR, else the user data directory (platformdirs) for summarizer."""
    env = os.environ if env is None else env
    if env.get("SUMMARIZER_DATA_DIR"):
        return Path(env["SUMMARIZER_DATA_DIR"])
    import platformdirs

    return platformdirs.user_data_path("summarizer")


def _switched_off(env: Mapping[str, str], name: str) -> bool:
    return env.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def resolve_settings(
    provider: str | None = None,
    *,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    mode: str | None = None,
    env: Mapping[str, str] | None = None,
    **options: Any,
) -> Settings:
    """Resolve settings from arguments first, then SUMMARIZER_* / OPENAI_* variables, then defaults.

    An explicit `base_url` names an OpenAI-compatible server, so it picks that provider when none
    is named. The chosen provider fills in and checks its own settings (see `providers.py`).
    """
    env = os.environ if env is None else env
    chosen = resolve_provider(provider, env, base_url=base_url)
    mode = mode or env.get("SUMMARIZER_MODE") or "tools"
    if mode not in MODES:
        raise ConfigError(f"Unknown mode {mode!r}; choose one of {', '.join(MODES)}.")
    if options.get("extra") is not None:  # names -> types, or a model class: ready to draft and ground
        from .fields import extra_fields

        options["extra"] = extra_fields(options["extra"])
    fixtures = options.pop("fixtures", None) or env.get("SUMMARIZER_FIXTURES")
    for key in ("template", "model_path", "cache_dir", "data_dir", "prices"):
        if options.get(key) is not None:
            options[key] = Path(options[key])
    if options.get("cache_dir") is None:
        options["cache_dir"] = default_cache_dir(env)
    # The history is off unless asked for (the CLI asks); SUMMARIZER_NO_LOG=1 always wins.
    options["log"] = bool(options.get("log")) and not _switched_off(env, "SUMMARIZER_NO_LOG")
    if options["log"] and options.get("data_dir") is None:
        options["data_dir"] = default_data_dir(env)
    fields: dict[str, Any] = {
        **options,
        "model": model or env.get("SUMMARIZER_MODEL"),
        "base_url": base_url,
        "api_key": api_key,
        "mode": mode,
        "fixtures": Path(fixtures) if fixtures else None,
    }
    for key in ("quotes", "actors"):
        if fields.get(key, "all") not in ("all", "selected"):
            raise ConfigError(f"{key} must be 'all' or 'selected', not {fields[key]!r}.")
    chosen.configure(fields, env)
    for key, value in chosen.defaults.items():
        fields.setdefault(key, value)
    if fields.get("record") and fields["fixtures"] is None:
        raise ConfigError("--record needs --fixtures DIR to know where to write recordings.")
    check_numbers(fields)
    if fields.get("base_url"):
        check_base_url(str(fields["base_url"]))
    return Settings(provider=chosen.name, **fields)
