"""Mutation testing of the reference solutions, and degenerate answers (``mlkata audit --mutate``).

The hand-written mutants in ``mutants/`` are the mistakes their authors thought of; the graders were
written by the same hands. This module finds the blind spots nobody thought of: it rewrites each
reference's candidate part, one small change at a time, and the audit demands that the graders
reject every change — or that someone records why the change cannot be told apart from the reference.

Operators. The engine is cosmic-ray's (a ``dev`` dependency): its operator classes take a parso
tree node, say where they can mutate it and apply one mutation, and are used here as a library —
comparison boundaries and flips, arithmetic and bitwise swaps, ``and``/``or``, ``True``/``False``,
``not`` added or removed, numbers off by one, loops that never run, ``break``/``continue``, except
clauses that never match. Operators of ours in the same framework add what interview answers get
wrong and cosmic-ray lacks: ``raise`` removed, mean and median swapped, min and max swapped
(argmin, idxmax, nsmallest...), sort order reversed, a keyword argument whose default changes the
answer dropped (``replace=``, ``ddof=``, ``random_state=``, ``axis=``...), a slice bound off by one.

Where. Only code between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` is mutated, never
docstrings, comments, annotations, f-strings or the message of a ``raise``; a literal seed is not
changed (another seed is another correct answer). Mutants that do not compile, that compile to the
reference's own code, or that repeat another mutant are dropped.

Ids. A mutant's id is ``<function>:<operator>:<line digest>:<k>``: the function it is in, the
operator, a digest of the mutated line's normalised text and its index among that function's
mutations by that operator of lines with that text. It survives edits elsewhere in the file; editing
the line itself makes a new mutant. Its description says where and what: ``line 42 in f: `a >= b`
→ `a > b```.

Grading. Each mutant is the whole solution with one change, written to a temporary folder and
graded through the audit plan like an alternative (the graders imported once, data memoised); a
call that runs past ``CALL_SECONDS`` fails (an endless loop is a rejection, not a stalled audit).
The audit grades seed by seed, each seed only the mutants no seed has killed yet, and a mutant's
remaining tests are skipped once one failed (the audit plan's ``until_rejected``).

Equivalents. A mutant no test can kill because it behaves exactly like the reference is listed in
``mutants/<topic>/<name>/equivalent.txt``, one a line: the id, whitespace, and a one-line reason;
``#`` starts a comment line. A survivor not listed is a violation. A listed mutant that is now
killed is a violation too (either it was never equivalent, or the graders reject a correct answer);
a listed id that is no longer generated (its line changed) is a warning: remove the entry.

Degenerate answers. Each exercise's candidate functions are also replaced, all at once, by a
trivial answer — ``return 0``, ``1`` (a fixed k), ``math.inf``, ``None``, the first argument
unchanged, an empty value of the return type — and each must earn at most ``DEGENERATE_SHARE`` of
the exercise's points on every seed.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import re
import signal
import textwrap
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import parso
import parso.python.tree as pytree
import parso.tree
from cosmic_ray.ast import ast_nodes
from cosmic_ray.operators.operator import Example, Operator
from cosmic_ray.operators.provider import OperatorProvider

from mlkata.audit import GENERATED_PREFIX
from mlkata.layout import MUTANTS_DIR, Exercise
from mlkata.results import GRADER_ERROR, PASSED, TestRecord
from mlkata.stubs import BEGIN_SOLUTION, END_SOLUTION

EQUIVALENTS_FILE = "equivalent.txt"
DEGENERATE_SHARE = 0.10
DEGENERATE_PREFIX = "degenerate:"
# the slowest reference call in the kit takes about 3 s (feature_ablation, 2 CPUs shared)
CALL_SECONDS = 30.0

# cosmic-ray's operators, as pairs (from, to) among those it builds: the replacements a candidate
# plausibly writes. All 132 binary and 56 comparison pairs would triple the mutants and the audit's
# time, mostly with mutants that crash on the first call (`a << b` for `a + b`).
_BINARY = {
    "Add": ("Sub",),
    "Sub": ("Add",),
    "Mul": ("Div",),
    "Div": ("Mul", "FloorDiv"),
    "FloorDiv": ("Div",),
    "Mod": ("FloorDiv",),
    "Pow": ("Mul",),
    "BitAnd": ("BitOr",),
    "BitOr": ("BitAnd",),
    "BitXor": ("BitOr",),
    "LShift": ("RShift",),
    "RShift": ("LShift",),
}
# a boundary moved (< and <=) and a direction flipped (< and >); equality negated
_COMPARISON = {
    "Lt": ("LtE", "Gt"),
    "LtE": ("Lt", "GtE"),
    "Gt": ("GtE", "Lt"),
    "GtE": ("Gt", "LtE"),
    "Eq": ("NotEq",),
    "NotEq": ("Eq",),
    "Is": ("IsNot",),
    "IsNot": ("Is",),
}
_WHOLE_OPERATORS = (
    "AddNot",
    "ReplaceTrueWithFalse",
    "ReplaceFalseWithTrue",
    "ReplaceAndWithOr",
    "ReplaceOrWithAnd",
    "ReplaceBreakWithContinue",
    "ReplaceContinueWithBreak",
    "ExceptionReplacer",
    "NumberReplacer",
    "RemoveDecorator",
    "ZeroIterationForLoop",
    # `not x`, `-x`, `~mask` lose their operator; replacing one unary operator by another is noise
    "ReplaceUnaryOperator_Delete_Not",
    "ReplaceUnaryOperator_Delete_USub",
    "ReplaceUnaryOperator_Delete_Invert",
)

# keyword arguments whose default silently changes the answer: dropping one is a classic slip
DROPPABLE_KEYWORDS = frozenset(
    {
        "allow_exact_matches",
        "alternative",
        "ascending",
        "assume_unique",
        "axis",
        "bias",
        "class_weight",
        "closed",
        "ddof",
        "direction",
        "dropna",
        "equal_var",
        "fill_value",
        "full_matrices",
        "how",
        "ignore_index",
        "include_lowest",
        "inclusive",
        "keepdims",
        "kind",
        "min_periods",
        "minlength",
        "normalize",
        "observed",
        "random_state",
        "replace",
        "reverse",
        "right",
        "rowvar",
        "sample_weight",
        "seed",
        "shuffle",
        "side",
        "skipna",
        "sort",
        "stratify",
        "strict",
        "weights",
    }
)
_SEED_KEYWORDS = frozenset({"random_state", "seed"})
_SEEDED_CALLS = frozenset({"default_rng", "RandomState", "seed", "check_random_state"})


class _Text(pytree.Leaf):
    """A leaf whose code is given as text: what our operators put in place of the node they mutate."""

    type = "mutated"


def _code(node: parso.tree.NodeOrLeaf) -> str:
    return node.get_code(include_prefix=False)


def _replaced(node: parso.tree.NodeOrLeaf, text: str) -> _Text:
    return _Text(text, node.start_pos, node.get_first_leaf().prefix)


def _called_name(trailer: parso.tree.NodeOrLeaf) -> str | None:
    """For a call's ``( ... )`` trailer, the name called (``sorted``, ``np.argsort`` → ``argsort``)."""
    if trailer.type != "trailer" or not _is_operator(trailer.children[0], "("):
        return None
    before = trailer.get_previous_sibling()
    if before is None:
        return None
    if before.type == "name":
        return before.value
    if before.type == "trailer" and before.children[0].value == ".":
        return before.children[1].value
    return None


