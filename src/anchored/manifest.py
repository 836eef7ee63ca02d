"""What a feature says about itself, and the registry built from every feature's manifest.

Each feature package (``anchored.features.<name>``) exports one :class:`Feature`. The web
app, the navigation, the command line, search, home, the programme's tool links and the
pages open without a session are all built from the list of manifests, so adding a tool is
one folder and one line in ``anchored.features.FEATURES``.

Manifests must be cheap to import: anything heavy (a router, a Typer app, a service
function) is named by a :data:`Ref`, the string ``"package.module:attribute"``, and imported
only when something needs it. That keeps ``anchored --help`` fast however many features
there are. Features never import each other; a feature that needs what others contribute
(search needs every search kind, the programme every tool link) gets the :class:`Registry`
passed in by the web app or the command line.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

Ref = str  # "package.module:attribute", imported on first use

NAME_PATTERN = "lowercase words joined by underscores, e.g. check_in"
SEARCH_CODES = range(1, 64)  # part of every search-index row id; see anchored.storage.search


def resolve(ref: Ref) -> Any:
    """Import the object a :data:`Ref` names."""
    module, _, attribute = ref.partition(":")
    if not module or not attribute:
        raise ValueError(f"{ref!r} is not a reference like 'package.module:attribute'")
    target: Any = importlib.import_module(module)
    for part in attribute.split("."):
        target = getattr(target, part)
    return target


@dataclass(frozen=True, slots=True)
class NavEntry:
    """A link in the main navigation (shown once the vault is unlocked)."""

    label: str
    path: str
    order: int


@dataclass(frozen=True, slots=True)
class HeaderButton:
    """A button at the top of every page, beside the brand (e.g. Help now, Pause).

    ``method="post"`` renders a one-button form (it starts something); ``"get"`` a link.
    ``when_locked`` says whether it shows to someone without an open vault (locked, before
    setup, or without a session). ``locked_path``, if set, is where it goes for them instead
    of ``path``, and it then always shows; list it in ``Feature.public_paths``.
    """

    label: str
    path: str
    order: int
    method: Literal["get", "post"] = "get"
    style: str = ""
    when_locked: bool = False
    locked_path: str = ""


@dataclass(frozen=True, slots=True)
class Action:
    """A quick action on the home page."""

    title: str
    text: str
    path: str
    order: int
    style: str = ""


@dataclass(frozen=True, slots=True)
class HomePanel:
    """A section of the home page: a template of the feature's own, and what it needs.

    ``context`` names ``f(session, owner, request, now) -> dict`` (run with the vault open).
    Panels and the quick actions (order 50) are shown by ``order``.
    """

    template: str
    context: Ref
    order: int


@dataclass(frozen=True, slots=True)
class SearchKind:
    """One kind of record a feature puts in the search index.

    ``code`` is stored in the index (part of each row id): choose an unused number in
    :data:`SEARCH_CODES` and never change or reuse it. ``loader`` names
    ``f(session, owner, ids) -> dict[id, Shown]`` (``anchored.services.search_results``).
    ``reindex`` names ``f(session, owner)``, which writes the search text of every one of the
    owner's records of this kind again, as a save would (run after an import brings records
    in without going through the feature's saves).
    """

    kind: str
    code: int
    label: str
    loader: Ref
    reindex: Ref | None = None


@dataclass(frozen=True, slots=True)
class CliCommand:
    """A top-level command. ``help`` is what ``anchored --help`` lists without importing it;
    ``target`` is a Typer app (a command group) or a function; ``aliases`` are older
    names that keep working but are not listed."""

    name: str
    help: str
    target: Ref
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ToolLink:
    """Where a programme exercise with ``tool: <name>`` opens. ``path`` may use ``{step}``
    and ``{exercise}`` (the step number and the exercise's slug)."""

    name: str
    path: str

    def href(self, step: int, exercise: str) -> str:
        return self.path.format(step=step, exercise=exercise)


@dataclass(frozen=True, slots=True)
class HelpLink:
    """A link shown wherever someone may need help, in the help card after painful writing
    and on the Help now page. ``crisis`` marks Help now itself: the one page that works
    without a session, locked and offline, which the shell's own pages point to.
    ``when_locked=False`` keeps a link out of a help card shown while locked (e.g. a pause
    that keeps nothing), for pages that only open with the vault."""

    label: str
    path: str
    order: int
    crisis: bool = False
    when_locked: bool = True


@dataclass(frozen=True, slots=True)
class StepLink:
    """A link a feature offers on the pages of the steps it serves (``Feature.steps``);
    ``path`` may use ``{step}``."""

    label: str
    path: str

    def href(self, step: int) -> str:
        return self.path.format(step=step)


SHELF_GROUPS = (
    "In a hard moment",
    "Your secure base",
    "Practise",
    "Write and reflect",
    "See your progress",
    "Settings and your data",
)


@dataclass(frozen=True, slots=True)
class ShelfEntry:
    """A tool on the Tools page (``/tools``), under one of :data:`SHELF_GROUPS`."""

    group: str
    label: str
    path: str
    text: str
    order: int


@dataclass(frozen=True, slots=True)
class Pickable:
    """A record the person may share on its own (a thought record, a journal entry)."""

    id: int
    title: str
    created_at: Any  # datetime


@dataclass(frozen=True, slots=True)
class SharedPart:
    """What a therapist sees of one shared category: a template of the feature's own (read
    only: no forms, no links into the person's pages) and what it needs. ``empty`` says the
    person has nothing in it yet for the period (the page then says so in one line)."""

    template: str
    context: Mapping[str, Any]
    empty: bool = False


@dataclass(frozen=True, slots=True)
class Sharing:
    """A category of a person's work they can let their therapist see (hosted mode).

    - ``code``: stored in sharing grants; never change or reuse it.
    - ``label``: what the person ticks ("Self-check results"); ``text``: one sentence on
      what the therapist will see (and what not).
    - ``view``: ``f(session, owner, *, since: date, now, picked: frozenset[int] | None)
      -> SharedPart``: the category as the therapist sees it, from ``since`` on.
      ``picked`` is None for a whole category, else the ids the person chose one by one.
      A view that gathers from every feature (as the progress charts do) also names a
      ``registry`` keyword, and is given the app's :class:`Registry`.
    - ``pick``: for a category shared one record at a time, ``f(session, owner, *, since,
      now) -> list[Pickable]``: what the person can choose from. None: the whole category.
    - ``order``: its place on the sharing page and in the therapist's view.
    - ``therapist_label``: its name on the therapist's pages when ``label`` speaks to the
      person ("Journal entries you pick" → "Journal entries they picked").
    """

    code: str
    label: str
    text: str
    view: Ref
    order: int
    pick: Ref | None = None
    therapist_label: str = ""

    @property
    def seen_as(self) -> str:
        """Its name on the therapist's pages (``label`` speaks to the person)."""
        return self.therapist_label or self.label


@dataclass(frozen=True, slots=True)
class KitItem:
    """One thing from the person's secure-base kit (``kit`` hook): something of their own to
    lean on when the fear flares. ``text`` is their own words; ``links`` are (label, href)
    pairs, e.g. a ``tel:`` link for a support person."""

    heading: str
    text: str
    path: str
    detail: str = ""
    links: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Series:
    """One line or one set of bars in a :class:`ProgressPart`: ``points`` are (label, value)
    pairs, oldest first; a value of None means "nothing that week" (a gap, never a zero)."""

    name: str
    points: tuple[tuple[str, float | None], ...]


@dataclass(frozen=True, slots=True)
class Band:
    """A shaded range behind a chart, e.g. a questionnaire's score range ("5-9: mild")."""

    low: float
    high: float
    label: str


@dataclass(frozen=True, slots=True)
class Pick:
    """A choice the person makes on /progress for one part (e.g. which emotions to show):
    checkboxes named ``name`` (a query parameter), ``options`` as (value, label) pairs,
    ``chosen`` the values shown now. The hook reads them back from ``asked[name]``."""

    name: str
    legend: str
    options: tuple[tuple[str, str], ...]
    chosen: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ProgressPart:
    """One chart on /progress, with the table of the same numbers drawn under it.

    - ``key``: unique across features (the page anchors it as ``#progress-<key>``).
    - ``kind``: ``"line"`` (over weeks or dates), ``"bar"`` (side by side per week) or
      ``"hbar"`` (one horizontal bar per named category, e.g. how pauses ended).
    - ``series``: each with its (label, value) points. The x axis is ``labels`` if given
      (give it when the series do not all have the same labels, in the order to show);
      otherwise the labels of the series in order of first appearance.
    - ``y_range``: (bottom, top) of the axis, e.g. (0, 10) for a rating; None: 0 to the
      largest value. ``bands``: shaded ranges (self-check score ranges).
    - ``x_label`` heads the table's first column; ``unit`` says what the numbers are.
    - ``text``: one sentence under the title; ``href``: where the records behind it are.
    - ``empty``: what to do to see this part, shown as a link (to ``start``, else ``href``)
      instead of an empty chart while no series has a value.
    - ``pick``: a choice the person makes for this part (see :class:`Pick`).
    """

    key: str
    title: str
    kind: Literal["line", "bar", "hbar"]
    series: tuple[Series, ...]
    labels: tuple[str, ...] = ()
    y_range: tuple[float, float] | None = None
    bands: tuple[Band, ...] = ()
    x_label: str = "Week starting"
    unit: str = ""
    text: str = ""
    href: str = ""
    empty: str = ""
    start: str = ""
    pick: Pick | None = None
    order: int = 50

    @property
    def axis(self) -> tuple[str, ...]:
        """The x labels, in order."""
        if self.labels:
            return self.labels
        seen: dict[str, None] = {}
        for series in self.series:
            seen.update((label, None) for label, _value in series.points)
        return tuple(seen)

    @property
    def has_data(self) -> bool:
        return any(value is not None for s in self.series for _label, value in s.points)

    def values(self, series: Series) -> tuple[float | None, ...]:
        """The series' value for each label of :attr:`axis` (None where it has none)."""
        found = dict(series.points)
        return tuple(found.get(label) for label in self.axis)


@dataclass(frozen=True, slots=True)
class Insight:
    """A plain sentence about the person's own data, with a link to the records behind it.

    Gentle and factual ("came most often in the evening"), never a diagnosis or a score;
    made only when there is enough data to say it (each hook says how much)."""

    text: str
    href: str
    link: str = "See them"
    order: int = 50
    # Drawn from the person's own words (what they wrote, the tags they typed): shown to them
    # only, never in what they share with a therapist.
    from_writing: bool = False


@dataclass(frozen=True, slots=True)
class WeekLine:
    """One line of the weekly review (``/progress/week``): "3 check-ins", with a link."""

    text: str
    href: str = ""
    order: int = 50


@dataclass(frozen=True, slots=True)
class ProgressHooks:
    """What a feature contributes to the progress pages (``Feature.progress``). Each is a
    :data:`Ref` to a function taking the session, the owner and keywords; ``Period`` is
    ``anchored.core.weeks.Period`` (whole weeks in the person's time zone, with
    ``since``/``until`` in UTC for queries and ``labels``, ``per_week``, ``averages``):

    - ``parts``: ``f(session, owner, *, period: Period, asked: Mapping[str, tuple[str, ...]],
      now) -> list[ProgressPart]``: its charts over ``period`` (12, 26 or 52 weeks);
      ``asked`` holds the page's query parameters for a part's :class:`Pick`. Return the
      parts even with no data (set ``empty``): the page then says what to do instead.
    - ``insights``: ``f(session, owner, *, now, zone: tzinfo | None, since: datetime | None
      = None) -> list[Insight]``: sentences from its own data, only when there is enough of
      it. With ``since`` (the first day a person shares with their therapist) it looks at
      nothing before it: records before ``since`` are not counted, and a sentence that names
      a stretch starting earlier ("in the last 12 weeks") is left out
      (``anchored.core.patterns.covers``). Mark an insight drawn from the person's own words
      ``from_writing``: it is never shared.
    - ``week``: ``f(session, owner, *, period: Period, now) -> list[WeekLine]``: the week
      in ``period`` (one week) in a few lines, for the weekly review.

    Aggregate in SQL where the data can be large (ten years of taps), and filter to
    ``period.since``/``period.until``: /progress must stay under 100 ms.
    """

    parts: Ref | None = None
    insights: Ref | None = None
    week: Ref | None = None

    def refs(self) -> tuple[Ref, ...]:
        return tuple(ref for ref in (self.parts, self.insights, self.week) if ref)


@dataclass(frozen=True, slots=True)
class Feature:
    """One feature's manifest. Only ``name`` and ``title`` are required.

    - ``package``: the feature's package (``__name__`` in its ``__init__``); its
      ``templates/`` folder is reachable as ``<name>/…`` and its ``static/`` folder is served
      at ``/static/<name>/``.
    - ``router``: a FastAPI ``APIRouter``; ``public_paths``: paths that need no session and
      work while locked (exact paths; a path ending in ``/`` also opens everything below it).
    - ``help_links``: links for someone who may need help (the help card, Help now's page);
      one feature must offer Help now itself (``crisis=True``).
    - ``models``: the module holding its tables (loaded before any vault opens).
    - ``prepare``: ``f(session, owner)``, run each time the web app unlocks the vault: creates
      the rows every owner starts with (e.g. built-in choices), idempotently, so the first
      pages only read. Services still create them on first use for any other way in.
    - ``after_unlock``: ``f(opened, owner, *, now)``, run with the whole open vault each time
      the web app unlocks it (after ``prepare``), e.g. an automatic backup; a failure is
      logged and never keeps the vault shut.
    - ``steps``: the programme steps it serves, where ``step_link`` is offered;
      ``tools``: what programme exercises (``tool: <name>`` in a step's file) open.
    - ``step_items``: ``f(session, owner, step) -> list[StepItem]``, what the person wrote
      for a step (shown on that step's page).
    - ``free_text``: ``f(session, owner, text, now) -> Iterator[tuple[str, bool]]``, which
      saves ``text`` through each of its free-text fields in turn and yields the field
      ("table.column") and whether the save asked for the help card. A test runs it with a
      crisis sentence for every feature, so no field can skip the crisis check.
    - ``export`` / ``delete``: ``f(session, owner)``; by default every table in ``models``
      with an ``owner_id`` (see :mod:`anchored.services.owned_rows`).
    - ``sharing``: the categories a person can let their therapist see in hosted mode
      (:class:`Sharing`); the sharing feature builds its pages from them.
    - ``hosted_only``: the feature exists only in hosted mode (accounts): in personal mode
      its routes, panels and entries are left out, though its tables are in every vault so
      the one migration history stays the same.
    - ``check``: ``f(registry) -> list[str]``, problems with what the feature expects of
      the others (e.g. a programme exercise naming a tool no feature offers); the app
      refuses to start while there are any.
    - ``shelf``: its entries on the Tools page, grouped by what they are for.
    - ``kit``: ``f(session, owner, rng: random.Random, *, now) -> KitItem | None``, one thing of the
      person's own for the secure-base kit (a joy, a memory, a kind phrase, a win, a person),
      picked with ``rng`` so a day's kit stays the same all day; None when there is nothing yet.
    - ``offers``: named functions other features may call through the registry
      (``registry.offer(name)``), e.g. a pause offering what a trigger-log entry can be
      filled in from. The only way one feature uses another's data.
    - ``progress``: its charts, insights and weekly-review lines for the progress pages
      (see :class:`ProgressHooks`).
    """

    name: str
    title: str
    package: str = ""
    router: Ref | None = None
    nav: NavEntry | None = None
    header: HeaderButton | None = None
    actions: tuple[Action, ...] = ()
    home: tuple[HomePanel, ...] = ()
    cli: tuple[CliCommand, ...] = ()
    search: tuple[SearchKind, ...] = ()
    models: str | None = None
    prepare: Ref | None = None
    after_unlock: Ref | None = None
    steps: tuple[int, ...] = ()
    step_link: StepLink | None = None
    tools: tuple[ToolLink, ...] = ()
    step_items: Ref | None = None
    public_paths: tuple[str, ...] = ()
    help_links: tuple[HelpLink, ...] = ()
    stylesheets: tuple[str, ...] = ()
    free_text: Ref | None = None
    export: Ref | None = None
    delete: Ref | None = None
    sharing: tuple[Sharing, ...] = ()
    hosted_only: bool = False
    check: Ref | None = None
    offers: tuple[tuple[str, Ref], ...] = ()
    shelf: tuple[ShelfEntry, ...] = ()
    kit: Ref | None = None
    progress: ProgressHooks | None = None

    def __post_init__(self) -> None:
        if not self.name.isidentifier() or self.name != self.name.lower():
            raise ValueError(f"feature name {self.name!r}: use {NAME_PATTERN}")

    def folder(self, sub: str) -> Path | None:
        """The feature's ``templates`` or ``static`` folder, if it has one."""
        if not self.package:
            return None
        from importlib.resources import files  # only the web app needs it

        path = Path(str(files(self.package) / sub))
        return path if path.is_dir() else None


@dataclass(frozen=True, slots=True)
class StepItem:
    """Something the person wrote for a programme step, as a step page lists it."""

    title: str
    path: str
    created_at: Any  # datetime (kept loose so this module imports nothing heavy)
    detail: str = ""


class RegistryError(ValueError):
    """Two manifests claim the same name, code, path or command."""


@dataclass(frozen=True)
class Registry:
    """Everything the app builds from the manifests, checked for clashes once."""

    features: tuple[Feature, ...]
    _search_by_code: Mapping[int, SearchKind] = field(init=False)
    _tools: Mapping[str, ToolLink] = field(init=False)

    def __post_init__(self) -> None:
        _unique("feature name", (f.name for f in self.features))
        _unique("navigation path", (f.nav.path for f in self.features if f.nav))
        _unique("command", (name for c in self.commands for name in (c.name, *c.aliases)))
        kinds = [kind for f in self.features for kind in f.search]
        _unique("search kind", (k.kind for k in kinds))
        _unique("search code", (k.code for k in kinds))
        for kind in kinds:
            if kind.code not in SEARCH_CODES:
                raise RegistryError(f"search code {kind.code} of {kind.kind!r} is out of range")
        tools = [tool for f in self.features for tool in f.tools]
        _unique("tool", (t.name for t in tools))
        _unique("offer", (name for f in self.features for name, _ref in f.offers))
        _unique("tools page path", (e.path for f in self.features for e in f.shelf))
        for entry in (e for f in self.features for e in f.shelf):
            if entry.group not in SHELF_GROUPS:
                raise RegistryError(f"tools page group {entry.group!r} is unknown")
        _unique("sharing category", (c.code for f in self.features for c in f.sharing))
        object.__setattr__(self, "_search_by_code", MappingProxyType({k.code: k for k in kinds}))
        object.__setattr__(self, "_tools", MappingProxyType({t.name: t for t in tools}))

    def feature(self, name: str) -> Feature:
        return next(f for f in self.features if f.name == name)

    @property
    def nav(self) -> tuple[NavEntry, ...]:
        return tuple(sorted((f.nav for f in self.features if f.nav), key=lambda n: n.order))

    @property
    def header_buttons(self) -> tuple[HeaderButton, ...]:
        buttons = (f.header for f in self.features if f.header)
        return tuple(sorted(buttons, key=lambda b: b.order))

    @property
    def help_links(self) -> tuple[HelpLink, ...]:
        found = (link for f in self.features for link in f.help_links)
        return tuple(sorted(found, key=lambda link: link.order))

    @property
    def help_now(self) -> str:
        """The path of Help now (the crisis help link); "/" while no feature offers one,
        which :meth:`problems` reports so the app never starts that way."""
        return next((link.path for link in self.help_links if link.crisis), "/")

    @property
    def actions(self) -> tuple[Action, ...]:
        found = (a for f in self.features for a in f.actions)
        return tuple(sorted(found, key=lambda a: a.order))

    @property
    def home_panels(self) -> tuple[HomePanel, ...]:
        found = (p for f in self.features for p in f.home)
        return tuple(sorted(found, key=lambda p: p.order))

    @property
    def shelf(self) -> tuple[tuple[str, tuple[ShelfEntry, ...]], ...]:
        """The Tools page: each group with its entries in order (empty groups left out)."""
        entries = [e for f in self.features for e in f.shelf]
        grouped = (
            (group, tuple(sorted((e for e in entries if e.group == group), key=lambda e: e.order)))
            for group in SHELF_GROUPS
        )
        return tuple((group, found) for group, found in grouped if found)

    @property
    def commands(self) -> tuple[CliCommand, ...]:
        return tuple(c for f in self.features for c in f.cli)

    @property
    def search_kinds(self) -> Mapping[int, SearchKind]:
        """Every search kind by its code."""
        return self._search_by_code

    @property
    def tools(self) -> Mapping[str, ToolLink]:
        return self._tools

    @property
    def public_paths(self) -> tuple[str, ...]:
        return tuple(p for f in self.features for p in f.public_paths)

    @property
    def stylesheets(self) -> tuple[str, ...]:
        """URLs of every feature's stylesheets, in feature order."""
        return tuple(f"/static/{f.name}/{s}" for f in self.features for s in f.stylesheets)

    def step_links(self, step: int) -> tuple[tuple[str, str], ...]:
        """(label, href) of what each feature serving ``step`` offers on its page."""
        return tuple(
            (f.step_link.label, f.step_link.href(step))
            for f in self.features
            if f.step_link and step in f.steps
        )

    def routers(self) -> Iterator[Any]:
        for feature in self.features:
            if feature.router:
                yield resolve(feature.router)

    def load_models(self) -> None:
        """Import every feature's tables, so the metadata knows all of them (foreign keys
        between features' tables, migrations, counts, delete-everything)."""
        for feature in self.features:
            if feature.models:
                importlib.import_module(feature.models)

    @property
    def sharing(self) -> tuple[Sharing, ...]:
        """Every category a person can share with a therapist, in order."""
        found = (c for f in self.features for c in f.sharing)
        return tuple(sorted(found, key=lambda c: c.order))

    def in_mode(self, *, hosted: bool) -> Registry:
        """The features of one mode: personal mode leaves out the hosted-only ones."""
        if hosted or not any(f.hosted_only for f in self.features):
            return self
        return Registry(tuple(f for f in self.features if not f.hosted_only))

    def offer(self, name: str) -> Callable[..., Any] | None:
        """The function some feature offers under ``name``, or None if no feature does (a
        feature using it must then do without, as when that feature is not installed)."""
        for feature in self.features:
            for offered, ref in feature.offers:
                if offered == name:
                    return resolve(ref)  # type: ignore[no-any-return]
        return None

    def problems(self) -> list[str]:
        """What is wrong with this set of features: no Help now (a safety rule: it is on
        every page), and whatever the features' ``check`` hooks find."""
        found = (
            []
            if any(link.crisis for link in self.help_links)
            else ["no feature offers Help now (a help link with crisis=True)"]
        )
        return found + [problem for _f, check in self.hooks("check") for problem in check(self)]

    def progress_hooks(self, which: str) -> Iterator[tuple[Feature, Callable[..., Any]]]:
        """Each feature's progress hook ``which`` ("parts", "insights" or "week"), resolved."""
        for feature in self.features:
            ref = getattr(feature.progress, which) if feature.progress else None
            if ref:
                yield feature, resolve(ref)

    def hooks(self, attribute: str) -> Iterator[tuple[Feature, Callable[..., Any]]]:
        """Each feature's hook named ``attribute`` (e.g. ``"step_items"``), resolved."""
        for feature in self.features:
            ref = getattr(feature, attribute)
            if ref:
                yield feature, resolve(ref)


def _unique(what: str, values: Iterable[object]) -> None:
    seen: set[object] = set()
    for value in values:
        if value in seen:
            raise RegistryError(f"two features use the same {what}: {value!r}")
        seen.add(value)
