/**
 * celery-signals-language-server: starts the server bundle next to this file (serverMain.js, built
 * from server.ts), through V8's code cache when the editor names a folder for one
 * (CELERY_SIGNALS_CODE_CACHE; VS Code's extension gives one in its global storage).
 */
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { CODE_CACHE_VARIABLE, SERVER_V8_FLAGS } from '../../shared/serverNodeOptions';
import { runBundle } from './startup/codeCache';

const folder = process.env[CODE_CACHE_VARIABLE];
// V8 takes a cache only under the flags it was made with: the bundle sets these as it starts.
if (folder) for (const flag of SERVER_V8_FLAGS) v8.setFlagsFromString(flag);
runBundle(path.join(__dirname, 'serverMain.js'), folder);
