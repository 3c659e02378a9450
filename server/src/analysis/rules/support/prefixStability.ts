/**
 * Which rules may report early, from the top part of a large Python module alone (the early
 * diagnostics, documents/earlyAnalysis.ts). Early findings come only from connections the module
 * body runs in order before the cut, whose receiver the rest of the text never names; `true` marks
 * a rule that judges such a connection by what the connect and the receiver's definition say.
 * `false` where a later statement can still remove or reword a finding: the rule reads names at
 * call time, the module's tasks, its whole import-time run or every connection of the file.
 * Every rule is listed, so a new one must be judged (a test checks).
 */
export const PREFIX_STABLE: Readonly<Record<string, boolean>> = {
  'missing-var-kwargs': true,
  'param-not-provided': true,
  'positional-only-param': true,
  'partial-binds-keyword': true,
  'unknown-param': true,
  'param-sometimes-absent': true,
  // A name the handler reads is looked up when it runs: a module-level binding further down counts.
  'undeclared-kwarg-read': false,
  'catch-all-missing-key': true,
  // Reads the module's tasks, wherever they are defined.
  'sender-kind-mismatch': false,
  'publish-body-v1-access': true,
  'async-handler': true,
  'generator-handler': true,
  'finalize-reads-tasks': true,
  'weak-local-receiver': true,
  // Reads the module's tasks, wherever they are defined.
  'task-as-receiver': false,
  'unknown-connect-option': true,
  // Its connects sit in class bodies, which the front end does not count as module code run in order.
  'connect-on-descriptor': false,
  // About definitions further down, which the top part does not hold.
  'receiver-defined-later': false,
  // The rules below look at the whole file: imports, rebindings, the import-time run, every connection.
  'unknown-signal': false,
  'signal-name-rebound': false,
  'not-in-star-import': false,
  'custom-signal-no-kwargs': false,
  'deprecated-signal': false,
  'signal-too-new': false,
  'setup-logging-shadows-after-setup': false,
  'app-configured-before-connect': true,
  'never-connected': false,
  'duplicate-dispatch-uid': false,
  'same-method-twice': false,
  'missing-signal-params': true,
  // A top part with a syntax error gives no early findings at all.
  'syntax-error': false,
};
