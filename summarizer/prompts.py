"""Load and render the prompt templates (`prompts/system.j2`, `prompts/user.j2`).

Templates run in Jinja's sandbox with `StrictUndefined`, so a user template cannot reach Python
internals and a missing variable fails loudly with its name. Document text only ever enters a
template as a variable value: it is never template source, so `{{ 7*7 }}` in a document reaches
the model literally.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from .errors import ConfigError
from .language import is_english, language_name
from .schemas import TemplateInfo
from .segmentation import Segmentation

SYSTEM_TEMPLATE = "system.j2"
USER_TEMPLATE = "user.j2"
REDUCE_TEMPLATE = "reduce.j2"
JUDGE_TEMPLATE = "judge.j2"
BOUNDARY_PREFIX = "docb-"


@functools.lru_cache(maxsize=64)
def _compile(source: str) -> jinja2.Template:
    """Compiling is most of the cost of rendering; a template's source compiles once. A user's
    template runs in Jinja's sandbox; the packaged ones are this library's own code and skip its
    per-attribute checks (half the cost of rendering a prompt)."""
    options: dict[str, Any] = {"undefined": jinja2.StrictUndefined, "autoescape": False}
    trusted = source in _packaged_sources()
    environment = jinja2.Environment(**options) if trusted else SandboxedEnvironment(**options)
    return environment.from_string(source)


@functools.lru_cache(maxsize=1)
def _packaged_sources() -> frozenset[str]:
    try:
        folder = default_template_dir()
    except ConfigError:  # an installation without them can still render a user's templates
        return frozenset()
    return frozenset(p.read_text("utf-8") for p in folder.glob("*.j2"))


def default_template_dir() -> Path:
    """`summarizer/prompts` in an installed wheel, or the repository's top-level `prompts/`."""
    package_dir = Path(__file__).resolve().parent
    for candidate in (package_dir / "prompts", package_dir.parent / "prompts"):
        if (candidate / SYSTEM_TEMPLATE).is_file():
            return candidate
    raise ConfigError(
        "The prompt templates are missing from this installation. Reinstall summarizer, "
        "or pass --template with a folder holding system.j2 and user.j2."
    )


MAX_PROMPT_ACTORS = 40  # candidates listed in the prompt (ids A1..A40); more would crowd it


def prompt_actors(segmentation: Segmentation) -> list[dict[str, str]]:
    """The actors the library found, with the ids the model cites them by."""
    return [
        {"id": f"A{i + 1}", "name": c.name, "kind": c.kind, "role": c.role or ""}
        for i, c in enumerate(segmentation.candidates[:MAX_PROMPT_ACTORS])
    ]


def proposed_speakers(segmentation: Segmentation) -> dict[str, str]:
    """Quote id -> "A3 Michael McFaul" for each quote whose speaker the text states."""
    from .names import form_tokens, name_tokens, refers_to
    from .roster import name_probe

    actors = [(f"A{i + 1}", name_probe(c)) for i, c in enumerate(segmentation.candidates[:MAX_PROMPT_ACTORS])]
    tokens = [form_tokens(a.name, a.aliases) for _, a in actors]  # refers_to needs a word of these
    proposals = {}
    for quote in segmentation.quotes:
        if quote.speaker:
            said = name_tokens(quote.speaker)
            match = next(
                (
                    f"{i} {a.name}"
                    for (i, a), forms in zip(actors, tokens, strict=True)
                    if not said.isdisjoint(forms) and refers_to(quote.speaker, a)
                ),
                quote.speaker,
            )
            proposals[quote.id] = match
    return proposals


def answer_language(document_language: str, output_language: str | None) -> str | None:
    """The language to ask the model to write in, or None to say nothing (English documents)."""
    if output_language:
        return language_name(output_language)
    return None if is_english(document_language) else language_name(document_language)


def new_boundary() -> str:
    """A random token per request, so a fake closing delimiter in a document cannot match it."""
    return BOUNDARY_PREFIX + secrets.token_hex(8)


@dataclass(frozen=True)
class PromptTemplates:
    name: str
    system_source: str
    user_source: str

    @classmethod
    def load(cls, path: str | Path | None = None) -> PromptTemplates:
        """Load the default templates, a folder (system.j2, optionally user.j2), or one file.

        A single file replaces only the instructions (system.j2); the user template, which lays
        out the document, stays the default unless the folder has its own.
        """
        default_dir = default_template_dir()
        system_file, user_file = default_dir / SYSTEM_TEMPLATE, default_dir / USER_TEMPLATE
        if path is not None:
            path = Path(path)
            if path.is_dir():
                system_file = path / SYSTEM_TEMPLATE
                # A folder may hold only the instructions; the document layout stays the default.
                if (path / USER_TEMPLATE).is_file():
                    user_file = path / USER_TEMPLATE
            elif path.is_file():
                system_file = path
            else:
                raise ConfigError(f"Template path {path} does not exist; give a .j2 file or a folder.")
        if not system_file.is_file():
            raise ConfigError(f"Template folder {system_file.parent} has no {SYSTEM_TEMPLATE}; add it.")
        name = "default" if path is None else path.name
        return cls(name, system_file.read_text("utf-8"), user_file.read_text("utf-8"))

    @functools.cached_property
    def info(self) -> TemplateInfo:  # hashed once per templates object, not on every call
        digest = hashlib.sha256()
        for source in (self.system_source, self.user_source):
            digest.update(source.encode("utf-8"))
            digest.update(b"\0")
        return TemplateInfo(name=self.name, sha256=digest.hexdigest())

    def render_reduce(self, parts: list[Any], output_language: str | None = None) -> str:
        """The prompt that turns the parts of a chunked document into one headline and tldr."""
        source = (default_template_dir() / REDUCE_TEMPLATE).read_text("utf-8")
        return _compile(source).render(parts=parts, output_language=output_language)

    @staticmethod
    def render_judge(kind: str, reference: str, candidates: list[str]) -> str:
        """The evaluation judge's prompt: which candidate states the same risk or stance."""
        source = (default_template_dir() / JUDGE_TEMPLATE).read_text("utf-8")
        return _compile(source).render(kind=kind, reference=reference, candidates=candidates)

    def render(
        self, segmentation: Segmentation, boundary: str, output_language: str | None = None
    ) -> tuple[str, str]:
        """Return (system message, user message). The system message never varies per document.

        The user message asks for the free text in `output_language`, or in the document's
        language when that is not English; an English document with no language asked for gets
        the same prompt as ever (recordings are keyed on it)."""
        try:
            system = _compile(self.system_source).render()
            user = _compile(self.user_source).render(
                output_language=answer_language(segmentation.language, output_language),
                document_language=language_name(segmentation.language),
                boundary=boundary,
                sentences=segmentation.sentences,
                quotes=[q for q in segmentation.quotes if q.speech and not q.instruction_like],
                actors=prompt_actors(segmentation),
                speakers=proposed_speakers(segmentation),
            )
        except jinja2.UndefinedError as exc:
            raise ConfigError(f"Template {self.name} uses an unknown variable: {exc.message}.") from exc
        except jinja2.exceptions.SecurityError as exc:
            raise ConfigError(f"Template {self.name} tried something the sandbox forbids: {exc}.") from exc
        except jinja2.TemplateSyntaxError as exc:
            raise ConfigError(
                f"Template {self.name} has a syntax error on line {exc.lineno}: {exc.message}."
            ) from exc
        return system, user
