/**
 * A corpus for the CLI's skip and its worker threads: the fixtures, examples and generated handler
 * modules, each of them twice more with its fact words disguised (the hardest files the skip can
 * meet: real handler code without a word it looks for) and the Python ones once more commented out
 * (every word in view, none in code), hand-written near misses, a sample of the Python
 * standard library when it is installed, a user catalog's own signals, and files the CLI must refuse.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { factWords } from '../../server/src/analysis/factWords';
import { loadCatalogs } from '../../server/src/catalog/load';
import { fixtureFiles } from './fixtures';
import { project } from './cliProject';

const root = path.resolve(__dirname, '..', '..');
const STDLIB = '/usr/lib/python3.11';

export const USER_CATALOG = JSON.stringify({
  catalogVersion: 1,
  signals: [
    {
      name: 'order_paid',
      category: 'custom',
      access: { kind: 'module', modules: ['shop.events'] },
      summary: 'Sent when an order is paid.',
      params: [{ name: 'order_id', type: 'int' }],
    },
  ],
});

/** Python files that come close to the words the skip looks for, or have none and still break. */
const NEAR_MISSES: Record<string, string> = {
  'near/socket_client.py': 'import socket\n\n\ndef ping(host):\n    sock = socket.create_connection((host, 80))\n    sock.connect((host, 80))\n    sock.send(b"x")\n',
  // `connect` alone, as Python code writes it with nothing of Celery's in view: no fact, never parsed.
  'near/django_receivers.py': 'from django.db.models.signals import post_save\nfrom shop.models import Order\n\n\ndef on_save(sender, instance, created):\n    pass\n\n\npost_save.connect(on_save, sender=Order)\nhooks.connect(on_save)\n',
  'near/broken_connect_without_words.py': 'registry.connect(on_event\n\ndef on_event(sender):\n    pass\n',
  // A name nothing binds, beside a star import of a signal module (which writes the module's path).
  'near/star_unbound.py': 'from celery.signals import *\n\nworker_hook.connect(print)\n',
  'near/comments_only.py': '# Handlers for task_failure live elsewhere; nothing here connects.\nVALUE = "celery.signals"\n',
  'near/broken_without_words.py': 'def f(:\n    return [1, 2\n\nclass C(\n',
  'near/deep_without_words.py': `x = ${'('.repeat(120)}1${')'.repeat(120)}\n`,
  'near/deep_with_handler.py': `from celery.signals import task_failure\n\n\n@task_failure.connect\ndef on_failure(sender, task_id):\n    return task_id\n\n\nx = ${'('.repeat(120)}1${')'.repeat(120)}\n`,
  'near/unclosed_connect.py': 'from celery.signals import task_success\n\ntask_success.connect(on_success\n\ndef on_success(sender, result):\n    pass\n',
  'near/disconnected.py': 'from celery.signals import task_prerun\n\n\ndef setup(handler):\n    task_prerun.disconnect(handler)\n',
  'near/identifiers.py': 'connected = reconnect = connect_ = task_ = 1\nsignals_ = conf_x = sendall = 2\n',
  'near/wide_letters.py': 'from celery.signals import task_failure as tf\n\n\n@tf.\uff43\uff4f\uff4e\uff4e\uff45\uff43\uff54\ndef h(sender):\n    pass\n',
  'near/user_signal.py': 'from shop.events import order_paid\n\n\n@order_paid.connect\ndef on_paid(sender, **kwargs):\n    return kwargs["order_idd"]\n',
  'near/user_signal_import.py': 'from shop import events\n\nevents.order_payed.connect(print)\n',
  'near/ts_namespace.ts': "import * as s from 'celery-signals';\n\nexport const x = s;\n",
  'near/ts_no_words.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
  'near/broken_no_words.js': 'function (\n  let x = [1, 2\n',
  // `task` and `conf` written as Python code writes them when it has nothing to do with Celery.
  'near/django_conf.py': 'from django.conf import settings\nfrom django.conf  import urls\n\n\ndef run(queue):\n    for task in queue:\n        task.run(settings.DEBUG)\n    return [t for t in queue if t is not task]\n',
  'near/task_calls.py': 'import asyncio\n\n\nasync def main(task):\n    done = asyncio.create_task(task())\n    return await done\n',
  'near/broken_task_conf.py': 'from django.conf import (settings\n\ndef f(task:\n    return task(1\n\nx = [task\n',
  // ... and as Celery code writes them: these must be parsed.
  'near/spaced_decorator.py': '@ app . task(bind=True)\ndef add(self, x, y):\n    return x + y\n',
  // Words in prose: comments and string statements count for nothing; other strings and f-strings do.
  'near/prose_only.py':
    '"""Reports task_failure from Celery workers (see celery.signals; Signal docs).\n\nUse `app.conf.task_routes`."""\n# @task_failure.connect\n# def on_failure(sender, einfo):\n#     print(einfo)\n\n\ndef fmt(value):\n    r\'\'\'Signal it: @app.task is not here.\'\'\'\n    return str(value)  # task_prerun too\n',
  'near/prose_then_code.py':
    '"""Handlers for task_failure."""\nfrom celery.signals import task_failure\n\n\n@task_failure.connect\ndef on_failure(sender=None, **kwargs):\n    """Mail the admins."""\n    return einfo\n',
  'near/fstring_words.py': 'MESSAGE = f"{task_failure!r} from {Celery}"\nf"{conf}"\n',
  'near/open_string.py': 'x = 1\n"""never closed\nfrom celery.signals import task_failure\n',
  'near/conf_across_lines.py': 'broker = (\n    app\n    .conf\n    # the broker\n    .broker_url\n)\n',
};

