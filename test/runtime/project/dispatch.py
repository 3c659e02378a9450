"""Imports a multi-module project under real Celery and fires its signals, the way the project's own
code and Celery's call sites do, then reports which receivers ran and which raised.

Usage: python3 dispatch.py <project folder> <json plan>; the plan names the modules to import, the
project functions to call (which send the project's own signals) and Celery signals to send with the
keywords Celery's call site passes. Prints one JSON object: {receiver name: "ok" | "raised: ..."}.
"""
import importlib
import json
import sys

root, plan = sys.argv[1], json.loads(sys.argv[2])
sys.path.insert(0, root)

from celery.utils.dispatch import signal as dispatch  # noqa: E402

outcomes = {}
original_send = dispatch.Signal.send


def watched_send(self, sender, **named):
    responses = original_send(self, sender, **named)
    for receiver, response in responses:
        name = getattr(receiver, "__name__", repr(receiver))
        failed = isinstance(response, Exception)
        # A receiver that failed once stays failed: some send left its keyword out.
        if failed or name not in outcomes:
            outcomes[name] = f"raised: {type(response).__name__}: {response}" if failed else "ok"
    return responses


dispatch.Signal.send = watched_send
modules = {name: importlib.import_module(name) for name in plan["modules"]}
for call in plan.get("calls", []):
    module_name, function = call["function"].rsplit(".", 1)
    getattr(modules[module_name], function)(*call.get("args", []), **call.get("kwargs", {}))
for send in plan.get("sends", []):
    module_name, attribute = send["signal"].rsplit(".", 1)
    signal = getattr(importlib.import_module(module_name), attribute)
    signal.send(sender=None, **send["keywords"])
print(json.dumps(outcomes))
