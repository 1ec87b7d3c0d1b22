"""
Compiled core of dutymap; use the `dutymap` package rather than this module.
"""
from __future__ import annotations
import collections.abc
import numpy
import numpy.typing
import typing
__all__: list[str] = ['Actor', 'CitedProvision', 'Comparison', 'Corpus', 'CorpusError', 'Corridor', 'GapReport', 'GapRow', 'Instrument', 'InstrumentScore', 'InstrumentStatus', 'Norm', 'Obligation', 'Oversight', 'Problem', 'Profile', 'Provenance', 'Provision', 'Ratification', 'Referral', 'Responsibility', 'RevisionStep', 'Scenario', 'Scope', 'Sector', 'StatusChange', 'StructuralGap', 'Topic', 'TopicDifference', 'UnknownIdError', 'VOCABULARIES', 'bilateral_instruments', 'builtin', 'builtin_sources', 'changes', 'check', 'compare', 'diff', 'gaps', 'instrument_statuses', 'load', 'load_texts', 'obligations_of', 'remedy_paths', 'responsibility_load', 'responsible', 'revisions', 'score', 'structural_gaps']
class Problem:
    """
    A problem found in corpus files: where it is and what is wrong.
    """
    __hash__: typing.ClassVar[None] = None  # type: ignore[assignment]
    def __eq__(self, other: object) -> bool:
        ...
    def __getstate__(self) -> tuple[str, int, int, str]:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def column(self) -> int:
        """
        1-based column, 0 when unknown
        """
    @property
    def file(self) -> str:
        ...
    @property
    def line(self) -> int:
        """
        1-based line, 0 when unknown
        """
    @property
    def message(self) -> str:
        ...
class Sector:
    """
    A sector of work named by scopes and corridors.
    """
    def __repr__(self) -> str:
        ...
    @property
    def description(self) -> str:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def title(self) -> str:
        ...
class Topic:
    """
    A protection in the topic taxonomy (dotted ids form a tree).
    """
    def __repr__(self) -> str:
        ...
    @property
    def description(self) -> str:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def parent(self) -> str | None:
        ...
    @property
    def stages(self) -> list[str]:
        ...
    @property
    def title(self) -> str:
        ...
class Oversight:
    """
    An actor's oversight of another actor or of a role.
    """
    @property
    def actor(self) -> str:
        ...
    @property
    def function(self) -> str:
        ...
    @property
    def role(self) -> str | None:
        ...
    @property
    def source(self) -> str:
        ...
class Referral:
    """
    Where an actor sends a worker's complaint.
    """
    @property
    def actor(self) -> str:
        ...
    @property
    def source(self) -> str:
        ...
    @property
    def stages(self) -> list[str]:
        ...
