// Preloaded into the server by bench/server-edit-cpu.mjs (GC_LOG=<file>): appends every garbage
// collection of every thread to the file as "thread epoch-ms duration-ms kind", so slow edits can be
// told apart by the collections that ran during them. Diagnostics only; it costs a file write per GC.
const fs = require('node:fs');
const { PerformanceObserver, performance, constants } = require('node:perf_hooks');
const { threadId } = require('node:worker_threads');
const file = process.env.CELERY_SIGNALS_GC_LOG;
const kinds = { [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major', [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak' };
if (file) {
  new PerformanceObserver((list) => {
    const lines = list.getEntries().map((e) => `${threadId} ${(performance.timeOrigin + e.startTime).toFixed(2)} ${e.duration.toFixed(2)} ${kinds[e.detail?.kind] ?? e.detail?.kind}\n`);
    fs.appendFileSync(file, lines.join(''));
  }).observe({ entryTypes: ['gc'] });
}
