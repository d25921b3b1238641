"""Cost: genai-prices for the models it knows, a --prices table over it, null (never a guess) else."""

import asyncio
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.batch import run_batch
from summarizer.cli import app
from summarizer.errors import ConfigError
from summarizer.pipeline import make_summarizer, summarize
from summarizer.pricing import Prices, cost_of
from summarizer.schemas import Usage
from summarizer.settings import Settings
from summarizer.testing.fake_server import FakeOpenAI
from summarizer.views.progress import batch_report

from .conftest import ROOT, SEED, Script, fast_settings, ok

runner = CliRunner()
USAGE = Usage(calls=1, prompt_tokens=1000, completion_tokens=200, total_tokens=1200)


def test_known_model_is_priced_by_genai_prices() -> None:
    """gpt-4o-mini on OpenAI: 1000 input tokens at $0.15/M plus 200 output at $0.60/M."""
    cost = cost_of(Settings(provider="openai", model="gpt-4o-mini"), USAGE)
    assert cost.usd == pytest.approx(0.00027)
    assert cost.note.startswith("genai-prices") and "gpt-4o-mini" in cost.note


def test_unknown_model_costs_null_with_a_note() -> None:
    """A model genai-prices does not know gets no number, and the note names the fix."""
    cost = cost_of(Settings(provider="openai", model="my-finetune-7b"), USAGE)
    assert cost.usd is None and "my-finetune-7b" in cost.note and "--prices" in cost.note


def test_unknown_server_costs_null_even_for_a_known_model_name() -> None:
    """gpt-4o-mini on an Ollama URL is not OpenAI's price: null rather than a wrong number."""
    settings = Settings(provider="openai", model="gpt-4o-mini", base_url="http://localhost:11434/v1")
    assert cost_of(settings, USAGE).usd is None


def test_a_known_provider_is_recognised_by_its_base_url() -> None:
    """An OpenAI-compatible provider that genai-prices knows (Groq) is priced by its own table."""
    settings = Settings(
        provider="openai", model="llama-3.1-8b-instant", base_url="https://api.groq.com/openai/v1"
    )
    cost = cost_of(settings, USAGE)
    assert cost.usd is not None and cost.usd > 0 and "groq" in cost.note


def test_price_table_overrides_genai_prices_for_the_models_it_lists() -> None:
    """--prices wins for its models; others still come from genai-prices."""
    table = Prices(models={"gpt-4o-mini": {"input": 1.0, "output": 2.0}})
    assert cost_of(Settings(provider="openai", model="gpt-4o-mini"), USAGE, table).usd == pytest.approx(
        0.0014
    )
    other = cost_of(Settings(provider="openai", model="gpt-4o"), USAGE, table)
    assert other.usd is not None and other.note.startswith("genai-prices")


def test_local_and_replayed_runs_cost_nothing() -> None:
    """The embedded model runs here; replay makes no call."""
    for provider in ("local", "replay"):
        cost = cost_of(Settings(provider=provider, model="gpt-4o-mini"), USAGE)
        assert cost.usd == 0.0 and cost.note


def test_meta_carries_the_cost_of_a_summarize() -> None:
    """summarize() fills meta.cost_usd from the usage: 100 prompt + 20 completion tokens."""
    script = Script(ok())
    summary = summarize(
        "Alice Smith opened a plant.",
        settings=fast_settings(base_url=None, model="gpt-4o-mini"),
        http_client=script.client(),
    )
    assert summary.meta.cost_usd == pytest.approx(100 * 0.15e-6 + 20 * 0.6e-6)
    assert "genai-prices" in summary.meta.cost_note


def test_meta_cost_is_null_for_an_unknown_model() -> None:
    """An unknown model's summary has cost_usd null and a note saying why."""
    summary = summarize(
        "Alice Smith opened a plant.", settings=fast_settings(), http_client=Script(ok()).client()
    )
    assert summary.meta.cost_usd is None and "test-model" in summary.meta.cost_note


def _docs(folder: Path, n: int) -> list[Path]:
    folder.mkdir()
    for i in range(n):
        (folder / f"{i}.txt").write_text(f"Alice Smith opened plant {i}.")
    return sorted(folder.iterdir())


def test_batch_summary_line_shows_the_genai_prices_cost(tmp_path: Path) -> None:
    """Without --prices, a batch of a known model reports its cost from genai-prices."""
    settings = fast_settings(base_url=None, model="gpt-4o-mini")
    summarizer = make_summarizer(settings, http_client=Script(ok(), ok(), ok()).async_client())
    out = tmp_path / "out.jsonl"
    stats = asyncio.run(run_batch(_docs(tmp_path / "d", 3), out, settings, summarizer=summarizer))
    assert stats.cost == pytest.approx(3 * 0.000027) and stats.unpriced == 0
    assert "cost: $0.0001" in batch_report(stats, out) and "genai-prices" in batch_report(stats, out)


def test_batch_of_an_unknown_model_reports_the_cost_unknown(tmp_path: Path) -> None:
    """No number is made up: the closing line says the cost is unknown, and why."""
    with FakeOpenAI() as server:
        out = tmp_path / "out.jsonl"
        stats = asyncio.run(run_batch(_docs(tmp_path / "d", 2), out, fast_settings(base_url=server.base_url)))
    assert stats.unpriced == 2
    assert "cost: unknown" in batch_report(stats, out) and "test-model" in batch_report(stats, out)


def test_max_cost_needs_a_known_price(tmp_path: Path) -> None:
    """--max-cost with a model no source prices is refused before any call."""
    with FakeOpenAI() as server, pytest.raises(ConfigError, match="--prices"):
        asyncio.run(
            run_batch(
                _docs(tmp_path / "d", 1),
                tmp_path / "o.jsonl",
                fast_settings(base_url=server.base_url),
                max_cost=1.0,
            )
        )
        assert server.count == 0


def test_replayed_summary_says_why_it_cost_nothing() -> None:
    """The README's offline example: cost 0 and a note that no call was made."""
    result = runner.invoke(
        app, ["summarize", str(SEED), "--provider", "replay", "--fixtures", str(ROOT / "fixtures")]
    )
    meta = json.loads(result.stdout)["meta"]
    assert meta["cost_usd"] == 0.0 and "no call" in meta["cost_note"]