/** `text` with a letter added to each of `words`, so that none of them is left. */
export function disguised(text: string, words: readonly string[]): string {
  const pattern = new RegExp(`(?<![A-Za-z0-9_])(${words.map((w) => w.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')).join('|')})(?![A-Za-z0-9_])`, 'g');
  return text.replace(pattern, '$1Q');
}

/** Builds the corpus in a temporary folder; returns it with the user catalog's path in it. */
export async function skipCorpus(options: { stdlibSample?: number } = {}): Promise<{ dir: string; catalog: string }> {
  const { generateModule } = await import('../../bench/generate.mjs');
  const files: Record<string, string | Buffer> = { ...NEAR_MISSES, 'shop-signals.json': USER_CATALOG };
  const { words, paths } = factWords(loadCatalogs([{ text: USER_CATALOG }]).catalog);
  // A module path counts only whole: hiding one segment of each is enough, and leaves the others in view.
  const disguises = { disguised: [...words, ...paths.map((p) => p[0])], 'disguised-last': [...words, ...paths.map((p) => p[p.length - 1])] };
  const examples = fixtureFiles(path.join(root, 'examples'));
  const sources: [string, string][] = [...fixtureFiles(), ...examples].map((file) => [path.relative(root, file), fs.readFileSync(file, 'utf8')]);
  for (const profile of ['dense', 'realistic'] as const) {
    sources.push([`generated/${profile}.py`, generateModule('python', 300, profile)]);
    sources.push([`generated/${profile}.ts`, generateModule('typescript', 300, profile)]);
  }
  for (const [name, text] of sources) {
    files[`corpus/${name}`] = text;
    for (const [folder, hidden] of Object.entries(disguises)) files[`${folder}/${name}`] = disguised(text, hidden);
    // Every word in view, but only in comments: the skip leaves it, and parsing finds nothing.
    if (name.endsWith('.py')) files[`commented/${name}`] = text.replace(/^/gm, '# ');
  }
  const sample = options.stdlibSample ?? 0;
  if (sample > 0 && fs.existsSync(STDLIB)) {
    const modules = fs.readdirSync(STDLIB).filter((f) => f.endsWith('.py')).sort();
    const step = Math.max(1, Math.floor(modules.length / sample));
    for (let i = 0; i < modules.length; i += step) files[`stdlib/${modules[i]}`] = fs.readFileSync(path.join(STDLIB, modules[i]));
  }
  files['refused/binary.py'] = Buffer.from([0x69, 0x6d, 0x70, 0x00, 0x01, 0x02]);
  files['refused/not_utf8.py'] = Buffer.from([0x78, 0x20, 0x3d, 0x20, 0x22, 0xff, 0xfe, 0x22, 0x0a]);
  const dir = project(files);
  return { dir, catalog: path.join(dir, 'shop-signals.json') };
}
