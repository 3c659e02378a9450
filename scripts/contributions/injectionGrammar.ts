/**
 * The TextMate injection grammar that scopes signal names where they are connected
 * (`@task_failure.connect`, `task_failure.connect(...)`, `app.on_after_configure.connect`) in
 * Python, TypeScript and JavaScript. Generated from the catalog by `scripts/gen-grammar.mjs`.
 */
import type { Catalog } from '../../server/src/catalog/catalog';
import type { SignalSpec } from '../../server/src/catalog/types';
import { distinct } from '../../shared/languages';

export const GRAMMAR_FILE = 'syntaxes/celery-signals.injection.tmLanguage.json';
export const INJECTION_SCOPE = 'celery-signals.injection';
/** Every language of the table gets the injection. */
export const HOST_SCOPES: readonly string[] = distinct('textMateScope');
export const SIGNAL_SCOPE = 'support.variable.celery-signal';
export const DEPRECATED_SIGNAL_SCOPE = 'support.variable.celery-signal.deprecated';
export const CONNECT_SCOPE = 'support.function.connect.celery-signal';

function attributeName(signal: SignalSpec): string {
  return signal.access.kind === 'module' ? signal.name.split('.').pop()! : signal.access.attribute;
}

/** Longest names first, so no name's alternative stops short at a shorter prefix of it. */
function alternation(names: string[]): string {
  return [...new Set(names)].sort((a, b) => b.length - a.length || a.localeCompare(b)).join('|');
}

/** A signal name directly followed by `.connect` (optionally spaced), not part of a longer word. */
function connectPattern(names: string[], nameScope: string): object {
  return {
    match: `(?<![\\w$])(${alternation(names)})\\s*(\\.)\\s*(connect)(?![\\w$])`,
    captures: {
      '1': { name: nameScope },
      '2': { name: 'punctuation.accessor.celery-signal' },
      '3': { name: CONNECT_SCOPE },
    },
  };
}

export function injectionGrammar(catalog: Catalog): object {
  const current = catalog.signals.filter((s) => !s.deprecated).map(attributeName);
  const deprecated = catalog.signals.filter((s) => s.deprecated).map(attributeName);
  const patterns = [{ include: '#signal-connect' }];
  const repository: Record<string, object> = { 'signal-connect': connectPattern(current, SIGNAL_SCOPE) };
  if (deprecated.length) {
    patterns.push({ include: '#deprecated-signal-connect' });
    repository['deprecated-signal-connect'] = connectPattern(deprecated, DEPRECATED_SIGNAL_SCOPE);
  }
  return {
    name: 'Celery signal names',
    comment: 'Generated from schemas/celery-signals.json by scripts/gen-grammar.mjs; do not edit by hand.',
    scopeName: INJECTION_SCOPE,
    injectionSelector: HOST_SCOPES.map((scope) => `L:${scope} -comment -string`).join(', '),
    patterns,
    repository,
  };
}

export function injectionGrammarText(catalog: Catalog): string {
  return JSON.stringify(injectionGrammar(catalog), null, 2) + '\n';
}
