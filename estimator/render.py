"""A result in words: ``render(result, lang)``.

``lang="all"``: the three-language form every earlier caller knows — each label,
reason and note a mapping {zh, ug, en}, each step's citation inline (the schema's
"three-language result").

``lang`` one of zh, ug, en: the same fields, with every text in that language
listed once per result (``texts``) and every citation once (``citations``);
labels, reasons, notes, readings, citations and a citation's document title are
indexes into those lists, and a step without an amount or a citation leaves that
field out (the schema's "one-language result"). A step whose message carries the
year's running amounts (``RUNNING``) gives the message's template as its label
(its labels and percents filled in) and the amounts in ``params``: the reader's text is the
template with each ``{name}`` replaced by ``params[name]`` (the page does this,
``result.js``). A 20-episode year repeats the same few labels, templates and
articles many times: listed once, the result is about a fifth of the
three-language form or less.
"""

from __future__ import annotations

import json
from decimal import Decimal
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from .errors import CaseError
from .messages import LANGS
from .msg import Msg, Shape, label
from .trace import Citation, EpisodeResult, Frame, Step

if TYPE_CHECKING:
    from .pipeline import Result

LANG_CHOICES = (*LANGS, "all")

# Messages whose parameters are the year's running amounts (or the episode's amounts
# in a band), so their text differs in nearly every step: the one-language result
# lists their template once and gives each step its parameters. Other messages
# repeat whole and are listed whole.
RUNNING = frozenset({"step.band", "step.cost_limit_year", "step.cap_year",
                     "step.supplementary", "step.civil_servant", "step.major_illness",
                     "step.tilted", "step.new_member_waiting", "step.new_member_rate"})


def _money(value: Decimal | None) -> str | None:
    """Amounts are rounded to the fen when made: their text is plain digits."""
    return None if value is None else str(value)


def render(result: Result, lang: str = "all") -> dict[str, Any]:
    if lang == "all":
        return _render_all(result)
    if lang not in LANGS:
        raise CaseError("lang", f"{lang!r} is not one of: {', '.join(LANG_CHOICES)}")
    return _One(lang).result(result)


def render_json(result: Result, lang: str = "all") -> str:
    """``json.dumps(render(result, lang), ensure_ascii=False)``, the same bytes, with
    the one-language form written straight to text: no dict per step or episode for
    the encoder to walk; the parts steps share (a message's key and label, a
    citation) written once per result; each string through the encoder's own
    ``encode_basestring`` (tests/test_estimator_render.py checks the bytes on every
    recorded case and on drawn years)."""
    if lang == "all":
        return json.dumps(_render_all(result), ensure_ascii=False)
    if lang not in LANGS:
        raise CaseError("lang", f"{lang!r} is not one of: {', '.join(LANG_CHOICES)}")
    return _One(lang).json(result)


# -- the three-language form ---------------------------------------------------
def _step_all(step: Step) -> dict[str, Any]:
    cite = step.cite
    amount = step.amount
    out: dict[str, Any] = {"key": step.key, "label": step.label.all(),
                           "amount": None if amount is None else str(amount),
                           "citation": None if cite is None else cite.json}
    if step.reading:
        out["reading"] = step.reading
    return out


def _episode_all(e: EpisodeResult) -> dict[str, Any]:
    m = _money
    return {
        "index": e.index, "kind": e.kind, "date": e.date.isoformat(),
        "benefit_year": e.benefit_year, "computable": e.computable,
        "reason": None if e.reason is None else e.reason.all(),
        "cost": m(e.cost), "excluded": m(e.excluded),
        "class_b_self_pay": m(e.class_b_self_pay), "eligible": m(e.eligible),
        "deductible": m(e.deductible), "basic": m(e.basic),
        "supplementary": m(e.supplementary), "major_illness": m(e.major_illness),
        "assistance": m(e.assistance), "out_of_pocket": m(e.out_of_pocket),
        "out_of_pocket_at_most": e.out_of_pocket_at_most,
        "out_of_pocket_at_least": e.out_of_pocket_at_least,
        "steps": [_step_all(s) for s in e.steps],
        "notes": [n.all() for n in e.notes],
    }


