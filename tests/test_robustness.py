"""Unattended runs: batches under faults, bad input, secrets that must not leak, shared caches."""

import asyncio
import codecs
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.batch import run_batch
from summarizer.cli import app
from summarizer.history import History
from summarizer.testing.fake_server import FakeOpenAI, Reply

from .conftest import ROOT, fast_settings

SENTINEL = "sk-sentinel-DO-NOT-LEAK-0123456789abcdef"
runner = CliRunner()


# --- batch under faults ------------------------------------------------------------------------


def test_batch_of_500_under_faults_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    """~20% transient and 2% permanent failures: every document ends as exactly one line;
    --resume after the fault is lifted finishes the failures without repeating any document."""
    docs = tmp_path / "docs"
    docs.mkdir()
    paths = []
    for i in range(500):
        path = docs / f"{i:03}.txt"
        path.write_text(f"Alice Smith reported figure {i} on Monday.{' PERMANENT' if i % 50 == 7 else ''}")
        paths.append(path)
    seen: dict[str, int] = {}

    def flaky(n: int, request: dict) -> Reply:
        text = json.dumps(request)
        if "PERMANENT" in text:
            return Reply(status=400, body={"error": {"message": "bad request"}})
        key = re.search(r"figure (\d+)", text).group(1)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] == 1 and n % 5 == 0:  # about one call in five fails once
            return Reply(status=503, body={"error": {"message": "busy"}})
        return Reply()

    out = tmp_path / "out.jsonl"
    settings = fast_settings(cache=False)
    with FakeOpenAI(script=flaky) as server:
        stats = asyncio.run(
            run_batch(paths, out, settings.with_changes(base_url=server.base_url), concurrency=16)
        )
        first_calls = server.count
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(lines) == 500 and len({row["id"] for row in lines}) == 500
    assert stats.failed == 10 and stats.done == 490
    assert first_calls > 500 + 10  # transient faults were retried
    done_before = {row["id"] for row in lines if row["status"] == "ok"}

    with FakeOpenAI() as healed:
        stats = asyncio.run(
            run_batch(
                paths, out, settings.with_changes(base_url=healed.base_url), concurrency=16, resume=True
            )
        )
        assert healed.count == 10  # only the ten permanent failures were done again
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(lines) == 500 and all(row["status"] == "ok" for row in lines)
    assert done_before <= {row["id"] for row in lines} and stats.skipped == 490


# --- bad input ---------------------------------------------------------------------------------


def _summarize_file(path: Path, *extra: str):
    with FakeOpenAI() as server:
        result = runner.invoke(
            app,
            ["summarize", str(path), "--provider", "openai", "--base-url", server.base_url, *extra],
            env={"OPENAI_API_KEY": SENTINEL},
        )
        return result, server.count


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\t\n  ", "empty"),
        ("binary.bin", bytes(range(256)) * 4, "binary"),
    ],
)
def test_unusable_input_exits_1_with_zero_requests(tmp_path: Path, name, content, message) -> None:
    """Empty, whitespace-only and binary files: one sentence, exit 1, no HTTP request."""
    path = tmp_path / name
    path.write_bytes(content)
    result, calls = _summarize_file(path)
    assert result.exit_code == 1 and message in result.stderr and calls == 0
    assert "Traceback" not in result.output


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16"])
def test_other_encodings_are_decoded(tmp_path: Path, encoding: str) -> None:
    """Latin-1 text and UTF-16 with a BOM are read correctly, offsets into the decoded text."""
    text = 'Alice Smith, née Müller, said "ça va" in Zürich.'
    path = tmp_path / "doc.txt"
    latin = encoding == "latin-1"
    data = text.encode("latin-1") if latin else codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    path.write_bytes(data)
    result, calls = _summarize_file(path)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert calls == 1 and summary["actors"][0]["name"] == "Alice Smith"
    assert [(q["text"], q["speaker_id"]) for q in summary["quotes"]] == [
        ("ça va", summary["actors"][0]["id"])
    ]


