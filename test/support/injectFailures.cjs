// Test-only preload (`node --require`): makes the analysis of a file fail, or stop the worker thread
// checking it, when the file asks for it in a comment; preloads run in worker threads too. With
// CELERY_SIGNALS_TEST_THREADS set, each thread that analyses a file appends its kind to that file;
// with CELERY_SIGNALS_TEST_NO_WORKERS set, no worker thread can start; with
// CELERY_SIGNALS_TEST_STOP_AT_JUDGING set, a worker thread stops when it is first asked to judge a file
// (it then holds the files it extracted: cli/pool.ts).
const fs = require('node:fs');
const { isMainThread, parentPort } = require('node:worker_threads');

if (!isMainThread && process.env.CELERY_SIGNALS_TEST_NO_WORKERS) throw new Error('injected: this worker cannot start');

if (!isMainThread && process.env.CELERY_SIGNALS_TEST_STOP_AT_JUDGING) {
  const on = parentPort.on;
  parentPort.on = function (event, listener) {
    if (event !== 'message') return on.call(this, event, listener);
    return on.call(this, event, (task) => (task && task.judge !== undefined ? process.exit(71) : listener(task)));
  };
}

// Before it parses a Python file, the front end looks for runs of comment lines, starting with
// `text.indexOf('#')` over the whole text (parsing/commentRuns.ts): the first step of every analysis of
// a Python file, and no other code searches a whole text for '#' alone.
const indexOf = String.prototype.indexOf;
let noted = false;
String.prototype.indexOf = function (search, position) {
  if (search === '#' && position === undefined) {
    const text = String(this);
    if (text.includes('# test: analysis fails here')) throw new Error('injected failure');
    if (text.includes('# test: the worker stops here') && !isMainThread) process.exit(70);
    if (!noted && process.env.CELERY_SIGNALS_TEST_THREADS) {
      noted = true;
      fs.appendFileSync(process.env.CELERY_SIGNALS_TEST_THREADS, isMainThread ? 'main\n' : 'worker\n');
    }
  }
  return indexOf.call(this, search, position);
};
