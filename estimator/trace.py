"""Steps of an explanation, the citations they refer to, the record of one
episode the layers write into, and the running state of one person's year.

A step is a light record: its frame (its key, its message (key and parameters, see
msg.py), its citation and reading, made where its plan is compiled), its amount
(rounded to the fen once, when the step is made) and, for a message with the year's
running amounts, that message. Citations and frames are interned: one record per
document and article, and per key, message, citation and reading, shared by every
step and result that uses it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from .msg import Msg, Running, Shape, label

if TYPE_CHECKING:
    import datetime as dt

    from .case import Episode

_FEN = Decimal("0.01")


class Citation:
    """A document and article. ``json`` is the three-language form of today's
    results (one shared object per citation: read-only)."""

    __slots__ = ("document", "title", "article", "json", "json_around_title", "_titles")

    def __init__(self, document: str, title: Mapping[str, str | None],
                 article: str | None) -> None:
        self.document = document
        self.title = title
        self.article = article
        self.json: dict[str, Any] = {"document": document, "title": title,
                                     "article": article}
        # Its entry in a one-language result's citation table as json.dumps writes it,
        # before and after the title (an index into the result's texts, or null).
        self.json_around_title = (
            f'{{"document": {encode_basestring(document)}, "title": ',
            f', "article": {"null" if article is None else encode_basestring(article)}}}')
        self._titles: dict[str, str | None] = {}

    def title_in(self, lang: str) -> str | None:
        """The document's title in one language (made once per language)."""
        try:
            return self._titles[lang]
        except KeyError:
            found: str | None = label(self.title, lang)
            self._titles[lang] = found
            return found


_CITATIONS: dict[tuple[str, str | None], Citation] = {}


def citation(document: str, title: Any, article: str | None) -> Citation:
    """The one citation record of a document and article (a document id names one
    title)."""
    key = (document, article)
    found = _CITATIONS.get(key)
    if found is None:
        found = _CITATIONS[key] = Citation(document, title, article)
    return found


def cited(document: str | None, title: Any, article: str | None) -> Citation | None:
    """A step's citation (None without a document), found once where the step's
    plan is compiled, not per step."""
    return citation(document, title, article) if document else None


class Frame:
    """What a step says apart from its amount: its key, its message (or, for a step
    with the year's running amounts, the message's ``Shape``), its citation and its
    reading. Made where a plan is compiled, one record for equal frames (``frame``), and
    shared by every step it makes: the one-language result writes it once."""

    __slots__ = ("key", "label", "cite", "reading")

    def __init__(self, key: str, label: Msg | Shape, cite: Citation | None = None,
                 reading: Any = None) -> None:
        self.key = key
        self.label = label
        self.cite = cite
        self.reading = reading


# Equal frames are one record: by key, the message's or shape's identity (both are
# interned), the citation (interned) and the reading's identity (kept alive here).
_FRAMES: dict[tuple[Any, ...], Frame] = {}


def frame(key: str, label: Msg | Shape, cite: Citation | None = None, reading: Any = None
          ) -> Frame:
    """The one frame of a key, message, citation and reading."""
    ident = (key, id(label), cite, id(reading))
    found = _FRAMES.get(ident)
    if found is None:
        if len(_FRAMES) >= 50_000:
            _FRAMES.clear()
        found = _FRAMES[ident] = Frame(key, label, cite, reading)
    return found


class Step:
    """One step: its frame, its amount (rounded to the fen) and, when the frame's
    message is a shape, this step's message made from it (its running amounts)."""

    __slots__ = ("frame", "amount", "message")

    def __init__(self, frame: Frame, amount: Decimal | None, message: Running | None = None
                 ) -> None:
        self.frame = frame
        self.amount = None if amount is None else amount.quantize(_FEN, ROUND_HALF_UP)
        self.message = message

    @property
    def key(self) -> str:
        return self.frame.key

    @property
    def label(self) -> Msg:
        if self.message is not None:
            return self.message
        label = self.frame.label
        assert isinstance(label, Msg), "a step of a shape has its own message"
        return label

    @property
    def cite(self) -> Citation | None:
        return self.frame.cite

    @property
    def reading(self) -> Any:
        return self.frame.reading


