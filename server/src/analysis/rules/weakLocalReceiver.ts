import { addObjectOption, addOption } from './support/connectEdits';
import { handlerAnchor, optionArguments } from './support/sites';
import type { RuleFinding, SiteRule } from './support/types';
import { atLeast, RELEASES } from './support/versions';
import { weakLoss } from './support/weakReferences';
import { messageTable, spaced } from './support/messages';

/** What support/weakReferences.ts says is lost, in Chinese; an unknown description stays English. */
function lostInChinese(what: string): string {
  const known: Record<string, string> = {
    'this partial': '这个 partial',
    'the function this call returns': '这次调用返回的函数',
    'this bound method of a temporary instance': '这个临时实例的绑定方法',
    'this bound method (the module creates the instance and keeps no reference to it)': '这个绑定方法（模块创建了实例却没有保留对它的引用）',
    'this inline function': '这个内联函数',
  };
  const nested = /^(.+), defined inside a function,$/.exec(what);
  return known[what] ?? (nested ? `在函数内部定义的 ${nested[1]}` : what);
}

const messages = messageTable('weak-local-receiver', {
  collected: {
    en: (signal: string, what: string, option: string, boundMethod: boolean) =>
      `${signal}.connect keeps only a weak reference to its receivers, and nothing else keeps ${what} alive: it is garbage-collected and never called. Pass ${option}.${
        boundMethod
          ? ' Once it is kept, connecting the same method of another instance to this signal is ignored, as Celery keys bound methods by their function: give each instance its own dispatch_uid.'
          : ''
      }`,
    'zh-cn': (signal: string, what: string, option: string, boundMethod: boolean) =>
      `${signal}.connect 只对接收者保留弱引用，而没有其他地方让${spaced(lostInChinese(what))}保持存活：它会被垃圾回收，永远不会被调用。请传入 ${option}。${
        boundMethod ? '一旦保留下来，再把另一个实例的同一方法连接到这个信号就会被忽略，因为 Celery 以底层函数来识别绑定方法：请为每个实例指定各自的 dispatch_uid。' : ''
      }`,
  },
  connectWith: { en: (option: string) => `Connect with ${option}`, 'zh-cn': (option: string) => `以 ${option} 连接` },
});

export const weakLocalReceiver: SiteRule = {
  code: 'weak-local-receiver',
  defaultSeverity: 'warning',
  docs: {
    summary: { en: 'A lambda, nested function, inline partial or throwaway instance\'s method is connected weakly and is collected before it is ever called.', 'zh-cn': 'lambda、嵌套函数、内联的 partial 或临时实例的方法以弱引用连接，在被调用之前就会被回收。' },
    rationale:
      'A lambda, a function defined inside another function, a `partial(...)` built in the call, or a bound method of an instance that nothing else keeps, connected with the default `weak=True`. Celery holds only a weak reference, the object is garbage-collected almost at once, and the handler silently never runs. A nested function lives as long as the function that defines it is running, so nothing is reported when that function goes on, after connecting, to call something that may send the signal (anything but printing or logging, as a test does when it connects a handler and then runs a task) or pauses at `yield` (a pytest fixture); the warning is for closures connected in `ready()`, a setup function or another handler that then returns.',
    fix: 'Pass `weak=False`.',
  },
  scope: 'site',
  check(context) {
    const { site, text, model, celeryVersion } = context;
    const loss = weakLoss(site);
    if (!loss) return [];
    const handler = site.handler;
    const weak = optionArguments(site).find((o) => o.option === 'weak')?.argument;
    const span = loss.inlineFunction && handler ? handlerAnchor(text, handler) : (site.receiverSpan ?? (handler ? handlerAnchor(text, handler) : site.connection.span));
    const python = model.language === 'python';
    const suggestion = python ? 'weak=False' : '{ weak: false }';
    const edit = weak
      ? { span: weak.valueSpan, newText: python ? 'False' : 'false' }
      : python
        ? addOption(text, site.connection, 'weak=False')
        : addObjectOption(text, site.connection, 'weak: false');
    const fixes: NonNullable<RuleFinding['fixes']> = [{ title: messages.connectWith(suggestion), edits: [edit], preferred: true }];
    // Kept alive, a bound method is keyed by its function: the same method of the next instance would
    // be ignored (same-method-twice). A dispatch_uid per instance keeps each one.
    const boundMethod = python && site.receiverKind === 'attribute' && atLeast(celeryVersion, RELEASES.retryOption);
    const receiver = site.receiverWritten ?? '';
    if (boundMethod && !weak && /^self\s*\./.test(receiver) && !optionArguments(site).some((o) => o.option === 'dispatch_uid')) {
      fixes.push({ title: messages.connectWith('weak=False and dispatch_uid=id(self)'), edits: [addOption(text, site.connection, 'weak=False, dispatch_uid=id(self)')] });
    }
    return [
      {
        span,
        message: messages.collected(site.connection.signal.name, loss.what, suggestion, boundMethod),
        fixes,
      },
    ];
  },
};
