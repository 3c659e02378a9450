/**
 * celery-signals-language-server: starts the server bundle next to this file (serverMain.js, built
 * from server.ts). When the editor names a folder for a code cache (CELERY_SIGNALS_CODE_CACHE; VS
 * Code's extension gives one in its global storage), the bundle runs through V8's code cache kept
 * there (startup/codeCache.ts); otherwise it is simply required.
 */
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { CODE_CACHE_VARIABLE, SERVER_V8_FLAGS } from '../../shared/serverNodeOptions';
import { runWithCodeCache } from './startup/codeCache';

/** Late enough for the warm-up and the first documents' analyses to have compiled what a session needs. */
const SAVE_AFTER_MS = 10_000;

const main = path.join(__dirname, 'serverMain.js');
const folder = process.env[CODE_CACHE_VARIABLE];
// The tree-sitter runtime loads Node built-ins with import(), which a script compiled from a cache
// cannot do on Node 20; the build makes it use process.getBuiltinModule (Node 20.16 and newer) instead.
if (!folder || typeof process.getBuiltinModule !== 'function') require(main);
else {
  // V8 takes a cache only under the flags it was made with: the bundle sets these as it starts.
  for (const flag of SERVER_V8_FLAGS) v8.setFlagsFromString(flag);
  const bundle = runWithCodeCache(main, folder);
  if (bundle.outcome !== 'accepted') {
    let saved = false;
    const saveOnce = () => {
      if (saved) return;
      saved = true;
      bundle.save();
    };
    setTimeout(saveOnce, SAVE_AFTER_MS).unref();
    process.once('exit', saveOnce);
  }
}
