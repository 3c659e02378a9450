/**
 * The Node options the VS Code client starts the language server with, and that the benchmark uses
 * (docs/performance.md gives them for other editors):
 * - `--max-semi-space-size=1`: a small young generation keeps resident memory close to what the
 *   server holds (the analysis thread sets its own, a little larger, since it runs the whole-file
 *   analyses); 1 MB instead of 2 kept the benchmark's peak 4 MB lower for about 5% more CPU time;
 * - `--v8-pool-size=1`: one V8 helper thread instead of four; each extra one kept its own malloc arena
 *   of freed compiler and GC memory (about 8 MB of the peak with a 10,000-line module open).
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
 * V8 flags the server sets on itself as it starts (`v8.setFlagsFromString`), so they hold whichever
 * editor starts it, and for the analysis thread too (flags are per process). Without a growing
 * factor V8 lets the old generation of a heap that keeps ~15 MB live grow to ~45 MB between full
 * collections, since every analysis promotes the model it builds. 1.5× keeps the benchmark's peak
 * (10,000-line module, 100 edits, 400 requests) ~40 MB lower (1.1× gave the same, 2× 10 MB more, 3×
 * nothing), for 10-20% more CPU time per edit while an edit still rebuilds the whole model.
 */
export const SERVER_V8_FLAGS: readonly string[] = ['--heap-growing-percent=50'];