def test_oversized_file_is_refused_by_the_documented_limit(tmp_path: Path) -> None:
    """A 20 MB file is refused (limit 5 MB) before any request."""
    path = tmp_path / "big.txt"
    path.write_bytes(b"Alice Smith spoke. " * (20 * 1024 * 1024 // 19))
    result, calls = _summarize_file(path)
    assert result.exit_code == 1 and "5 MB" in result.stderr and calls == 0


def test_single_huge_line_is_refused_before_any_call(tmp_path: Path) -> None:
    """A 1 MB line with no sentence breaks exceeds the context: refused, zero requests."""
    path = tmp_path / "line.txt"
    path.write_text("Alice " + "x" * (1024 * 1024))
    result, calls = _summarize_file(path)
    assert result.exit_code == 1 and "longer than the model's context" in result.stderr and calls == 0


def test_long_document_is_chunked_not_sent_whole() -> None:
    """A document longer than the context is chunked: no request carries more than the context."""
    from summarizer import summarize
    from summarizer.chunking import estimate_tokens

    text = "\n".join(f"Alice Smith said item {i} was ready for review today." for i in range(3000))
    with FakeOpenAI() as server:
        summary = summarize(text, settings=fast_settings(base_url=server.base_url, context_tokens=8000))
        sizes = [estimate_tokens(json.dumps(r["messages"])) for r in server.requests]
    assert summary.meta.chunks > 1 and server.count == summary.meta.chunks + 1
    assert max(sizes) < 8000 - 2048


def test_html_file_is_reduced_to_its_article_text(tmp_path: Path) -> None:
    """An HTML page is read through trafilatura; its script is never part of the text."""
    path = tmp_path / "page.html"
    path.write_text(
        "<!DOCTYPE html><html><head><script>alert('x')</script></head><body><nav>Home</nav>"
        "<article><h1>Plant opens</h1><p>Alice Smith opened the plant on Monday. "
        "“We expect to hire 300 people,” Smith said.</p></article></body></html>"
    )
    result, calls = _summarize_file(path)
    assert result.exit_code == 0, result.output
    assert calls == 1
    assert "alert" not in json.dumps(json.loads(result.stdout))


_HIDDEN_WORDS = [
    ("<p hidden>", "</p>", "The union is lying"),
    ('<p hidden style="color: red">', "</p>", "Red words"),
    ('<div aria-hidden="true" style="margin: 0">', "</div>", "Margin words"),
    ('<p style="display:none">', "</p>", "We will close the plant"),
    ('<span style="font-size:0">', "</span>", "Prices will triple"),
    ('<span style="opacity: 0 !important">', "</span>", "Safety is optional"),
    ('<div aria-hidden="true">', "</div>", "I hate this town"),
    ("<template><p>", "</p></template>", "Template words"),
    ("<noscript><p>", "</p></noscript>", "Noscript words"),
    ("<!-- ", " -->", "Comment words"),
]


@pytest.mark.parametrize("paragraphs", [0, 12], ids=["short page", "long page"])
def test_words_a_page_hides_from_its_reader_are_not_read(paragraphs: int) -> None:
    """A page can hide words from its readers (the `hidden` attribute, an inline style, a
    template) that a summary would then quote as Jane Roe's. The text is what a reader sees;
    trafilatura left some of these in, and on a short page it falls back to extractors that
    keep the rest."""
    from summarizer.documents import html_to_text

    filler = "".join(
        f"<p>Paragraph {i} of the story says the plant in Dunmore employs many people from the town "
        "and that its owner has invested in new lines over the past decade.</p>"
        for i in range(paragraphs)
    )
    hidden = "".join(f'{open_}"{words}," said Jane Roe.{close}' for open_, close, words in _HIDDEN_WORDS)
    page = (
        "<!DOCTYPE html><html><body><article><h1>Plant to stay open, company says</h1>"
        "<p>Acme Corp will keep its Dunmore plant open, chief executive Jane Roe said on Monday.</p>"
        f"{hidden}{filler}"
        '<p style="font-size: 0.9em">“We are committed to Dunmore,” Roe said.</p>'
        "</article></body></html>"
    )
    text = html_to_text(page, "page.html")
    assert "We are committed to Dunmore" in text and "will keep its Dunmore plant open" in text
    assert [words for _, _, words in _HIDDEN_WORDS if words in text] == []


def test_a_markdown_file_is_read_as_the_text_its_reader_sees(tmp_path: Path) -> None:
    """Emphasis, link targets and images go; a wrapped paragraph is one line; the byline, caption
    and promo written in Markdown are then recognised as furniture, and the quote is exact text."""
    from summarizer.cleaning import clean
    from summarizer.documents import read_document

    path = tmp_path / "post.md"
    path.write_text(
        "# City approves bike lanes\n\n**By [Lena Park](https://example.com/lena)** | *March 3, 2026*\n\n"
        "![A cyclist](https://example.com/bike.jpg)\n*A cyclist rides on Main Street. Photo: Sam Lee*\n\n"
        "The council voted **7-2** to add lanes to\n[Main Street](https://example.com/main).\n\n"
        '> "This is about safety," said Councilmember Rosa Diaz.\n\n'
        "*Read more: [Cycling deaths rose](https://example.com/x)*\n",
        encoding="utf-8",
    )
    text = read_document(path)
    assert "**" not in text and "](" not in text and "https://" not in text
    assert "The council voted 7-2 to add lanes to Main Street." in text.splitlines()
    cleaned = clean(text)
    kept = [cleaned.text[r.start : r.end] for r in cleaned.kept]
    assert kept == [
        "City approves bike lanes",
        "The council voted 7-2 to add lanes to Main Street.",
        '"This is about safety," said Councilmember Rosa Diaz.',
    ]


def test_a_markdown_file_of_images_only_is_refused_in_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "images.md"
    path.write_text("![a harbour](harbour.png)\n\n<div>ad</div>\n", encoding="utf-8")
    result, calls = _summarize_file(path)
    assert result.exit_code == 1 and calls == 0
    assert "has no text once its Markdown is read" in result.stderr
    assert result.stderr.strip().count("\n") == 0


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/news/story.html", "http:/127.0.0.1:9/story"])
def test_an_unreachable_url_is_fetched_not_taken_for_a_file(url: str) -> None:
    """A URL argument is fetched, not read as a missing path; a failed fetch is one sentence."""
    result, calls = _summarize_file(url)  # type: ignore[arg-type]
    assert result.exit_code == 1 and calls == 0
    assert "could not be fetched" in result.stderr and "does not exist" not in result.stderr
    assert result.stderr.strip().count("\n") == 0


def test_a_url_of_another_scheme_is_refused_with_what_to_do() -> None:
    """ftp:// and the like are not fetched: save the page and pass the file."""
    result, calls = _summarize_file("ftp://example.com/story.txt")  # type: ignore[arg-type]
    assert result.exit_code == 1 and calls == 0
    assert "save the page and pass the file" in result.stderr


def test_a_damaged_pdf_is_refused_in_one_sentence(tmp_path: Path) -> None:
    """A PDF (recognised by its %PDF- header, whatever its name) that cannot be read is refused
    before any request."""
    path = tmp_path / "report.txt"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" * 50)
    result, calls = _summarize_file(path)
    assert result.exit_code == 1 and calls == 0
    assert "is a PDF" in result.stderr
    assert result.stderr.strip().count("\n") == 0


def test_a_pdf_without_the_pdf_extra_is_refused_naming_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without pypdf a PDF is refused, naming the extra and the way to convert it."""
    import builtins

    real_import = builtins.__import__

    def no_pypdf(name: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name == "pypdf":
            raise ImportError("No module named 'pypdf'", name="pypdf")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pypdf)
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n")
    result, calls = _summarize_file(path)
    assert result.exit_code == 1 and calls == 0
    assert "summarizer[pdf]" in result.stderr and "convert it to text" in result.stderr


def test_html_extractor_that_cannot_import_names_the_missing_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When trafilatura is installed but lxml's html_clean is not, the message names lxml_html_clean."""
    from summarizer.documents import read_document

    class BrokenLxml:
        def find_spec(self, name, path=None, target=None):
            if name == "trafilatura":
                raise ImportError(
                    "lxml.html.clean module is now a separate project lxml_html_clean.\n"
                    "Install lxml[html-clean] or lxml_html_clean directly."
                )
            return None

    monkeypatch.delitem(sys.modules, "trafilatura", raising=False)
    monkeypatch.setattr(sys, "meta_path", [BrokenLxml(), *sys.meta_path])
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Alice Smith spoke.</p></body></html>")
    with pytest.raises(Exception, match="lxml_html_clean") as error:
        read_document(page)
    assert "summarizer[html]" not in str(error.value)
    monkeypatch.setattr(sys, "meta_path", [m for m in sys.meta_path if not isinstance(m, BrokenLxml)])
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # not installed at all
    with pytest.raises(Exception, match=r"summarizer\[html\]"):
        read_document(page)


def test_directory_and_missing_path_are_clear_errors(tmp_path: Path) -> None:
    """A directory or a missing path: exit 1 and a sentence that says which."""
    assert "is a directory" in _summarize_file(tmp_path)[0].stderr
    assert "does not exist" in _summarize_file(tmp_path / "nope.txt")[0].stderr


def test_closed_stdin_is_a_clear_error() -> None:
    """`-` with standard input closed: exit 1, one sentence, no traceback."""
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "summarizer",
            "summarize",
            "-",
            "--provider",
            "replay",
            "--fixtures",
            str(ROOT / "fixtures"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        preexec_fn=lambda: os.close(0),
    )
    assert completed.returncode == 1, completed.stderr
    assert "Standard input is closed" in completed.stderr and "Traceback" not in completed.stderr


def test_ansi_escapes_are_never_replayed_raw(tmp_path: Path) -> None:
    """A document with ANSI escape sequences: the JSON and Markdown outputs show them escaped."""
    path = tmp_path / "ansi.txt"
    path.write_text("Alice Smith said \x1b[31m“we are red”\x1b[0m today.\x1b]0;pwned\x07")
    result, _ = _summarize_file(path)
    assert result.exit_code == 0 and "\x1b" not in result.stdout
    markdown, _ = _summarize_file(path, "--format", "markdown")
    assert markdown.exit_code == 0 and "\x1b" not in markdown.stdout and "\x07" not in markdown.stdout


def test_jinja_syntax_in_a_document_is_kept_literally(tmp_path: Path) -> None:
    """`{{ }}` and `{% %}` in a document reach the model as written."""
    path = tmp_path / "jinja.txt"
    path.write_text("Alice Smith wrote {{ secret }} and {% for x in y %}{{ x }}{% endfor %} on a slide.")
    with FakeOpenAI() as server:
        result = runner.invoke(
            app,
            ["summarize", str(path), "--provider", "openai", "--base-url", server.base_url],
            env={"OPENAI_API_KEY": SENTINEL},
        )
        user = server.requests[0]["messages"][1]["content"]
    assert result.exit_code == 0
    assert "{{ secret }}" in user and "{% for x in y %}{{ x }}{% endfor %}" in user


# --- secrets -----------------------------------------------------------------------------------


def test_sentinel_key_never_appears_in_output_errors_logs_or_debug(
    tmp_path: Path, caplog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Across success, failure and --debug runs, the key is never printed, logged or stored
    (output, errors, logs, batch lines, the response cache, the run history database)."""
    data = tmp_path / "data"
    monkeypatch.setenv("SUMMARIZER_DATA_DIR", str(data))
    caplog.set_level(logging.DEBUG)
    doc = tmp_path / "doc.txt"
    doc.write_text("Alice Smith spoke on Monday.")
    report = tmp_path / "out.jsonl"
    outputs = []
    with FakeOpenAI(
        script=lambda n, r: Reply(status=401, body={"error": {"message": "bad key"}}) if n == 2 else Reply()
    ) as server:
        env = {"OPENAI_API_KEY": SENTINEL}
        base = ["--provider", "openai", "--base-url", server.base_url]
        outputs.append(runner.invoke(app, ["summarize", str(doc), *base, "--debug"], env=env))
        outputs.append(runner.invoke(app, ["summarize", str(doc), *base, "--no-cache"], env=env))
        outputs.append(
            runner.invoke(
                app,
                ["batch", str(doc), "-o", str(report), *base, "--cache-dir", str(tmp_path / "cache")],
                env=env,
            )
        )
    texts = [o.output for o in outputs] + [str(o.exception or "") for o in outputs]
    texts += [caplog.text, report.read_text()]
    texts += [p.read_text() for p in (tmp_path / "cache").rglob("*.json")]
    stored = [p.read_bytes() for p in data.iterdir()]  # logs.db and its WAL, byte for byte
    assert outputs[1].exit_code == 2 and "OPENAI_API_KEY" in outputs[1].stderr
    assert not [t for t in texts if SENTINEL in t]
    assert len(History.in_dir(data).recent()) == 3  # the success, the failure, the batch document
    assert stored and not [b for b in stored if SENTINEL.encode() in b]


def test_settings_never_show_the_key() -> None:
    """repr() of Settings leaves the key out."""
    assert SENTINEL not in repr(fast_settings(api_key=SENTINEL))


# --- shared cache, concurrent writers ----------------------------------------------------------


def test_two_batch_processes_sharing_one_cache_corrupt_nothing(tmp_path: Path) -> None:
    """Two processes write different outputs through one cache at once; everything stays valid."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(40):
        (docs / f"{i}.txt").write_text(f"Alice Smith counted {i % 20} boxes today.")  # overlapping keys
    paths = sorted(str(p) for p in docs.iterdir())
    cache = tmp_path / "cache"
    with FakeOpenAI(latency=0.01) as server:
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "summarizer",
                    "batch",
                    *paths,
                    "-o",
                    str(tmp_path / f"out{k}.jsonl"),
                    "--provider",
                    "openai",
                    "--base-url",
                    server.base_url,
                    "--model",
                    "m",
                    "--cache-dir",
                    str(cache),
                    "--concurrency",
                    "8",
                ],
                env={**os.environ, "OPENAI_API_KEY": SENTINEL},
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for k in (1, 2)
        ]
        for proc in procs:
            proc.wait(timeout=120)
            assert proc.returncode == 0, proc.stderr.read().decode()[-500:]
    for k in (1, 2):
        lines = [json.loads(row) for row in (tmp_path / f"out{k}.jsonl").read_text().splitlines()]
        # 40 files with 20 distinct texts: every file gets its line (issue 13, item 4)
        assert len(lines) == 40 and all(row["status"] == "ok" for row in lines)
        assert len({row["source"] for row in lines}) == 40 and len({row["id"] for row in lines}) == 20
    entries = list(cache.rglob("*.json"))
    assert entries and all(json.loads(e.read_text())["response"]["raw"] for e in entries)
    assert not list(cache.rglob("*.tmp"))
