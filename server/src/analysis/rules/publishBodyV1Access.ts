import { handlerContext } from './support/sites';
import type { CatchAllRead, ReadGuard } from '../model';
import type { RuleFinding, SiteRule } from './support/types';
import { atLeast } from './support/versions';
import { messageTable } from './support/messages';

/** Publish signals whose `body` is the message body (protocol 2: a tuple since Celery 4.0). */
const PUBLISH_SIGNALS = new Set(['before_task_publish', 'after_task_publish']);
/** Task protocol 2, where the body is `(args, kwargs, embed)`, is the default from this release. */
const PROTOCOL_2_DEFAULT = '4.0.0';
/** Protocol 1 body fields that protocol 2 moved into the headers. */
const MOVED_TO_HEADERS = new Set(['id', 'task', 'eta', 'expires', 'retries', 'timelimit', 'group', 'root_id', 'parent_id']);

const messages = messageTable('publish-body-v1-access', {
  readHeaders: { en: (key: string) => `Read headers['${key}']`, 'zh-cn': (key: string) => `改为读取 headers['${key}']` },
  tupleBody: {
    en: (signal: string, key: string | undefined, method: string | undefined, inHeaders: boolean) =>
      `With task message protocol 2 (the default since Celery 4.0), ${signal} gets body as a tuple (args, kwargs, embed), so this raises ${key ? 'TypeError (tuple indices must be integers)' : `AttributeError (a tuple has no .${method})`}, which Celery logs and swallows.${inHeaders ? ` The ${key} is in headers['${key}'].` : ''}`,
    'zh-cn': (signal: string, key: string | undefined, method: string | undefined, inHeaders: boolean) =>
      `在任务消息协议 2（Celery 4.0 起的默认协议）下，${signal} 收到的 body 是元组 (args, kwargs, embed)，因此这里会抛出 ${key ? 'TypeError（元组下标必须是整数）' : `AttributeError（元组没有 .${method}）`}，Celery 只记录日志并吞掉这个错误。${inHeaders ? `${key} 在 headers['${key}'] 中。` : ''}`,
  },
});

export const publishBodyV1Access: SiteRule = {
  code: 'publish-body-v1-access',
  defaultSeverity: 'warning',
  docs: {
    summary: { en: 'A publish handler reads `body` as a protocol 1 dict, but since Celery 4.0 it is a tuple and the task id and name are in `headers`.', 'zh-cn': '发布处理函数把 `body` 当作旧的协议 1 字典读取，但自 Celery 4.0 起它是元组，任务 id 和名称在 `headers` 中。' },
    rationale:
      'A `before_task_publish` or `after_task_publish` handler indexes `body[\'id\']` or `body[\'task\']`, or calls `body.get(...)`, as if messages still used protocol 1. Celery 4.0 made protocol 2 the default: `body` is the tuple `(args, kwargs, embed)` and the task\'s id and name travel in `headers`. The read raises `TypeError` or `AttributeError`, Celery logs it, and the handler stops at that line. A read guarded by a test of `headers` or of the body\'s type is the recommended protocol 1 fallback and is not reported: `headers.get(\'id\') if headers else body.get(\'id\')`, `headers.get(\'id\') or body[\'id\']`, an `if`/`else` on `\'task\' in headers` or `isinstance(body, dict)`, or a `try`.',
    fix: 'Read `headers[\'id\']` and `headers[\'task\']` (keep a fallback only if the project still sets `task_protocol = 1`).',
  },
  scope: 'site',
  check(siteContext) {
    const context = handlerContext(siteContext);
    if (!context || context.model.language !== 'python' || !PUBLISH_SIGNALS.has(context.signal.name)) return [];
    const { handler, signal, celeryVersion } = context;
    if (!atLeast(celeryVersion, PROTOCOL_2_DEFAULT)) return [];
    const bodyParam = handler.params.find((p) => p.name === 'body' && p.kind !== 'var-keyword');
    if (!bodyParam) return catchAllBodyAccesses(context.handler.catchAllReads ?? [], signal.name);
    const hasHeaders = handler.params.some((p) => p.name === 'headers' && (p.kind === 'positional' || p.kind === 'keyword-only'));
    const findings: RuleFinding[] = [];
    for (const read of handler.mappingReads ?? []) {
      if (read.param !== 'body' || read.guards.some(tellsProtocolsApart)) continue;
      const { key, span } = read;
      const fixes: NonNullable<RuleFinding['fixes']> = [];
      if (key && MOVED_TO_HEADERS.has(key) && hasHeaders) {
        // `body["id"]` becomes `headers["id"]`: only the parameter's name changes.
        fixes.push({ title: messages.readHeaders(key), edits: [{ span: { start: span.start, end: span.start + 'body'.length }, newText: 'headers' }], preferred: true });
      }
      findings.push({ span, message: messages.tupleBody(signal.name, key, read.method, Boolean(key && MOVED_TO_HEADERS.has(key))), fixes });
    }
    return findings;
  },
};

/**
 * A guard that tells the protocols apart, as a handler written for `task_protocol = 1` as well has:
 * a `try`, or a test that looks at `headers`, or at the type or keys of `body`.
 */
function tellsProtocolsApart(guard: ReadGuard): boolean {
  if (guard.kind === 'try') return true;
  return guard.names.includes('headers') || guard.typeTested.includes('body') || guard.membershipOf.includes('body');
}

/** `kwargs["body"]["task"]`: the body reached through the catch-all is the same protocol 2 tuple. */
function catchAllBodyAccesses(reads: readonly CatchAllRead[], signalName: string): RuleFinding[] {
  return reads.flatMap((read) => {
    const then = read.key === 'body' ? read.then : undefined;
    if (!then || (then.key === undefined && !['get', 'keys', 'items', 'values'].includes(then.method ?? ''))) return [];
    return [{ span: then.span, message: messages.tupleBody(signalName, then.key, then.method, then.key !== undefined && MOVED_TO_HEADERS.has(then.key)) }];
  });
}
