/**
 * Rules that need two modules at once. Two modules only meet in one process for sure when one
 * imports the other (directly or through other project modules), so a finding needs that link: a
 * `setup_logging` receiver in one module silences `after_setup_logger` receivers in a module linked
 * to it; two linked modules connecting different receivers under one `dispatch_uid` lose one of them.
 * Both connects must be module code that surely runs at import. And a module whose import fails
 * makes every module that imports it (unconditionally, at module level) fail at that import, so
 * the connects below it there never run.
 */
import type { CheckOptions } from '../analysis/checker';
import type { Finding, Severity, Translated } from '../analysis/diagnostics';
import { sentKeywordsOf } from '../analysis/checker';
import type { FileModel, HandlerSite, Span } from '../analysis/model';
import { connectsAtImport, firstImportFailure } from '../analysis/rules/support/importTime';
import { messageTable } from '../analysis/rules/support/messages';
import { optionArguments } from '../analysis/rules/support/sites';
import { weakLoss } from '../analysis/rules/support/weakReferences';
import type { Catalog } from '../catalog/catalog';
import type { ModuleExports } from './pythonExports';

export interface CrossModuleFile {
  path: string;
  module?: string;
  alias?: string;
  model: FileModel;
  exports?: ModuleExports;
  lineStarts: number[];
}

const SHADOWED = new Set(['after_setup_logger', 'after_setup_task_logger']);

const messages = messageTable('cross-module', {
  shadowed: {
    en: (name: string, module: string) =>
      `Module ${module} connects a setup_logging handler and is loaded together with this one, so Celery skips its own logging setup, the only place that sends ${name}: this handler never runs. Do the logger changes in the setup_logging handler instead.`,
    'zh-cn': (name: string, module: string) =>
      `模块 ${module} 连接了 setup_logging 处理函数，并且与本模块一起被加载，因此 Celery 会跳过自己的日志配置，而那正是唯一发送 ${name} 的地方：这个处理函数永远不会执行。请改在 setup_logging 处理函数中修改日志配置。`,
  },
  abortedByImport: {
    en: (signal: string, imported: string, origin: string, line: number, reason: string) =>
      `This ${signal} handler is never connected: the module imports ${imported} above it, and that import fails (${origin}, line ${line}: ${reason}), so this module stops there too.`,
    'zh-cn': (signal: string, imported: string, origin: string, line: number, reason: string) =>
      `这个 ${signal} 处理函数永远不会被连接：本模块在它之前导入了 ${imported}，而这次导入会失败（${origin} 第 ${line} 行：${reason}），本模块也随之中断。`,
  },
  duplicate: {
    en: (signal: string, uid: string, module: string, line: number) =>
      `${signal} is also connected with dispatch_uid ${uid} in module ${module} (line ${line}), loaded together with this one: Celery keeps only the receiver connected first and ignores the other. Give each receiver its own dispatch_uid.`,
    'zh-cn': (signal: string, uid: string, module: string, line: number) =>
      `模块 ${module}（第 ${line} 行）也以 dispatch_uid ${uid} 连接了 ${signal}，并且与本模块一起被加载：Celery 只保留先连接的接收者，忽略另一个。请给每个接收者一个独立的 dispatch_uid。`,
  },
});

function lineOf(file: CrossModuleFile, offset: number): number {
  let line = 0;
  while (line + 1 < file.lineStarts.length && file.lineStarts[line + 1] <= offset) line++;
  return line + 1;
}

