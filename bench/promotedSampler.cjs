// Preloaded into the server by `bench/memory-timeline.mjs` when BENCH_PROMOTED is set (`-r`, so it runs
// in the analysis thread too): in the thread BENCH_PROMOTED names (`main` or `analysis`), V8's
// sampling heap profiler records, between `<file>.start` and `<file>.stop` appearing, every sampled
// allocation that lived through the young collections, whether a full collection freed it since or
// not. That is what each keystroke adds to the old generation: the garbage a full collection must
// catch up with, and what the peak is made of.
const fs = require('node:fs');
const { isMainThread } = require('node:worker_threads');

const [thread, file] = (process.env.CELERY_SIGNALS_BENCH_PROMOTED ?? '').split('=');
if (file && (thread === 'main') === isMainThread) {
  const inspector = require('node:inspector');
  const session = new inspector.Session();
  session.connect();
  let state = 'waiting';
  const poll = setInterval(() => {
    if (state === 'waiting' && fs.existsSync(`${file}.start`)) {
      state = 'sampling';
      session.post('HeapProfiler.enable');
      session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: false });
    } else if (state === 'sampling' && fs.existsSync(`${file}.stop`)) {
      state = 'done';
      clearInterval(poll);
      session.post('HeapProfiler.stopSampling', (error, result) => fs.writeFileSync(file, JSON.stringify(error ? { error: error.message } : result.profile)));
    }
  }, 20);
  poll.unref();
}
