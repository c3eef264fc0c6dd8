"""Mutants of one Python module, made from its syntax tree and spliced into its source text.

Mutations: a comparison flipped (``<`` ``<=``, ``>`` ``>=``, ``==`` ``!=``, ``in`` ``not in``, ``is``
``is not``, each to the other), ``and`` and ``or`` swapped, ``not`` removed, ``True`` and ``False``
swapped, a number changed (0 to 1, 1 to 0, n to n + 1), a returned value made ``None``, a statement
deleted (made ``pass``). Annotations, docstrings, imports, definitions and ``if TYPE_CHECKING:``
blocks are left alone: changing them changes no behaviour a test can see, or only its imports.

Only the changed node's text is replaced, so every other line keeps its number and its comments. Each
mutant is checked: its text must parse to the original tree with just that node changed.
"""

from __future__ import annotations

import ast
import bisect
from dataclasses import dataclass

_FLIPPED: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_KEPT_STATEMENTS = (
    ast.Pass,
    ast.Import,
    ast.ImportFrom,
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.Global,
    ast.Nonlocal,
)
_SNIPPET_CHARS = 90


@dataclass(frozen=True)
class Mutant:
    """One change to one module. `key` names it for the list of equivalent mutants: it holds no line
    number, so it survives edits elsewhere in the module."""

    module: str
    line: int
    end_line: int
    function: str
    mutation: str
    source: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.module, self.function, self.mutation)

    def where(self) -> str:
        return f"{self.module}:{self.line}"


def _clipped(text: str) -> str:
    return text if len(text) <= _SNIPPET_CHARS else text[: _SNIPPET_CHARS - 1] + "…"


def _snippet(node: ast.AST) -> str:
    return _clipped(" ".join(ast.unparse(node).split()))


def _changed_number(value: float) -> int | float:
    if value == 0:
        return type(value)(1)
    if value == 1:
        return type(value)(0)
    return value + 1


@dataclass
class _Site:
    """A node, where it hangs in its parent (field, and index in a list field), and its replacement."""

    parent: ast.AST
    field: str
    index: int | None
    old: ast.AST
    new: ast.AST
    text: str
    function: str
    mutation: str