/** Findings per file path. */
export function crossModuleFindings(files: readonly CrossModuleFile[], catalog: Catalog, options: CheckOptions): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  const linked = importLinks(files);
  const push = (file: CrossModuleFile, code: string, fallback: Severity, span: Span, message: Translated) => {
    const configured = options.severities?.[code];
    if (configured === 'off') return;
    const severity = configured ?? fallback;
    if (severity === 'hint' && options.includeHints === false) return;
    const list = out.get(file.path) ?? [];
    list.push({ code, severity, span, message: message.en, messages: message, fixes: [], crossModule: true });
    out.set(file.path, list);
  };
  const atImport = (file: CrossModuleFile, name: string) =>
    file.model.sites.filter((s) => s.connection.topLevel === true && s.connection.signal.resolution === 'catalog' && s.connection.signal.name === name && catalog.get(name));
  const takesOver = files.filter((file) => atImport(file, 'setup_logging').some((s) => !weakLoss(s) && !optionArguments(s).some((o) => o.option === 'sender' && o.argument.value.kind !== 'none')));
  for (const setup of takesOver) {
    for (const file of files) {
      if (file === setup) continue;
      // Which files import which is asked last: following imports costs more than reading a model.
      const shadowed = [...SHADOWED].flatMap((name) => atImport(file, name).map((site) => ({ name, site })));
      if (shadowed.length === 0 || !linked(setup, file)) continue;
      for (const { name, site } of shadowed) push(file, 'setup-logging-shadows-after-setup', 'warning', site.connection.signal.nameSpan, messages.shadowed(name, setup.module ?? setup.path));
    }
  }
  const uids = new Map<string, { file: CrossModuleFile; site: HandlerSite; span: Span }[]>();
  for (const file of files) {
    for (const site of file.model.sites) {
      if (site.connection.topLevel !== true || site.connection.signal.resolution !== 'catalog' || site.connection.positionalReceiver) continue;
      const uid = optionArguments(site).find((o) => o.option === 'dispatch_uid')?.argument;
      if (uid?.value.kind !== 'string') continue;
      const sender = optionArguments(site).find((o) => o.option === 'sender')?.argument;
      const key = `${site.connection.signal.name}\u0000${uid.value.value}\u0000${sender && sender.value.kind !== 'none' ? (sender.written ?? '') : ''}`;
      uids.set(key, [...(uids.get(key) ?? []), { file, site, span: uid.valueSpan }]);
    }
  }
  for (const [key, connects] of uids) {
    const [signal, uid] = key.split('\u0000');
    for (const one of connects) {
      const other = connects.find((c) => c.file !== one.file && linked(one.file, c.file));
      if (other) push(one.file, 'duplicate-dispatch-uid', 'warning', one.span, messages.duplicate(signal, JSON.stringify(uid), other.file.module ?? other.file.path, lineOf(other.file, other.span.start)));
    }
  }
  for (const { file, site, failure } of abortedConnects(files, catalog, options)) {
    push(file, 'never-connected', 'warning', site.connection.signal.nameSpan, messages.abortedByImport(site.connection.signal.name, failure.through ?? failure.module, failure.module, failure.line, failure.reason));
  }
  return out;
}

interface ModuleFailure {
  /** Where importing the module stops. */
  offset: number;
  /** The module whose own code fails, its line and why. */
  module: string;
  line: number;
  reason: string;
  /** The module this one imports that fails, when the failure comes from an import. */
  through?: string;
}

