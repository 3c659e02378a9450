// The VS Code client starts the server with --node-ipc: the same server must answer over Node IPC.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { repoRoot, serverCommand } from './lspClient';

test('--node-ipc: initialize, diagnostics and shutdown over the IPC channel', async () => {
  const command = serverCommand().filter((a) => a !== '--stdio');
  const script = command[command.length - 1];
  const child = fork(script, ['--node-ipc'], { cwd: repoRoot, execArgv: command.slice(0, -1), stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const replies = new Map<number, any>();
  const notifications: any[] = [];
  const waiters: (() => void)[] = [];
  child.on('message', (message: any) => {
    if (message.id !== undefined && message.method) child.send({ jsonrpc: '2.0', id: message.id, result: message.method === 'workspace/configuration' ? [{}] : null });
    else if (message.id !== undefined) replies.set(message.id, message);
    else notifications.push(message);
    waiters.splice(0).forEach((w) => w());
  });
  const until = async (ready: () => boolean) => {
    const deadline = Date.now() + 60_000;
    while (!ready()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for the server over IPC; stderr: ${stderr.slice(-2000)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  };
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    child.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
    await until(() => replies.has(1));
    assert.equal(replies.get(1).result.capabilities.textDocumentSync.change, 2);
    child.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    const uri = 'file:///project/ipc.py';
    const text = 'from celery.signals import task_failure\n\n@task_failure.connect\ndef on_failure(sender, task_id):\n    pass\n';
    child.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'python', version: 1, text } } });
    await until(() => notifications.some((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri));
    const published = notifications.find((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri);
    assert.ok(published.params.diagnostics.some((d: any) => d.code === 'missing-var-kwargs'));
    child.send({ jsonrpc: '2.0', id: 2, method: 'shutdown', params: null });
    await until(() => replies.has(2));
    child.send({ jsonrpc: '2.0', method: 'exit', params: null });
    assert.equal(await exited, 0);
  } finally {
    if (child.exitCode === null) child.kill();
  }
});
