/** Workspace symbols: one per receiver, named `signal: receiver` (`task_failure: report_failure`). */
import * as path from 'node:path';
import type { FileLocation, NavigableFile } from './projectFiles';
import { receiversIn } from './receivers';

export interface ReceiverSymbol {
  name: string;
  /** The module (`proj.tasks`) or, without one, the file name. */
  container: string;
  location: FileLocation;
}

/** True when every character of `query` appears in `name` in order, ignoring case (as editors filter). */
export function fuzzyMatches(query: string, name: string): boolean {
  const wanted = query.toLowerCase().replace(/\s+/g, '');
  const text = name.toLowerCase();
  let at = 0;
  for (const c of wanted) {
    at = text.indexOf(c, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

export function receiverSymbols(files: Iterable<NavigableFile>, query: string): ReceiverSymbol[] {
  const symbols: ReceiverSymbol[] = [];
  for (const file of files) {
    const receivers = receiversIn(file).distinct;
    if (receivers.length === 0) continue;
    const container = file.module ?? path.basename(file.path);
    for (const receiver of receivers) {
      const name = `${receiver.signal}: ${receiver.name}`;
      if (fuzzyMatches(query, name)) symbols.push({ name, container, location: receiver.location });
    }
  }
  return symbols;
}