/** Connects that never run because a module imported above them fails to import (directly or further down). */
function abortedConnects(files: readonly CrossModuleFile[], catalog: Catalog, options: CheckOptions): { file: CrossModuleFile; site: HandlerSite; failure: ModuleFailure }[] {
  const celeryVersion = options.celeryVersion || catalog.latestCeleryVersion;
  const byModule = new Map<string, CrossModuleFile>();
  for (const file of files) for (const name of [file.module, file.alias]) if (name && !byModule.has(name)) byModule.set(name, file);
  // Importing `a.b.c` runs `a`, `a.b` and `a.b.c`.
  const runs = (statement: { modules: string[] }) => statement.modules.flatMap((module) => module.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.')));
  // Each file's own failure, worked out when first needed: it is most of the cost here, and only the
  // modules some module imports can make another fail.
  const own = new Map<CrossModuleFile, ModuleFailure | undefined>();
  const ownFailure = (file: CrossModuleFile): ModuleFailure | undefined => {
    if (own.has(file)) return own.get(file);
    let found: ModuleFailure | undefined;
    if (file.model.language === 'python' && file.module) {
      const failure = firstImportFailure({ text: '', model: file.model, catalog, celeryVersion, sentKeywords: (signal) => sentKeywordsOf(catalog, signal, celeryVersion) });
      if (failure) found = { offset: failure.offset, module: file.module, line: lineOf(file, failure.offset), reason: failure.reason };
    }
    own.set(file, found);
    return found;
  };
  const imported = new Set<string>();
  for (const file of files) for (const statement of file.exports?.runsAtImport ?? []) for (const module of runs(statement)) imported.add(module);
  const failing = new Map<CrossModuleFile, ModuleFailure>();
  for (const file of files) {
    const failure = [file.module, file.alias].some((name) => name !== undefined && imported.has(name)) ? ownFailure(file) : undefined;
    if (failure) failing.set(file, failure);
  }
  // A failure spreads to importers, and their importers, until nothing changes.
  for (let changed = true, rounds = 0; changed && rounds < 64; rounds++) {
    changed = false;
    for (const file of files) {
      for (const statement of file.exports?.runsAtImport ?? []) {
        if ((failing.get(file)?.offset ?? Infinity) <= statement.offset) break;
        const cause = runs(statement).map((module) => byModule.get(module)).find((target) => target && target !== file && failing.has(target));
        if (!cause) continue;
        // The file's own code may fail before this import: then that failure is what stops it.
        const first = failing.has(file) ? undefined : ownFailure(file);
        if (first && first.offset <= statement.offset) {
          failing.set(file, first);
          changed = true;
          break;
        }
        failing.set(file, { ...failing.get(cause)!, offset: statement.offset, through: cause!.module });
        changed = true;
        break;
      }
    }
  }
  const aborted: { file: CrossModuleFile; site: HandlerSite; failure: ModuleFailure }[] = [];
  for (const [file, failure] of failing) {
    // A failure of the file's own code is reported by never-connected itself.
    if (own.get(file)?.offset === failure.offset) continue;
    for (const site of file.model.sites) if (connectsAtImport(site) && site.connection.span.start > failure.offset) aborted.push({ file, site, failure });
  }
  return aborted;
}

/** A test for "one of the two files imports the other, through project modules". */
function importLinks(files: readonly CrossModuleFile[]): (a: CrossModuleFile, b: CrossModuleFile) => boolean {
  const byModule = new Map<string, CrossModuleFile>();
  for (const file of files) for (const name of [file.module, file.alias]) if (name && !byModule.has(name)) byModule.set(name, file);
  const directOf = new Map<CrossModuleFile, CrossModuleFile[]>();
  const direct = (file: CrossModuleFile): CrossModuleFile[] => {
    const known = directOf.get(file);
    if (known) return known;
    const out = new Set<CrossModuleFile>();
    for (const module of file.exports?.imports ?? []) {
      // Importing `a.b.c` runs `a`, `a.b` and `a.b.c`.
      const parts = module.split('.');
      for (let i = 1; i <= parts.length; i++) {
        const found = byModule.get(parts.slice(0, i).join('.'));
        if (found && found !== file) out.add(found);
      }
    }
    const list = [...out];
    directOf.set(file, list);
    return list;
  };
  const reach = new Map<CrossModuleFile, Set<CrossModuleFile>>();
  const reachable = (from: CrossModuleFile): Set<CrossModuleFile> => {
    let seen = reach.get(from);
    if (seen) return seen;
    seen = new Set();
    const stack = [from];
    while (stack.length > 0) for (const next of direct(stack.pop()!)) if (!seen.has(next)) (seen.add(next), stack.push(next));
    reach.set(from, seen);
    return seen;
  };
  return (a, b) => reachable(a).has(b) || reachable(b).has(a);
}
