"""Your own grounded fields: `summarize(text, extra={"figures": list[Figure]})`.

A user describes extra fields with Pydantic types. A field typed `Evidence` is grounded like a
stance's evidence: in the draft the model fills it is a short list of segment ids (`S4`, `Q2`),
and the library copies the exact spans from the document. From the user's types this package
builds

- the draft model the model fills (`SummaryDraft` plus the extra fields; Evidence -> 1 to 3 ids,
  every list at most `MAX_ITEMS` items, every string at most `MAX_TEXT` characters), and
- the grounding of a draft's extra fields: ids -> spans (an unknown id, or one of text addressed to
  an AI model, is a `Problem`: re-asked once, then dropped with a warning), items left with no
  evidence dropped, free text cleaned like every other field (`grounding.clean_field`).

The output is typed as the user declared it: `summary.extra["figures"]` is a list of `Figure`,
whose `evidence` is a list of `Span`. A `Summary` subclass works too: its own fields are the
extra fields, and the summary comes back as an instance of it.

The package, one module per job: `shapes` (a field's draft type and its grounding), `extra`
(`ExtraFields`: one configuration's fields), `reading` (merging chunks, spans for the eval,
fields for the views), `loading` (`--schema` from the command line).
"""

from .extra import ExtraFields, extra_fields
from .loading import load_schema, model_from_json
from .reading import merge_extra, spans_in, user_fields
from .shapes import EVIDENCE, MAX_ITEMS, MAX_TEXT, RESERVED, Evidence

__all__ = [
    "EVIDENCE",
    "MAX_ITEMS",
    "MAX_TEXT",
    "RESERVED",
    "Evidence",
    "ExtraFields",
    "extra_fields",
    "load_schema",
    "merge_extra",
    "model_from_json",
    "spans_in",
    "user_fields",
]
