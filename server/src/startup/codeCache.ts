/**
 * Runs a CommonJS bundle through V8's code cache, kept in a folder the editor owns (VS Code: the
 * extension's global storage, never a workspace). A fresh process otherwise parses and compiles the
 * bundle's functions the first time each runs; with the cache, those a previous session of the same
 * bundle compiled come back as bytecode. That is most of the CPU time of the first analysis on the
 * main thread and a good part of start-up (docs/performance.md, "Start-up").
 *
 * A cache is named after a hash of the bundle's text and the Node version, so a rebuilt bundle never
 * meets bytecode compiled from another text (V8 itself checks only the text's length, its own version
 * and its flags). V8 refuses a cache made under other flags: whoever calls this sets the process's
 * V8 flags first, as the bundle itself will.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** Late enough for the warm-up and the first documents' analyses to have compiled what a session needs. */
const SAVE_AFTER_MS = 5_000;

/**
 * Runs `bundle` through the code cache in `folder`, or simply requires it without a folder (or on a
 * Node without process.getBuiltinModule: the tree-sitter runtime loads built-ins with import(), which a
 * script compiled from a cache cannot do on Node 20, and the build has it use that function instead).
 * A cache V8 did not take is written a few seconds later, or as the process exits if that is sooner.
 */
export function runBundle(bundle: string, folder: string | undefined): void {
  if (!folder || typeof process.getBuiltinModule !== 'function') {
    require(bundle);
    return;
  }
  const loaded = runWithCodeCache(bundle, folder);
  if (loaded.outcome === 'accepted') return;
  let saved = false;
  const saveOnce = () => {
    if (saved) return;
    saved = true;
    loaded.save();
  };
  setTimeout(saveOnce, SAVE_AFTER_MS).unref();
  process.once('exit', saveOnce);
}

/** Whether V8 took the cache it was given: 'absent' when there was none for this bundle. */
export type CodeCacheOutcome = 'accepted' | 'rejected' | 'absent';

export interface CachedBundle {
  outcome: CodeCacheOutcome;
  /**
   * Writes the functions compiled so far to the cache folder (replacing the caches of other builds),
   * unless V8 accepted the one it was given. False when nothing was written; never throws.
   */
  save(): boolean;
}

/** What Node's module loader offers but does not declare for TypeScript. */
type InternalModule = Module & { filename: string; paths: string[]; loaded: boolean };
const moduleStatics = Module as unknown as { _nodeModulePaths(dir: string): string[]; wrap(source: string): string };

const SUFFIX = '.v8cache';

function cacheFileOf(bundle: string, source: string, folder: string): string {
  const key = crypto.createHash('sha256').update(process.version).update('\0').update(source).digest('hex').slice(0, 24);
  return path.join(folder, `${path.basename(bundle, '.js')}-${key}${SUFFIX}`);
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Loads and runs `bundle` as `require` would, with the code cache found in `folder` (if any). */
export function runWithCodeCache(bundle: string, folder: string): CachedBundle {
  // A shebang is not JavaScript: keep the text's length (V8 compares it) and comment it out.
  const text = fs.readFileSync(bundle, 'utf8');
  const source = text.startsWith('#!') ? `//${text.slice(2)}` : text;
  const cacheFile = cacheFileOf(bundle, source, folder);
  const cachedData = readIfPresent(cacheFile);
  const script = new vm.Script(moduleStatics.wrap(source), {
    filename: bundle,
    cachedData,
    // Dynamic import() as the bundle would have it outside vm (Node 20.12 and newer).
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const outcome: CodeCacheOutcome = cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'accepted';
  const bundleModule = new Module(bundle, require.main) as InternalModule;
  bundleModule.filename = bundle;
  bundleModule.paths = moduleStatics._nodeModulePaths(path.dirname(bundle));
  const run = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: Module, filename: string, dirname: string) => void;
  run.call(bundleModule.exports, bundleModule.exports, Module.createRequire(bundle), bundleModule, bundle, path.dirname(bundle));
  bundleModule.loaded = true;
  return { outcome, save: () => outcome !== 'accepted' && save(script, cacheFile) };
}

function save(script: vm.Script, cacheFile: string): boolean {
  try {
    const folder = path.dirname(cacheFile);
    fs.mkdirSync(folder, { recursive: true });
    // Another window's server may write the same cache at the same moment: each writes its own file
    // and renames it into place, so a reader never sees half of one.
    const partial = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(partial, script.createCachedData());
    fs.renameSync(partial, cacheFile);
    const prefix = path.basename(cacheFile).replace(/-[0-9a-f]+\.v8cache$/, '-');
    for (const name of fs.readdirSync(folder)) {
      if (name.startsWith(prefix) && name.endsWith(SUFFIX) && name !== path.basename(cacheFile)) fs.rmSync(path.join(folder, name), { force: true });
    }
    return true;
  } catch {
    return false;
  }
}
