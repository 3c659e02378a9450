import { defaultLiteral, insertionIsKeywordOnly, insertNamedParams, positionalDefaultsPresent } from './support/paramEdits';
import { sentByOtherConnections } from './support/connections';
import { takesWholeObject } from './support/addAllParams';
import type { NameRead } from '../model';
import { handlerContext, quote } from './support/sites';
import type { HandlerContext, RuleFinding, SiteRule } from './support/types';
import { messageTable } from './support/messages';
import { dispatchFailureText } from './support/phrases';
import type { Translated } from '../diagnostics';

const messages = messageTable('undeclared-kwarg-read', {
  notDeclared: {
    en: (name: string, signal: string, error: string, failure: Translated) =>
      `${quote(name)} is a keyword of ${signal}, but the handler does not declare it, so it is not a variable here: this line raises ${error}, ${failure.en}.`,
    'zh-cn': (name: string, signal: string, error: string, failure: Translated) =>
      `${quote(name)} 是 ${signal} 的关键字参数，但处理函数没有声明它，所以在这里它不是变量：这一行会抛出 ${error}，${failure['zh-cn']}。`,
  },
  addParam: { en: (name: string) => `Add ${quote(name)} as a parameter`, 'zh-cn': (name: string) => `把 ${quote(name)} 添加为参数` },
  readFrom: { en: (expression: string) => `Read ${quote(expression)}`, 'zh-cn': (expression: string) => `改为读取 ${quote(expression)}` },
});

function fixesFor(context: HandlerContext, read: NameRead, declaration: string): NonNullable<RuleFinding['fixes']> {
  // `(kw) => ... sender`: the one parameter holds every keyword; a second one would change how it is called.
  if (takesWholeObject(context)) {
    const object = context.handler.params[0].name;
    const newText = read.shorthandProperty ? `${read.name}: ${object}.${read.name}` : `${object}.${read.name}`;
    return [{ title: messages.readFrom(`${object}.${read.name}`), edits: [{ span: read.span, newText }], preferred: true }];
  }
  return [{ title: messages.addParam(read.name), edits: [insertNamedParams(context.text, context.handler, [declaration])], preferred: true }];
}

export const undeclaredKwargRead: SiteRule = {
  code: 'undeclared-kwarg-read',
  defaultSeverity: 'error',
  docs: {
    summary: { en: 'The body reads a keyword of the signal by its bare name without declaring it as a parameter.', 'zh-cn': '函数体按裸名称读取了该信号的某个关键字，却没有把它声明为参数。' },
    rationale:
      'The handler body uses a keyword the signal sends (say `einfo`) as a plain name, yet the handler does not declare it and no enclosing scope, import or builtin defines that name. The value only exists inside `**kwargs`, so the line raises `NameError`; Celery logs it and the rest of the body does not run.',
    fix: 'Declare the keyword as a parameter.',
  },
  scope: 'site',
  check(siteContext) {
    const context = handlerContext(siteContext);
    if (!context) return [];
    const { handler, sent, text, model, signal } = context;
    let declared: Set<string> | undefined;
    const reported = new Set<string>();
    const findings: RuleFinding[] = [];
    for (const read of handler.freeReads) {
      // A read in a nested function the handler never refers to does not run at dispatch.
      if (read.boundOutside || read.deferred) continue;
      const spec = sent.byName.get(read.name);
      if (!spec || reported.has(read.name)) continue;
      declared ??= new Set(handler.params.map((p) => p.name));
      if (declared.has(read.name)) continue;
      reported.add(read.name);
      // Read by name (Python, or plain TypeScript parameters), a keyword some send sites leave out needs a
      // default, and so does one another connection of the same function never sends.
      const python = model.language === 'python';
      const needsDefault =
        handler.paramStyle === 'keywords' &&
        (spec.sometimesAbsent || !sentByOtherConnections(context, read.name) || (python && !insertionIsKeywordOnly(handler) && positionalDefaultsPresent(handler)));
      const declaration = needsDefault ? `${read.name}${python ? '=' : ' = '}${defaultLiteral(model.language)}` : read.name;
      const error = python ? 'NameError' : 'ReferenceError';
      findings.push({
        span: read.span,
        message: messages.notDeclared(read.name, signal.name, error, dispatchFailureText(context, 'rest')),
        fixes: fixesFor(context, read, declaration),
      });
    }
    return findings;
  },
};