def step(key: str, label: Msg, amount: Decimal | None, cite: Citation | None = None,
         reading: Any = None) -> Step:
    """A step made once, where its plan is compiled (its frame shared with equal ones)."""
    return Step(frame(key, label, cite, reading), amount)


class YearState:
    """What one benefit year has used so far (caps, deductibles, accumulations)."""

    __slots__ = ("used", "visits", "major_self_pay", "supplementary_base",
                 "assistance_base", "remaining_self_pay", "remaining_inpatient_self_pay",
                 "eligible_total", "paid_total", "civil_servant_base")

    def __init__(self) -> None:
        self.used: dict[str, Decimal] = defaultdict(Decimal)
        self.visits: dict[str, int] = defaultdict(int)
        # In-policy self-pay counted by major-illness insurance, and what it paid.
        self.major_self_pay = Decimal(0)
        # Eligible cost counted by the supplementary insurance.
        self.supplementary_base = Decimal(0)
        # In-policy self-pay counted towards the assistance deductible.
        self.assistance_base = Decimal(0)
        # What remains for the person after all layers (for tilted/secondary figures).
        self.remaining_self_pay = Decimal(0)
        self.remaining_inpatient_self_pay = Decimal(0)
        self.eligible_total = Decimal(0)
        self.paid_total = Decimal(0)
        self.civil_servant_base = Decimal(0)


class EpisodeResult:
    """One episode's outcome, written by the layers in turn (classification, basic,
    supplementary, major illness, assistance) and by the chain: amounts as Decimal
    (rounded to the fen once, at the end), steps and notes as message records; and
    what the basic layer tells the later ones (not part of the result)."""

    __slots__ = ("index", "kind", "date", "benefit_year", "computable", "reason", "cost",
                 "excluded", "class_b_self_pay", "eligible", "deductible", "basic",
                 "supplementary", "major_illness", "assistance", "out_of_pocket",
                 "out_of_pocket_at_most", "out_of_pocket_at_least", "steps", "notes",
                 "counts_major", "in_cost_limit", "covered", "capped", "waiting")

    def __init__(self, ep: Episode, benefit_year: int) -> None:
        self.index = ep.index
        self.kind = ep.kind
        self.date: dt.date = ep.date
        self.benefit_year = benefit_year
        self.computable = True
        self.reason: Msg | None = None
        self.cost: Decimal | None = ep.cost.total
        self.excluded: Decimal | None = None
        self.class_b_self_pay: Decimal | None = None
        self.eligible: Decimal | None = None
        self.deductible: Decimal | None = None
        self.basic: Decimal | None = None
        self.supplementary: Decimal | None = None
        self.major_illness: Decimal | None = None
        self.assistance: Decimal | None = None
        self.out_of_pocket: Decimal | None = None
        self.out_of_pocket_at_most = False
        self.out_of_pocket_at_least = False
        self.steps: list[Step] = []
        self.notes: list[Msg] = []
        # From the basic layer: the episode counts towards major-illness insurance
        # (inpatient-type care); it counts towards a yearly limit measured on eligible
        # cost (the cost above it is what the large supplementary insurance pays on);
        # the part of the eligible cost the fund's schedule reaches (a banded schedule
        # ends at its last band); a cap stopped the fund's payment; the person is in a
        # waiting period (no insurance layer pays).
        self.counts_major = True
        self.in_cost_limit = False
        self.covered = Decimal(0)
        self.capped = False
        self.waiting = False

    def not_computable(self, reason: Msg | None) -> None:
        self.computable = False
        self.reason = reason