class _Finder(ast.NodeVisitor):
    """Collects every mutation site of a module, with the qualified name of the code it is in."""

    def __init__(self) -> None:
        self.sites: list[_Site] = []
        self._scope: list[str] = []
        self._parent: list[tuple[ast.AST, str, int | None]] = []

    @property
    def _function(self) -> str:
        return ".".join(self._scope) or "<module>"

    def _add(self, old: ast.AST, new: ast.AST, text: str, mutation: str) -> None:
        parent, field, index = self._parent[-1]
        self.sites.append(_Site(parent, field, index, old, new, text, self._function, mutation))

    def _expression(self, old: ast.expr, new: ast.expr) -> None:
        self._add(old, new, f"({ast.unparse(new)})", f"`{_snippet(old)}` -> `{_snippet(new)}`")

    def visit_children(self, node: ast.AST, skip: tuple[str, ...] = ()) -> None:
        for field, value in ast.iter_fields(node):
            if field in skip:
                continue
            if isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, ast.AST):
                        self._parent.append((node, field, index))
                        self.visit(item)
                        self._parent.pop()
            elif isinstance(value, ast.AST):
                self._parent.append((node, field, None))
                self.visit(value)
                self._parent.pop()

    def generic_visit(self, node: ast.AST) -> None:
        if isinstance(node, ast.stmt) and self._parent:
            self._statement(node)
        self.visit_children(node)

    def _statement(self, node: ast.stmt) -> None:
        if isinstance(node, _KEPT_STATEMENTS) or (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):
            return
        if isinstance(node, ast.AnnAssign) and node.value is None and "ClassVar" in ast.unparse(node.annotation):
            return  # a declaration only
        first_line = (
            _snippet(node)
            if not hasattr(node, "body")
            else _clipped(" ".join(ast.unparse(node).splitlines()[0].split()) + " …")
        )
        parent, field, _ = self._parent[-1]
        is_elif = (
            isinstance(parent, ast.If)
            and field == "orelse"
            and len(parent.orelse) == 1
            and getattr(parent, "_elif_line", None) == node.lineno
        )
        self._add(node, ast.Pass(), "else: pass" if is_elif else "pass", f"delete `{first_line}`")

    def _definition(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        self._scope.append(node.name)
        skip = ("returns", "type_comment") if not isinstance(node, ast.ClassDef) else ()
        if not isinstance(node, ast.ClassDef):
            self.visit_children(node.args, skip=("annotation",))
            skip = (*skip, "args")
        self.visit_children(node, skip=skip)
        self._scope.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._definition(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._definition(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._definition(node)

    def visit_arg(self, node: ast.arg) -> None:
        """Annotations change no behaviour: not visited."""

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._statement(node)
        self.visit_children(node, skip=("annotation", "target"))

    def visit_If(self, node: ast.If) -> None:
        if isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            return
        self.generic_visit(node)

    def visit_Expr(self, node: ast.Expr) -> None:
        if not isinstance(node.value, ast.Constant):  # docstrings
            self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        for index, op in enumerate(node.ops):
            ops = list(node.ops)
            ops[index] = _FLIPPED[type(op)]()
            self._expression(node, ast.Compare(left=node.left, ops=ops, comparators=node.comparators))
        self.generic_visit(node)

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        swapped = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        self._expression(node, ast.BoolOp(op=swapped, values=node.values))
        self.generic_visit(node)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> None:
        if isinstance(node.op, ast.Not):
            self._expression(node, node.operand)
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        value = node.value
        if isinstance(value, bool):
            self._expression(node, ast.Constant(not value))
        elif isinstance(value, (int, float)):
            new = ast.Constant(_changed_number(value))
            parent = self._parent[-1][0]
            if isinstance(parent, ast.expr) and not isinstance(parent, (ast.Tuple, ast.List, ast.Dict, ast.Set)):
                # the number in its expression, so that two numbers on one line are told apart
                context = _snippet(parent)
                self._add(node, new, f"({ast.unparse(new)})", f"{context}: `{value!r}` -> `{new.value!r}`")
            else:
                self._expression(node, new)

    def visit_Return(self, node: ast.Return) -> None:
        self._statement(node)
        if node.value is not None and not (isinstance(node.value, ast.Constant) and node.value.value is None):
            self._parent.append((node, "value", None))
            self._add(node.value, ast.Constant(None), "(None)", f"`{_snippet(node)}` -> `return None`")
            self._parent.pop()
        self.visit_children(node)


def _mark_elifs(tree: ast.Module, lines: list[bytes]) -> None:
    """An `elif` is an If alone in its parent's else branch, written on the line of the word elif."""
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and len(node.orelse) == 1 and isinstance(node.orelse[0], ast.If):
            inner = node.orelse[0]
            if lines[inner.lineno - 1][inner.col_offset :].startswith(b"elif"):
                node._elif_line = inner.lineno  # type: ignore[attr-defined]


def _splice(lines: list[bytes], node: ast.AST, text: str) -> str:
    """The source with `node`'s text replaced (columns are UTF-8 byte offsets, as ast gives them)."""
    first, last = node.lineno - 1, node.end_lineno - 1  # type: ignore[attr-defined]
    head = lines[first][: node.col_offset]  # type: ignore[attr-defined]
    tail = lines[last][node.end_col_offset :]  # type: ignore[attr-defined]
    return b"".join([*lines[:first], head, text.encode(), tail, *lines[last + 1 :]]).decode()


def _swapped(site: _Site, node: ast.AST) -> None:
    if site.index is None:
        setattr(site.parent, site.field, node)
    else:
        getattr(site.parent, site.field)[site.index] = node


def mutants(module: str, source: str) -> tuple[list[Mutant], int]:
    """Every mutant of `module` (its path, as reported), and how many sites could not be spliced."""
    tree = ast.parse(source)
    lines = source.encode().splitlines(keepends=True)
    _mark_elifs(tree, lines)
    finder = _Finder()
    finder.visit(tree)
    found: list[Mutant] = []
    seen: dict[tuple[str, str], int] = {}
    unspliceable = 0
    starts = [min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", ()))]) for node in tree.body]
    for site in finder.sites:
        text = _splice(lines, site.old, site.text)
        top = bisect.bisect_right(starts, site.old.lineno) - 1  # type: ignore[attr-defined]
        _swapped(site, site.new)
        expected = ast.dump(tree.body[top])
        _swapped(site, site.old)
        try:
            mutated = ast.parse(text).body
        except SyntaxError:
            mutated = []
        if len(mutated) != len(tree.body) or ast.dump(mutated[top]) != expected:
            unspliceable += 1
            continue
        count = seen[(site.function, site.mutation)] = seen.get((site.function, site.mutation), 0) + 1
        mutation = site.mutation if count == 1 else f"{site.mutation} #{count}"
        found.append(
            Mutant(
                module,
                site.old.lineno,
                site.old.end_lineno,  # type: ignore[attr-defined]
                site.function,
                mutation,
                text,
            )
        )
    return found, unspliceable
