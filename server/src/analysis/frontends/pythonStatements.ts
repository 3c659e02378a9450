/**
 * Connect sites and signal references, read module statement by module statement, so that an edit
 * costs what the edited statement costs. A statement's facts are kept in the document's FactMemo
 * under its text, with what they asked of the rest of the module (pythonStatementDeps); a later
 * analysis reuses them only where every one of those questions gets the same answer, and moves
 * each span with the statement it lies in. Without a memo (or in a tree with syntax errors, where
 * statements are not self-contained) every statement is read afresh, the same way.
 */
import type { CustomSignalReceiver, HandlerSite, ImportRun, ReboundSignalUse, SignalRef, Span } from '../model';
import type { ConnectSiteFinder } from './pythonConnect';
import type { SignalModuleIndex } from './pythonImports';
import { judgedStarts, mergedReferences, referencesAt, referenceWords } from './pythonRefs';
import type { PythonResolver } from './pythonResolve';
import { interned, type StatementMemo } from './pythonStatementMemo';
import { recordWrittenTexts } from './writtenText';

export interface StatementSites {
  sites: HandlerSite[];
  rebound: ReboundSignalUse[];
  unboundConnects: ImportRun['unboundConnects'];
  customReceivers: CustomSignalReceiver[];
}


export interface StatementReading {
  resolver: PythonResolver;
  finder: ConnectSiteFinder;
  modules: SignalModuleIndex;
  importRefs: readonly SignalRef[];
  statements: StatementMemo;
  within?: readonly Span[];
}

export function readStatements(reading: StatementReading): StatementSites & { signalRefs: SignalRef[] } {
  const { resolver, finder, statements } = reading;
  const nav = resolver.nav;
  statements.resolver = resolver;
  const inside = (start: number) => !reading.within || reading.within.some((span) => span.start <= start && start < span.end);

  const result: StatementSites = { sites: [], rebound: [], unboundConnects: [], customReceivers: [] };
  // Indexed loops: this runs for every statement with a word, and an unoptimised for-of makes
  // objects per step.
  const connectWords = statements.words(/\bconnect\b/g, 'connect', inside);
  for (let w = 0; w < connectWords.length; w++) {
    const words = connectWords[w];
    const statement = words.statement;
    const facts = statements.facts('sites', statement, '', (): StatementSites => {
      resolver.beginStatement();
      finder.beginStatement();
      const sites = words.absolute().flatMap((word) => finder.sitesOfWord(word[0]));
      // Written in the statements the facts depend on, so kept with them.
      recordWrittenTexts(sites, nav.text);
      return { sites, ...finder.takeOtherConnects() };
    });
    // Loops rather than spread calls: this runs for every connect statement of the module.
    for (let i = 0; i < facts.sites.length; i++) result.sites.push(facts.sites[i]);
    for (let i = 0; i < facts.rebound.length; i++) result.rebound.push(facts.rebound[i]);
    for (let i = 0; i < facts.unboundConnects.length; i++) result.unboundConnects.push(facts.unboundConnects[i]);
    for (let i = 0; i < facts.customReceivers.length; i++) result.customReceivers.push(facts.customReceivers[i]);
  }

  const known = reading.importRefs.slice();
  for (let i = 0; i < result.sites.length; i++) known.push(result.sites[i].connection.signal);
  const judged = judgedStarts(known);
  const { pattern, key: wordsKey } = referenceWords(resolver);
  // Shared by every statement: interned, so that comparing it costs no reading of its text.
  const key = interned(wordsKey);
  const found: SignalRef[][] = [];
  const refWords = statements.words(pattern, 'refs', inside);
  for (let w = 0; w < refWords.length; w++) {
    const words = refWords[w];
    const statement = words.statement;
    // Which words are already judged is an input too: the known references that start in the statement.
    const start = statement < 0 ? 0 : nav.statementStart(statement);
    const judgedHere = statement < 0 ? '' : judged.relativeBetween(start, nav.statementEnd(statement));
    const refs = statements.facts(
      'refs',
      statement,
      judgedHere,
      () => {
        resolver.beginStatement();
        return referencesAt(words.absolute(), resolver, reading.modules, judged);
      },
      key,
    );
    found.push(refs);
  }
  return { ...result, signalRefs: mergedReferences(known, found) };
}
