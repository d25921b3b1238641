"""Write recordings for hand-authored answers, marked `authored` (never passed off as recorded).

A case folder may hold `authored.json`: a SummaryDraft written by hand. This module runs the
real pipeline on the case's document with a transport that answers with that draft, and stores
the exchange under the case's `recordings/` with provenance `source: authored`. Re-run it after
changing a prompt template, since the request (and so the key) changes:

    python -m summarizer.testing.authoring fixtures
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import httpx2

from ..fixtures import FixtureStore

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
    for old in store.paths():
        if json.loads(old.read_text("utf-8"))["provenance"].get("source") == "authored":
            old.unlink()
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
    return written[-1]


def main(argv: list[str]) -> int:
    root = Path(argv[0] if argv else "fixtures")
    for authored in sorted(root.rglob(AUTHORED_FILE)):
        print(author_case(authored.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
