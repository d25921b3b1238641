"""HTML and Markdown views, checked in a real headless Chromium (Debian's package).

Screenshots are kept in test-artifacts/ for people to look at.
"""

import json
import re
import shutil
import subprocess
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import summarize
from summarizer.cli import app
from summarizer.evaluation import compare, evaluate
from summarizer.testing.authoring import AUTHORED_MODEL, author_case
from summarizer.views.html import report_html, summary_html
from summarizer.views.report import report_markdown
from summarizer.views.summary import to_markdown

from .conftest import ROOT, SEED

SEED_CASE = ROOT / "fixtures" / "us_china_diplomacy"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (CI installs it)")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def browse(page: Path, tmp_path: Path, screenshot: str, width: int = 1400, height: int = 1100) -> str:
    """Open `page` in headless Chromium: save a screenshot, return the DOM after scripts."""
    ARTIFACTS.mkdir(exist_ok=True)
    common = [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'chromium'}", f"--window-size={width},{height}"]
    subprocess.run(
        [*common, f"--screenshot={ARTIFACTS / screenshot}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert (ARTIFACTS / screenshot).stat().st_size > 10_000
    dom = subprocess.run(
        [*common, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120, check=True
    )
    return dom.stdout


class Marks(HTMLParser):
    """Collects the rendered DOM's quote marks, speaker labels, script elements and title."""

    def __init__(self) -> None:
        super().__init__()
        self.quotes: dict[str, str] = {}
        self.labels: dict[str, str] = {}
        self.scripts = 0
        self.title = ""
        self._open: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.scripts += tag == "script"
        if tag == "mark" and attrs.get("data-quote-id"):
            self._open.append(("quote", attrs["data-quote-id"]))
        elif tag == "span" and attrs.get("data-label-for"):
            self._open.append(("label", attrs["data-label-for"]))
        elif tag == "title":
            self._open.append(("title", None))
        else:
            self._open.append(("", None))

    def handle_endtag(self, tag):
        if self._open:
            self._open.pop()

    def handle_data(self, data):
        for kind, key in self._open:
            if kind == "quote":
                self.quotes[key] = self.quotes.get(key, "") + data
            elif kind == "label":
                self.labels[key] = self.labels.get(key, "") + data
            elif kind == "title":
                self.title += data


def _seed_summary():
    return summarize(SEED.read_text("utf-8"), provider="replay", fixtures=SEED_CASE, model=AUTHORED_MODEL)


@needs_chromium
def test_seed_view_highlights_every_quote_with_its_speaker(tmp_path: Path) -> None:
    """In the rendered page, each quote is highlighted at its exact text, labelled with its speaker."""
    summary = _seed_summary()
    page = tmp_path / "seed.html"
    page.write_text(summary_html(summary, SEED.read_text("utf-8")))
    marks = Marks()
    marks.feed(browse(page, tmp_path, "seed-summary.png"))
    names = {a.id: a.name for a in summary.actors}
    assert {q.id: q.text for q in summary.quotes} == marks.quotes
    assert {q.id: names[q.speaker_id] for q in summary.quotes} == marks.labels
    assert marks.scripts == 0


@needs_chromium
def test_planted_script_is_shown_not_run(tmp_path: Path) -> None:
    """A <script> and an onerror handler in the document appear as text and never execute."""
    case = tmp_path / "case"
    case.mkdir()
    text = (
        "Alice Smith said “<b>bold</b> claims” were false.\n"
        "<script>document.title='PWNED'</script><img src=x onerror=\"document.title='PWNED'\">"
    )
    (case / "document.txt").write_text(text)
    (case / "authored.json").write_text(
        json.dumps(
            {
                "headline": "<script>document.title='PWNED'</script>",
                "tldr": "t",
                "actors": [{"id": "A1", "name": "Alice Smith", "kind": "person"}],
                "quotes": [{"quote_id": "Q1", "speaker_id": "A1"}],
                "stances": [],
                "risks": [],
            }
        )
    )
    author_case(case)
    summary = summarize(text, provider="replay", fixtures=case)
    page = tmp_path / "planted.html"
    page.write_text(summary_html(summary, text))
    dom = browse(page, tmp_path, "planted-script.png")
    marks = Marks()
    marks.feed(dom)
    # Had either planted script run, the title would read just PWNED.
    assert marks.scripts == 0 and marks.title == "<script>document.title='PWNED'</script>"
    assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;" in dom
    assert marks.quotes["Q1"] == "<b>bold</b> claims"


@needs_chromium
def test_eval_report_view_shows_deltas_and_misses(tmp_path: Path) -> None:
    """The eval report page colours better and worse cells and lists each case's misses."""
    current = evaluate(SEED_CASE, model=AUTHORED_MODEL)
    baseline = current.model_copy(deep=True)
    baseline.cases[0].quote_f1 = 0.5
    baseline.cases[0].actor_f1 = 1.5  # pretend the baseline was better here
    baseline.aggregate["quote_f1"] = 0.5
    comparison = compare(current, baseline)
    worse = current.model_copy(deep=True)
    worse.cases[0].misses.quotes_missed = ["poison pill clauses"]
    page = tmp_path / "report.html"
    page.write_text(report_html(worse, comparison))
    dom = browse(page, tmp_path, "eval-report.png")
    assert 'class="better"' in dom and "+0.50" in dom
    assert 'class="worse"' in dom and "-0.50" in dom
    assert "gold quotes not found" in dom and "poison pill clauses" in dom
    assert 'id="aggregate-chart"' in dom


def test_markdown_views_for_summary_and_report() -> None:
    """Both views have Markdown forms for tickets and chats."""
    summary = _seed_summary()
    text = to_markdown(summary)
    assert text.startswith("# U.S. and Chinese") and "**Jensen Huang**: “exactly wrong for America”" in text
    report = report_markdown(evaluate(SEED_CASE, model=AUTHORED_MODEL))
    assert "| **aggregate** |" in report and "us_china_diplomacy" in report


def test_cli_writes_html_views(tmp_path: Path) -> None:
    """`summarize --format html -o` and `eval --html/--markdown` write self-contained files."""
    view = tmp_path / "view.html"
    result = CliRunner().invoke(
        app,
        [
            "summarize",
            str(SEED),
            "--provider",
            "replay",
            "--fixtures",
            str(SEED_CASE),
            "--model",
            AUTHORED_MODEL,
            "--format",
            "html",
            "-o",
            str(view),
        ],
    )
    assert result.exit_code == 0, result.output
    html = view.read_text()
    assert '<mark class="quote"' in html and "http://" not in html and "https://" not in html
    report, md = tmp_path / "r.html", tmp_path / "r.md"
    result = CliRunner().invoke(
        app, ["eval", str(SEED_CASE), "--model", AUTHORED_MODEL, "--html", str(report), "--markdown", str(md)]
    )
    assert result.exit_code == 0 and '<table id="cases">' in report.read_text()
    assert md.read_text().startswith("# Evaluation")


# --- responsive layout and evidence on demand ------------------------------------------------------

PROBE = """<style>* { transition: none !important; }</style><script>
const report = (result) => {
  const pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(result);
  document.body.appendChild(pre);
};
const bg = (el) => getComputedStyle(el).backgroundColor;
const all = (selector) => [...document.querySelectorAll(selector)];
const lit = (selector) => all(selector).filter((el) => bg(el) !== "rgba(0, 0, 0, 0)").length;
%s
</script>"""


def probe(html: str, script: str, tmp_path: Path, width: int) -> dict:
    """Run `script` in the page laid out `width` px wide and return what it reports.

    The page runs no script of its own (its CSP forbids it), so the probe runs in a test-only copy
    without the CSP, inside an iframe of the given width: Chromium's headless window is at least
    500 px wide, an iframe can be narrower. Transitions are off so styles are read at their end.
    """
    import html as html_module

    page = html.replace('http-equiv="Content-Security-Policy"', 'name="csp-removed-for-the-probe"')
    page = page.replace("</body>", PROBE % script + "</body>")
    outer = tmp_path / f"probe-{width}.html"
    outer.write_text(
        f'<!DOCTYPE html><html><body style="margin:0"><iframe id="page" style="width:{width}px;'
        f'height:900px;border:0" srcdoc="{html_module.escape(page, quote=True)}"></iframe><script>'
        'document.getElementById("page").addEventListener("load", (event) => {'
        ' const pre = document.createElement("pre"); pre.id = "result";'
        ' pre.textContent = event.target.contentDocument.getElementById("probe").textContent;'
        " document.body.appendChild(pre); });</script></body></html>"
    )
    dom = subprocess.run(
        [
            CHROMIUM,
            *FLAGS,
            f"--user-data-dir={tmp_path / 'chromium'}",
            "--window-size=1400,1000",
            "--dump-dom",
            outer.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    found = re.search(r'<pre id="result">(.*?)</pre>', dom, re.S)
    assert found, dom[-2000:]
    return json.loads(unescape(found.group(1)))


def _seed_page() -> tuple[str, object]:
    summary = _seed_summary()
    return summary_html(summary, SEED.read_text("utf-8")), summary


@needs_chromium
@pytest.mark.parametrize("width", [420, 1280])
def test_summary_view_reads_well_on_a_phone_and_a_desktop(tmp_path: Path, width: int) -> None:
    """At 420 px the source takes the full width (one column); at 1280 px it sits beside the summary.

    Screenshots of both are kept: test-artifacts/summary-420.png and summary-1280.png.
    """
    html, _ = _seed_page()
    page = tmp_path / "seed.html"
    page.write_text(html)
    browse(page, tmp_path, f"summary-{width}.png", width=width, height=4200 if width < 600 else 1600)
    layout = probe(
        html,
        """const box = (s) => document.querySelector(s).getBoundingClientRect();
        report({viewport: document.documentElement.clientWidth, page: document.documentElement.scrollWidth,
                source: box("#source"), summary: box(".summary-column"),
                font: parseFloat(getComputedStyle(document.getElementById("source")).fontSize)});""",
        tmp_path,
        width,
    )
    assert layout["page"] <= layout["viewport"]  # nothing spills sideways
    assert layout["font"] >= 15
    if width < 600:
        assert layout["source"]["width"] >= 0.8 * layout["viewport"]  # not one word a line
        assert layout["summary"]["bottom"] <= layout["source"]["top"]  # summary first, then the source
    else:
        assert layout["source"]["right"] <= layout["summary"]["left"]  # side by side
        assert layout["source"]["width"] >= 600


@needs_chromium
def test_evidence_shows_on_demand_and_quotes_stay_highlighted(tmp_path: Path) -> None:
    """No evidence is lit at first; focusing or tapping a stance or risk lights its sentences only."""
    html, summary = _seed_page()
    stance = next(i for i, s in enumerate(summary.stances) if s.evidence)
    risk = next(i for i, r in enumerate(summary.risks) if r.evidence)
    states = probe(
        html,
        f"""const result = {{quotes: lit("mark.quote"), allQuotes: all("mark.quote").length,
                          atFirst: lit(".evidence"), evidence: all(".evidence").length}};
        document.getElementById("item-s{stance}").focus();
        result.focused = lit(".ev-s{stance}"); result.focusedOthers = lit(".evidence:not(.ev-s{stance})");
        result.stanceSpans = document.querySelectorAll(".ev-s{stance}").length;
        document.activeElement.blur();
        location.hash = "#src-r{risk}";  // what a tap on the risk does
        result.target = lit(".ev-r{risk}"); result.targetOthers = lit(".evidence:not(.ev-r{risk})");
        result.riskSpans = document.querySelectorAll(".ev-r{risk}").length;
        location.hash = "";
        document.getElementById("all-evidence").click();
        result.all = lit(".evidence");
        report(result);""",
        tmp_path,
        1280,
    )
    assert states["evidence"] > 0 and states["atFirst"] == 0
    assert states["quotes"] == states["allQuotes"] > 0
    assert states["focused"] == states["stanceSpans"] > 0 and states["focusedOthers"] == 0
    assert states["target"] == states["riskSpans"] > 0 and states["targetOthers"] == 0
    assert states["all"] == states["evidence"]
    assert "<script" not in html


def test_every_stance_and_risk_with_evidence_links_to_its_first_sentence() -> None:
    """Each stance or risk with evidence is a link to an anchor where its first evidence span starts."""
    html, summary = _seed_page()
    document = SEED.read_text("utf-8")
    for key, items in (("s", summary.stances), ("r", summary.risks)):
        for i, item in enumerate(items):
            if item.evidence:
                assert f'id="item-{key}{i}" href="#src-{key}{i}"' in html
                first = min(e.start for e in item.evidence)
                anchor = html.index(f'id="src-{key}{i}"')
                following = unescape(re.sub(r"<[^>]+>", "", html[anchor : anchor + 2000]).split(">", 1)[-1])
                assert following.lstrip().startswith(document[first : first + 20].strip()[:10])


@needs_chromium
@pytest.mark.parametrize("width", [420, 1280])
def test_eval_report_view_fits_a_phone_and_a_desktop(tmp_path: Path, width: int) -> None:
    """The eval page never spills sideways: its wide tables scroll in their own box.

    Screenshots: test-artifacts/eval-report-420.png and eval-report-1280.png.
    """
    html = report_html(evaluate(ROOT / "fixtures"))
    page = tmp_path / "report.html"
    page.write_text(html)
    browse(page, tmp_path, f"eval-report-{width}.png", width=width, height=1600)
    layout = probe(
        html,
        """report({viewport: document.documentElement.clientWidth, page: document.documentElement.scrollWidth,
                cases: document.querySelector("#cases").parentElement.getBoundingClientRect().width});""",
        tmp_path,
        width,
    )
    assert layout["page"] <= layout["viewport"]
    assert layout["cases"] <= layout["viewport"]
