/**
 * One isolated code-server (real VS Code workbench + Node extension host) on 127.0.0.1 and a headless
 * Chromium looking at it. Everything lives in a fresh temp folder: XDG dirs, user data (autosave off),
 * extensions, browser profile and a copy of the workspace, so runs never see each other's state.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, codeServerBin } from './codeServer';

export interface CodeServer {
  port: number;
  /** Temp root of this run; removed by `stop` unless the run failed. */
  dir: string;
  extensionsDir: string;
  workspace: string;
  log: string;
  workbenchUrl(query?: Record<string, string>): string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  /** Files copied into the workspace folder. */
  workspaceFrom: string;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
  /** Extra environment for code-server and, through it, the extension host. */
  env?: Record<string, string>;
  /** A .vsix installed into the isolated extensions folder before start. */
  vsix?: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForHttp(url: string, child: ChildProcess, log: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${fs.readFileSync(log, 'utf8')}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs} ms:\n${fs.readFileSync(log, 'utf8')}`);
}

function isolatedEnv(dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const [name, sub] of [['TMPDIR', 'tmp'], ['XDG_CONFIG_HOME', 'config'], ['XDG_DATA_HOME', 'data'], ['XDG_CACHE_HOME', 'cache']]) {
    env[name] = path.join(dir, sub);
    fs.mkdirSync(env[name]!, { recursive: true });
  }
  // Keep test runners' variables from leaking into VS Code's Node processes.
  delete env.NODE_OPTIONS;
  delete env.NODE_TEST_CONTEXT;
  return env;
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'celery-signals-vscode-'));
  const userData = path.join(dir, 'user-data');
  const extensionsDir = path.join(dir, 'extensions');
  const workspace = path.join(dir, 'workspace');
  const log = path.join(dir, 'code-server.log');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.cpSync(options.workspaceFrom, workspace, { recursive: true });
  const settings = {
    'files.autoSave': 'off',
    'workbench.startupEditor': 'none',
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'security.workspace.trust.enabled': false,
    'window.restoreWindows': 'none',
    'chat.disableAIFeatures': true,
    ...options.settings,
  };
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const port = await freePort();
  const config = path.join(dir, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const env = isolatedEnv(dir, options.env);
  const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensionsDir];

  if (options.vsix) {
    const install = spawn(process.execPath, [codeServerBin(), ...common, '--install-extension', options.vsix, '--force'], { env, stdio: 'pipe' });
    let output = '';
    install.stdout.on('data', (d) => (output += d));
    install.stderr.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => install.on('close', resolve));
    if (code !== 0) throw new Error(`installing ${options.vsix} failed (${code}):\n${output}`);
  }

  const logFd = fs.openSync(log, 'a');
  const child = spawn(
    process.execPath,
    [codeServerBin(), ...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
      '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened'],
    // Its own process group: helper processes outlive the main one, so stop() signals the group.
    { env, detached: true, stdio: ['ignore', logFd, logFd] },
  );
  fs.closeSync(logFd);
  const pgid = child.pid!;
  const stop = async () => {
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      try {
        process.kill(-pgid, signal);
      } catch {
        return;
      }
      await sleep(signal === 'SIGTERM' ? 1500 : 200);
    }
  };
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, child, log, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    port,
    dir,
    extensionsDir,
    workspace,
    log,
    workbenchUrl(query = {}) {
      const params = new URLSearchParams({ folder: workspace, ...query });
      return `http://127.0.0.1:${port}/?${params.toString()}`;
    },
    stop,
  };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function openBrowser(profileDir: string): Promise<Browser> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, close: () => context.close() };
}

/** Waits until `file` exists and parses as JSON, or throws after `timeoutMs`. */
export async function waitForJsonFile<T>(file: string, timeoutMs: number, describe: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(file)) {
      try {
        return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
      } catch {
        // still being written
      }
    }
    await sleep(250);
  }
  throw new Error(`no result in ${file} after ${timeoutMs} ms\n${describe()}`);
}
