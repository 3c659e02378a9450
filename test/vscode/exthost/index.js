// Runs inside VS Code's extension host (code-server), loaded through the workbench's
// `extensionTestsPath`. VS Code calls run(); every check's outcome goes to the JSON file named by
// CELERY_SIGNALS_EXTHOST_RESULT, which the harness (test/vscode/exthost.test.ts) polls.
const fs = require('node:fs');
const { checks } = require('./checks');

async function run() {
  const resultFile = process.env.CELERY_SIGNALS_EXTHOST_RESULT;
  const only = process.env.CELERY_SIGNALS_EXTHOST_ONLY;
  const results = [];
  for (const [index, [name, check]] of checks.entries()) {
    // The first check activates the extension and waits for its server; the others rely on it.
    if (only && index > 0 && !name.includes(only)) continue;
    const started = Date.now();
    const notes = [];
    try {
      await check((note) => notes.push(note));
      results.push({ name, ok: true, ms: Date.now() - started, notes });
    } catch (error) {
      results.push({ name, ok: false, ms: Date.now() - started, notes, error: String((error && error.stack) || error) });
    }
  }
  if (resultFile) fs.writeFileSync(resultFile, JSON.stringify({ results }, null, 2));
}

module.exports = { run };
