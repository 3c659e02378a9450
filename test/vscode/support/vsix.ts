/**
 * Builds the .vsix the way `npm run package` does (production build, then vsce) in a staging copy of
 * the repository, so tests never overwrite the development bundles other suites are using.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const SKIP = new Set(['node_modules', '.git', '.test-artifacts', '.cache', 'out']);

export interface BuiltVsix {
  file: string;
  bytes: number;
  buildMs: number;
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}

let built: Promise<BuiltVsix> | undefined;

export function buildVsix(): Promise<BuiltVsix> {
  return (built ??= Promise.resolve().then(() => {
    const started = Date.now();
    const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'celery-signals-vsix-'));
    process.once('exit', () => fs.rmSync(stage, { recursive: true, force: true }));
    fs.cpSync(root, stage, {
      recursive: true,
      filter: (source) => !SKIP.has(path.basename(source)) && !source.endsWith('.vsix'),
    });
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
    run('npm', ['run', '--silent', 'package'], stage);
    const file = path.join(stage, 'celery-signals.vsix');
    return { file, bytes: fs.statSync(file).size, buildMs: Date.now() - started };
  }));
}

/** Names of the entries of a zip file, read from its central directory. */
export function zipEntries(file: string): string[] {
  const zip = fs.readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error(`${file} is not a zip file`);
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