def _arguments(trailer: parso.tree.BaseNode) -> list[parso.tree.NodeOrLeaf]:
    """The children between a call trailer's parentheses: arguments and commas."""
    inner = trailer.children[1:-1]
    if len(inner) == 1 and inner[0].type == "arglist":
        return list(inner[0].children)
    return list(inner)


def _keyword_of(argument: parso.tree.NodeOrLeaf) -> str | None:
    children = getattr(argument, "children", [])
    if argument.type == "argument" and len(children) == 3 and _is_operator(children[1], "="):
        return children[0].value
    return None


def _is_operator(node: parso.tree.NodeOrLeaf, value: str) -> bool:
    return node.type == "operator" and node.value == value


class RemoveRaise(Operator):
    """Removes a ``raise`` statement: the contract's error is never raised."""

    def mutation_positions(self, node):
        if node.type == "raise_stmt":
            yield (node.start_pos, node.end_pos)

    def mutate(self, node, index):
        return _replaced(node, "pass")

    @classmethod
    def examples(cls):
        return (Example("if x < 0:\n    raise ValueError(x)\n", "if x < 0:\n    pass\n"),)


class _NameSwap(Operator):
    """Replaces a function or method name by its counterpart (``mean`` by ``median``...)."""

    swaps: ClassVar[dict[str, str]] = {}

    def mutation_positions(self, node):
        if node.type != "name" or node.value not in self.swaps:
            return
        parent = node.parent
        attribute = parent.type == "trailer" and _is_operator(parent.children[0], ".")
        following = node.get_next_sibling()
        called = following is not None and following.type == "trailer" and _is_operator(following.children[0], "(")
        if attribute or (parent.type == "atom_expr" and parent.children[0] is node and called):
            yield (node.start_pos, node.end_pos)

    def mutate(self, node, index):
        return _replaced(node, self.swaps[node.value])


