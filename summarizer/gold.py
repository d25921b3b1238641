"""The gold-annotation format (`gold.json`, one per case folder) and its loader.

A case folder under `fixtures/` holds `document.txt`, `gold.json` and `recordings/`. Gold
items marked `"optional": true` are neither rewarded nor punished: matching one is not a false
positive, missing one is not a false negative. The README documents the format.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

from .errors import InputError
from .outputs import shown
from .schemas import ActorKind, Position

GOLD_FILE = "gold.json"
DOCUMENT_FILE = "document.txt"


class GoldActor(BaseModel):
    name: str
    aliases: list[str] = Field(default_factory=list)
    kind: ActorKind = "other"
    optional: bool = False

    @property
    def forms(self) -> list[str]:
        return [self.name, *self.aliases]


class GoldQuote(BaseModel):
    text: str = Field(description="Verbatim text of the quote, without its quote marks.")
    speaker: str = Field(description="Canonical name of the speaker (an actor's name).")
    optional: bool = False


class GoldStance(BaseModel):
    holder: str
    topic: str
    position: Position
    keywords: list[str] = Field(default_factory=list, description="Words that name the topic.")
    optional: bool = False


class GoldRisk(BaseModel):
    description: str
    keywords: list[str] = Field(min_length=1, description="Words a matching risk must mention.")
    optional: bool = False


class Gold(BaseModel):
    description: str = ""
    features: list[str] = Field(default_factory=list)
    actors: list[GoldActor] = Field(default_factory=list)
    quotes: list[GoldQuote] = Field(default_factory=list)
    stances: list[GoldStance] = Field(default_factory=list)
    risks: list[GoldRisk] = Field(default_factory=list)
    forbidden_actors: list[str] = Field(default_factory=list)

    def actor(self, name: str) -> GoldActor | None:
        return next((a for a in self.actors if a.name == name), None)


class Case(BaseModel):
    name: str
    path: Path
    document: str
    gold: Gold


def load_case(folder: Path) -> Case:
    try:
        gold = Gold.model_validate_json((folder / GOLD_FILE).read_text("utf-8"))
        document = (folder / DOCUMENT_FILE).read_text("utf-8")
    except (OSError, ValueError) as exc:
        reason = " ".join(str(exc).split())[:200]
        raise InputError(f"Case {shown(folder)} is not readable ({reason}); fix or remove it.") from exc
    return Case(name=folder.name, path=folder, document=document, gold=gold)


# How deep below the root a case folder may be: root itself, root/case, root/group/case.
# A bounded walk: `eval /` looks at three levels, not the whole file system.
CASE_DEPTH = 2


def find_case_folders(root: Path) -> list[Path]:
    """Every folder at most CASE_DEPTH levels below `root` (or `root` itself) that holds
    gold.json and document.txt."""
    if not root.is_dir():
        raise InputError(f"{shown(root)} is not a folder of evaluation cases.")
    patterns = [GOLD_FILE, *("/".join(["*"] * depth + [GOLD_FILE]) for depth in range(1, CASE_DEPTH + 1))]
    found = set()
    for pattern in patterns:
        try:
            found |= {p.parent for p in root.glob(pattern) if (p.parent / DOCUMENT_FILE).is_file()}
        except OSError:
            continue  # an unreadable folder on the way
    if not found:
        raise InputError(
            f"No cases under {shown(root)}: a case is a folder with {GOLD_FILE} and {DOCUMENT_FILE}."
        )
    return sorted(found)


def find_cases(root: Path) -> list[Case]:
    """The cases under `root` (see `find_case_folders`); a case that cannot be read raises."""
    return [load_case(f) for f in find_case_folders(root)]
