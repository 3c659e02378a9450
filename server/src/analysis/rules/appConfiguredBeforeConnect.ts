import { connectsAtImport, lineIndent } from './support/importTime';
import { quote } from './support/sites';
import type { SiteRule } from './support/types';
import { messageTable } from './support/messages';

/** App signals Celery sends once, when the configuration is first read. */
const CONFIGURE_SIGNALS = new Set(['app.on_configure', 'app.on_after_configure']);
/** Methods that change the pending configuration without reading it. */
const WRITES = new Set(['update', 'config_from_object', 'config_from_envvar', 'setdefault', 'add_defaults']);

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
    if (model.language !== 'python' || !CONFIGURE_SIGNALS.has(site.connection.signal.name) || !connectsAtImport(text, site)) return [];
    const expression = text.slice(site.connection.signal.expressionSpan.start, site.connection.signal.expressionSpan.end);
    const app = /^([\w.]+)\.on_\w+$/.exec(expression)?.[1];
    if (!app) return [];
    const before = text.slice(0, site.connection.span.start);
    const escaped = app.replace(/\./g, '\\.');
    const read = new RegExp(`\\b${escaped}\\.conf(?:\\.(\\w+)\\b(?![ \\t]*=[^=])|\\[)`, 'g');
    for (const match of before.matchAll(read)) {
      if (match[1] && WRITES.has(match[1])) continue;
      // Only module-level statements run before the connect; code inside functions runs later.
      const lineStart = before.lastIndexOf('\n', match.index) + 1;
      if (lineIndent(text, lineStart) !== 0) continue;
      const line = text.slice(0, match.index).split('\n').length;
      return [
        {
          span: site.connection.signal.nameSpan,
          message: messages.configuredFirst(line, app, site.connection.signal.name.replace('app.', '')),
        },
      ];
    }
    return [];
  },
};
