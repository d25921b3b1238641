"""Split a long document into chunks that fit the model's context, on sentence boundaries.

Tokens are estimated rather than counted with a tokenizer (exact tokenizers are model-specific
and some fetch their tables from the network at run time), by script, as BPE tokenizers such as
cl100k split them: about four characters per token for Latin-script prose, two for Cyrillic,
Greek, Arabic, Hebrew and Indic scripts, and one per character for Chinese, Japanese and Korean.
The estimate errs high for typical news text; the budget leaves room for the instructions, the
schema and the answer.

Each chunk is a `Segmentation` of its own, renumbered from S1/Q1 so that ids stay short, while
every segment keeps its offsets into the ORIGINAL document.
"""

from __future__ import annotations

import dataclasses
import math
import re

from .schemas import MAX_ID_NUMBER
from .segmentation import Segment, Segmentation

CHARS_PER_TOKEN = 4  # Latin script (and punctuation, digits, symbols)
CHARS_PER_TOKEN_ALPHABETIC = 2  # Cyrillic, Greek, Armenian, Hebrew, Arabic, Indic, Thai, ...
PROMPT_OVERHEAD_TOKENS = 1500  # instructions + schema + quote list framing, measured ~1,100
# One token per character: CJK ideographs, kana, hangul, full-width forms, CJK punctuation, and
# everything outside the Basic Multilingual Plane (emoji, rare ideographs).
_ONE_PER_CHARACTER = re.compile(
    r"[\u1100-\u11ff\u2e80-\u2fff\u3000-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff"
    r"\ufe30-\ufe4f\uff00-\uffef\U00010000-\U0010ffff]"
)
# Letters of other alphabets: two characters per token. Latin (below U+0370) and general
# punctuation and symbols (U+2000-U+2BFF) stay at four, so English estimates are unchanged.
_TWO_PER_TOKEN = re.compile(r"[\u0370-\u1fff\u2c00-\u2dff\ua000-\ua95f\ua980-\uabff]")


def estimate_tokens(text: str) -> int:
    """Tokens `text` takes, estimated by script (never fewer than cl100k counts for news prose)."""
    if text.isascii():
        return math.ceil(len(text) / CHARS_PER_TOKEN)
    ones = len(_ONE_PER_CHARACTER.findall(text))
    twos = len(_TWO_PER_TOKEN.findall(text))
    rest = len(text) - ones - twos
    return math.ceil(ones + twos / CHARS_PER_TOKEN_ALPHABETIC + rest / CHARS_PER_TOKEN)


def document_budget(context_tokens: int, max_tokens: int) -> int:
    """Tokens of document text one call can carry."""
    return max(256, context_tokens - max_tokens - PROMPT_OVERHEAD_TOKENS)


def _chunk(segmentation: Segmentation, sentences: list[Segment]) -> Segmentation:
    first, last = sentences[0].start, sentences[-1].end
    quotes = [q for q in segmentation.quotes if first <= q.start < last]
    sentence_ids = {s.id: f"S{i + 1}" for i, s in enumerate(sentences)}
    quote_ids = {q.id: f"Q{i + 1}" for i, q in enumerate(quotes)}
    mentioned = [c for c in segmentation.candidates if any(first <= s < last for s, _ in c.mentions)]
    return Segmentation(
        document=segmentation.document,
        language=segmentation.language,
        candidates=mentioned,
        sentences=[dataclasses.replace(s, id=sentence_ids[s.id]) for s in sentences],
        quotes=[
            dataclasses.replace(
                q,
                id=quote_ids[q.id],
                sentence_id=sentence_ids.get(q.sentence_id or ""),
                continues=quote_ids.get(q.continues or ""),
            )
            for q in quotes
        ],
    )


def _quotes_per_sentence(segmentation: Segmentation) -> dict[str, int]:
    """How many quotes start in each sentence."""
    counts: dict[str, int] = {}
    for quote in segmentation.quotes:
        if quote.sentence_id:
            counts[quote.sentence_id] = counts.get(quote.sentence_id, 0) + 1
    return counts


def split(
    segmentation: Segmentation,
    budget_tokens: int,
    overlap_sentences: int = 2,
    max_ids: int = MAX_ID_NUMBER,
) -> list[Segmentation]:
    """Chunks of whole sentences within `budget_tokens`, each repeating the last
    `overlap_sentences` of the previous chunk for context. One chunk when it all fits.

    No chunk holds more than `max_ids` sentences or quotes, so every id it numbers fits the
    id patterns of the schema (S1 to S99999)."""
    sentences = segmentation.sentences
    total = sum(estimate_tokens(s.text) + 4 for s in sentences)
    fits_ids = len(sentences) <= max_ids and len(segmentation.quotes) <= max_ids
    if (total <= budget_tokens and fits_ids) or len(sentences) <= 1:
        return [segmentation]
    quotes_in = _quotes_per_sentence(segmentation)
    chunks: list[list[Segment]] = []
    current: list[Segment] = []
    used = quotes = 0
    for sentence in sentences:
        cost = estimate_tokens(sentence.text) + 4  # "[S12] " and the newline
        full = len(current) >= max_ids or quotes + quotes_in.get(sentence.id, 0) > max_ids
        if current and (used + cost > budget_tokens or full):
            chunks.append(current)
            current = (
                current[-overlap_sentences:] if overlap_sentences and max_ids > overlap_sentences else []
            )
            used = sum(estimate_tokens(s.text) + 4 for s in current)
            quotes = sum(quotes_in.get(s.id, 0) for s in current)
        current.append(sentence)
        used += cost
        quotes += quotes_in.get(sentence.id, 0)
    if current:
        chunks.append(current)
    return [_chunk(segmentation, c) for c in chunks]
