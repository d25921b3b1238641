"""Web pages and PDFs as input: fetched from a local server only, and read from a built PDF."""

from __future__ import annotations

import http.server
import io
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.documents import read_document, read_source
from summarizer.errors import InputError
from summarizer.testing.fake_server import FakeOpenAI
from summarizer.web import fetch_page

ARTICLE = (
    "<!DOCTYPE html><html><head><title>Plant opens</title><script>alert('x')</script></head><body>"
    "<nav>Home | World | Business</nav><article><h1>Plant opens in Dunmore</h1>"
    "<p>Alice Smith opened the new battery plant in Dunmore on Monday, after two years of work.</p>"
    "<p>“We expect to hire 300 people by the end of the year,” Smith said at the opening.</p>"
    "<p>The plant will make cells for buses and trucks, the company said in a statement.</p>"
    "</article><footer>© Dunmore Post</footer></body></html>"
)


class _Handler(http.server.BaseHTTPRequestHandler):
    seen: list[dict[str, str]] = []

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        _Handler.seen.append(dict(self.headers))
        if self.path == "/article":
            self._send(200, "text/html; charset=utf-8", ARTICLE.encode())
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/article")
            self.end_headers()
        elif self.path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", f"/loop{len(self.path)}")
            self.end_headers()
        elif self.path == "/big":
            self._send(200, "text/html", b"<p>" + b"x" * (6 * 1024 * 1024) + b"</p>")
        elif self.path == "/file.pdf":
            self._send(200, "application/pdf", b"%PDF-1.7\n")
        else:
            self._send(404, "text/plain", b"not found")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that stops reading an oversized page is expected here


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = _QuietServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_url_is_fetched_and_its_article_extracted(site: str) -> None:
    """The page's article text, not its script or navigation, with the URL and fetch time."""
    source = read_source(f"{site}/article")
    assert "Alice Smith opened the new battery plant" in source.text
    assert "alert" not in source.text and "Business" not in source.text
    assert source.url == f"{site}/article" and source.retrieved_at and source.retrieved_at.endswith("+00:00")


def test_the_fetch_is_polite_and_follows_a_redirect(site: str) -> None:
    """A user agent that names the tool; a redirect leads to the final page, which is recorded."""
    source = read_source(f"{site}/moved")
    assert source.url == f"{site}/article"
    assert _Handler.seen[-1]["User-Agent"].startswith("summarizer/")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/loop", "redirects more than 5 times"),
        ("/big", "larger than 5 MB"),
        ("/file.pdf", "application/pdf, not a web page"),
        ("/missing", "HTTP 404"),
    ],
)
def test_a_page_that_cannot_be_summarized_is_refused_in_one_sentence(
    site: str, path: str, message: str
) -> None:
    """Redirect loops, oversized pages, non-HTML content and HTTP errors: an InputError that says so."""
    with pytest.raises(InputError, match=message):
        read_document(f"{site}{path}")


def test_a_fetch_times_out() -> None:
    """A server that never answers is given up on after the timeout."""
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts the connection, never answers
    try:
        with pytest.raises(InputError, match="did not answer within"):
            fetch_page(f"http://127.0.0.1:{listener.getsockname()[1]}/", max_bytes=1000, timeout=0.3)
    finally:
        listener.close()


def test_summarize_a_url_end_to_end_records_it_in_meta(site: str) -> None:
    """`summarizer summarize URL` summarizes the page; meta has the URL and when it was fetched."""
    with FakeOpenAI() as server:
        result = CliRunner().invoke(
            app,
            [
                "summarize",
                f"{site}/article",
                "--provider",
                "openai",
                "--base-url",
                server.base_url,
                "--no-log",
            ],
            env={"OPENAI_API_KEY": "sk-test-not-real"},
        )
        assert result.exit_code == 0, result.stderr
        assert "Alice Smith opened" in server.requests[0]["messages"][1]["content"]
    meta = json.loads(result.stdout)["meta"]
    assert meta["source_url"] == f"{site}/article" and meta["retrieved_at"] and meta["language"] == "en"


def _text_pdf(*pages: str) -> bytes:
    """A small PDF with a text layer (Helvetica), built with pypdf's public API."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    for text in pages:
        page = writer.add_blank_page(width=612, height=792)
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        lines = [
            line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in text.split("\n")
        ]
        body = " T* ".join(f"({line}) Tj" for line in lines)
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 12 Tf 14 TL 72 720 Td {body} ET".encode("latin-1"))
        page.replace_contents(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_pdf_text_layer_is_read_and_quotes_index_it(tmp_path: Path) -> None:
    """The text of every page is extracted; a summary's offsets index that extracted text."""
    pytest.importorskip("pypdf")
    path = tmp_path / "report.pdf"
    path.write_bytes(
        _text_pdf(
            "Alice Smith opened the plant on Monday.",
            '"We expect to hire 300 people," Smith said.',
        )
    )
    text = read_document(path)
    assert "Alice Smith opened the plant on Monday." in text and '"We expect to hire 300 people,"' in text
    with FakeOpenAI() as server:
        result = CliRunner().invoke(
            app,
            ["summarize", str(path), "--provider", "openai", "--base-url", server.base_url, "--no-log"],
            env={"OPENAI_API_KEY": "sk-test-not-real"},
        )
    assert result.exit_code == 0, result.stderr
    for quote in json.loads(result.stdout)["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]


def test_a_scanned_pdf_without_text_gets_a_clear_error(tmp_path: Path) -> None:
    """A PDF with no text layer (a scan) is refused with what to do: run OCR first."""
    pytest.importorskip("pypdf")
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "scan.pdf"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match="no text layer.*OCR"):
        read_document(path)
