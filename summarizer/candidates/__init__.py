"""Deterministic actor candidates: who a cleaned document names, found by rules, not by a model.

`find_candidates` reads only the kept (non-boilerplate) regions of a `CleanedDocument` and returns
the people, organisations, governments, countries and groups they name, each with its fullest
name, a kind, a role where the text gives one, the other forms the text uses for it, and the exact
offsets of every mention. The rules, in order:

1. Tokens: words with their offsets; possessives ("Trump's") and sentence-final full stops are
   split off, abbreviations ("Dr.", "Corp.", "U.S.", "J.") keep theirs.
2. Chunks: runs of capitalised words joined by single spaces, with name particles ("de", "van",
   "bin") and institutional connectors ("of", "for", "and", "&": "Ministry of Foreign Affairs").
   Headline-case lines, datelines, shouting and comment sections never start a candidate.
3. Each chunk is read as a country (a lexicon, `pycountry` when installed), an organisation or
   government (its suffix or head: "Inc", "Ministry of ...", "Commission"), a place or thing
   ("Bridge", "Plan": dropped), or a title plus a person ("Treasury Secretary Scott Bessent").
4. Mentions of one actor are grouped: a surname or first name joins the one person it belongs to,
   an acronym the organisation it abbreviates, a short form the one longer name it starts.
5. A group becomes a candidate only with evidence that it is an actor: a title, a role, an
   organisation suffix, a speech verb, a verb after it, a possessive. A capitalised word that is
   only ever a sentence's first word, or only a place ("in Korsa"), is not one.
6. Every form of every kept candidate is then matched over the kept text, longest first, so the
   mentions are complete and exact: `document.text[start:end]` is the mention.

Linear in the length of the text; no model and no heavy import (pycountry is imported lazily).
"""

from ..language import is_english
from ..segmentation import Segmentation
from .finder import Candidate, find_candidates
from .foreign import foreign_candidates
from .labels import with_whole_names
from .speakers import with_speakers
from .transcript import with_turn_speakers

__all__ = ["Candidate", "final_candidates", "find_candidates"]


def final_candidates(segmentation: Segmentation, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates of an attributed document: the finder's, tidied for other languages, plus
    the speakers it missed, a transcript's surname labels ("WELLS") under their whole names, and
    its speakers as people."""
    if not is_english(segmentation.language):
        return foreign_candidates(segmentation, candidates)
    stated = [
        q.speaker for q in segmentation.quotes if q.speaker and q.speech and q.attribution == "sentence"
    ]
    candidates = with_speakers(segmentation, candidates, list(dict.fromkeys(stated)), persons=False)
    return with_turn_speakers(segmentation, with_whole_names(segmentation, candidates))