_MEAN_MEDIAN = {"mean": "median", "nanmean": "nanmedian"}
_MIN_MAX = {
    "min": "max",
    "argmin": "argmax",
    "nanmin": "nanmax",
    "nanargmin": "nanargmax",
    "amin": "amax",
    "idxmin": "idxmax",
    "minimum": "maximum",
    "fmin": "fmax",
    "cummin": "cummax",
    "nsmallest": "nlargest",
}


class ReplaceMeanWithMedian(_NameSwap):
    swaps: ClassVar[dict[str, str]] = _MEAN_MEDIAN

    @classmethod
    def examples(cls):
        return (Example("np.mean(x)", "np.median(x)"), Example("df.x.mean()", "df.x.median()"))


class ReplaceMedianWithMean(_NameSwap):
    swaps: ClassVar[dict[str, str]] = {to: frm for frm, to in _MEAN_MEDIAN.items()}

    @classmethod
    def examples(cls):
        return (Example("np.median(x)", "np.mean(x)"),)


class ReplaceMinWithMax(_NameSwap):
    swaps: ClassVar[dict[str, str]] = _MIN_MAX

    @classmethod
    def examples(cls):
        return (Example("min(a, b)", "max(a, b)"), Example("x.argmin()", "x.argmax()"))


class ReplaceMaxWithMin(_NameSwap):
    swaps: ClassVar[dict[str, str]] = {to: frm for frm, to in _MIN_MAX.items()}

    @classmethod
    def examples(cls):
        return (Example("max(a, b)", "min(a, b)"), Example("s.idxmax()", "s.idxmin()"))


def _sort_change(trailer) -> tuple[str, str, Any] | None:
    """How to reverse the sort a call's ``( ... )`` trailer makes: ``("keyword", name, argument or
    None)`` to negate or add a flag, ``("reverse", "", None)`` to reverse the result; None otherwise."""
    name = _called_name(trailer)
    keyword = {"sorted": "reverse", "sort_values": "ascending", "sort_index": "ascending"}.get(name or "")
    if keyword is not None:
        given = next((a for a in _arguments(trailer) if _keyword_of(a) == keyword), None)
        if given is not None and (given.children[2].type != "keyword" or given.children[2].value not in _FLAGS):
            return None  # given as an expression: no obvious reversal
        return ("keyword", keyword, given)
    first = trailer.parent.children[0]
    numpy_sort = name == "sort" and first.type == "name" and first.value in ("np", "numpy")
    return ("reverse", "", None) if name == "argsort" or numpy_sort else None


_FLAGS = {"True": "False", "False": "True"}


class ReverseSortOrder(Operator):
    """Sorts the other way: ``sorted`` and ``sort_values`` descending, ``np.sort``/``argsort`` reversed."""

    def mutation_positions(self, node):
        if node.type == "trailer" and _sort_change(node) is not None:
            yield (node.start_pos, node.end_pos)

    def mutate(self, node, index):
        how, keyword, given = _sort_change(node)
        if how == "reverse":
            return _replaced(node, _code(node) + "[::-1]")
        if given is not None:
            flag = given.children[2]
            flag.value = _FLAGS[flag.value]
            return node
        inside = _code(node)[:-1].rstrip()
        separator = "" if inside.endswith("(") else " " if inside.endswith(",") else ", "
        default = "True" if keyword == "reverse" else "False"
        return _replaced(node, f"{inside}{separator}{keyword}={default})")

    @classmethod
    def examples(cls):
        return (
            Example("sorted(x)", "sorted(x, reverse=True)"),
            Example("df.sort_values('a')", "df.sort_values('a', ascending=False)"),
            Example("np.argsort(x)", "np.argsort(x)[::-1]"),
        )


class DropKeywordArgument(Operator):
    """Drops a keyword argument whose default changes the answer (``replace=``, ``ddof=``...)."""

    @staticmethod
    def _droppable(trailer) -> list[int]:
        if trailer.type != "trailer" or trailer.children[0].value != "(":
            return []
        return [i for i, child in enumerate(_arguments(trailer)) if _keyword_of(child) in DROPPABLE_KEYWORDS]

    def mutation_positions(self, node):
        children = _arguments(node) if node.type == "trailer" else []
        for i in self._droppable(node):
            yield (children[i].start_pos, children[i].end_pos)

    def mutate(self, node, index):
        children = _arguments(node)
        drop = self._droppable(node)[index]
        if drop + 1 < len(children) and children[drop + 1].type == "operator":
            kept = children[:drop] + children[drop + 2 :]
        else:
            kept = children[: max(drop - 1, 0)] + children[drop + 1 :]
        text = "".join(child.get_code() for child in kept)
        if not kept or drop == 0:
            text = text.lstrip(" ")
        return _replaced(node, "(" + text + node.children[-1].get_code())

    @classmethod
    def examples(cls):
        return (
            Example("rng.choice(a, size=3, replace=False)", "rng.choice(a, size=3)"),
            Example("np.std(x, ddof=1)", "np.std(x)"),
        )


