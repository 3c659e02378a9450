/**
 * The Node options the VS Code client starts the language server with, and that the benchmark uses
 * (docs/performance.md gives them for other editors):
 * - `--max-semi-space-size=1`: a small young generation keeps resident memory close to what the
 *   server holds (the analysis thread gets the same size from SERVER_V8_FLAGS); 1 MB instead of 2
 *   kept the benchmark's peak 4 MB lower for about 5% more CPU time;
 * - `--v8-pool-size=1`: one V8 helper thread instead of four; each one keeps a malloc arena of its own
 *   (about 8 MB of the peak with a 10,000-line module open, before the keystroke work). Two helpers
 *   mark the heaps sooner and kept the median peak 4 to 9 MB lower, but on a two-core machine they
 *   compete with the threads that answer: edits took 3 ms (p50) and 8 ms (p95) longer.
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=1', '--v8-pool-size=1'];

/**
 * Environment variables the VS Code client adds when it starts the server, and that the benchmark
 * sets (docs/performance.md gives them for other editors). glibc's malloc reads them once, as the
 * process starts, so the server cannot set them on itself.
 * - `MALLOC_MMAP_THRESHOLD_=65536`: every block of 64 KB or more (the text of a large document as it
 *   crosses to the analysis thread, I/O buffers) gets its own mapping, given back when freed. Left to
 *   itself, glibc raises that threshold the first time such a block is freed, and from then on
 *   carves those blocks out of its arenas, which then hold the freed space: 6 to 13 MB of the
 *   benchmark's peak. Without glibc (macOS, Windows, musl) it changes nothing.
 */
export const SERVER_ENVIRONMENT: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '65536' };

/**
 * The environment variable naming the folder where the server keeps V8's code cache of its bundle
 * (server/src/startup/codeCache.ts). VS Code's client gives a folder in the extension's global
 * storage; without one the server compiles its code afresh each time it starts.
 */
export const CODE_CACHE_VARIABLE = 'CELERY_SIGNALS_CODE_CACHE';

/**
 * V8 flags the server sets on itself as it starts (`v8.setFlagsFromString`), so they hold whichever
 * editor starts it, and for the analysis thread too (flags are per process).
 * - `--heap-growing-percent=50`: without a growing factor V8 lets the old generation of a heap that
 *   keeps ~15 MB live grow to ~45 MB between full collections, since every analysis promotes the
 *   model it builds. 1.5× keeps the benchmark's peak (10,000-line module, 100 edits, 400 requests)
 *   ~40 MB lower (1.1× gave the same, 2× 10 MB more, 3× nothing), for 10-20% more CPU time per edit.
 * - `--max-semi-space-size=1`: a heap takes its young generation's size from this flag when it is
 *   made, so set here it sizes the analysis thread's (the main thread's was sized at start-up, from
 *   the command line), and it wins over a Worker's `resourceLimits`. Larger ones promote less
 *   (1.4 MB of old generation per keystroke with 1 MB, 0.2 MB with 4 MB), yet 4 and 8 MB kept the
 *   benchmark's peak 15 to 30 MB higher (2 MB the same): the old generation then grew for dozens of
 *   edits before V8 collected it.
 */
export const SERVER_V8_FLAGS: readonly string[] = ['--heap-growing-percent=50', '--max-semi-space-size=1'];
