"""Static map of a handler module: every `.connect` site and the handler each one connects.

The runtime observer only sees function objects and line numbers; this map turns those into
"handlers" (a function definition, a lambda, or an unresolvable receiver expression) with line
ranges, which is what the agreement test compares against the checker's findings.
"""
import ast
from dataclasses import dataclass, field
from typing import Optional


@dataclass
class Handler:
    key: str                 # stable id: "def:<line>" / "lambda:<line>:<col>" / "site:<line>"
    name: str
    def_line: int            # line of the def keyword (or of the expression)
    ranges: list = field(default_factory=list)   # [(first_line, last_line)], 1-based inclusive


@dataclass
class ConnectSite:
    index: int
    form: str                # "decorator" | "call"
    signal_text: str         # source text of the signal expression, e.g. "task_failure"
    signal_root: str         # first name in it ("app" for app.on_after_configure)
    line: int                # line of the connect expression itself
    span: tuple              # (first_line, last_line) of the statement that performs the connect
    handler: Handler = None


def _first_line(node):
    decorators = getattr(node, 'decorator_list', None) or []
    return min([node.lineno] + [d.lineno for d in decorators])


def _connect_target(expr):
    """For `X.connect` or `X.connect(...)` return (signal expression, call or None)."""
    call = expr if isinstance(expr, ast.Call) else None
    func = expr.func if call else expr
    if isinstance(func, ast.Attribute) and func.attr == 'connect':
        return func.value, call
    return None, None


def _root_name(expr):
    while isinstance(expr, (ast.Attribute, ast.Call, ast.Subscript)):
        expr = expr.value if not isinstance(expr, ast.Call) else expr.func
    return expr.id if isinstance(expr, ast.Name) else ''


class _Scanner(ast.NodeVisitor):
    def __init__(self, text):
        self.text = text
        self.sites = []
        self.defs = []            # every FunctionDef/AsyncFunctionDef, for name resolution
        self.handlers = {}
        self.decorator_calls = set()
        self.statement_stack = []

    def handler_for_def(self, node):
        key = f'def:{node.lineno}'
        if key not in self.handlers:
            self.handlers[key] = Handler(key, node.name, node.lineno,
                                         [(_first_line(node), node.end_lineno)])
        return self.handlers[key]

    def handler_for_expr(self, node, key, name):
        if key not in self.handlers:
            self.handlers[key] = Handler(key, name, node.lineno, [(node.lineno, node.end_lineno)])
        return self.handlers[key]

    def add_site(self, form, signal_expr, line, span):
        site = ConnectSite(len(self.sites), form, ast.get_source_segment(self.text, signal_expr) or '',
                           _root_name(signal_expr), line, span)
        self.sites.append(site)
        return site

    def generic_visit(self, node):
        is_statement = isinstance(node, ast.stmt)
        if is_statement:
            self.statement_stack.append(node)
        super().generic_visit(node)
        if is_statement:
            self.statement_stack.pop()

    def visit_FunctionDef(self, node):
        self.defs.append(node)
        for decorator in node.decorator_list:
            signal_expr, call = _connect_target(decorator)
            if signal_expr is None:
                continue
            if call is not None:
                self.decorator_calls.add(id(call))
            site = self.add_site('decorator', signal_expr, decorator.lineno,
                                 (_first_line(node), node.end_lineno))
            site.handler = self.handler_for_def(node)
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node):
        for decorator in node.decorator_list:
            signal_expr, call = _connect_target(decorator)
            if signal_expr is not None:
                if call is not None:
                    self.decorator_calls.add(id(call))
                site = self.add_site('decorator', signal_expr, decorator.lineno,
                                     (_first_line(node), node.end_lineno))
                site.handler = self.handler_for_expr(node, f'def:{node.lineno}', node.name)
        self.generic_visit(node)

    def visit_Call(self, node):
        if isinstance(node.func, ast.Call) and _connect_target(node.func)[0] is not None:
            # `sig.connect(sender=x)(receiver)`: the decorator applied by hand
            self.decorator_calls.add(id(node.func))
            statement = self.statement_stack[-1] if self.statement_stack else node
            site = self.add_site('call', _connect_target(node.func)[0], node.lineno,
                                 (statement.lineno, statement.end_lineno))
            site.receiver_expr = node.args[0] if node.args else None
        signal_expr, _ = _connect_target(node)
        if signal_expr is not None and id(node) not in self.decorator_calls:
            statement = self.statement_stack[-1] if self.statement_stack else node
            site = self.add_site('call', signal_expr, node.lineno,
                                 (statement.lineno, statement.end_lineno))
            site.receiver_expr = node.args[0] if node.args else _keyword(node, 'receiver')
        self.generic_visit(node)


def _keyword(call, name):
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return None


def _resolve_receiver(scanner, site):
    """Find the definition a call-form connect passes as its receiver, when the source says."""
    expr = getattr(site, 'receiver_expr', None)
    if isinstance(expr, ast.Call) and expr.args:      # functools.partial(fn, ...) and friends
        inner = expr.args[0]
        if isinstance(inner, (ast.Name, ast.Attribute, ast.Lambda)):
            expr = inner
    if isinstance(expr, ast.Lambda):
        return scanner.handler_for_expr(expr, f'lambda:{expr.lineno}:{expr.col_offset}', '<lambda>')
    wanted = expr.id if isinstance(expr, ast.Name) else expr.attr if isinstance(expr, ast.Attribute) else None
    if wanted:
        candidates = [d for d in scanner.defs if d.name == wanted]
        before = [d for d in candidates if d.lineno <= site.line]
        chosen = (before or candidates or [None])[-1]
        if chosen is not None:
            return scanner.handler_for_def(chosen)
    label = ast.unparse(expr) if expr is not None else '<receiver>'
    return Handler(f'site:{site.line}', label, site.line, [])


def scan(text) -> list:
    """Return the module's connect sites, each with its handler and the handler's line ranges."""
    scanner = _Scanner(text)
    scanner.visit(ast.parse(text))
    for site in scanner.sites:
        if site.handler is None:
            site.handler = _resolve_receiver(scanner, site)
    for site in scanner.sites:
        if site.span not in site.handler.ranges:
            site.handler.ranges.append(site.span)
    return scanner.sites


def innermost_site(sites, line, signal_name: Optional[str] = None):
    """The connect site whose statement holds `line`; ties are broken by decorator line, then signal."""
    holding = [s for s in sites if s.span[0] <= line <= s.span[1]]
    if not holding:
        return None
    smallest = min(s.span[1] - s.span[0] for s in holding)
    holding = [s for s in holding if s.span[1] - s.span[0] == smallest]
    exact = [s for s in holding if s.line == line]
    if len(exact) == 1:
        return exact[0]
    if signal_name:
        named = [s for s in holding if s.signal_text.split('.')[-1] == signal_name.split('.')[-1]]
        if named:
            return named[0]
    return holding[0]
