"""Watches Celery's dispatcher without changing what it decides.

`Signal._connect_signal` is wrapped to learn which receiver each connect registered (and from which
line of the handler module), `Signal.send` to read the (receiver, response) pairs Celery itself
returns, and `Signal.disconnect` to know when user code removed a receiver. Receivers are only
held weakly here, so weak-reference behaviour is exactly Celery's.
"""
import inspect
import re
import sys
import weakref
from dataclasses import dataclass, field

from celery.utils.dispatch import signal as signal_module
from celery.utils.dispatch.signal import Signal


@dataclass
class ConnectRecord:
    signal_name: str
    line: int                       # innermost line of the handler module on the stack (0 if none)
    sender_repr: str
    sender_kind: str
    weak: bool
    dispatch_uid: object
    receiver_kind: str
    receiver_ref: object            # weakref (or None when the receiver cannot be weakly referenced)
    identity: tuple
    calls: list = field(default_factory=list)   # outcomes: ('ran'|'raised'|'coroutine'|'generator', detail)
    disconnected: bool = False
    is_task: bool = False
    sender_value: object = None     # kept only for str/bytes senders (no strong refs to objects)
    accepted: bool = True           # False when Celery already held a receiver under the same key


@dataclass
class SendRecord:
    signal_name: str
    sender_kind: str
    receivers: int


def _kind(value):
    if value is None:
        return 'None'
    return type(value).__name__


def _receiver_identity(receiver):
    """Key a receiver the way Celery does for bound methods, else by the object itself."""
    if hasattr(receiver, '__self__') and hasattr(receiver, '__func__'):
        return (id(receiver.__func__), id(receiver.__self__))
    return (id(receiver),)


def _weak(receiver):
    try:
        if hasattr(receiver, '__self__') and hasattr(receiver, '__func__'):
            return weakref.WeakMethod(receiver)
        return weakref.ref(receiver)
    except TypeError:
        return None


class Observer:
    def __init__(self, filename):
        self.filename = filename
        self.connects = []
        self.sends = []
        self.by_identity = {}
        self.retry_wrappers = {}    # id(wrapper) -> original receiver identity
        self.retried = set()        # identities of receivers Celery's retry loop had to repeat

    def module_line(self):
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_code.co_filename == self.filename:
                return frame.f_lineno
            frame = frame.f_back
        return 0

    def install(self):
        observer = self
        original_connect_signal = Signal._connect_signal
        original_send = Signal.send
        original_disconnect = Signal.disconnect

        def _connect_signal(sig, receiver, sender, weak, dispatch_uid):
            record = observer.on_connect(sig, receiver, sender, weak, dispatch_uid)
            key_taken = _key_taken(sig, receiver, sender, dispatch_uid)
            result = original_connect_signal(sig, receiver, sender, weak, dispatch_uid)
            if record is not None:      # only a connect that Celery accepted is registered
                record.accepted = not key_taken
                observer.connects.append(record)
                observer.by_identity.setdefault(record.identity, []).append(record)
            return result

        def send(self, sender, **named):     # `sig` is a keyword worker_shutting_down sends
            responses = original_send(self, sender, **named)
            observer.on_send(self, sender, responses)
            return responses

        def disconnect(sig, receiver=None, sender=None, weak=None, dispatch_uid=None):
            removed = original_disconnect(sig, receiver, sender, weak, dispatch_uid)
            if removed and receiver is not None:
                for record in observer.records_for(receiver):
                    record.disconnected = True
            return removed

        Signal._connect_signal = _connect_signal
        Signal.send = Signal.send_robust = send
        Signal.disconnect = disconnect
        _rebind_module_level_send_aliases()
        self._limit_receiver_retries()

    def _limit_receiver_retries(self):
        """`connect(retry=True)` retries a failing receiver forever, blocking the sender. Keep
        Celery's loop but cut it after two attempts so the run ends; the receiver still counts as
        failing, and the log line proves Celery entered its retry loop."""
        real_retry = signal_module.retry_over_time

        def bounded_retry(fun, catch, args=None, kwargs=None, errback=None, *rest, **options):
            def noting_errback(exc, intervals, retries):
                self.retried.add(_receiver_identity(fun))
                return errback(exc, intervals, retries)
            return real_retry(fun, catch, args, kwargs, noting_errback, max_retries=1,
                              interval_start=0, interval_step=0, interval_max=0)

        signal_module.retry_over_time = bounded_retry

    def on_connect(self, sig, receiver, sender, weak, dispatch_uid):
        original = _unwrap_retry(receiver)
        if original is not receiver:
            self.retry_wrappers[id(receiver)] = _receiver_identity(original)
        pending = [r for r in self.records_for(original, sig.name) if r.sender_kind == 'PromiseProxy']
        if pending:
            # Celery postponed this connect until the task proxy was evaluated; now it is real.
            pending[0].sender_kind, pending[0].sender_repr = _kind(sender), _short_repr(sender)
            return None
        line = self.module_line()
        record = ConnectRecord(
            signal_name=sig.name or '<unnamed>', line=line, sender_repr=_short_repr(sender),
            sender_kind=_kind(sender), weak=bool(weak), dispatch_uid=repr(dispatch_uid) if dispatch_uid else None,
            receiver_kind=_kind(original), receiver_ref=_weak(original),
            identity=_receiver_identity(original), is_task=_is_task(original),
            sender_value=sender if isinstance(sender, (str, bytes)) else None)
        return record

    def records_for(self, receiver, signal_name=None):
        identity = self.retry_wrappers.get(id(receiver)) or _receiver_identity(_unwrap_retry(receiver))
        records = self.by_identity.get(identity, [])
        return [r for r in records if signal_name is None or r.signal_name == signal_name]

    def on_send(self, sig, sender, responses):
        self.sends.append(SendRecord(sig.name or '<unnamed>', _kind(sender), len(responses)))
        for receiver, response in responses:
            for record in self.records_for(receiver, sig.name):
                record.calls.append(_outcome(response, self.filename))


