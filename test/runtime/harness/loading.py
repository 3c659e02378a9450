"""Loads a handler module the way `import` would, but one top-level statement at a time.

A real import stops at the first exception. We record that exception (it is Celery's verdict for
the handler it belongs to, and every later handler is "never connected"), then carry on so the
later handlers still get judged on their own merits.
"""
import ast
import importlib.abc
import importlib.machinery
import re
import sys
import types
from dataclasses import dataclass
from unittest import mock

from celery.utils.dispatch.signal import Signal

from sites import innermost_site

_OWN_PACKAGES = ('celery', 'kombu', 'billiard', 'vine', 'click')


@dataclass
class LoadFailure:
    line: int               # line of the top-level statement that failed
    error: str
    site_indexes: list      # connect sites the failure belongs to (may be empty)
    connects_before: int    # how many connects had succeeded when it happened
    celery_caused: bool     # a refused connect or a name Celery does not have (not the environment)


class _StubModule(types.ModuleType):
    """Stands in for a project module the fixture imports but this machine does not have."""

    def __getattr__(self, name):
        if name.startswith('__'):
            raise AttributeError(name)
        value = mock.MagicMock(name=f'{self.__name__}.{name}')
        setattr(self, name, value)
        return value


class _StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Only imports written in the handler module (and its stand-in package) are stubbed; a
    library probing for an optional module must still get its ImportError."""

    def __init__(self, filename, package):
        self.filename = filename
        self.package = package

    def find_spec(self, fullname, path=None, target=None):
        if fullname.split('.')[0] in _OWN_PACKAGES:
            return None
        if fullname.split('.')[0] != self.package and self._importer() != self.filename:
            return None
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    @staticmethod
    def _importer():
        frame = sys._getframe(2)
        while frame is not None and frame.f_code.co_filename.startswith('<frozen'):
            frame = frame.f_back
        return frame.f_code.co_filename if frame is not None else None

    def create_module(self, spec):
        module = _StubModule(spec.name)
        module.__path__ = []
        module.__harness_stub__ = True
        return module

    def exec_module(self, module):
        pass


def install_stub_importer(filename, package):
    # Appended last: anything that really exists is imported normally.
    sys.meta_path.append(_StubFinder(filename, package))


def new_module(name, filename):
    """A module object for the handler text; a dotted name puts it in a stand-in package."""
    module = types.ModuleType(name)
    module.__file__ = filename
    package, _, _ = name.rpartition('.')
    if package:
        __import__(package)
        module.__package__ = package
    sys.modules[name] = module
    return module


def _failing_site(exc, filename, sites):
    """The connect site nearest to where the exception was raised, looking outward from the
    innermost frame of the handler module (a task run by a decorator fails inside its own body)."""
    lines = []
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            lines.append(tb.tb_lineno)
        tb = tb.tb_next
    for line in reversed(lines):
        site = innermost_site(sites, line)
        if site is not None:
            return site
    return None


def _missing_import_name(exc):
    match = re.search(r"cannot import name '([^']+)'", str(exc))
    return match.group(1) if match else None


def _bind_names_one_by_one(statement, namespace):
    """After `from X import a, b` failed on one name, bind the others, and a dead Signal for the
    missing ones so later code can still run (their handlers already count as refused)."""
    for alias in statement.names:
        single = ast.ImportFrom(module=statement.module, names=[alias], level=statement.level)
        ast.copy_location(single, statement)
        try:
            exec(compile(ast.Module([single], []), '<harness>', 'exec'), namespace)
        except ImportError:
            namespace[alias.asname or alias.name] = Signal(name=alias.name)


class _LineRecorder:
    """Which lines of the handler module ran during the import (to tell a connect that ran but
    registered nothing from one that never ran)."""

    def __init__(self, filename):
        self.filename = filename
        self.lines = set()

    def __call__(self, frame, event, arg):
        if frame.f_code.co_filename != self.filename:
            return None
        self.lines.add(frame.f_lineno)
        return self.local

    def local(self, frame, event, arg):
        if event == 'line':
            self.lines.add(frame.f_lineno)
        return self.local


def execute(text, filename, module, sites, connect_count):
    """Run the module statement by statement; return the failures in order and the lines that ran.
    `connect_count()` tells how many connects have succeeded so far."""
    failures = []
    namespace = module.__dict__
    recorder = _LineRecorder(filename)
    for statement in ast.parse(text, filename).body:
        code = compile(ast.Module([statement], []), filename, 'exec')
        sys.settrace(recorder)
        try:
            exec(code, namespace)
        except (Exception, SystemExit) as exc:
            sys.settrace(None)
            error = f'{type(exc).__name__}: {exc}'
            site = _failing_site(exc, filename, sites)
            indexes = [site.index] if site else []
            missing = _missing_import_name(exc) if isinstance(exc, ImportError) else None
            if missing and isinstance(statement, ast.ImportFrom):
                bound = {a.asname or a.name for a in statement.names if a.name == missing}
                indexes = [s.index for s in sites if s.signal_root in bound]
                _bind_names_one_by_one(statement, namespace)
            first_line = min([statement.lineno] + [d.lineno for d in getattr(statement, 'decorator_list', [])])
            from_celery = isinstance(statement, ast.ImportFrom) and (statement.module or '').startswith('celery')
            failures.append(LoadFailure(first_line, error, indexes, connect_count(),
                                        bool(indexes) or from_celery))
        finally:
            sys.settrace(None)
    return failures, recorder.lines


def is_stand_in(value):
    return isinstance(value, (mock.Mock, _StubModule))
