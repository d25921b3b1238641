"""The column tokenizer of `summarizer.candidates.tokens` against a plain per-token reference.

`Doc` builds its columns a list at a time and gives only some words the full rules (those a full
stop, "'s", "’s" or a following apostrophe may come off; those not all letters). The reference
below runs every rule on every word, one word at a time, as the tokenizer did before it worked in
columns, and the test compares the two on seeded random lines.
"""

from __future__ import annotations

import random
import re
from typing import Any

from summarizer.candidates import tokens
from summarizer.candidates.tokens import Doc
from summarizer.cleaning import CleanedDocument, Region, clean

# Dotted initials ("U.S."); a word with inner hyphens, apostrophes or "&", and a full stop; "&".
_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_](?:[^\W_]|[-'’&](?=[^\W_]))*\.?|&")
_DOTTED = re.compile(r"(?:[^\W\d_]\.){2,}")
_COLUMNS = ("words", "starts", "ends", "stops", "poss", "initial", "gaps", "keys", "caps", "uppers", "digits")


def _reference(document: CleanedDocument) -> tuple[dict[str, list[Any]], list[tuple[int, int]]]:
    text = document.text
    removed = [(r.start, r.end, False) for r in getattr(document, "removed", ())]
    cols: dict[str, list[Any]] = {name: [] for name in _COLUMNS}
    kept = []
    for rstart, rend, is_kept in sorted([(r.start, r.end, True) for r in document.kept] + removed):
        header = rstart > len(text) // 2 and tokens._COMMENT_HEADER.match(text[rstart:rend].strip())
        if not is_kept or header:
            continue
        kept.append((rstart, rend))
        line_start, match_end = len(cols["words"]), rstart
        for m in _WORD.finditer(text, rstart, rend):
            word, start, end = m.group(), m.start(), m.end()
            # A sentence's full stop comes off; an abbreviation's or an initial's ("Mr.", "A.") stays.
            stop = word.endswith(".") and not _DOTTED.fullmatch(word)
            initial_letter = len(word) == 2 and word[0].isupper()
            abbreviation = word[:-1].lower() in tokens._ABBREVIATIONS
            if word[:-1].lower() == "no":  # "No." only before a number
                abbreviation = text[end : end + 2].strip()[:1].isdigit()
            stop = stop and not (abbreviation or initial_letter)
            if stop:
                word, end = word[:-1], end - 1
            poss = len(word) > 2 and word[-2:] in ("'s", "’s")
            if poss:
                word, end = word[:-2], end - 2
            elif (
                word.endswith("s")
                and text[end : end + 1] in ("'", "’")
                and text[end + 1 : end + 2] in (" ", "")
            ):
                poss = True  # "ranchers’ association": the word keeps its letters
            if len(cols["words"]) == line_start:
                initial = True
            else:
                # Sentence punctuation is looked for after the word as matched, before any suffix
                # came off; the gap kept is the one after the shortened word.
                cols["gaps"][-1] = text[cols["ends"][-1] : start]
                after_match = text[match_end:start]
                initial = (
                    cols["stops"][-1]
                    or (after_match != " " and bool(tokens._OPENING.search(after_match)))
                    or cols["keys"][-1] in ("a.m.", "p.m.")  # "at 5 a.m. Critics said"
                )
            low, digit = word.lower(), any(c.isdigit() for c in word)
            dotted = "." in word[:-1] and bool(_DOTTED.fullmatch(word))
            particle = word[0].islower() and bool(tokens._PARTICLE_PREFIX.match(word))
            for name, value in (
                ("words", word), ("starts", start), ("ends", end), ("stops", stop), ("poss", poss),
                ("initial", initial), ("gaps", None),
                ("keys", (low if dotted else low.rstrip(".")).replace("’", "'")),
                ("caps", not digit and (word[0].isupper() or particle)),
                ("uppers", word.isupper() and len(word.replace(".", "")) >= 2), ("digits", digit),
            ):  # fmt: skip
                cols[name].append(value)
            match_end = m.end()
    return cols, kept


# Words whose suffixes, initials and gaps take the rewrite's special paths, and a few plain ones.
# fmt: off
_VOCABULARY = [
    "Trump's", "Trump's.", "Trump’s", "Jones’", "ranchers'", "ranchers’", "x's", "'s", "’s", "Mr.",
    "Dr.", "st.", "Inc.", "A.", "B.", "U.S.", "U.S.A", "NATO.", "end.", "I", "I'm", "I’ve", "al-Sayed",
    "d'Arc", "l’Oréal", "AT&T", "&", "3M", "F-35", "2025", "IMF", "Hernández", "é", "the", "The", "and",
    "said", "co-op", "ǅemal", "Ⅻ", "Monday", "Netherlands", "a.m.", "P.M.", "no.", "No.", "10",
]
# fmt: on
_GAPS = [" ", " ", " ", "", ", ", ". ", "  ", " — ", "'", "’ ", "' ", ": ", " “", "? ", "'s "]


# "'" after "Trump's" opens a sentence (the gap is read after the word as matched, not as "'s'"
# after "Trump"); a possessive apostrophe that ends the text.
_EDGE_CASES = ["Trump's'& co said", "Dr. Ada Lune’s'& firm", "the ranchers’"]


def _random_text(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(1, 6)):
        parts = [rng.choice(_VOCABULARY) + rng.choice(_GAPS) for _ in range(rng.randint(0, 12))]
        lines.append("".join(parts))
    if rng.random() < 0.1:
        lines.append("Comments (3)")
    return "\n".join(lines)


def _documents(rng: random.Random, count: int) -> list[CleanedDocument]:
    """The edge cases, then random texts: half cleaned, half with every line kept as a region that
    may stop a character short (so that a line can end right before an apostrophe)."""
    documents = [clean(text) for text in _EDGE_CASES]
    for k in range(count):
        text = _random_text(rng)
        if k % 2:
            documents.append(clean(text))
            continue
        spans = [m.span() for m in re.finditer(r"[^\n]+", text)]
        kept = tuple(Region(a, b - (b - a > 1 and rng.random() < 0.5)) for a, b in spans)
        documents.append(CleanedDocument(text=text, kept=kept, removed=()))
    return documents


def test_columns_match_per_token_reference() -> None:
    seen = dict.fromkeys(("stops", "poss", "shortened gaps", "initial after gap"), 0)
    for document in _documents(random.Random(20240611), 1000):
        text = document.text
        doc = Doc(document)
        expected, kept = _reference(document)
        assert doc.kept == kept, text
        for name in _COLUMNS:
            assert getattr(doc, name) == expected[name], (name, text)
        assert doc.lows == [w.lower() for w in doc.words], text
        assert doc.n == len(doc.words), text
        # The reference is only as strong as the cases it meets: check the special paths ran.
        seen["stops"] += sum(doc.stops)
        seen["poss"] += sum(doc.poss)
        cut = [doc.stops[i] or doc.text[doc.ends[i] : doc.ends[i] + 2] in ("'s", "’s") for i in range(doc.n)]
        shortened = [i for i in range(doc.n) if cut[i]]
        seen["shortened gaps"] += sum(doc.gaps[i] is not None for i in shortened)
        same_line = [i for i in range(1, doc.n) if doc.regions[i] == doc.regions[i - 1]]
        seen["initial after gap"] += sum(doc.initial[i] and not doc.stops[i - 1] for i in same_line)
    assert all(count >= 50 for count in seen.values()), seen
