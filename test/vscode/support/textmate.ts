/** Tokenizes lines with vscode-textmate + vscode-oniguruma, our injection grammar included. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INJECTION_SCOPE, GRAMMAR_FILE, HOST_SCOPES } from '../../../scripts/contributions/injectionGrammar';

export interface Token {
  text: string;
  scopes: string[];
}

const root = path.resolve(__dirname, '..', '..', '..');

async function onigLib() {
  const oniguruma = await import('vscode-oniguruma');
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  return {
    createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
    createOnigString: (text: string) => new oniguruma.OnigString(text),
  };
}

let onig: ReturnType<typeof onigLib> | undefined;

/** `hosts` maps host scope names to grammar files; the injection applies to those it targets. */
export async function tokenizerWithHosts(hosts: Record<string, string>) {
  const textmate = await import('vscode-textmate');
  const registry = new textmate.Registry({
    onigLib: (onig ??= onigLib()),
    loadGrammar: async (scopeName) => {
      const file = scopeName === INJECTION_SCOPE ? path.join(root, GRAMMAR_FILE) : hosts[scopeName];
      if (!file) return null;
      return textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
    getInjections: (scopeName) => (HOST_SCOPES.includes(scopeName) ? [INJECTION_SCOPE] : undefined),
  });
  return async (scopeName: string, line: string): Promise<Token[]> => {
    const grammar = await registry.loadGrammar(scopeName);
    if (!grammar) throw new Error(`no grammar for ${scopeName}`);
    const { tokens } = grammar.tokenizeLine(line, textmate.INITIAL);
    return tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  };
}

/** The scopes of the token whose text is exactly `text` (empty when no token is). */
export function scopesOf(tokens: Token[], text: string): string[] {
  return tokens.find((t) => t.text === text)?.scopes.slice(1) ?? [];
}
