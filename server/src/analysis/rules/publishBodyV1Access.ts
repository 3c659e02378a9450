import type { Fix } from '../diagnostics';
import { handlerContext } from './support/sites';
import type { CatchAllRead } from '../model';
import type { RuleFinding, SiteRule } from './support/types';
import { atLeast } from './support/versions';

/** Publish signals whose `body` is the message body (protocol 2: a tuple since Celery 4.0). */
const PUBLISH_SIGNALS = new Set(['before_task_publish', 'after_task_publish']);
/** Task protocol 2, where the body is `(args, kwargs, embed)`, is the default from this release. */
const PROTOCOL_2_DEFAULT = '4.0.0';
/** Protocol 1 body fields that protocol 2 moved into the headers. */
const MOVED_TO_HEADERS = new Set(['id', 'task', 'eta', 'expires', 'retries', 'timelimit', 'group', 'root_id', 'parent_id']);

export const publishBodyV1Access: SiteRule = {
  code: 'publish-body-v1-access',
  defaultSeverity: 'warning',
  scope: 'site',
  summary: 'A publish handler reads the message body as a protocol 1 dict.',
  rationale:
    'Since Celery 4.0 tasks are sent with message protocol 2: `body` is a tuple (args, kwargs, embed) and the task id and name live in `headers`. Reading body["id"] or body.get(...) raises TypeError or AttributeError, which Celery logs and swallows.',
  check(siteContext) {
    const context = handlerContext(siteContext);
    if (!context || context.model.language !== 'python' || !PUBLISH_SIGNALS.has(context.signal.name)) return [];
    const { handler, text, signal, celeryVersion } = context;
    if (!atLeast(celeryVersion, PROTOCOL_2_DEFAULT)) return [];
    const bodyParam = handler.params.find((p) => p.name === 'body' && p.kind !== 'var-keyword');
    if (!bodyParam) return catchAllBodyAccesses(context.handler.catchAllReads ?? [], signal.name);
    const hasHeaders = handler.params.some((p) => p.name === 'headers' && (p.kind === 'positional' || p.kind === 'keyword-only'));
    const start = handler.paramsSpan.end;
    const source = text.slice(start, handler.definitionSpan.end);
    const access = /(?<![\w.])body\s*(?:\[\s*(['"])(\w+)\1\s*\]|\.(get|keys|items|values)\s*\()/g;
    const findings: RuleFinding[] = [];
    for (let match = access.exec(source); match; match = access.exec(source)) {
      const key = match[2];
      const span = { start: start + match.index, end: start + match.index + match[0].length - (match[3] ? 1 : 0) };
      const fixes: Fix[] = [];
      if (key && MOVED_TO_HEADERS.has(key) && hasHeaders) {
        fixes.push({ title: `Read headers['${key}']`, edits: [{ span, newText: `headers[${match[1]}${key}${match[1]}]` }], preferred: true });
      }
      const error = key ? 'TypeError (tuple indices must be integers)' : `AttributeError (a tuple has no .${match[3]})`;
      const where = key && MOVED_TO_HEADERS.has(key) ? ` The ${key} is in headers['${key}'].` : '';
      findings.push({
        span,
        message: `With task message protocol 2 (the default since Celery 4.0), ${signal.name} gets body as a tuple (args, kwargs, embed), so this raises ${error}, which Celery logs and swallows.${where}`,
        fixes,
      });
    }
    return findings;
  },
};

/** `kwargs["body"]["task"]`: the body reached through the catch-all is the same protocol 2 tuple. */
function catchAllBodyAccesses(reads: readonly CatchAllRead[], signalName: string): RuleFinding[] {
  return reads.flatMap((read) => {
    const then = read.key === 'body' ? read.then : undefined;
    if (!then || (then.key === undefined && !['get', 'keys', 'items', 'values'].includes(then.method ?? ''))) return [];
    const error = then.key !== undefined ? 'TypeError (tuple indices must be integers)' : `AttributeError (a tuple has no .${then.method})`;
    const where = then.key && MOVED_TO_HEADERS.has(then.key) ? ` The ${then.key} is in headers['${then.key}'].` : '';
    return [{ span: then.span, message: `With task message protocol 2 (the default since Celery 4.0), ${signalName} gets body as a tuple (args, kwargs, embed), so this raises ${error}, which Celery logs and swallows.${where}` }];
  });
}