class Actor:
    """
    A state, a body of a state, an association or an organisation.
    """
    def __repr__(self) -> str:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def kind(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def oversees(self) -> list[Oversight]:
        ...
    @property
    def receives_complaints(self) -> list[str]:
        ...
    @property
    def refers_to(self) -> list[Referral]:
        ...
    @property
    def roles(self) -> list[str]:
        ...
    @property
    def source(self) -> str:
        ...
    @property
    def state(self) -> str | None:
        ...
class Scope:
    """
    Which sectors, workers and territories a provision reaches.
    """
    def __repr__(self) -> str:
        ...
    @property
    def excluded_sectors(self) -> list[str]:
        ...
    @property
    def sectors(self) -> list[str]:
        ...
    @property
    def territories(self) -> list[str]:
        ...
    @property
    def workers(self) -> str:
        ...
class Provenance:
    """
    Where a provision's coding comes from.
    """
    @property
    def coded_from(self) -> str:
        ...
    @property
    def coder(self) -> str:
        ...
    @property
    def confidence(self) -> str:
        ...
    @property
    def passage(self) -> str:
        ...
    @property
    def source(self) -> str:
        ...
class Provision:
    """
    One article or clause of an instrument.
    """
    def __repr__(self) -> str:
        ...
    @property
    def article(self) -> str:
        ...
    @property
    def bearers(self) -> list[str]:
        ...
    @property
    def beneficiaries(self) -> list[str]:
        ...
    @property
    def chapter(self) -> str:
        ...
    @property
    def citation(self) -> str:
        ...
    @property
    def designated(self) -> list[str]:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def instrument(self) -> str:
        ...
    @property
    def modality(self) -> str:
        ...
    @property
    def notes(self) -> str:
        ...
    @property
    def part(self) -> str:
        ...
    @property
    def provenance(self) -> Provenance:
        ...
    @property
    def qualifiers(self) -> list[tuple[str, str]]:
        """
        List of (qualifier, wording) pairs.
        """
    @property
    def restricts(self) -> bool:
        ...
    @property
    def scope(self) -> Scope:
        ...
    @property
    def stages(self) -> list[str]:
        ...
    @property
    def strength(self) -> str:
        ...
    @property
    def summary(self) -> str:
        ...
    @property
    def topics(self) -> dict:
        """
        Topic id -> 'protects' or 'restricts'.
        """
class Instrument:
    """
    A convention, declaration, MOU, contract, law or policy.
    """
    def __repr__(self) -> str:
        ...
    def to_yaml(self) -> str:
        """
        The instrument as the YAML text of a corpus file.
        """
    @property
    def adopted(self) -> str | None:
        ...
    @property
    def annex_to(self) -> str | None:
        ...
    @property
    def binding(self) -> bool:
        ...
    @property
    def expires(self) -> str | None:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def in_force(self) -> str | None:
        ...
    @property
    def kind(self) -> str:
        ...
    @property
    def level(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def notes(self) -> str:
        ...
    @property
    def parties(self) -> list[str]:
        ...
    @property
    def provisions(self) -> list[Provision]:
        ...
    @property
    def region(self) -> str:
        ...
    @property
    def scope(self) -> Scope:
        ...
    @property
    def short_title(self) -> str:
        ...
    @property
    def source(self) -> str:
        ...
    @property
    def supersedes(self) -> str | None:
        ...
    @property
    def title(self) -> str:
        ...
class Ratification:
    """
    A state's acts on a ratifiable instrument.
    """
    def __repr__(self) -> str:
        ...
    @property
    def denounced(self) -> str | None:
        ...
    @property
    def excludes(self) -> list[str]:
        ...
    @property
    def instrument(self) -> str:
        ...
    @property
    def limited_to(self) -> list[str]:
        ...
    @property
    def notes(self) -> str:
        ...
    @property
    def ratified(self) -> str | None:
        ...
    @property
    def signed(self) -> str | None:
        ...
    @property
    def source(self) -> str:
        ...
    @property
    def state(self) -> str:
        ...
    @property
    def status(self) -> str:
        ...
class Norm:
    """
    An expected norm of a profile.
    """
    def __repr__(self) -> str:
        ...
    @property
    def bearer(self) -> str:
        ...
    @property
    def min_strength(self) -> str:
        ...
    @property
    def note(self) -> str:
        ...
    @property
    def source(self) -> str:
        ...
    @property
    def stage(self) -> str:
        ...
    @property
    def topic(self) -> str:
        ...
class Profile:
    """
    A reference standard: a named list of expected norms.
    """
    def __repr__(self) -> str:
        ...
    @property
    def accepts(self) -> list[str]:
        ...
    @property
    def description(self) -> str:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def norms(self) -> list[Norm]:
        ...
    @property
    def source(self) -> str:
        ...
    @property
    def title(self) -> str:
        ...
class Corpus:
    """
    A validated, immutable corpus (compiled core).
    """
    __hash__: typing.ClassVar[None] = None  # type: ignore[assignment]
    def __eq__(self, other: object) -> bool:
        ...
    def __getstate__(self) -> tuple[int, list[tuple[str, bytes]]]:
        ...
    def __init__(self) -> None:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def actor(self, arg0: str) -> Actor:
        ...
    def annexes(self, arg0: str) -> list[str]:
        ...
    def graph_counts(self) -> dict:
        """
        Vertex and edge counts of the graph view.
        """
    def graph_edges(self) -> list[tuple[str, str, str, str, str]]:
        """
        Every edge as (source kind, source id, edge kind, target kind, target id).
        """
    def has_instrument(self, arg0: str) -> bool:
        ...
    def instrument(self, arg0: str) -> Instrument:
        ...
    def profile(self, arg0: str) -> Profile:
        ...
    def provision(self, arg0: str) -> Provision:
        ...
    def ratification(self, arg0: str, arg1: str) -> Ratification | None:
        ...
    def revision_chain(self, arg0: str) -> list[str]:
        """
        Ids along the instrument's supersedes chain, oldest first.
        """
    def save(self, folder: str, overwrite: bool = False) -> None:
        ...
    def summary(self) -> dict:
        """
        Counts by kind, level, stage, coding and confidence, as nested dicts.
        """
    def to_dot(self) -> str:
        ...
    def to_graphml(self) -> str:
        ...
    def topic(self, arg0: str) -> Topic:
        ...
    @property
    def actors(self) -> list:
        ...
    @property
    def instruments(self) -> list:
        ...
    @property
    def profiles(self) -> list:
        ...
    @property
    def provisions(self) -> list:
        ...
    @property
    def ratifications(self) -> list:
        ...
    @property
    def sectors(self) -> list:
        ...
    @property
    def topics(self) -> list:
        ...
class Corridor:
    """
    A migration corridor: origin, destination, sector, worker status, date.
    """
    def __init__(self, origin: str, destination: str, sector: str | None = None, worker_status: str = 'documented', as_of: str | None = None, transit: collections.abc.Sequence[str] = [], territory: str | None = None) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def as_of(self) -> str | None:
        ...
    @property
    def destination(self) -> str:
        ...
    @property
    def origin(self) -> str:
        ...
    @property
    def sector(self) -> str | None:
        ...
    @property
    def territory(self) -> str:
        ...
    @property
    def transit(self) -> list[str]:
        ...
    @property
    def worker_status(self) -> str:
        ...
class CitedProvision:
    """
    A provision cited by a result, with what a reader needs to weigh it.
    """
    def __repr__(self) -> str:
        ...
    @property
    def citation(self) -> str:
        ...
    @property
    def coded_from(self) -> str:
        ...
    @property
    def confidence(self) -> str:
        ...
    @property
    def instrument(self) -> str:
        ...
    @property
    def note(self) -> str:
        ...
    @property
    def provision(self) -> str:
        ...
    @property
    def strength(self) -> str:
        ...
    @property
    def summary(self) -> str:
        ...
    @property
    def tier(self) -> str:
        ...
class GapRow:
    """
    One row of a gap report.
    """
    def __repr__(self) -> str:
        ...
    @property
    def actors(self) -> list[str]:
        ...
    @property
    def bearer(self) -> str:
        ...
    @property
    def confidence(self) -> str | None:
        ...
    @property
    def decided_by(self) -> list[CitedProvision]:
        ...
    @property
    def explanation(self) -> str:
        ...
    @property
    def in_profile(self) -> bool:
        ...
    @property
    def min_strength(self) -> str:
        ...
    @property
    def nearest(self) -> list[CitedProvision]:
        ...
    @property
    def norm_source(self) -> str:
        ...
    @property
    def precedents(self) -> list[CitedProvision]:
        ...
    @property
    def stage(self) -> str:
        ...
    @property
    def status(self) -> str:
        ...
    @property
    def topic(self) -> str:
        ...
class GapReport:
    """
    A gap report (compiled core).
    """
    def counts_by_bearer(self) -> list[list[int]]:
        ...
    def counts_by_stage(self) -> list[list[int]]:
        ...
    def coverage_index(self, weights: collections.abc.Mapping[str, typing.SupportsFloat | typing.SupportsIndex] = {}) -> list[float]:
        ...
    @property
    def as_of(self) -> str:
        ...
    @property
    def corridor(self) -> Corridor:
        ...
    @property
    def profile(self) -> str:
        ...
    @property
    def rows(self) -> list[GapRow]:
        ...
class StatusChange:
    """
    A norm whose status differs between two reports.
    """
    @property
    def after(self) -> str | None:
        ...
    @property
    def bearer(self) -> str:
        ...
    @property
    def before(self) -> str | None:
        ...
    @property
    def changed_by(self) -> list[str]:
        ...
    @property
    def in_profile(self) -> bool:
        ...
    @property
    def provisions_after(self) -> list[str]:
        ...
    @property
    def provisions_before(self) -> list[str]:
        ...
    @property
    def stage(self) -> str:
        ...
    @property
    def topic(self) -> str:
        ...
class InstrumentStatus:
    @property
    def instrument(self) -> str:
        ...
    @property
    def status(self) -> str:
        ...
    @property
    def why(self) -> str:
        ...
class Scenario:
    """
    Changes over a base corpus (compiled core).
    """
    def __init__(self, arg0: Corpus) -> None:
        ...
    def adjust(self, arg0: Corridor) -> Corridor:
        ...
    def as_of(self, arg0: str) -> None:
        ...
    def put_actor(self, arg0: Actor) -> None:
        ...
    def put_instrument(self, arg0: Instrument) -> None:
        ...
    def ratify(self, arg0: str, arg1: str, arg2: str) -> None:
        ...
    def remove_instrument(self, arg0: str) -> None:
        ...
    def result(self) -> Corpus:
        ...
    def withdraw(self, arg0: str, arg1: str) -> None:
        ...
class Obligation:
    @property
    def designated(self) -> bool:
        ...
    @property
    def provision(self) -> CitedProvision:
        ...
    @property
    def role(self) -> str:
        ...
    @property
    def stages(self) -> list[str]:
        ...
    @property
    def topics(self) -> list[str]:
        ...
class Responsibility:
    @property
    def actor(self) -> str:
        ...
    @property
    def provision(self) -> CitedProvision:
        ...
    @property
    def role(self) -> str:
        ...
class StructuralGap:
    @property
    def bearer(self) -> str:
        ...
    @property
    def explanation(self) -> str:
        ...
    @property
    def kind(self) -> str:
        ...
    @property
    def provision(self) -> CitedProvision:
        ...
class Comparison:
    """
    A coverage matrix of instruments (compiled core).
    """
    def cosine(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        ...
    def jaccard(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        ...
    def nearest(self, id: str, k: typing.SupportsInt | typing.SupportsIndex = 5, jaccard: bool = False) -> list[tuple[str, float]]:
        ...
    @property
    def columns(self) -> list[str]:
        ...
    @property
    def instruments(self) -> list[str]:
        ...
    @property
    def matrix(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        ...
    @property
    def topic_columns(self) -> list[str]:
        ...
    @property
    def topic_matrix(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        ...
class TopicDifference:
    @property
    def a(self) -> list[CitedProvision]:
        ...
    @property
    def b(self) -> list[CitedProvision]:
        ...
    @property
    def explanation(self) -> str:
        ...
    @property
    def relation(self) -> str:
        ...
    @property
    def topic(self) -> str:
        ...
class RevisionStep:
    @property
    def both_coded(self) -> bool:
        ...
    @property
    def added(self) -> list[TopicDifference]:
        ...
    @property
    def changed(self) -> list[TopicDifference]:
        ...
    @property
    def dropped(self) -> list[TopicDifference]:
        ...
    @property
    def from_(self) -> str:
        ...
    @property
    def to(self) -> str:
        ...
class InstrumentScore:
    @property
    def by_stage(self) -> list[float]:
        ...
    @property
    def instrument(self) -> str:
        ...
    @property
    def overall(self) -> float:
        ...
    @property
    def report(self) -> GapReport:
        ...
class UnknownIdError(KeyError, ValueError):
    """
    An id that the corpus does not hold; the message names the nearest valid id. A KeyError and a ValueError.
    """
class CorpusError(ValueError):
    """
    Problems found in corpus files. `problems` lists them, each with file, line, column and message; str() gives one per line.
    """
    problems: list[Problem]
def bilateral_instruments(corpus: Corpus, origin: str = '', destination: str = '') -> list[str]:
    ...
def builtin() -> Corpus:
    """
    The built-in corpus (parsed once, shared).
    """
def builtin_sources() -> list[tuple[str, bytes]]:
    """
    The (name, bytes) of the YAML files compiled into the library.
    """
def changes(before: GapReport, after: GapReport) -> list[StatusChange]:
    ...
def check(paths: collections.abc.Sequence[str], base: Corpus) -> list[Problem]:
    """
    Every problem in folders or files laid over `base`; empty when they load cleanly.
    """
def compare(corpus: Corpus, instruments: collections.abc.Sequence[str], shall: typing.SupportsFloat | typing.SupportsIndex = 1.0, should: typing.SupportsFloat | typing.SupportsIndex = 0.6, may: typing.SupportsFloat | typing.SupportsIndex = 0.3, qualified: typing.SupportsFloat | typing.SupportsIndex = 0.5, with_annexes: bool = True, rollup: str = 'topic') -> Comparison:
    ...
def diff(corpus: Corpus, a: str, b: str, with_annexes: bool = True) -> list[TopicDifference]:
    ...
def gaps(corpus: Corpus, corridor: Corridor, profile: str, beyond_profile: bool = True, max_precedents: typing.SupportsInt | typing.SupportsIndex = 8, max_nearest: typing.SupportsInt | typing.SupportsIndex = 6) -> GapReport:
    ...
def instrument_statuses(arg0: Corpus, arg1: Corridor) -> list[InstrumentStatus]:
    ...
def load(paths: collections.abc.Sequence[str], base: Corpus) -> Corpus:
    """
    Load folders or files as layers over `base`; raises CorpusError with every problem.
    """
def load_texts(layers: collections.abc.Sequence[collections.abc.Sequence[tuple[str, str]]], base: Corpus) -> Corpus:
    """
    Load layers of (name, YAML text) pairs over `base`.
    """
def obligations_of(arg0: Corpus, arg1: str, arg2: Corridor) -> list[Obligation]:
    ...
def remedy_paths(arg0: Corpus, arg1: Corridor) -> tuple[list[tuple[str, list[str]]], list[str]]:
    ...
def responsibility_load(arg0: Corpus, arg1: Corridor) -> list[tuple[str, int, int, int, int, int, float]]:
    ...
def responsible(arg0: Corpus, arg1: str, arg2: str, arg3: Corridor) -> list[Responsibility]:
    ...
def revisions(arg0: Corpus, arg1: str) -> list[RevisionStep]:
    ...
def score(arg0: Corpus, arg1: collections.abc.Sequence[str], arg2: str) -> list[InstrumentScore]:
    ...
def structural_gaps(arg0: Corpus, arg1: Corridor) -> list[StructuralGap]:
    ...
VOCABULARIES: dict = {'stage': ['pre_departure', 'transit', 'employment', 'return'], 'role': ['origin_state', 'transit_state', 'destination_state', 'recruitment_agency', 'employer', 'worker', 'worker_family', 'worker_organisation', 'employer_organisation', 'civil_society', 'international_organisation', 'regional_body'], 'modality': ['obligation', 'prohibition', 'permission', 'right'], 'strength': ['may', 'should', 'shall'], 'effect': ['protects', 'restricts'], 'qualifier': ['subject_to_national_law', 'as_appropriate', 'endeavour', 'progressive', 'where_practicable', 'subject_to_resources', 'subject_to_agreement'], 'instrument_kind': ['convention', 'protocol', 'recommendation', 'declaration', 'consensus', 'guidelines', 'bilateral_agreement', 'mou', 'standard_contract', 'national_law', 'policy'], 'level': ['global', 'regional', 'bilateral', 'national'], 'actor_kind': ['state', 'ministry', 'department', 'agency', 'association', 'union', 'ngo', 'employer', 'service', 'international_organisation', 'regional_body'], 'worker_coverage': ['all', 'documented'], 'coded_from': ['text', 'secondary'], 'confidence': ['low', 'medium', 'high']}
__version__: str = '0.1.0'
