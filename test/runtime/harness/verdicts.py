"""Turns what the observer saw into one verdict per handler.

Judged verdicts: refused-at-connect, fails-at-dispatch, never-called, runs.
Unjudged (the harness cannot tell what Celery would do in the user's project): raises-in-body
(the body's own logic failed), not-fired (nothing here sends that signal), not-reached (the connect
never executed), stand-in (the receiver or sender is a stub for a module this machine lacks),
disconnected (user code removed it), redundant (a repeat connect of a receiver already connected).
"""
from lifecycle import HOSTNAME_SIGNALS

RANK = {'refused-at-connect': 6, 'fails-at-dispatch': 5, 'never-called': 4, 'raises-in-body': 3,
        'runs': 2, 'disconnected': 1, 'stand-in': 1, 'not-fired': 1, 'not-reached': 0, 'redundant': 0}
# Raised because of how the handler is written rather than what its body does: a TypeError from
# binding the keywords to the parameters, or a NameError for a name the body never bound.
NAME_ERRORS = ('NameError', 'UnboundLocalError')


def _is_signature_failure(call, handler_name):
    kind = call[1].split(':')[0]
    # Under a user decorator, the wrapper's call of the decorated handler fails to bind it.
    wrapped = call[2] == f'at-wrapped-call:{handler_name}'
    return kind in NAME_ERRORS or (kind == 'TypeError' and (call[2] == 'at-call' or wrapped))


def _record_verdict(record, observer, lifecycle, covered_signals, site):
    if record.is_task and site.form == 'decorator':
        return 'never-called', 'connect() took the task as the receiver; this function was never connected'
    if record.sender_kind == 'MagicMock' or record.receiver_kind == 'MagicMock':
        return 'stand-in', 'receiver or sender comes from a stubbed import'
    if not record.accepted:
        same_receiver = [r for r in observer.connects if r is not record and r.accepted
                         and r.identity == record.identity and r.signal_name == record.signal_name]
        if same_receiver:
            return 'redundant', 'the same receiver was already connected; Celery ignored the repeat'
        return 'never-called', 'Celery already held another receiver under the same key (dispatch_uid/sender), so this connect was ignored'
    retried = ('; connect(retry=True) retried it and would block the sender forever'
               if record.identity in observer.retried else '')
    raised = [c for c in record.calls if c[0] == 'raised']
    signature = [c for c in raised if _is_signature_failure(c, site.handler.name)]
    if signature:
        return 'fails-at-dispatch', signature[0][1] + retried
    lazy = [c for c in record.calls if c[0] in ('coroutine', 'generator')]
    if lazy:
        return 'never-called', f'{lazy[0][1]}: the body never ran'
    if raised:
        return 'raises-in-body', raised[0][1] + retried
    if record.calls:
        return 'runs', f'ran {len(record.calls)} time(s)'
    if record.disconnected:
        return 'disconnected', 'user code disconnected it'
    if record.weak and record.receiver_ref is not None and record.receiver_ref() is None:
        return 'never-called', 'weakly connected and garbage-collected before any send'
    sends = [s for s in observer.sends if s.signal_name == record.signal_name]
    other_node = (isinstance(record.sender_value, str) and '@' in record.sender_value
                  and lifecycle.worker_hostname not in (None, record.sender_value))
    if sends and other_node and record.signal_name in HOSTNAME_SIGNALS:
        return 'not-fired', f'filters on node {record.sender_value}; this run started {lifecycle.worker_hostname}'
    if sends:
        senders = sorted({s.sender_kind for s in sends})
        why = ('only before this receiver was connected' if record.sender_kind == 'None'
               else f'the filter {record.sender_repr} never matched')
        return 'never-called', (f'{record.signal_name} was sent {len(sends)} time(s) with sender '
                                f'{"/".join(senders)}; {why}')
    if record.signal_name not in covered_signals:
        return 'not-fired', f'nothing in this run sends {record.signal_name}'
    if not lifecycle.complete:
        return 'not-fired', f'{record.signal_name} not sent; the run ended early ({"; ".join(lifecycle.notes)})'
    return 'never-called', f'Celery never sent {record.signal_name} in a full worker lifecycle'


def _worst(verdicts):
    return max(verdicts, key=lambda v: RANK[v[0]]) if verdicts else ('not-reached', 'connect never executed')


def _connected_nothing(site, executed_lines, namespace):
    """The connect ran without error yet registered no receiver: with a non-callable receiver
    (a classmethod object, say) connect() takes it for the sender and returns a decorator."""
    from loading import is_stand_in
    if site.line not in executed_lines:
        return None
    if site.signal_root and is_stand_in(namespace.get(site.signal_root)):
        return None
    return 'never-called', 'the connect ran but registered no receiver (a non-callable receiver is taken for the sender)'


def judge(sites, failures, observer, lifecycle, covered_signals, executed_lines, namespace):
    from sites import innermost_site
    per_site = {site.index: [] for site in sites}
    connected_at = {site.index: [] for site in sites}     # positions in the order of connects
    for index, failure in ((i, f) for f in failures for i in f.site_indexes):
        per_site[index].append(('refused-at-connect', failure.error))
    for position, record in enumerate(observer.connects):
        site = innermost_site(sites, record.line, record.signal_name) if record.line else None
        if site is not None:
            per_site[site.index].append(_record_verdict(record, observer, lifecycle, covered_signals, site))
            connected_at[site.index].append(position)
    # Module code that fails for want of the user's environment (a missing variable, a service)
    # would not fail in production; only failures Celery causes stop the import for real.
    first = next((f for f in failures if f.celery_caused), None)

    def never_connected(site, verdict):
        """A real import stops at the first failure: whatever connected after it never would."""
        if first is None or verdict in ('refused-at-connect', 'not-reached'):
            return False
        if connected_at[site.index]:
            return min(connected_at[site.index]) >= first.connects_before
        return site.span[0] > first.line

    handlers = {}
    for site in sites:
        entry = handlers.setdefault(site.handler.key, {
            'handler': site.handler.name, 'line': site.handler.def_line,
            'ranges': site.handler.ranges, 'sites': []})
        if not per_site[site.index]:
            nothing = _connected_nothing(site, executed_lines, namespace)
            if nothing:
                per_site[site.index].append(nothing)
        verdict, detail = _worst(per_site[site.index])
        entry['sites'].append({'signal': site.signal_text, 'line': site.line, 'verdict': verdict,
                               'detail': detail, 'neverConnected': never_connected(site, verdict)})
    for entry in handlers.values():
        verdict = _worst([(s['verdict'], s['detail']) for s in entry['sites']])
        entry['verdict'], entry['detail'] = verdict
        # Celery's own verdict for a handler below a failed import is "never connected"; the
        # judged verdict above is what happens once that earlier failure is fixed.
        entry['neverConnected'] = all(s['neverConnected'] for s in entry['sites'])
    return list(handlers.values())
