/**
 * The Node options the VS Code client starts the language server with, and that the benchmark uses
 * (docs/performance.md gives them for other editors). A young generation of 2 MB semi-spaces keeps
 * the server's resident memory close to what it holds; the analysis thread sets its own the same way.
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=2'];
