"""Runtime-agreement harness: what does real Celery do with each handler in a module?

Usage: /usr/bin/python3 test/runtime/harness/harness.py < cases.json > verdicts.json
Input:  {"cases": [{"id": "...", "text": "<python module source>"}, ...], "jobs": 2}
Output: {"celery": "5.2.6", "cases": [{"id", "handlers": [...], "loadFailures": [...], "notes"}]}

Celery is imported once; each case then runs in a forked child, so receivers, logging setup and
worker state never leak from one case into the next, and a hung case can be killed.
"""
import gc
import json
import os
import signal as os_signal
import sys
import tempfile
import time
import traceback

sys.dont_write_bytecode = True      # keep __pycache__ out of the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import importlib  # noqa: E402

import celery  # noqa: E402

# Imported before forking so that no child pays for them (they are what a worker start loads).
for _name in ('celery.apps.worker', 'celery.contrib.testing.worker', 'celery.app.amqp', 'celery.app.log',
              'celery.app.control', 'celery.backends.cache', 'celery.concurrency.solo', 'celery.events',
              'celery.fixups.django', 'celery.worker.components', 'celery.worker.strategy',
              'celery.worker.autoscale', 'celery.beat', 'kombu.transport.memory', 'kombu.pidbox',
              'unittest.mock', 'asyncio', 'difflib', 'sites', 'observe', 'loading', 'lifecycle', 'verdicts'):
    importlib.import_module(_name)

CASE_TIMEOUT_SECONDS = 20
# Inside a package, so `from .sentry import capture_failure` resolves (to a stand-in, see loading.py).
PACKAGE_NAME = 'proj'
MODULE_NAME = 'handlers'


def covered_signal_names():
    from lifecycle import _celery_signal_names
    app_signals = {'app.on_configure', 'app.on_after_configure', 'app.on_after_finalize', 'app.on_after_fork'}
    testing = {'test_worker_starting', 'test_worker_started', 'test_worker_stopped'}
    return _celery_signal_names() | app_signals | testing


def keep_apps_in_memory():
    """Every app talks to the in-memory broker and backend, even one that publishes while the
    module is imported. (Not through CELERY_BROKER_URL: with it set, reading app.conf.broker_url
    no longer loads the configuration, which would move on_after_configure.)"""
    from celery import Celery
    original_init = Celery.__init__

    def __init__(app, *args, **kwargs):
        original_init(app, *args, **kwargs)
        app._preconf['broker_url'] = 'memory://'
        app._preconf['result_backend'] = 'cache+memory://'

    Celery.__init__ = __init__


def run_case(text, workdir):
    from sites import scan
    from observe import Observer
    from loading import execute, install_stub_importer, new_module
    from lifecycle import Lifecycle
    from verdicts import judge

    filename = os.path.join(workdir, f'{MODULE_NAME}.py')
    with open(filename, 'w', encoding='utf-8') as handle:
        handle.write(text)
    try:
        compile(text, filename, 'exec')
    except SyntaxError as exc:      # Python refuses the whole module; no handler gets connected
        return {'handlers': [], 'loadFailures': [], 'syntaxError': f'line {exc.lineno}: {exc.msg}'}
    sites = scan(text)
    observer = Observer(filename)
    observer.install()
    keep_apps_in_memory()
    install_stub_importer(filename, PACKAGE_NAME)
    module = new_module(f'{PACKAGE_NAME}.{MODULE_NAME}', filename)
    failures, executed_lines = execute(text, filename, module, sites, lambda: len(observer.connects))
    lifecycle = Lifecycle(module, observer, workdir)
    lifecycle.run()
    return {
        'handlers': judge(sites, failures, observer, lifecycle, covered_signal_names(),
                          executed_lines, vars(module)),
        'loadFailures': [{'line': f.line, 'error': f.error} for f in failures],
        'sent': sorted({s.signal_name for s in observer.sends}),
        'notes': lifecycle.notes,
    }


def child(case, workdir, result_path):
    log = os.open(os.path.join(workdir, 'output.log'), os.O_WRONLY | os.O_CREAT, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    try:
        report = run_case(case['text'], workdir)
    except BaseException:       # noqa: the harness itself broke; say so instead of hanging
        report = {'harnessError': traceback.format_exc()}
    with open(result_path, 'w', encoding='utf-8') as handle:
        json.dump(report, handle, default=str)
    os._exit(0)


def tail(path, lines=15, limit=3000):
    try:
        with open(path, encoding='utf-8', errors='replace') as handle:
            return ''.join(handle.readlines()[-lines:])[-limit:]
    except OSError:
        return ''


def collect(case, workdir, result_path, timed_out):
    if timed_out:
        report = {'harnessError': f'case timed out after {CASE_TIMEOUT_SECONDS}s',
                  'output': tail(os.path.join(workdir, 'output.log'))}
    else:
        try:
            with open(result_path, encoding='utf-8') as handle:
                report = json.load(handle)
        except (OSError, ValueError):
            report = {'harnessError': 'child died without a report',
                      'output': tail(os.path.join(workdir, 'output.log'))}
    report['id'] = case['id']
    return report


def main():
    request = json.load(sys.stdin)
    # Children share the parent's memory copy-on-write; keep the collector from touching (and so
    # copying) every page of it in each child.
    gc.collect()
    gc.freeze()
    cases = request['cases']
    jobs = max(1, int(request.get('jobs', os.cpu_count() or 2)))
    root = tempfile.mkdtemp(prefix='celery-agreement-')
    pending = list(enumerate(cases))
    running = {}
    results = [None] * len(cases)
    while pending or running:
        while pending and len(running) < jobs:
            index, case = pending.pop(0)
            workdir = os.path.join(root, f'case-{index}')
            os.mkdir(workdir)
            result_path = os.path.join(workdir, 'report.json')
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:
                child(case, workdir, result_path)
            running[pid] = (index, case, workdir, result_path, time.monotonic())
        pid, _ = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            time.sleep(0.01)
            for other, (index, case, workdir, result_path, started) in list(running.items()):
                if time.monotonic() - started > CASE_TIMEOUT_SECONDS:
                    os.kill(other, os_signal.SIGKILL)
                    os.waitpid(other, 0)
                    del running[other]
                    results[index] = collect(case, workdir, result_path, timed_out=True)
            continue
        if pid in running:
            index, case, workdir, result_path, _ = running.pop(pid)
            results[index] = collect(case, workdir, result_path, timed_out=False)
    json.dump({'celery': celery.__version__, 'cases': results}, sys.stdout)


if __name__ == '__main__':
    main()
