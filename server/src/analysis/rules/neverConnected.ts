import { LineIndex } from '../text';
import { connectsAtImport, firstImportFailure } from './support/importTime';
import type { FileRule, RuleFinding } from './support/types';
import { messageTable } from './support/messages';

/** The import-failure reasons support/importTime.ts gives, in Chinese; an unknown one stays English. */
function reasonInChinese(reason: string): string {
  const known: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^connect\(\) was given an unknown option$/, () => 'connect() 收到了未知选项'],
    [/^a receiver without \*\*kwargs was refused$/, () => '没有 **kwargs 的接收者被拒绝'],
    [/^(.+) is used before it is defined$/, (m) => `${m[1]} 在定义之前就被使用`],
    [/^(.+) cannot be imported$/, (m) => `无法导入 ${m[1]}`],
    [/^(.+) refused a receiver without \*\*kwargs$/, (m) => `${m[1]} 拒绝了没有 **kwargs 的接收者`],
    [/^(.+) is not bound by the star import$/, (m) => `星号导入没有绑定 ${m[1]}`],
  ];
  for (const [pattern, say] of known) {
    const match = pattern.exec(reason);
    if (match) return say(match);
  }
  return reason;
}

const messages = messageTable('never-connected', {
  neverConnected: {
    en: (signal: string, line: number, reason: string) =>
      `This ${signal} handler is never connected: importing the module already fails at line ${line} (${reason}), before this line runs.`,
    'zh-cn': (signal: string, line: number, reason: string) =>
      `这个 ${signal} 处理函数永远不会被连接：导入模块时在第 ${line} 行就已经失败（${reasonInChinese(reason)}），执行不到这一行。`,
  },
  stopsHere: { en: () => 'the import stops here', 'zh-cn': () => '导入在此中断' },
});

export const neverConnected: FileRule = {
  code: 'never-connected',
  defaultSeverity: 'warning',
  docs: {
    summary: { en: 'A `connect` can never run because importing the module fails before reaching it.', 'zh-cn': '某个 `connect` 永远不会执行，因为模块在执行到它之前导入就已失败。' },
    rationale:
      'This connect comes after a line that makes importing the module fail (a receiver refused for lacking `**kwargs`, an unknown connect option, a signal that cannot be imported). The import stops at the first failure, so the handlers below it are never connected, however correct they are.',
    fix: 'Fix the earlier failure the message points to.',
  },
  scope: 'file',
  check(context) {
    const failure = firstImportFailure(context);
    if (!failure) return [];
    const { model, text } = context;
    // Offsets to line numbers only: the failure itself comes from the model.
    const line = new LineIndex(text).positionAt(failure.offset).line + 1;
    const findings: RuleFinding[] = [];
    for (const site of model.sites) {
      const runsAt = connectsAtImport(site) ? site.connection.span.start : site.importCallAt;
      if (runsAt === undefined || runsAt <= failure.offset) continue;
      // A site whose own signal cannot be imported already carries that finding.
      if (failure.importedName !== undefined && site.connection.signal.name === failure.importedName) continue;
      findings.push({
        span: site.connection.style === 'call' ? (site.receiverSpan ?? site.connection.signal.nameSpan) : site.connection.signal.nameSpan,
        message: messages.neverConnected(site.connection.signal.name, line, failure.reason),
        related: [{ span: failure.span, message: messages.stopsHere() }],
      });
    }
    return findings;
  },
};
