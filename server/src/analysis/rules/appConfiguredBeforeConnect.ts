import { LineIndex } from '../text';
import { connectsAtImport } from './support/importTime';
import { quote } from './support/sites';
import type { SiteRule } from './support/types';
import { messageTable } from './support/messages';

/** App signals Celery sends once, when the configuration is first read. */
const CONFIGURE_SIGNALS = new Set(['app.on_configure', 'app.on_after_configure']);

const messages = messageTable('app-configured-before-connect', {
  configuredFirst: {
    en: (line: number, app: string, signal: string) =>
      `Line ${line} already reads ${app}.conf while the module loads, which configures the app and sends ${signal} right then, before this handler is connected: it is never called. Connect it before the first read of ${quote(`${app}.conf`)}.`,
    'zh-cn': (line: number, app: string, signal: string) =>
      `第 ${line} 行在模块加载时已经读取了 ${app}.conf，这会立即完成应用配置并发送 ${signal}，而此时这个处理函数还没有连接：它永远不会被调用。请在第一次读取 ${quote(`${app}.conf`)} 之前连接它。`,
  },
});

export const appConfiguredBeforeConnect: SiteRule = {
  code: 'app-configured-before-connect',
  defaultSeverity: 'warning',
  docs: {
    summary: { en: 'An `on_configure`/`on_after_configure` handler is connected after the module already read `app.conf`, so the signal has already been sent.', 'zh-cn': '`on_configure`/`on_after_configure` 处理函数在模块读取 `app.conf` 之后才连接，而此时信号已经发送过了。' },
    rationale:
      'The handler is connected to `app.on_configure` or `app.on_after_configure` after module code has already read `app.conf`. That first read loads the configuration and sends both signals, once only, so a handler connected afterwards is never called.',
    fix: 'Connect the handler before anything reads `app.conf`.',
  },
  scope: 'site',
  check({ site, text, model }) {
    const signal = site.connection.signal;
    if (!CONFIGURE_SIGNALS.has(signal.name) || !connectsAtImport(site)) return [];
    const read = model.importRun?.configReads.find((r) => r.app === signal.source && r.span.start < site.connection.span.start);
    if (!read) return [];
    // Offsets to line numbers only: the read itself is the model's.
    const line = new LineIndex(text).positionAt(read.span.start).line + 1;
    return [{ span: signal.nameSpan, message: messages.configuredFirst(line, read.app, signal.name.replace('app.', '')) }];
  },
};