def _render_all(result: Result) -> dict[str, Any]:
    also = []
    for year, step in result.may_also_apply:
        item = _step_all(step)
        item["benefit_year"] = year
        also.append(item)
    return {
        "region": result.region,
        "scheme": result.scheme,
        "computable": result.computable,
        "totals": {k: _money(v) for k, v in result.totals.items()},
        "out_of_pocket_at_most": result.out_of_pocket_at_most,
        "out_of_pocket_at_least": result.out_of_pocket_at_least,
        "episodes": [_episode_all(e) for e in result.episodes],
        "may_also_apply": also,
        "notes": [n.all() for n in result.notes],
    }


# -- one language --------------------------------------------------------------
class _One:
    """Renders one result in one language. Every text (label, reason, note,
    reading) is listed once in ``texts`` and every citation once in ``citations``;
    the fields hold their index there."""

    __slots__ = ("lang", "refs", "table", "titles", "text_refs", "texts", "said", "done",
                 "frames", "heads", "tails")

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.refs: dict[Citation, int] = {}
        self.table: list[dict[str, Any]] = []
        # The title of each citation of the table (its index in texts, or None).
        self.titles: list[int | None] = []
        self.text_refs: dict[str, int] = {}
        self.texts: list[str] = []
        # By the identity of a message or step of this result (alive while it is
        # rendered): its text's index, the step's rendered record (one shared record,
        # e.g. a plan's rate step in every episode; json.dumps writes it each time).
        self.said: dict[int, int] = {}
        self.done: dict[int, dict[str, Any]] = {}
        # render_json: the parts of a frame's steps' records, by the frame's identity;
        # a record's start by its message's or shape's identity (with the step's key);
        # a citation's part of the record.
        self.frames: dict[int, tuple[str, str]] = {}
        self.heads: dict[int, tuple[str, str]] = {}
        self.tails: dict[Citation, str] = {}

    def cite(self, cite: Citation) -> int:
        ref = self.refs.get(cite)
        if ref is None:
            ref = self.refs[cite] = len(self.table)
            title = cite.title_in(self.lang)
            index = None if title is None else self.ref(title)
            self.titles.append(index)
            self.table.append({"document": cite.document, "title": index,
                               "article": cite.article})
        return ref

    def ref(self, text: str) -> int:
        found = self.text_refs.get(text)
        if found is None:
            found = self.text_refs[text] = len(self.texts)
            self.texts.append(text)
        return found

    def text(self, message: Msg | None) -> int | None:
        if message is None:
            return None
        found = self.said.get(id(message))
        if found is None:
            found = self.said[id(message)] = self.ref(message.text(self.lang))
        return found

    def steps(self, steps: list[Step]) -> list[dict[str, Any]]:
        """Each step's record (written out: this runs for every step of the year)."""
        out: list[dict[str, Any]] = []
        done = self.done
        said = self.said
        refs = self.refs
        for step in steps:
            record = done.get(id(step))
            if record is not None:
                out.append(record)
                continue
            message = step.label
            if message.key in RUNNING:
                shape, params = message.running(self.lang)
                record = {"key": step.key, "label": self.ref(shape), "params": params}
            else:
                index = said.get(id(message))
                if index is None:
                    index = said[id(message)] = self.ref(message.text(self.lang))
                record = {"key": step.key, "label": index}
            if step.amount is not None:
                record["amount"] = str(step.amount)
            if (cite := step.cite) is not None:
                ref = refs.get(cite)
                record["citation"] = self.cite(cite) if ref is None else ref
            if step.reading:
                record["reading"] = self.ref(label(step.reading, self.lang))
            done[id(step)] = record
            out.append(record)
        return out

    def step(self, step: Step) -> dict[str, Any]:
        """One step's record, a copy of its own (may_also_apply adds the year)."""
        return dict(self.steps([step])[0])

    def episode(self, e: EpisodeResult) -> dict[str, Any]:
        text = self.text
        return {
            "index": e.index, "kind": e.kind, "date": e.date.isoformat(),
            "benefit_year": e.benefit_year, "computable": e.computable,
            "reason": None if e.reason is None else text(e.reason),
            "cost": None if (v := e.cost) is None else str(v),
            "excluded": None if (v := e.excluded) is None else str(v),
            "class_b_self_pay": None if (v := e.class_b_self_pay) is None else str(v),
            "eligible": None if (v := e.eligible) is None else str(v),
            "deductible": None if (v := e.deductible) is None else str(v),
            "basic": None if (v := e.basic) is None else str(v),
            "supplementary": None if (v := e.supplementary) is None else str(v),
            "major_illness": None if (v := e.major_illness) is None else str(v),
            "assistance": None if (v := e.assistance) is None else str(v),
            "out_of_pocket": None if (v := e.out_of_pocket) is None else str(v),
            "out_of_pocket_at_most": e.out_of_pocket_at_most,
            "out_of_pocket_at_least": e.out_of_pocket_at_least,
            "steps": self.steps(e.steps),
            "notes": [text(n) for n in e.notes],
        }

    def result(self, result: Result) -> dict[str, Any]:
        episodes = [self.episode(e) for e in result.episodes]
        also = []
        for year, step in result.may_also_apply:
            item = self.step(step)
            item["benefit_year"] = year
            also.append(item)
        return {
            "lang": self.lang,
            "region": result.region,
            "scheme": result.scheme,
            "computable": result.computable,
            "totals": {k: _money(v) for k, v in result.totals.items()},
            "out_of_pocket_at_most": result.out_of_pocket_at_most,
            "out_of_pocket_at_least": result.out_of_pocket_at_least,
            "episodes": episodes,
            "may_also_apply": also,
            "notes": [self.text(n) for n in result.notes],
            "texts": self.texts,
            "citations": self.table,
        }

    # -- written straight to JSON (render_json): the same records, as text --------
    def steps_json(self, steps: list[Step]) -> str:
        """The steps' list as ``json.dumps`` writes it (written out, as ``steps``): a
        step's record is its frame's start (key, label and params: for a shape, a
        %-format its running values are written into), its amount and its frame's end
        (citation and reading); a frame's parts are made once per result."""
        out: list[str] = []
        frames = self.frames
        for step in steps:
            frame = step.frame
            parts = frames.get(id(frame))
            if parts is None:
                parts = frames[id(frame)] = self.frame_parts(frame)
            message = step.message
            start = parts[0] if message is None else parts[0] % tuple(
                [encode_basestring(v) for v in message.values])
            amount = step.amount
            out.append(start + parts[1] if amount is None
                       else f'{start}, "amount": "{amount!s}"{parts[1]}')
        return "[" + ", ".join(out) + "]"

    def frame_parts(self, frame: Frame) -> tuple[str, str]:
        """The start and the end of the records of a frame's steps (frames share their
        message's start and their citation's end)."""
        message = frame.label
        head = self.heads.get(id(message))
        if head is None or head[0] != frame.key:
            head = self.heads[id(message)] = (frame.key, self.running_head(
                frame.key, message) if isinstance(message, Shape) else self.head(
                frame.key, message))
        cite = frame.cite
        end = "" if cite is None else self.tails.get(cite)
        if end is None:
            assert cite is not None
            end = self.tails[cite] = f', "citation": {self.cite(cite)}'
        if frame.reading:
            end += f', "reading": {self.ref(label(frame.reading, self.lang))}'
        return head[1], end + "}"

    def head(self, key: str, message: Msg) -> str:
        """A step record's start: its key, its label and, for a message with running
        amounts, its template's parameters."""
        quoted = _QUOTED.get(key) or _quoted(key)
        if message.key in RUNNING:
            shape, params = message.running(self.lang)
            return f'{{"key": {quoted}, "label": {self.ref(shape)}, "params": ' + _object(
                params)
        index = self.said.get(id(message))
        if index is None:
            index = self.said[id(message)] = self.ref(message.text(self.lang))
        return f'{{"key": {quoted}, "label": {index}'

    def running_head(self, key: str, shape: Shape) -> str:
        """The start of the records of the steps made from *shape*, as a %-format: the
        key, the shape's template and its plain-text parameters, ``%s`` where a running
        value goes (the same text ``head`` writes for each such step)."""
        quoted = _QUOTED.get(key) or _quoted(key)
        start = f'{{"key": {quoted}, "label": {self.ref(shape.template(self.lang))}, "params": {{'
        params = shape.params_json
        if params is None:
            params = shape.params_json = ", ".join([
                (encode_basestring(k) + ": ").replace("%", "%%")
                + ("%s" if v is None else encode_basestring(v).replace("%", "%%"))
                for k, v in shape.params if v is None or type(v) is str]) + "}"
        return start.replace("%", "%%") + params

    def episode_json(self, e: EpisodeResult) -> str:
        text = self.text
        # The amounts: null, or their digits as a string (written out, not a loop).
        cost = "null" if (v := e.cost) is None else f'"{v!s}"'
        excluded = "null" if (v := e.excluded) is None else f'"{v!s}"'
        class_b = "null" if (v := e.class_b_self_pay) is None else f'"{v!s}"'
        eligible = "null" if (v := e.eligible) is None else f'"{v!s}"'
        deductible = "null" if (v := e.deductible) is None else f'"{v!s}"'
        basic = "null" if (v := e.basic) is None else f'"{v!s}"'
        supplementary = "null" if (v := e.supplementary) is None else f'"{v!s}"'
        major = "null" if (v := e.major_illness) is None else f'"{v!s}"'
        assistance = "null" if (v := e.assistance) is None else f'"{v!s}"'
        out = "null" if (v := e.out_of_pocket) is None else f'"{v!s}"'
        return (
            f'{{"index": {e.index}, "kind": {_QUOTED.get(e.kind) or _quoted(e.kind)}, '
            f'"date": "{e.date.isoformat()}", "benefit_year": {e.benefit_year}, '
            f'"computable": {"true" if e.computable else "false"}, '
            f'"reason": {"null" if e.reason is None else text(e.reason)}, '
            f'"cost": {cost}, "excluded": {excluded}, "class_b_self_pay": {class_b}, '
            f'"eligible": {eligible}, "deductible": {deductible}, "basic": {basic}, '
            f'"supplementary": {supplementary}, "major_illness": {major}, '
            f'"assistance": {assistance}, "out_of_pocket": {out}, '
            f'"out_of_pocket_at_most": {"true" if e.out_of_pocket_at_most else "false"}, '
            f'"out_of_pocket_at_least": {"true" if e.out_of_pocket_at_least else "false"}, '
            f'"steps": {self.steps_json(e.steps)}, '
            f'"notes": [{", ".join([str(text(n)) for n in e.notes])}]' "}")

    def json(self, result: Result) -> str:
        episodes = ", ".join([self.episode_json(e) for e in result.episodes])
        also = []
        for year, step in result.may_also_apply:
            also.append(self.steps_json([step])[1:-2] + f', "benefit_year": {year}}}')
        notes = ", ".join([str(self.text(n)) for n in result.notes])
        totals = ", ".join([f'"{k}": {_money_json(v)}' for k, v in result.totals.items()])
        citations = ", ".join([_citation_json(c, t)
                               for c, t in zip(self.refs, self.titles, strict=True)])
        return (
            f'{{"lang": {_quoted(self.lang)}, "region": {_quoted(result.region)}, '
            f'"scheme": {_quoted(result.scheme)}, '
            f'"computable": {"true" if result.computable else "false"}, '
            f'"totals": {{{totals}}}, '
            f'"out_of_pocket_at_most": {"true" if result.out_of_pocket_at_most else "false"}, '
            f'"out_of_pocket_at_least": '
            f'{"true" if result.out_of_pocket_at_least else "false"}, '
            f'"episodes": [{episodes}], "may_also_apply": [{", ".join(also)}], '
            f'"notes": [{notes}], '
            f'"texts": [{", ".join([encode_basestring(t) for t in self.texts])}], '
            f'"citations": [{citations}]' "}")


def _citation_json(cite: Citation, title: int | None) -> str:
    """A citation table entry as ``json.dumps`` writes it (its document and article
    are text, its title an index into ``texts`` or null)."""
    before, after = cite.json_around_title
    return f'{before}{"null" if title is None else title}{after}'


def _money_json(value: Decimal | None) -> str:
    return "null" if value is None else f'"{value!s}"'


# Keys and kinds as JSON strings (a few dozen names, written in every result).
_QUOTED: dict[str, str] = {}


def _quoted(name: str) -> str:
    found = _QUOTED[name] = encode_basestring(name)
    return found


def _object(params: dict[str, str]) -> str:
    """A step's plain-text parameters as ``json.dumps`` writes them."""
    return "{" + ", ".join([f"{encode_basestring(k)}: {encode_basestring(v)}"
                            for k, v in params.items()]) + "}"
