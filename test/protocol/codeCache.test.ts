// The built server keeps V8's code cache of its bundle in the folder its editor names: written once
// per build, taken on the next start, replaced when it is damaged or from another build, and the
// diagnostics are the same whichever way the code was compiled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, withServer } from './lspClient';
import { CODE_CACHE_VARIABLE } from '../../shared/serverNodeOptions';

const entry = path.join(repoRoot, 'server/out/server.js');

const HANDLERS = `from celery.signals import task_failure, worker_ready


@task_failure.connect
def on_failure(sender, task_id, exception):
    print(task_id, exception)


def ready(sender, **kwargs):
    pass


worker_ready.connect(ready, retry=True)
`;

/** Starts the built server with `folder` as its code cache, and returns the diagnostics of HANDLERS. */
async function diagnosticsWith(folder: string): Promise<unknown[]> {
  let diagnostics: unknown[] = [];
  await withServer({ executable: entry, environment: { [CODE_CACHE_VARIABLE]: folder } }, async (client) => {
    const uri = 'file:///project/cached_handlers.py';
    client.open(uri, HANDLERS);
    diagnostics = await client.nextDiagnostics(uri, 1);
  });
  return diagnostics;
}

const cachesIn = (folder: string) => fs.readdirSync(folder).filter((name) => name.endsWith('.v8cache'));

test('the code cache is written on the first start, taken on the next, and replaced when damaged or stale', { skip: !fs.existsSync(entry) && 'run `npm run build` first' }, async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'celery-signals-code-cache-'));
  try {
    // A cache left by another build of the server goes once this build writes its own.
    fs.writeFileSync(path.join(folder, 'serverMain-0123456789abcdef01234567.v8cache'), 'from another build');
    fs.writeFileSync(path.join(folder, 'unrelated.txt'), 'not ours');

    const first = await diagnosticsWith(folder);
    assert.ok(first.length >= 2, `the fixture has findings: ${JSON.stringify(first)}`);
    const written = cachesIn(folder);
    assert.equal(written.length, 1, `one cache: ${written.join(', ')}`);
    assert.match(written[0], /^serverMain-[0-9a-f]{24}\.v8cache$/);
    assert.notEqual(written[0], 'serverMain-0123456789abcdef01234567.v8cache');
    assert.ok(fs.existsSync(path.join(folder, 'unrelated.txt')), 'other files are left alone');
    const cacheFile = path.join(folder, written[0]);
    const cached = fs.readFileSync(cacheFile);
    const writtenAs = fs.statSync(cacheFile).ino;
    assert.ok(cached.length > 100_000, `the cache holds the compiled functions (${cached.length} bytes)`);

    // Taken as it is: a cache V8 accepts is not written again.
    assert.deepEqual(await diagnosticsWith(folder), first);
    // (a cache is written to a file of its own and renamed into place, so a rewrite changes the inode)
    assert.equal(fs.statSync(cacheFile).ino, writtenAs, 'an accepted cache is not written again');

    // A damaged cache is refused by V8: the server runs all the same and writes a good one.
    fs.writeFileSync(cacheFile, Buffer.alloc(cached.length, 7));
    assert.deepEqual(await diagnosticsWith(folder), first);
    const rewritten = fs.readFileSync(cacheFile);
    assert.ok(!rewritten.equals(Buffer.alloc(cached.length, 7)), 'the damaged cache is replaced');
    assert.ok(rewritten.length > 100_000);
    assert.deepEqual(cachesIn(folder), written);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test('without a code-cache folder the server writes none and runs as before', { skip: !fs.existsSync(entry) && 'run `npm run build` first' }, async () => {
  const cwdBefore = fs.readdirSync(path.join(repoRoot, 'server/out'));
  let diagnostics: unknown[] = [];
  await withServer({ executable: entry }, async (client) => {
    const uri = 'file:///project/uncached_handlers.py';
    client.open(uri, HANDLERS);
    diagnostics = await client.nextDiagnostics(uri, 1);
  });
  assert.ok(diagnostics.length >= 2);
  assert.deepEqual(fs.readdirSync(path.join(repoRoot, 'server/out')), cwdBefore, 'nothing is written next to the bundle');
});
