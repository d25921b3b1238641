"""Write recordings for hand-authored answers, marked `authored` (never passed off as recorded).

A case folder may hold `authored.json`: a SummaryDraft written by hand. This module runs the
real pipeline on the case's document with a transport that answers with that draft, and stores
the exchange under the case's `recordings/` with provenance `source: authored`. Re-run it after
changing a prompt template, since the request (and so the key) changes:

    python -m summarizer.testing.authoring fixtures

Re-authoring is idempotent: a recording whose request and answer are unchanged is left as it is
(its date included), so a run on a clean tree changes no file.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import httpx2

from ..fixtures import FixtureStore, canonical_body, request_key

AUTHORED_FILE = "authored.json"
DOCUMENT_FILE = "document.txt"
AUTHORED_MODEL = "authored-by-hand"


def chat_completion(
    arguments: dict[str, Any],
    *,
    model: str = AUTHORED_MODEL,
    finish_reason: str = "stop",
    usage: tuple[int, int] = (0, 0),
) -> dict[str, Any]:
    """A chat.completion body whose single tool call carries `arguments`."""
    return {
        "id": "chatcmpl-authored",
        "object": "chat.completion",
        "created": 0,
        "model": model,
        "choices": [
            {
                "index": 0,
                "finish_reason": finish_reason,
                "message": {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "id": "call_authored",
                            "type": "function",
                            "function": {"name": "SummaryDraft", "arguments": json.dumps(arguments)},
                        }
                    ],
                },
            }
        ],
        "usage": {
            "prompt_tokens": usage[0],
            "completion_tokens": usage[1],
            "total_tokens": usage[0] + usage[1],
        },
    }


def author_case(case_dir: Path) -> Path:
    """Record the case's authored answer against the current prompt; returns the file written."""
    from ..pipeline import summarize

    draft = json.loads((case_dir / AUTHORED_FILE).read_text("utf-8"))
    note = draft.pop("_note", "Written by hand for tests and evaluation; not a model's output.")
    store = FixtureStore(case_dir)
    before = {path: json.loads(path.read_text("utf-8")) for path in store.paths()}
    authored = {r["key"]: path for path, r in before.items() if r["provenance"].get("source") == "authored"}
    written: list[Path] = []

    def answer(request: httpx2.Request) -> httpx2.Response:
        body = json.loads(request.content)
        response = httpx2.Response(200, json=chat_completion(draft), request=request)
        provenance = {
            "source": "authored",
            "provider": "replay",
            "model": AUTHORED_MODEL,
            "date": dt.date.today().isoformat(),
            "note": note,
        }
        old = authored.get(request_key(body))
        if old is not None and _unchanged(before[old], body, response, provenance):
            written.append(old)  # same exchange: keep the file and its date
        else:
            written.append(store.save(body, response, provenance))
        return response

    text = (case_dir / DOCUMENT_FILE).read_text("utf-8")
    summarize(
        text,
        provider="openai",
        model=AUTHORED_MODEL,
        base_url="http://authoring.invalid/v1",
        api_key="not-needed",
        http_client=httpx2.Client(transport=httpx2.MockTransport(answer)),
    )
    for stale in set(authored.values()) - set(written):  # made for an older prompt
        stale.unlink()
    return written[-1]


def _unchanged(
    record: dict[str, Any], body: dict[str, Any], response: httpx2.Response, provenance: dict
) -> bool:
    """Whether a stored recording already holds this exchange (its date aside)."""
    dated = {k: v for k, v in record["provenance"].items() if k != "date"}
    return (
        record["request"] == canonical_body(body)
        and record["response"]["body"] == response.json()
        and dated == {k: v for k, v in provenance.items() if k != "date"}
    )


def main(argv: list[str]) -> int:
    root = Path(argv[0] if argv else "fixtures")
    for authored in sorted(root.rglob(AUTHORED_FILE)):
        print(author_case(authored.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
