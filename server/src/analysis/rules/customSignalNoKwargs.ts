import type { CustomSignalReceiver, FileModel } from '../model';
import { quote } from './support/sites';
import type { FileRule } from './support/types';
import { messageTable } from './support/messages';

/** Receivers of this module's own Celery signals that lack **kwargs. */
export function customReceiversWithoutKwargs(model: FileModel): CustomSignalReceiver[] {
  return (model.importRun?.customSignalReceivers ?? []).filter((receiver) => !receiver.acceptsKeywords);
}

const messages = messageTable('custom-signal-no-kwargs', {
  refused: {
    en: (signal: string, receiver: string) =>
      `${signal}.connect raises ValueError ("Signal receiver must accept keyword arguments.") for ${quote(receiver)}, which has no **kwargs: ${signal} is a Celery Signal, and Celery checks every receiver when it is connected.`,
    'zh-cn': (signal: string, receiver: string) =>
      `${signal}.connect 会因 ${quote(receiver)} 没有 **kwargs 而抛出 ValueError（"Signal receiver must accept keyword arguments."）：${signal} 是 Celery 的 Signal，Celery 在连接时会检查每一个接收者。`,
  },
});

export const customSignalNoKwargs: FileRule = {
  code: 'custom-signal-no-kwargs',
  defaultSeverity: 'error',
  docs: {
    summary: { en: 'A receiver of a signal defined in your own code has no `**kwargs`; Celery\'s `Signal` refuses it too.', 'zh-cn': '你自己定义的信号的接收者缺少 `**kwargs`；Celery 的 `Signal` 同样会拒绝它。' },
    rationale:
      'A receiver without `**kwargs` is connected to a Celery `Signal` that the module creates itself. Celery\'s `Signal` checks every signal the same way, so `connect()` raises `ValueError` on 4.0.1 and later. Signals from Django or blinker are not Celery\'s and are left alone.',
    fix: 'Add `**kwargs`.',
  },
  scope: 'file',
  check({ model }) {
    return customReceiversWithoutKwargs(model).map((receiver) => ({
      span: receiver.nameSpan,
      message: messages.refused(receiver.signal, receiver.receiver),
    }));
  },
};
