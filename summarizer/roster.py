"""The actors of one answer: the model's, checked against the text, and the library's candidates.

The model's actors are kept when the document names them by one contiguous mention of their name
or an alias; an alias stays only when the document links it to the name (so a model cannot hand
Bob Jones's words to Alice Smith by calling her "Bob Jones"). Actors the library found itself
(candidates, listed in the prompt as A1, A2, ...) join the roster when the answer needs them: as
a quote's speaker, as the holder of a stance the model cited by id, or all of them when the user
wants every actor the document names.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast, get_args

from .names import KeptText, alias_linked, form_tokens, merge_actors, name_tokens, normalize, refers_to
from .schemas import MAX_ALIASES, Actor, ActorDraft, ActorKind
from .text_safety import short_name

if TYPE_CHECKING:
    from .candidates import Candidate

KINDS = set(get_args(ActorKind))
# Kinds the candidate finder knows from the text itself (a title, a country list); the model's
# word does not override them.
_CERTAIN_KINDS = {"person", "country"}


def candidate_id(index: int) -> str:
    """The id a candidate has in the prompt: A1 for the first."""
    return f"A{index + 1}"


def name_probe(candidate: Candidate) -> Actor:
    """The candidate as an actor to test names against (`names.refers_to`), every form kept."""
    return Actor(id="-", name=candidate.name, kind=_kind(candidate), aliases=list(candidate.aliases))


def as_actor(candidate: Candidate, actor_id: str) -> Actor:
    return Actor(
        id=actor_id,
        name=candidate.name,
        kind=_kind(candidate),
        role=candidate.role or "",
        aliases=[a for a in candidate.aliases if normalize(a) != normalize(candidate.name)][:MAX_ALIASES],
    )


class Roster:
    def __init__(self, text: KeptText, document: str, candidates: list[Candidate]):
        self.text = text
        self.document = document
        self.candidates = candidates
        self.actors: list[Actor] = []
        self.remap: dict[str, str] = {}  # the model's ids -> roster ids
        self.problems: list[tuple[str, str]] = []  # (item, message)
        self.notes: list[str] = []
        self.model_ids: set[str] = set()  # every id the model defined, kept or not

    # --- the model's actors ----------------------------------------------------------------

    def add_model_actors(self, drafts: list[ActorDraft]) -> None:
        kept: list[Actor] = []
        for i, draft in enumerate(drafts):
            actor = self._named_by_id(_from_draft(draft))
            self.model_ids.add(actor.id)
            where = f"actors[{i}] '{short_name(actor.name)}' ({actor.id})"
            if any(a.id == actor.id for a in kept):
                self.problems.append((where, f"{where} reuses id {actor.id}; give each actor its own id."))
                continue
            if not (self._named(actor) or self._offered(actor)):
                self.problems.append(
                    (where, f"{where} is not named in the document; list only actors the document names.")
                )
                continue
            aliases = [a for a in actor.aliases if self.text.mentions(a)]
            linked = [a for a in aliases if alias_linked(actor.name, a, self.document)]
            if len(linked) < len(actor.aliases):
                self.notes.append(
                    f"Dropped aliases of '{short_name(actor.name)}' that the document does not use for it "
                    f"({short_name(', '.join(a for a in actor.aliases if a not in linked), 80)})."
                )
            kept.append(self._checked_kind(actor.model_copy(update={"aliases": linked})))
        merged, remap, notes = merge_actors(kept)
        self.actors, self.remap = merged, remap
        self.notes.extend(notes)

    def _named_by_id(self, actor: Actor) -> Actor:
        """An actor the model named by a prompt id ("A3", as the embedded model did) is that
        candidate, under its name."""
        match = re.fullmatch(r"A(\d{1,3})", actor.name)
        if match is None or not 0 < int(match.group(1)) <= len(self.candidates):
            return actor
        candidate = self.candidates[int(match.group(1)) - 1]
        self.notes.append(f"The model named an actor by its id {actor.name}: {short_name(candidate.name)}.")
        return actor.model_copy(update={"name": candidate.name, "kind": _kind(candidate), "aliases": []})

    def _named(self, actor: Actor) -> bool:
        """The text names the actor: by its name, or by an alias that is a form of the name or of
        a candidate. An alias alone does not vouch for a name the text never uses: the embedded
        model listed "Rebel" with the alias "Bakery on Main Street"."""
        if self.text.names_actor(actor.model_copy(update={"aliases": []})):
            return True
        if not self.text.names_actor(actor):
            return False
        linked = [a for a in actor.aliases if alias_linked(actor.name, a, self.document)]
        return self.text.names_actor(actor.model_copy(update={"aliases": linked})) or (
            self._candidate_for(actor) is not None
        )

    def _offered(self, actor: Actor) -> bool:
        """The actor is a candidate the prompt listed, under the name the library gave it, and the
        text names that candidate by one of its own forms: "United States" for a text that says
        only "U.S." and "Washington". Refusing the library's own name would re-ask the model for
        following the prompt; `_checked_kind` then adds the forms the text uses as aliases."""
        key = normalize(actor.name)
        return any(normalize(c.name) == key and self.text.names_actor(name_probe(c)) for c in self.candidates)

    def _checked_kind(self, actor: Actor) -> Actor:
        """The candidate finder's kind where it knows it, its aliases and role where missing."""
        candidate = self._candidate_for(actor)
        if candidate is None:
            return actor
        update: dict[str, object] = {}
        if candidate.kind in _CERTAIN_KINDS and actor.kind != candidate.kind:
            self.notes.append(
                f"'{actor.name}' is {_a_kind(candidate.kind)} in the text, not {_a_kind(actor.kind)}."
            )
            update["kind"] = candidate.kind
        elif actor.kind == "country" and candidate.kind != "country":
            update["kind"] = candidate.kind if candidate.kind in KINDS else "other"
        if not actor.role and candidate.role:
            update["role"] = candidate.role
        elif actor.role and candidate.role and not self._role_is_theirs(actor.role, candidate):
            # The embedded model gave Mayor Lena Ortiz the "Council member" of the next paragraph.
            self.notes.append(
                f"The role of '{short_name(candidate.name)}' is '{short_name(candidate.role)}' in the text, "
                f"not '{short_name(actor.role)}'."
            )
            update["role"] = candidate.role
        if normalize(candidate.name) != normalize(actor.name):
            # The text's own name for it ("Ma Zhaoxu", not "China's Vice Foreign Minister Ma Zhaoxu").
            update["name"] = candidate.name
            if self.text.mentions(actor.name):
                actor = actor.model_copy(update={"aliases": [actor.name, *actor.aliases]})
        more = [
            a for a in candidate.aliases if a not in actor.aliases and normalize(a) != normalize(actor.name)
        ]
        if more:
            update["aliases"] = [*actor.aliases, *more][:MAX_ALIASES]
        return actor.model_copy(update=update) if update else actor

    def _role_is_theirs(self, role: str, candidate: Candidate) -> bool:
        """A word of `role` is in the role the text gives the candidate, or on a line that names
        it, close to the name."""
        wanted = set(_ROLE_WORD.findall(role.lower())) - _ROLE_FILLERS
        if not wanted or wanted & set(_ROLE_WORD.findall((candidate.role or "").lower())):
            return True
        text = self.document
        for start, end in candidate.mentions:
            line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
            line_end = len(text) if line_end < 0 else line_end
            near = text[max(line_start, start - _ROLE_REACH) : min(line_end, end + _ROLE_REACH)].lower()
            if any(word in near for word in wanted):
                return True
        return False

    def _candidate_for(self, actor: Actor) -> Candidate | None:
        forms = [actor.name, *actor.aliases]
        for candidate in self.candidates:
            probe = name_probe(candidate)
            if any(refers_to(form, probe) for form in forms) or refers_to(candidate.name, actor):
                return candidate
        return None

    # --- lookups that add candidates on demand ----------------------------------------------

    def by_model_id(self, model_id: str) -> Actor | None:
        """The model's own actor with that id; else the prompt's candidate with that id."""
        if model_id in self.remap:
            return self.by_id(self.remap[model_id])
        match = re.fullmatch(r"A(\d+)", model_id)
        if match and model_id not in self.model_ids and 0 < int(match.group(1)) <= len(self.candidates):
            actor = self.add(self.candidates[int(match.group(1)) - 1])
            self.remap[model_id] = actor.id
            return actor
        return None

    def by_name(self, name: str) -> Actor | None:
        """The actor a name from the text means ("Bessent", "NVDA CEO Jensen Huang"), adding the
        candidate it names, or an actor for the name itself when the candidates missed it."""
        for actor in self.actors:
            if refers_to(name, actor):
                return actor
        for candidate in self.candidates:
            if refers_to(name, name_probe(candidate)):
                return self.add(candidate)
        if len(name.split()) < 2 or not self.text.mentions(name):
            return None  # a lone word the candidates do not know is too weak to make an actor
        actor = Actor(id=self._next_id(), name=name, kind="person")
        self.actors.append(actor)
        return actor

    def by_id(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def add(self, candidate: Candidate) -> Actor:
        """The candidate as an actor of the roster (once)."""
        # Both tests need a word in common: actors that share none with the candidate's forms
        # are skipped without them (most pairs).
        said = name_tokens(candidate.name)
        forms = form_tokens(candidate.name, candidate.aliases)
        probe: Actor | None = None  # built on first need
        for actor in self.actors:
            if said.isdisjoint(form_tokens(actor.name, actor.aliases)) and forms.isdisjoint(
                name_tokens(actor.name)
            ):
                continue
            if refers_to(candidate.name, actor):
                return actor
            probe = probe or as_actor(candidate, "-")
            if refers_to(actor.name, probe):
                return actor
        actor = as_actor(candidate, self._next_id())
        self.actors.append(actor)
        return actor

    def add_all_candidates(self) -> None:
        for candidate in self.candidates:
            self.add(candidate)

    def _next_id(self) -> str:
        taken = {int(a.id[1:]) for a in self.actors if _ACTOR_ID.fullmatch(a.id)}
        taken |= {int(i[1:]) for i in self.remap if _ACTOR_ID.fullmatch(i)}
        return f"A{max(taken, default=0) + 1}"


_ACTOR_ID = re.compile(r"A\d+")


def _a_kind(kind: str) -> str:
    """ "a person", "an organization", 'of kind "other"' (not "a other")."""
    if kind == "other":
        return 'of kind "other"'
    return f"an {kind}" if kind[:1] in "aeiou" else f"a {kind}"


def _kind(candidate: Candidate) -> ActorKind:
    return cast(ActorKind, candidate.kind if candidate.kind in KINDS else "other")


# The words of a role that say what it is, and how near a mention the text writes a role.
_ROLE_WORD = re.compile(r"[^\W\d_]{3,}")
_ROLE_FILLERS = {"the", "and", "for", "with", "from", "former", "who", "its", "their", "his", "her"}
_ROLE_REACH = 80  # characters either side of a mention


# What a weak model copies around a name from the prompt's ACTORS line and from JSON itself:
# "A1 Northwind Robotics (organization) }, {" is Northwind Robotics.
_JSON_DEBRIS = re.compile(r"[\s{}\[\]\",:]+$")
_KIND_NOTE = re.compile(r"\s*\([a-z]+(?:;[^()]*)?\)$")
_ID_PREFIX = re.compile(r"A\d{1,3}\s+(?=\S)")
_KIND_WORD_NOTE = re.compile(rf"\s*\((?:{'|'.join(sorted(KINDS))})(?:;[^()]*)?\)$")


def tidy_name(name: str, actor_id: str) -> str:
    """The name without the prompt's id, kind note and JSON punctuation a model copied around it;
    "International Monetary Fund (IMF)" keeps its parentheses."""
    name = name.strip()
    debris = _JSON_DEBRIS.search(name)
    if debris:
        name = _KIND_NOTE.sub("", name[: debris.start()])
    name = _KIND_WORD_NOTE.sub("", name)  # "Tidewater Logistics (organization)"
    prefix = _ID_PREFIX.match(name)
    if prefix and (debris or name.startswith(f"{actor_id} ")):
        name = name[prefix.end() :]
    return name.strip()


def _from_draft(draft: ActorDraft) -> Actor:
    name = tidy_name(draft.name, draft.id) or draft.name.strip()
    aliases = [a for a in dict.fromkeys(draft.aliases) if normalize(a) != normalize(name)]
    role = draft.role.strip()
    if role.lower() in KINDS:
        role = ""  # the kind again ("person"), a weak model's filler, is no role
    return Actor(id=draft.id, name=name, kind=draft.kind, role=role, aliases=aliases)
