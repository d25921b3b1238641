"""Shared set-up for the benchmarks: a fake server, real-length documents, settings, CPU time."""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import time
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
    """The fake server in its own process, so its work (and CPU) is not this process's. It answers
    like a model: citing the request's own actors and quotes, so grounding does its real work."""
    process = subprocess.Popen(
        [sys.executable, "-m", "summarizer.testing.fake_server", "--latency", str(latency), "--grounded"],
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
    """A one-paragraph stand-in (the benchmarks use `real_document` since issue 15)."""
    return DOCUMENT.replace("300", str(100 + i))


ROOT = Path(__file__).resolve().parent.parent
GOLD = sorted(ROOT.glob("fixtures/*/document.txt"))


def gold_texts() -> list[str]:
    """The gold-set articles (fixtures/*/document.txt): 13 to 4,000 words, six languages."""
    return [p.read_text("utf-8") for p in GOLD]


def real_document(i: int) -> str:
    """The i-th real-length document: the gold-set articles in turn, each copy made distinct by
    one closing line (identical texts would share one answer in a batch, or in the cache)."""
    texts = gold_texts()
    return texts[i % len(texts)].rstrip("\n") + f"\n\nFiled as story {i + 1}.\n"


def words(text: str) -> int:
    return len(text.split())


class CPU:
    """CPU seconds of this process (time.process_time) over a block: `with CPU() as cpu: ...`."""

    def __enter__(self) -> CPU:
        self.started = time.process_time()
        self.seconds = 0.0
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.process_time() - self.started


def loaded() -> str:
    """The load average, to print next to figures from a shared machine."""
    try:
        return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "load average unknown"


def real_text_of(n_words: int, *, english_only: bool = True) -> str:
    """About `n_words` words of real articles (the gold set's English ones by default), whole
    paragraphs one after another, repeated as needed: a long document with real sentences,
    quotes, names and attributions."""
    paths = [p for p in GOLD if not (english_only and p.parent.name.startswith(("de_", "es_", "ru_", "zh_")))]
    paragraphs = [para for p in paths for para in p.read_text("utf-8").split("\n\n") if para.strip()]
    out: list[str] = []
    count = i = 0
    while count < n_words:
        para = paragraphs[i % len(paragraphs)]
        out.append(para)
        count += len(para.split())
        i += 1
    return "\n\n".join(out) + "\n"
