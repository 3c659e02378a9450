import { handlerContext } from './support/sites';
import type { CatchAllRead } from '../model';
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
      if (guardedRead(text, start + match.index, handler.definitionSpan.start)) continue;
      const key = match[2];
      const span = { start: start + match.index, end: start + match.index + match[0].length - (match[3] ? 1 : 0) };
      const fixes: NonNullable<RuleFinding['fixes']> = [];
      if (key && MOVED_TO_HEADERS.has(key) && hasHeaders) {
        fixes.push({ title: messages.readHeaders(key), edits: [{ span, newText: `headers[${match[1]}${key}${match[1]}]` }], preferred: true });
      }
      findings.push({
        span,
        message: messages.tupleBody(signal.name, key, match[3], Boolean(key && MOVED_TO_HEADERS.has(key))),
        fixes,
      });
    }
    return findings;
  },
};

/** A condition that tells the protocols apart: it looks at `headers`, or at the type or keys of `body`. */
const PROTOCOL_TEST = /\bheaders\b|\b(isinstance|type|hasattr)\s*\(\s*body\b|\bin\s+body\b/;

/**
 * True when the read only runs once a test has told the protocols apart, as a handler written for
 * `task_protocol = 1` as well does: a branch of `... if <test> else ...`, the right side of
 * `headers... or body...`, an if/elif/else block whose condition looks at headers or body, or a try.
 */
function guardedRead(text: string, offset: number, definitionStart: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset);
  const before = text.slice(lineStart, offset).replace(/#.*$/, '');
  const after = text.slice(offset, lineEnd).replace(/#.*$/, '');
  const conditional = /\bif\b(.*?)\belse\b/.exec(before + after);
  if (conditional && PROTOCOL_TEST.test(conditional[1])) return true;
  if (/\bheaders\b.*\bor\s*$/.test(before)) return true;
  let indent = before.length - before.trimStart().length;
  const above = text.slice(definitionStart, lineStart).split('\n').reverse();
  let chainOpen = false;
  for (const line of above) {
    const code = line.replace(/#.*$/, '');
    if (code.trim() === '') continue;
    const lineIndent = code.length - code.trimStart().length;
    const head = code.trimStart();
    if (lineIndent < indent || (chainOpen && lineIndent === indent)) {
      if (/^try\s*:/.test(head)) return true;
      if (/^(if|elif|while)\b/.test(head) && PROTOCOL_TEST.test(head)) return true;
      // An else/elif is guarded by the tests above it in the same chain.
      chainOpen = /^(elif|else)\b/.test(head);
      if (/^(async\s+)?def\b/.test(head)) return false;
      indent = lineIndent;
    }
  }
  return false;
}

/** `kwargs["body"]["task"]`: the body reached through the catch-all is the same protocol 2 tuple. */
function catchAllBodyAccesses(reads: readonly CatchAllRead[], signalName: string): RuleFinding[] {
  return reads.flatMap((read) => {
    const then = read.key === 'body' ? read.then : undefined;
    if (!then || (then.key === undefined && !['get', 'keys', 'items', 'values'].includes(then.method ?? ''))) return [];
    return [{ span: then.span, message: messages.tupleBody(signalName, then.key, then.method, then.key !== undefined && MOVED_TO_HEADERS.has(then.key)) }];
  });
}
