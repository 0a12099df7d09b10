"""A message as the engine produces it: a key and its parameters, no text yet.

The layers say *what* to tell the reader (``msg("step.rate", rate="90%")``);
``render`` turns it into text in one language, or into the three-language
mapping of ``messages.text`` (the same shared object, so the three-language
result stays byte-identical). The texts themselves are read only through
``messages.text`` and ``messages.template``.

A parameter is plain text or a per-language mapping (a label from the policy
data); mappings are kept by reference, never copied.
"""

from __future__ import annotations

import re
from typing import Any

from . import messages


class Msg:
    """One message: its key and parameters (name, value) in the order given."""

    __slots__ = ("key", "params", "_all", "_one", "_filled")

    def __init__(self, key: str, params: tuple[tuple[str, Any], ...] = ()) -> None:
        self.key = key
        self.params = params
        self._all: messages.Text | None = None
        self._one: dict[str, str] | None = None
        self._filled: dict[str, tuple[str, dict[str, str]]] | None = None

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Msg) and self.key == other.key
                and self.params == other.params)

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"Msg({self.key!r}, {self.params!r})"

    def all(self) -> messages.Text:
        """The three-language mapping (shared with every equal message: read-only)."""
        found = self._all
        if found is None:
            found = self._all = messages.text(self.key, **dict(self.params))
        return found

    def text(self, lang: str) -> str:
        """The text in one language."""
        cache = self._one
        if cache is None:
            cache = self._one = {}
        found = cache.get(lang)
        if found is None:
            found = cache[lang] = messages.template(self.key, lang).format(
                **{k: _fill(v, lang) for k, v in self.params})
        return found


    def running(self, lang: str) -> tuple[str, dict[str, str]]:
        """The message as a template and its plain-text parameters (the year's running
        amounts), for the one-language result: the parameters that are labels or
        percents are filled into the template, which is then shared by every step of
        the same kind and label; the others are left as ``{name}`` and returned by
        name. Filling them in gives ``text(lang)``. (Shared: read-only.)"""
        cache = self._filled
        if cache is None:
            cache = self._filled = {}
        found = cache.get(lang)
        if found is None:
            plain = {k: v for k, v in self.params if type(v) is str}
            ident = (self.key, lang, *[(k, id(v)) for k, v in self.params
                                       if type(v) is not str])
            shape = _SHAPES.get(ident)
            if shape is None:
                fixed = {k: _fill(v, lang) for k, v in self.params if type(v) is not str}
                if len(_SHAPES) >= _INTERNED_MAX:
                    _SHAPES.clear()
                shape = _SHAPES[ident] = (_PLACEHOLDER.sub(
                    lambda m: fixed.get(m.group(1), m.group(0)),
                    messages.template(self.key, lang)), self.params)
            found = cache[lang] = (shape[0], plain)
        return found


class Shape:
    """A message whose parameters include the year's running amounts (the messages
    ``render.RUNNING`` names), made once where its plan is compiled: its key and its
    parameters in order, the fixed ones (labels, percents, the plan's own figures)
    given and the running ones None. ``shape(value, …)`` is one step's message, the
    running values filled in in order. The one-language result shares the shape's
    template (its labels and percents filled in) between the steps made from it."""

    __slots__ = ("key", "params", "params_json", "_templates")

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = tuple(params.items())
        # The plain-text parameters as the one-language result's JSON writes them, with
        # ``%s`` for each running value (made by render.py when first needed).
        self.params_json: str | None = None
        self._templates: dict[str, str] = {}

    def __call__(self, *values: str) -> Running:
        return Running(self, values)

    def template(self, lang: str) -> str:
        """The template in *lang* with the parameters that are not plain text (labels,
        percents) filled in; plain-text ones, fixed or running, are left as ``{name}``."""
        found = self._templates.get(lang)
        if found is None:
            fixed = {k: _fill(v, lang) for k, v in self.params
                     if v is not None and type(v) is not str}
            found = self._templates[lang] = _PLACEHOLDER.sub(
                lambda m: fixed.get(m.group(1), m.group(0)), messages.template(self.key, lang))
        return found


# Equal shapes are one record (labels and percents told apart by identity, as in
# ``msg``): plans of different facilities or kinds share their steps' shapes, and the
# one-language result writes each shape's part once.
_SHAPED: dict[tuple[Any, ...], Shape] = {}


def shape(key: str, **params: Any) -> Shape:
    """The one ``Shape`` of a message key and parameters (None: a running value)."""
    ident = (key, *[(k, v if v is None or type(v) is str else id(v))
                    for k, v in params.items()])
    found = _SHAPED.get(ident)
    if found is None:
        if len(_SHAPED) >= _INTERNED_MAX:
            _SHAPED.clear()
        found = _SHAPED[ident] = Shape(key, **params)
    return found


class Running(Msg):
    """One step's message made from a ``Shape``: the shape's parameters with this
    step's running values (plain text) in the places the shape leaves open."""

    __slots__ = ("shape", "values")

    def __init__(self, shape: Shape, values: tuple[str, ...]) -> None:
        given = iter(values)
        super().__init__(shape.key, tuple([(k, next(given) if v is None else v)
                                           for k, v in shape.params]))
        self.shape = shape
        self.values = values

    def running(self, lang: str) -> tuple[str, dict[str, str]]:
        cache = self._filled
        if cache is None:
            cache = self._filled = {}
        found = cache.get(lang)
        if found is None:
            found = cache[lang] = (self.shape.template(lang),
                                   {k: v for k, v in self.params if type(v) is str})
        return found


def _fill(value: Any, lang: str) -> str:
    if type(value) is str:
        return value
    return messages.fill_value(value, lang)  # percents in the language's order, mappings


# Equal messages share one record, so each text is made once. A label parameter
# (a mapping from the policy data) is told apart by identity; the record keeps it
# alive, so its identity is not reused while the record is here.
_INTERNED: dict[tuple[Any, ...], Msg] = {}
_INTERNED_MAX = 50_000
# Templates with their label and percent parameters filled in, by key, language and
# the identity of those parameters (kept alive with the parameters that made them).
_SHAPES: dict[tuple[Any, ...], tuple[str, Any]] = {}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def msg(key: str, **params: Any) -> Msg:
    ident = (key, *[(k, v if type(v) is str else id(v)) for k, v in params.items()])
    found = _INTERNED.get(ident)
    if found is None:
        if len(_INTERNED) >= _INTERNED_MAX:
            _INTERNED.clear()
        found = _INTERNED[ident] = Msg(key, tuple(params.items()))
    return found


_CONSTANT: dict[str, Msg] = {}


def const(key: str) -> Msg:
    """A message without parameters: one shared record per key, its texts made once."""
    found = _CONSTANT.get(key)
    if found is None:
        found = _CONSTANT[key] = Msg(key)
    return found


def label(value: Any, lang: str) -> Any:
    """A label from the policy data (a per-language mapping, or text) in one language."""
    return _fill(value, lang) if value is not None else None
