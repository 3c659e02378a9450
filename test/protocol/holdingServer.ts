// A server whose analysis thread stops at a marked document until the test lets it go
// (CELERY_SIGNALS_TEST_HOLD), so that a test can look at what happens meanwhile.
import assert from 'node:assert/strict';
import { LspClient, type StartOptions } from './lspClient';

/** A line that makes the analysis thread hold the document it is in. */
export const HOLD = '# celery-signals-test: hold this analysis';

/**
 * Runs `body` against a holding server and checks it shuts down cleanly. `earlyDiagnostics: false`
 * turns off the early diagnostics of a large document's top part, for tests about the complete analysis.
 */
export async function withHoldingServer(options: StartOptions & { earlyDiagnostics?: boolean }, body: (client: LspClient) => Promise<void>): Promise<void> {
  const { earlyDiagnostics = true, ...start } = options;
  process.env.CELERY_SIGNALS_TEST_HOLD = HOLD;
  if (!earlyDiagnostics) process.env.CELERY_SIGNALS_EARLY_LINES = '0';
  let client: LspClient;
  try {
    client = await LspClient.start(start);
  } finally {
    delete process.env.CELERY_SIGNALS_TEST_HOLD;
    delete process.env.CELERY_SIGNALS_EARLY_LINES;
  }
  try {
    await body(client);
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.kill();
  }
}
