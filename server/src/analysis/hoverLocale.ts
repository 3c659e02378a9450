/** Picking documentation text in the configured language, plus the few labels hover and completion print. */
import type { DocsLanguage, LocalizedText } from '../catalog/types';

/** Untranslated entries fall back to English rather than showing a placeholder. */
export function localize(text: LocalizedText | undefined, language: DocsLanguage): string {
  if (!text) return '';
  const wanted = text[language]?.trim();
  if (wanted && wanted !== 'TODO') return wanted;
  const english = text.en?.trim();
  return english && english !== 'TODO' ? english : '';
}

const labels = {
  signal: { en: 'signal', 'zh-cn': '信号' },
  keyword: { en: 'Keyword', 'zh-cn': '关键字参数' },
  type: { en: 'Type', 'zh-cn': '类型' },
  mayBeNone: { en: 'May be None', 'zh-cn': '可能为 None' },
  yes: { en: 'yes', 'zh-cn': '是' },
  no: { en: 'no', 'zh-cn': '否' },
  sometimesAbsent: { en: 'sometimes absent', 'zh-cn': '有时缺省' },
  sentIn: { en: 'Receivers run in', 'zh-cn': '接收函数运行于' },
  sender: { en: 'sender', 'zh-cn': 'sender' },
  since: { en: 'Available since Celery', 'zh-cn': '起始版本：Celery' },
  deprecatedSince: { en: 'Deprecated since Celery', 'zh-cn': '弃用于 Celery' },
  useInstead: { en: 'use instead:', 'zh-cn': '请改用：' },
  removedIn: { en: 'Removed in Celery', 'zh-cn': '移除于 Celery' },
  tooNew: { en: 'Not available in the configured Celery version', 'zh-cn': '配置的 Celery 版本中尚不可用' },
  notIn: { en: 'Not available in', 'zh-cn': '尚不可用于' },
  judgedOn: { en: 'Checked against', 'zh-cn': '检查所依据的版本：' },
  notSentOn: { en: 'Not sent on {0}.', 'zh-cn': '{0}不发送此关键字参数。' },
  pitfalls: { en: 'Pitfalls', 'zh-cn': '常见陷阱' },
  docs: { en: 'Celery documentation', 'zh-cn': 'Celery 文档' },
  noKeywords: { en: 'Sends no keywords besides `signal` and `sender`.', 'zh-cn': '除 `signal` 和 `sender` 外不发送其他关键字参数。' },
  parameterOf: { en: 'parameter of a `{0}` handler', 'zh-cn': '`{0}` 处理函数的参数' },
  neverSent: {
    en: '`{0}` never sends this keyword. With a default the parameter always keeps it; without one Celery fails with a TypeError when it calls the handler.',
    'zh-cn': '`{0}` 从不发送此关键字参数。若有默认值，参数永远保持默认值；若没有，Celery 调用处理函数时会抛出 TypeError。',
  },
  collects: { en: 'Collects every keyword not declared above:', 'zh-cn': '收集所有未显式声明的关键字参数：' },
  collectsNothing: { en: 'Every keyword the signal sends is declared explicitly.', 'zh-cn': '信号发送的全部关键字参数均已显式声明。' },
  positionalNothing: {
    en: 'Celery passes everything by keyword, so this always stays empty.',
    'zh-cn': 'Celery 全部以关键字方式传参，因此它始终为空。',
  },
  senderFilter: { en: '`sender=` filter', 'zh-cn': '`sender=` 过滤' },
  senderStringMatches: {
    en: 'Celery compares the sender with the filter, so a string filter works here.',
    'zh-cn': 'Celery 会将 sender 与过滤值比较，因此这里可以使用字符串过滤。',
  },
  senderObjectMatches: {
    en: 'The sender is an object, so the filter must be that same object; a string never matches.',
    'zh-cn': 'sender 是对象，过滤值必须是同一个对象；字符串永远不会匹配。',
  },
  senderNone: {
    en: 'This signal is sent without a sender, so any `sender=` filter means the handler never runs.',
    'zh-cn': '此信号发送时不带 sender，因此任何 `sender=` 过滤都会让处理函数永远不被调用。',
  },
  newerThanConfigured: { en: 'needs Celery', 'zh-cn': '需要 Celery' },
  deprecated: { en: 'deprecated', 'zh-cn': '已弃用' },
  allParams: { en: 'all parameters', 'zh-cn': '全部参数' },
  insertsAll: { en: 'Declares every keyword this signal sends', 'zh-cn': '声明此信号发送的全部关键字参数' },
} as const;

export type Label = keyof typeof labels;

/** A label in the given language; `{0}`, `{1}`... are replaced by `values`. */
export function label(key: Label, language: DocsLanguage, ...values: string[]): string {
  const text: string = labels[key][language] || labels[key].en;
  return text.replace(/\{(\d)\}/g, (_, i: string) => values[Number(i)] ?? '');
}
