/** Helpers for rules about signal references (imports and uses). */
import type { Catalog } from '../../../catalog/catalog';
import type { TextEdit } from '../../diagnostics';
import type { FileModel, SignalRef } from '../../model';
import { missingNameText } from './phrases';
import type { SourceText } from '../../sourceText';

/** True when the reference sits in an import statement rather than in code that uses it. */
export function inImport(model: FileModel, ref: SignalRef): boolean {
  return model.imports.some((b) => b.span.start <= ref.nameSpan.start && ref.nameSpan.end <= b.span.end);
}

/** Replaces every reference spelt exactly `name` (imports included) with `replacement`; aliases stay. */
export function renameSignalEdits(text: SourceText, model: FileModel, name: string, replacement: string): TextEdit[] {
  const written = name.split('.').pop()!;
  const newWritten = replacement.split('.').pop()!;
  const seen = new Set<number>();
  const edits: TextEdit[] = [];
  for (const ref of model.signalRefs) {
    if (ref.name !== name || seen.has(ref.nameSpan.start)) continue;
    if (text.slice(ref.nameSpan.start, ref.nameSpan.end) !== written) continue;
    seen.add(ref.nameSpan.start);
    edits.push({ span: ref.nameSpan, newText: newWritten });
  }
  return edits;
}

/** English only; messages use missingNameText (support/phrases.ts). */
export function missingNameFailure(model: FileModel, ref: SignalRef): string {
  return missingNameText(model, ref).en;
}

/**
 * True when the unknown reference names something Celery `version` really lacks. A name read from a
 * Python module counts only when the catalog knows the module's whole namespace for that version; an
 * app attribute or a TypeScript signal module is judged by the front end alone.
 */
export function isMissingName(ref: SignalRef, catalog: Catalog, celeryVersion: string): boolean {
  if (ref.resolution !== 'unknown') return false;
  return !catalog.isSignalModule(ref.source) || catalog.lacksName(ref.source, ref.name, celeryVersion);
}
