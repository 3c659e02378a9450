/**
 * Every rule the checker runs. Adding a check = one file in this folder, one line here, and a
 * fixture folder under test/fixtures/python/<code>/ (a test enforces the fixture).
 */
import { appConfiguredBeforeConnect } from './appConfiguredBeforeConnect';
import { asyncHandler } from './asyncHandler';
import { catchAllMissingKey } from './catchAllMissingKey';
import { connectOnDescriptor } from './connectOnDescriptor';
import { customSignalNoKwargs } from './customSignalNoKwargs';
import { deprecatedSignal } from './deprecatedSignal';
import { duplicateDispatchUid } from './duplicateDispatchUid';
import { finalizeReadsTasks } from './finalizeReadsTasks';
import { generatorHandler } from './generatorHandler';
import { missingSignalParams } from './missingSignalParams';
import { missingVarKwargs } from './missingVarKwargs';
import { notInStarImport } from './notInStarImport';
import { neverConnected } from './neverConnected';
import { paramNotProvided } from './paramNotProvided';
import { paramSometimesAbsent } from './paramSometimesAbsent';
import { partialBindsKeyword } from './partialBindsKeyword';
import { positionalOnlyParam } from './positionalOnlyParam';
import { publishBodyV1Access } from './publishBodyV1Access';
import { receiverDefinedLater } from './receiverDefinedLater';
import { sameMethodTwice } from './sameMethodTwice';
import { senderKindMismatch } from './senderKindMismatch';
import { setupLoggingShadowsAfterSetup } from './setupLoggingShadowsAfterSetup';
import { signalNameRebound } from './signalNameRebound';
import { signalTooNew } from './signalTooNew';
import type { Severity } from '../diagnostics';
import type { Rule } from './support/types';
import { syntaxError } from './syntaxError';
import { taskAsReceiver } from './taskAsReceiver';
import { undeclaredKwargRead } from './undeclaredKwargRead';
import { unknownConnectOption } from './unknownConnectOption';
import { unknownParam } from './unknownParam';
import { unknownSignal } from './unknownSignal';
import { weakLocalReceiver } from './weakLocalReceiver';

export type { Rule, SiteRule, FileRule, RuleFinding } from './support/types';

export const rules: readonly Rule[] = [
  missingVarKwargs,
  paramNotProvided,
  positionalOnlyParam,
  partialBindsKeyword,
  unknownParam,
  paramSometimesAbsent,
  undeclaredKwargRead,
  catchAllMissingKey,
  senderKindMismatch,
  publishBodyV1Access,
  asyncHandler,
  generatorHandler,
  finalizeReadsTasks,
  weakLocalReceiver,
  taskAsReceiver,
  unknownConnectOption,
  connectOnDescriptor,
  receiverDefinedLater,
  unknownSignal,
  signalNameRebound,
  notInStarImport,
  customSignalNoKwargs,
  deprecatedSignal,
  signalTooNew,
  setupLoggingShadowsAfterSetup,
  appConfiguredBeforeConnect,
  neverConnected,
  duplicateDispatchUid,
  sameMethodTwice,
  missingSignalParams,
  syntaxError,
];

/** Codes the checker can report besides the rules' own: analysis failures. */
export const INTERNAL_ERROR_CODE = 'internal-error';

/** Severities the editor uses unless the user sets them, where they differ from the CLI's defaults. */
export const editorDefaultSeverities: Readonly<Record<string, Severity | 'off'>> = Object.fromEntries(
  rules.flatMap((rule) => (rule.editorDefaultSeverity ? [[rule.code, rule.editorDefaultSeverity]] : [])),
);

export function ruleByCode(code: string): Rule | undefined {
  return rules.find((r) => r.code === code);
}