def _rebind_module_level_send_aliases():
    """A few Celery modules keep `signal.send` bound at import time; point them at the wrapper."""
    from celery import signals
    from celery.app import trace
    from celery.worker import request
    for module, alias, sig in ((trace, 'send_prerun', signals.task_prerun),
                               (trace, 'send_postrun', signals.task_postrun),
                               (trace, 'send_success', signals.task_success),
                               (request, 'send_revoked', signals.task_revoked),
                               (request, 'send_retry', signals.task_retry)):
        assert hasattr(module, alias), f'{module.__name__}.{alias} moved: update the harness'
        setattr(module, alias, sig.send)


def _key_taken(sig, receiver, sender, dispatch_uid):
    """Celery silently ignores a connect whose (uid or receiver, sender) key is already present."""
    from celery.local import Proxy
    if issubclass(type(sender), Proxy):
        return False
    key = signal_module._make_lookup_key(receiver, sender, dispatch_uid)
    return any(existing == key for existing, ref in sig.receivers
               if not (isinstance(ref, weakref.ReferenceType) and ref() is None))


def _unwrap_retry(receiver):
    """Celery's retry wrapper closes over the real receiver; find it for identification."""
    if getattr(receiver, '__name__', '') != '_try_receiver_over_time':
        return receiver
    for cell in receiver.__closure__ or ():
        value = cell.cell_contents
        if callable(value):
            return value
    return receiver


def _outcome(response, filename):
    if isinstance(response, BaseException):
        # No frame of the handler module in the traceback: the call itself failed (arguments could
        # not be bound) before the body started.
        tb = response.__traceback__
        in_module = False
        last = None
        while tb is not None:
            in_module = in_module or tb.tb_frame.f_code.co_filename == filename
            last = tb
            tb = tb.tb_next
        where = 'in-body' if in_module else 'at-call'
        wrapped = _wrapped_binding_failure(response, last)
        if in_module and wrapped:
            where = f'at-wrapped-call:{wrapped}'
        return ('raised', f'{type(response).__name__}: {response}', where)
    if inspect.iscoroutine(response):
        response.close()
        return ('coroutine', 'returned a coroutine that nobody awaits', '')
    if inspect.isgenerator(response) or inspect.isasyncgen(response):
        return ('generator', 'returned a generator that nobody iterates', '')
    return ('ran', '', '')


# How Python words a call whose arguments cannot be bound to the function's parameters.
BINDING_FAILURE = re.compile(r'^(?:[\w<>]+\.)*(\w+)\(\) (?:got an unexpected keyword argument|missing \d+ required|'
                             r'got multiple values for argument|takes \d+ positional)')


def _wrapped_binding_failure(error, last):
    """A decorator's wrapper ran and called the function it wraps with keywords that function
    cannot take: the TypeError names that function, not the frame that raised it. Returns its name."""
    if not isinstance(error, TypeError) or last is None:
        return None
    match = BINDING_FAILURE.match(str(error))
    if not match or match.group(1) == last.tb_frame.f_code.co_name:
        return None
    return match.group(1)


def _is_task(value):
    from celery.app.task import Task
    from celery.local import Proxy
    # isinstance() on a Proxy would evaluate it (and finalize the app): look at the real type
    return issubclass(type(value), Proxy) or issubclass(type(value), Task)


def _short_repr(value):
    from celery.local import Proxy
    if issubclass(type(value), Proxy):
        return '<task proxy>'
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + '...'
