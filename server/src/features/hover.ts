/** textDocument/hover → analysis/hover. */
import type { Hover, HoverParams } from 'vscode-languageserver/node';
import { hoverAt } from '../analysis/hover';
import { toHover } from '../lsp/convert';
import type { Session } from '../lsp/session';
import { versionAssumption } from './celeryVersion';
import type { Cancellable } from '../documents/backgroundAnalysis';

export async function onHover(session: Session, params: HoverParams, token?: Cancellable): Promise<Hover | null> {
  const analysis = await session.analysisToRead(params.textDocument.uri, token);
  if (!analysis?.model) return null;
  const offset = analysis.index.offsetAt(params.position);
  const assumed = versionAssumption(session, params.textDocument.uri);
  const options = { docsLanguage: session.docsLanguage, celeryVersion: assumed.version, celeryVersionOrigin: assumed.origin };
  const hover = hoverAt(analysis.model, offset, session.catalogFor(params.textDocument.uri), options);
  return hover ? toHover(analysis.index, hover, session.client.markdownHover) : null;
}
