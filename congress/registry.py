"""Where apps meet without depending on each other. `congress` sits at the bottom of the graph;
each domain app registers, in its AppConfig.ready(), what it adds to shared things: its part of a
quarter's publication, its step of the demo district and of the large benchmark district, its
figures on the home page, its section of a deputy's profile, its entries in the navigation and
its links to a user's own work pages, what awaits a logged-in deputy ("my work"), the kinds
of public rows the site search finds, and the public data sets it offers (the open-data page)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PublicationPart:
    name: str
    write: Callable  # write(publication) -> None: creates the app's snapshot rows for it


@dataclass(frozen=True)
class DemoStep:
    order: int
    name: str
    run: Callable  # run(*, rng, progress) -> None; must be idempotent


@dataclass(frozen=True)
class GeneratorStep:
    order: int
    name: str
    run: Callable  # run(generation: congress.largedistrict.Generation) -> None; bulk SQL, PostgreSQL


@dataclass(frozen=True)
class NavItem:
    order: int
    label: str
    url_name: str


@dataclass(frozen=True)
class AccountLink:
    order: int
    label: str
    url_name: str
    roles: frozenset  # shown to users with any of these roles (staff: also to superusers)


@dataclass(frozen=True)
class ProfileSection:
    order: int
    template: str
    context: Callable  # context(deputy) -> dict


@dataclass(frozen=True)
class Column:
    key: str       # the key in the JSON download and the API
    header: str    # the (translated) header of the CSV and XLSX downloads
    meaning: str   # one line for the open-data page


@dataclass(frozen=True)
class DataSet:
    """A public table, offered on a page, as CSV/XLSX/JSON downloads and by the public API. Either
    part of the quarterly publication (`revision_rows`, `part`: a revision carries the data set when
    it has that one-per-publication row, `Publication.objects.with_part(part)`) and then in each revision's digest, or
    published record by record (`published_when` says what makes a row public).

    `links()` returns {"page": url, "download": url, "api": url} for the newest published data
    (the download answers `format=csv|xlsx|json`), or None while nothing is published."""

    key: str
    order: int
    title: str
    description: str
    method: str
    columns: tuple[Column, ...]
    links: Callable  # links() -> dict | None
    revision_rows: Callable | None = None  # revision_rows(publication) -> list[dict]
    part: str = ""  # with revision_rows: the related name of the app's one-per-publication row
    published_when: str = ""

    @property
    def is_quarterly(self) -> bool:
        return self.revision_rows is not None


@dataclass(frozen=True)
class SearchKind:
    order: int
    name: str  # the ?kind= of the search page
    label: str
    search: Callable  # search(text) -> QuerySet of public rows holding text, best first
    template: str  # renders one row, given as `item`


@dataclass
class Registry:
    publication_parts: list[PublicationPart] = field(default_factory=list)
    demo_steps: list[DemoStep] = field(default_factory=list)
    generator_steps: list[GeneratorStep] = field(default_factory=list)
    nav_items: list[NavItem] = field(default_factory=list)
    home_figures: list[Callable] = field(default_factory=list)  # fn(year) -> list[Figure]
    profile_sections: list[ProfileSection] = field(default_factory=list)
    account_links: list[AccountLink] = field(default_factory=list)
    data_sets: list[DataSet] = field(default_factory=list)
    work_items: list[Callable] = field(default_factory=list)  # fn(user, deputy) -> list[WorkItem]
    search_kinds: list[SearchKind] = field(default_factory=list)
    publication_checks: list[Callable] = field(default_factory=list)  # fn(quarter) -> list[str]

    def _add(self, items: list, item, key) -> None:
        # ready() can run twice (tests, autoreload): registering is idempotent by name.
        if any(key(existing) == key(item) for existing in items):
            return
        items.append(item)

    def publication_part(self, name: str, write: Callable) -> None:
        self._add(self.publication_parts, PublicationPart(name, write), lambda p: p.name)

    def publication_check(self, fn: Callable) -> None:
        """What of a quarter still waits for the office and would not count if it were published
        now (self-reports not yet verified…): `fn(quarter) -> [sentence]`, [] when nothing waits.
        The publish page shows the sentences and asks again before publishing."""
        self._add(self.publication_checks, fn, lambda f: f"{f.__module__}.{f.__qualname__}")

    def demo_step(self, order: int, name: str, run: Callable) -> None:
        self._add(self.demo_steps, DemoStep(order, name, run), lambda s: s.name)
        self.demo_steps.sort(key=lambda s: s.order)

    def generator_step(self, order: int, name: str, run: Callable) -> None:
        """A step of `manage.py generate_large_district` (the benchmarks' district): bulk rows of
        the app's own tables, sized by generation.size(name, default)."""
        self._add(self.generator_steps, GeneratorStep(order, name, run), lambda s: s.name)
        self.generator_steps.sort(key=lambda s: s.order)

    def nav_item(self, order: int, label, url_name: str) -> None:
        self._add(self.nav_items, NavItem(order, label, url_name), lambda n: n.url_name)
        self.nav_items.sort(key=lambda n: n.order)

    def account_link(self, order: int, label, url_name: str, roles) -> None:
        """A link in the header for logged-in users with one of `roles` (their own work pages)."""
        link = AccountLink(order, label, url_name, frozenset(str(role) for role in roles))
        self._add(self.account_links, link, lambda a: a.url_name)
        self.account_links.sort(key=lambda a: a.order)

    def home_figure(self, fn: Callable) -> None:
        self._add(self.home_figures, fn, lambda f: f"{f.__module__}.{f.__qualname__}")

    def profile_section(self, order: int, template: str, context: Callable) -> None:
        self._add(self.profile_sections, ProfileSection(order, template, context), lambda s: s.template)
        self.profile_sections.sort(key=lambda s: s.order)

    def data_set(self, data_set: DataSet) -> None:
        """A public table for the open-data page (congress.opendata). Its key is its name in
        URLs and in the order of a revision's canonical bytes: never rename a quarterly one."""
        self._add(self.data_sets, data_set, lambda d: d.key)
        self.data_sets.sort(key=lambda d: (d.order, d.key))

    def quarterly_data_sets(self) -> list[DataSet]:
        """The data sets of a revision in the order of its canonical bytes: by key."""
        return sorted((d for d in self.data_sets if d.is_quarterly), key=lambda d: d.key)

    def work_item(self, fn: Callable) -> None:
        """What awaits a logged-in deputy in the app (the "my work" page): `fn(user, deputy) ->
        [WorkItem]`, a fixed number of queries whatever the data size; [] when nothing waits."""
        self._add(self.work_items, fn, lambda f: f"{f.__module__}.{f.__qualname__}")

    def search_kind(self, order: int, name: str, label, search: Callable, template: str) -> None:
        """Public rows the site search finds: `search(text)` returns them, best first (see
        congress.search.ranked); only what any citizen may read."""
        self._add(self.search_kinds, SearchKind(order, name, label, search, template), lambda k: k.name)
        self.search_kinds.sort(key=lambda k: k.order)


@dataclass(frozen=True)
class Figure:
    """A key figure on the home page, always computed from records. `how` says in one line how it
    is counted; `chart` holds the rows behind it ({"label", "value"} dicts, value a number or None),
    drawn as a small SVG bar chart with the same rows as a table."""

    label: str
    value: str
    note: str = ""
    url: str = ""
    how: str = ""
    chart: tuple = ()
    chart_caption: str = ""


@dataclass(frozen=True)
class WorkItem:
    """Something waiting for a deputy, with the page where they act on it."""

    order: int
    label: str
    count: int
    url: str
    detail: str = ""


registry = Registry()
