"""Shared set-up for the benchmarks: a fake server, documents, settings."""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarizer.settings import Settings  # noqa: E402

DOCUMENT = (
    "Alice Smith, chief executive of Northwind Foods, said on Monday that the company would open "
    "a plant in Riverton. “We expect to hire 300 people,” Smith said. Union leader Bob Jones "
    "welcomed the plan but warned about wages. The plant is due to open next year.\n"
)


@contextlib.contextmanager
def fake_server_process(latency: float) -> Iterator[str]:
    """The fake server in its own process, so its work does not share this process's GIL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "summarizer.testing.fake_server", "--latency", str(latency)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        yield process.stdout.readline().strip()
    finally:
        process.terminate()
        process.wait(timeout=10)


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--latency", type=float, default=0.2, help="fake server latency in seconds")
    return p


def settings(base_url: str, **changes) -> Settings:
    return Settings(provider="openai", model="bench-model", base_url=base_url, api_key="sk-bench", **changes)


def document(i: int) -> str:
    return DOCUMENT.replace("300", str(100 + i))