class ShiftSliceBound(Operator):
    """Moves a slice bound that is not a literal by one (``x[:k]`` → ``x[:k + 1]``); cosmic-ray's
    NumberReplacer already moves literal bounds."""

    @staticmethod
    def _bounds(node) -> list:
        if node.type != "subscript":
            return []
        return [
            child
            for child in node.children
            if child.type not in ("operator", "sliceop", "number") and not _is_signed_number(child)
        ]

    def mutation_positions(self, node):
        for bound in self._bounds(node):
            yield (bound.start_pos, bound.end_pos)
            yield (bound.start_pos, bound.end_pos)

    def mutate(self, node, index):
        bound = self._bounds(node)[index // 2]
        text = _code(bound) if bound.type in ("name", "atom", "atom_expr") else f"({_code(bound)})"
        bound.parent.children[bound.parent.children.index(bound)] = _replaced(
            bound, f"{text} {'+' if index % 2 == 0 else '-'} 1"
        )
        return node

    @classmethod
    def examples(cls):
        return (Example("x[:k]", "x[:k + 1]"), Example("x[a:b]", "x[a:b - 1]", occurrence=3))


def _is_signed_number(node) -> bool:
    return node.type == "factor" and node.children[-1].type == "number"


OWN_OPERATORS = (
    RemoveRaise,
    ReplaceMeanWithMedian,
    ReplaceMedianWithMean,
    ReplaceMinWithMax,
    ReplaceMaxWithMin,
    ReverseSortOrder,
    DropKeywordArgument,
    ShiftSliceBound,
)


def operators() -> list[tuple[str, Operator]]:
    """Every operator the audit applies, by name: cosmic-ray's chosen pairs, then ours."""
    provider = OperatorProvider()
    names = [
        *(f"ReplaceBinaryOperator_{a}_{b}" for a, targets in _BINARY.items() for b in targets),
        *(f"ReplaceComparisonOperator_{a}_{b}" for a, targets in _COMPARISON.items() for b in targets),
        *_WHOLE_OPERATORS,
    ]
    return [(name, provider[name]()) for name in names] + [(op.__name__, op()) for op in OWN_OPERATORS]


@dataclass(frozen=True)
class Mutant:
    """One generated mutant: the whole solution with one change."""

    id: str
    description: str
    operator: str
    line: int
    source: str


@dataclass(frozen=True)
class DegenerateAnswer:
    """A trivial answer to every candidate function of an exercise at once."""

    name: str
    description: str
    source: str


def solution_lines(source: str) -> set[int]:
    """The line numbers strictly inside ``### BEGIN SOLUTION`` / ``### END SOLUTION`` regions."""
    inside, open_at = set(), None
    for number, line in enumerate(source.splitlines(), 1):
        if line.strip() == BEGIN_SOLUTION:
            open_at = number
        elif line.strip() == END_SOLUTION and open_at is not None:
            inside.update(range(open_at + 1, number))
            open_at = None
    return inside


def _ancestors(node) -> Iterator:
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def _function_of(node) -> str:
    names = [a.name.value for a in _ancestors(node) if a.type in ("funcdef", "classdef")]
    return ".".join(reversed(names)) or "module"


def _excluded(node) -> bool:
    """Code whose change no grader can see, or should: annotations, f-strings, a raise's message."""
    child = node
    for ancestor in _ancestors(node):
        if ancestor.type in ("tfpdef", "annassign", "fstring", "raise_stmt"):
            return True
        if ancestor.type == "funcdef" and ancestor.annotation is child:
            return True
        child = ancestor
    return False


def _is_seed(node) -> bool:
    """A literal in a seed: ``random_state=0``, ``default_rng(42)``, ``seed=seed + 1``."""
    if node.type != "number":
        return False
    for ancestor in _ancestors(node):
        if ancestor.type == "argument" and _keyword_of(ancestor) in _SEED_KEYWORDS:
            return True
        if ancestor.type == "trailer" and _called_name(ancestor) in _SEEDED_CALLS:
            return True
        if ancestor.type in ("simple_stmt", "suite"):
            return False
    return False


def _normalised(line: str) -> str:
    return " ".join(line.split())


def _window(before: str, after: str, limit: int = 80) -> tuple[str, str]:
    """Both texts cut to about ``limit`` characters around where they start to differ."""
    before, after = _normalised(before), _normalised(after)
    common = next(
        (i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), min(len(before), len(after))
    )
    start = max(0, common - limit // 2) if max(len(before), len(after)) > limit else 0
    start = before.rfind(" ", 0, start) + 1 if start else 0  # at a word's start

    def cut(text: str) -> str:
        shown = ("…" if start else "") + text[start : start + limit]
        return shown + ("…" if len(text) > start + limit else "")

    return cut(before), cut(after)


def _describe(original: list[str], mutated: list[str], function: str) -> str:
    """``line N in f: `before` → `after``` for the lines where ``mutated`` differs from ``original``."""
    top = 0
    while top < min(len(original), len(mutated)) and original[top] == mutated[top]:
        top += 1
    bottom = 0
    while (
        bottom < min(len(original), len(mutated)) - top
        and original[len(original) - 1 - bottom] == mutated[len(mutated) - 1 - bottom]
    ):
        bottom += 1
    before, after = _window(
        " ".join(original[top : len(original) - bottom]), " ".join(mutated[top : len(mutated) - bottom])
    )
    where = f"line {top + 1}" + (f" in {function}" if function != "module" else "")
    return f"{where}: `{before}` → " + (f"`{after}`" if after.strip() else "removed")


def _apply(tree, node, operator: Operator, index: int) -> str:
    """The module's code with ``operator``'s ``index``-th mutation of ``node`` applied; the tree is
    left as it was (parsing afresh for each mutant would cost more than the rest of the audit)."""
    saved = [(n, list(n.children)) if isinstance(n, parso.tree.BaseNode) else (n, n.value) for n in ast_nodes(node)]
    parent = node.parent
    siblings = list(parent.children)
    try:
        result = operator.mutate(node, index)
        if result is None:
            parent.children = [c for c in siblings if c is not node]
        elif result is not node:
            parent.children = [result if c is node else c for c in siblings]
        return tree.get_code()
    finally:
        parent.children = siblings
        for n, state in saved:
            if isinstance(n, parso.tree.BaseNode):
                n.children = state
            else:
                n.value = state


def _public_functions(tree: ast.Module) -> list[str]:
    return [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")]


def _harness(source: str, tree: ast.Module, operator: str) -> str:
    """What a mutant's module needs besides its code: a time limit on its public functions."""
    names = _public_functions(tree)
    lines = ["", "", "# added by mlkata audit --mutate", "from mlkata.mutation import TimeLimit as _MlkataTimeLimit"]
    if operator == "ExceptionReplacer":
        lines.append("from cosmic_ray.exceptions import CosmicRayTestingException")
    lines.append(f"_mlkata_limit = _MlkataTimeLimit({CALL_SECONDS})")
    lines.extend(f"{name} = _mlkata_limit({name})" for name in names)
    return source.rstrip("\n") + "\n" + "\n".join(lines) + "\n"


def generate_mutants(source: str) -> list[Mutant]:
    """Every mutant of ``source``'s solution regions, in the order of the file."""
    inside = solution_lines(source)
    original_lines = source.splitlines()
    original_ast = ast.dump(ast.parse(source))
    tree = parso.parse(source)
    ops = operators()
    found = []  # (start, order found in, operator name, operator, node, index of the mutation in the node)
    order = 0
    for node in ast_nodes(tree):
        for name, operator in ops:
            for index, (start, _end) in enumerate(operator.mutation_positions(node)):
                order += 1
                if start[0] not in inside or _excluded(node) or (name == "NumberReplacer" and _is_seed(node)):
                    continue
                found.append((start, order, name, operator, node, index))
    found.sort(key=lambda item: (item[0], item[1]))
    mutants, seen_code, occurrences = [], set(), {}
    for start, _order, name, operator, node, index in found:
        code = _apply(tree, node, operator, index)
        try:
            mutated_ast = ast.parse(code)
        except SyntaxError:
            continue
        dumped = ast.dump(mutated_ast)
        if dumped == original_ast or dumped in seen_code:
            continue
        seen_code.add(dumped)
        function = _function_of(node)
        line_text = _normalised(original_lines[start[0] - 1])
        digest = hashlib.sha1(line_text.encode()).hexdigest()[:8]
        key = (function, name, digest)
        occurrences[key] = occurrences.get(key, -1) + 1
        mutants.append(
            Mutant(
                id=f"{function}:{name}:{digest}:{occurrences[key]}",
                description=_describe(original_lines, code.splitlines(), function),
                operator=name,
                line=start[0],
                source=_harness(code, mutated_ast, name),
            )
        )
    return mutants


class MutantTimeout(BaseException):
    """A generated mutant's call ran past its time limit (an endless loop, most likely).

    A BaseException, so that a mutated ``except Exception`` cannot swallow it."""


class TimeLimit:
    """Fails a call to a generated mutant's function that runs past ``seconds``, and every call
    after it (a mutant that loops forever costs the audit one time limit, not one per test)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.depth = 0
        self.expired = False

    def _expire(self, signum, frame):
        self.expired = True
        raise MutantTimeout(f"this call ran past the mutation audit's limit of {self.seconds:g} s")

    def __call__(self, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def limited(*args, **kwargs):
            if self.expired:
                raise MutantTimeout(f"an earlier call ran past the mutation audit's limit of {self.seconds:g} s")
            if self.depth or threading.current_thread() is not threading.main_thread():
                return function(*args, **kwargs)
            previous = signal.signal(signal.SIGALRM, self._expire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
            self.depth += 1
            try:
                return function(*args, **kwargs)
            finally:
                self.depth -= 1
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)

        return limited


# --- degenerate answers ---------------------------------------------------------------------

_EMPTY = {
    "DataFrame": "_mlkata_pandas.DataFrame()",
    "frame": "_mlkata_pandas.DataFrame()",
    "Series": "_mlkata_pandas.Series(dtype=float)",
    "ndarray": "_mlkata_numpy.array([])",
    "array": "_mlkata_numpy.array([])",
    "dict": "{}",
    "mapping": "{}",
    "list": "[]",
    "tuple": "()",
}


def _empty_value(function: ast.FunctionDef) -> str | None:
    """An empty value of the function's return type: its annotation's outermost type, else the first
    type named in the docstring's Returns section; None when neither says."""
    annotation = function.returns
    while isinstance(annotation, ast.BinOp):  # `X | None`
        annotation = annotation.left
    if isinstance(annotation, ast.Subscript):
        annotation = annotation.value
    if annotation is not None:
        outer = annotation.attr if isinstance(annotation, ast.Attribute) else getattr(annotation, "id", "")
        return _EMPTY.get(outer)
    docstring = ast.get_docstring(function) or ""
    returns = re.search(r"^\s*Returns:\s*\n\s*(.+)$", docstring, re.MULTILINE)
    words = re.findall(r"\w+", returns.group(1)) if returns else []
    return next((_EMPTY[w] for w in words if w in _EMPTY), None)


def _zero(function: ast.FunctionDef) -> str:
    returns = function.returns
    if isinstance(returns, ast.Subscript) and ast.unparse(returns.value) == "tuple":
        items = returns.slice.elts if isinstance(returns.slice, ast.Tuple) else [returns.slice]
        return "(" + ", ".join("0" for _ in items) + ("," if len(items) == 1 else "") + ")"
    return "0"


def _first_argument(function: ast.FunctionDef) -> str | None:
    arguments = [*function.args.posonlyargs, *function.args.args]
    return arguments[0].arg if arguments else None


_DEGENERATE: tuple[tuple[str, str, Callable[[ast.FunctionDef], str | None]], ...] = (
    ("zero", "returns 0", _zero),
    ("one", "returns 1 (a fixed k)", lambda f: "1"),
    ("infinity", "returns math.inf", lambda f: 'float("inf")'),
    ("none", "returns None", lambda f: "None"),
    ("echo", "returns its first argument unchanged", _first_argument),
    ("empty", "returns an empty value of its return type", _empty_value),
)


def candidate_functions(source: str) -> list[ast.FunctionDef]:
    """The module's functions whose body holds a solution region: what the candidate writes."""
    marks = [n for n, line in enumerate(source.splitlines(), 1) if line.strip() == BEGIN_SOLUTION]
    return [
        node
        for node in ast.parse(source).body
        if isinstance(node, ast.FunctionDef) and any(node.lineno < m <= (node.end_lineno or 0) for m in marks)
    ]


def degenerate_answers(source: str) -> list[DegenerateAnswer]:
    """The solution with every candidate function's region replaced by a trivial ``return``, one
    module per kind of trivial answer (a kind that fits none of the functions is left out)."""
    lines = source.splitlines()
    functions = candidate_functions(source)
    answers = []
    for name, what, value_of in _DEGENERATE:
        values = {f.name: value_of(f) for f in functions}
        if not any(values.values()):
            continue
        out = list(lines)
        for function in sorted(functions, key=lambda f: -f.lineno):
            out = _replace_regions(out, function, values[function.name] or "None")
        source_text = "\n".join(out) + "\n\n\nimport numpy as _mlkata_numpy\nimport pandas as _mlkata_pandas\n"
        described = f"every candidate function ({', '.join(f.name for f in functions)}) {what}"
        answers.append(DegenerateAnswer(name=name, description=described, source=source_text))
    return answers


def _replace_regions(lines: list[str], function: ast.FunctionDef, value: str) -> list[str]:
    out, first, index = [], True, 0
    end = function.end_lineno or len(lines)
    while index < len(lines):
        line = lines[index]
        if function.lineno <= index + 1 <= end and line.strip() == BEGIN_SOLUTION:
            indent = line[: len(line) - len(line.lstrip())]
            close = next(j for j in range(index + 1, len(lines)) if lines[j].strip() == END_SOLUTION)
            if first:
                out.append(f"{indent}return {value}")
                first = False
            index = close + 1
            continue
        out.append(line)
        index += 1
    return out


# --- equivalents, and judging one exercise --------------------------------------------------


def read_equivalents(path: Path) -> tuple[dict[str, str], list[str]]:
    """The ids listed in an equivalents file with their reasons, and what is wrong with the file."""
    if not path.is_file():
        return {}, []
    listed, problems = {}, []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        mutant_id, _, reason = line.strip().partition(" ")
        if "\t" in mutant_id:
            mutant_id, _, reason = mutant_id.partition("\t")
        if not reason.strip():
            problems.append(f"{path}:{number}: {mutant_id} has no reason: say why it is equivalent")
        listed[mutant_id] = reason.strip()
    return listed, problems


@dataclass
class MutationAudit:
    """One exercise's mutation audit: what was generated, what each seed did to it, the verdict."""

    mutants: list[Mutant]
    degenerate: list[DegenerateAnswer]
    equivalents_file: Path
    equivalents: dict[str, str] = field(default_factory=dict)
    file_problems: list[str] = field(default_factory=list)
    killed: dict[str, TestRecord] = field(default_factory=dict)  # label -> the first record that rejected it
    graded_on: dict[str, set[int]] = field(default_factory=dict)  # label -> seeds it was graded on
    degenerate_scores: dict[str, dict[int, tuple[float, float]]] = field(default_factory=dict)
    grader_errors: dict[str, str] = field(default_factory=dict)  # mutant id -> test and message
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, exercise: Exercise) -> MutationAudit:
        """The exercise's generated mutants, degenerate answers and recorded equivalents, not yet graded."""
        source = exercise.solution.read_text(encoding="utf-8")
        listing = exercise.root / MUTANTS_DIR / exercise.topic / exercise.name / EQUIVALENTS_FILE
        audit = cls(generate_mutants(source), degenerate_answers(source), listing)
        audit.equivalents, audit.file_problems = read_equivalents(audit.equivalents_file)
        return audit

    @staticmethod
    def label(mutant: Mutant | DegenerateAnswer, number: int) -> str:
        if isinstance(mutant, DegenerateAnswer):
            return DEGENERATE_PREFIX + mutant.name
        return f"{GENERATED_PREFIX}{number}"

    def write(self, folder: Path) -> dict[str, Path]:
        """Write every mutant and degenerate answer as a module in ``folder``; their paths by label."""
        folder.mkdir(parents=True, exist_ok=True)
        paths = {}
        for number, mutant in enumerate([*self.mutants, *self.degenerate]):
            label = self.label(mutant, number)
            path = folder / f"{label.replace(':', '_')}.py"
            path.write_text(mutant.source, encoding="utf-8")
            paths[label] = path
        return paths

    def alive(self) -> list[str]:
        """Labels still to grade: mutants no seed has killed yet, and every degenerate answer."""
        labels = [self.label(m, n) for n, m in enumerate(self.mutants)]
        return [label for label in labels if label not in self.killed] + [self.label(d, 0) for d in self.degenerate]

    def record(self, records: list[TestRecord], seed: int) -> None:
        """Take in one seed's records of this exercise's generated targets."""
        by_label = {self.label(m, n): m for n, m in enumerate(self.mutants)}
        for record in records:
            self.graded_on.setdefault(record.target, set()).add(seed)
            if record.target.startswith(DEGENERATE_PREFIX):
                earned, possible = self.degenerate_scores.setdefault(record.target, {}).get(seed, (0.0, 0.0))
                self.degenerate_scores[record.target][seed] = (earned + record.earned, possible + record.points)
            elif record.outcome != PASSED and record.target not in self.killed:
                self.killed[record.target] = record
                if record.outcome == GRADER_ERROR and record.target in by_label:
                    self.grader_errors[by_label[record.target].id] = f"{record.test}: {record.message}"

    def survivors(self) -> list[Mutant]:
        return [m for n, m in enumerate(self.mutants) if self.label(m, n) not in self.killed]

    def verdict(self, seeds: list[int]) -> list[str]:
        """The violations: unexplained survivors, listed mutants that are killed, degenerate answers
        that earn too much, anything not graded. Stale entries become warnings."""
        where = self._shown(self.equivalents_file)
        violations = list(self.file_problems)
        self.warnings = []
        generated = {m.id: (n, m) for n, m in enumerate(self.mutants)}
        ungraded = 0
        for mutant in self.survivors():
            label = self.label(mutant, generated[mutant.id][0])
            if any(s not in self.graded_on.get(label, set()) for s in seeds):
                ungraded += 1
            elif mutant.id not in self.equivalents:
                violations.append(
                    f"survivor: {mutant.id} {mutant.description} — kill it with a test, "
                    f"or record why it is equivalent in {where}"
                )
        if ungraded:
            violations.append(f"{ungraded} generated mutant(s) not graded on every seed (did a session crash?)")
        for mutant_id in self.equivalents:
            if mutant_id not in generated:
                self.warnings.append(f"stale entry in {where}: {mutant_id} is no longer generated (remove it)")
                continue
            number, mutant = generated[mutant_id]
            rejected = self.killed.get(self.label(mutant, number))
            if rejected is not None:
                violations.append(
                    f"{mutant_id} is listed as equivalent in {where}, but {rejected.test} rejects it on seed "
                    f"{rejected.seed}: remove the entry, or fix the grader if the mutant is a correct answer"
                )
        for answer in self.degenerate:
            label = self.label(answer, 0)
            scores = self.degenerate_scores.get(label, {})
            if any(s not in scores for s in seeds):
                violations.append(f"degenerate answer {answer.name} not graded on every seed (did a session crash?)")
            for seed, (earned, possible) in sorted(scores.items()):
                if possible and earned > DEGENERATE_SHARE * possible:
                    violations.append(
                        f"degenerate answer {answer.name} ({answer.description}) earned {earned:g}/{possible:g} "
                        f"points on seed {seed}; at most {DEGENERATE_SHARE:.0%} is allowed"
                    )
        return violations

    @staticmethod
    def _shown(path: Path) -> str:
        parts = path.parts
        return str(Path(*parts[-4:])) if len(parts) >= 4 else str(path)

    def counts(self) -> dict[str, int]:
        survivors = self.survivors()
        equivalent = sum(1 for m in survivors if m.id in self.equivalents)
        return {
            "generated": len(self.mutants),
            "killed": len(self.mutants) - len(survivors),
            "equivalent": equivalent,
            "surviving": len(survivors) - equivalent,
        }

    def best_degenerate(self) -> tuple[str, float, float] | None:
        """The degenerate answer that earned the largest share of the points on any seed."""
        best = None
        for label, scores in self.degenerate_scores.items():
            for earned, possible in scores.values():
                share = earned / possible if possible else 0.0
                if best is None or share > best[1] / (best[2] or 1.0):
                    best = (label.removeprefix(DEGENERATE_PREFIX), earned, possible)
        return best

    def lines(self) -> list[str]:
        """The audit matrix's rows for this exercise's mutation audit."""
        counts = self.counts()
        scored = counts["generated"] - counts["equivalent"]
        score = f"{counts['killed'] / scored:.0%}" if scored else "-"
        lines = [
            f"{'generated mutants':<34}{counts['killed']:>5}/{counts['generated']:<5}killed, "
            f"{counts['equivalent']} equivalent, {counts['surviving']} surviving   (score {score})"
        ]
        best = self.best_degenerate()
        if best is not None:
            name, earned, possible = best
            lines.append(f"{'degenerate answers':<34}{earned:>5g}/{possible:<5g}at best ({name})")
        lines.extend(f"note: {w}" for w in self.warnings)
        lines.extend(
            f"note: generated mutant {mutant_id} made a grader fail: {textwrap.shorten(error, 160)}"
            for mutant_id, error in self.grader_errors.items()
        )
        return lines

    def document(self) -> dict:
        """The mutation audit as JSON."""
        return {
            **self.counts(),
            "equivalents_file": str(self.equivalents_file),
            "survivors": [
                {"id": m.id, "description": m.description, "equivalent": self.equivalents.get(m.id)}
                for m in self.survivors()
            ],
            "degenerate": {
                answer.name: {
                    "description": answer.description,
                    "scores": {
                        seed: earned
                        for seed, (earned, _) in self.degenerate_scores.get(self.label(answer, 0), {}).items()
                    },
                }
                for answer in self.degenerate
            },
            "grader_errors": self.grader_errors,
            "warnings": self.warnings,
        }
