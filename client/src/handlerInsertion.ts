/**
 * Plans the text the "Insert handler for signal…" command adds: the handler snippet and, when the file
 * does not import the signal yet, one import line placed after the file's existing imports. Pure (no
 * `vscode` import) so tests can run it on plain strings.
 */
import type { SignalSnippet } from '../../server/src/analysis/snippets';

export interface ImportInsertion {
  /** Zero-based line the import goes before (the line count appends it at the end). */
  line: number;
  text: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The names an import list brings in under their own name (`a as b` brings in `b`, not `a`). */
function importedNames(list: string): string[] {
  return list
    .replace(/[()]/g, ' ')
    .split(',')
    .map((item) => item.trim().split(/\s+as\s+/))
    .map((parts) => (parts[1] ?? parts[0]).trim())
    .filter(Boolean);
}

function pythonImports(text: string, module: string, name: string, starImportCovers: boolean): boolean {
  const statement = new RegExp(`^from\\s+${escapeRegExp(module)}\\s+import\\s+(\\([^)]*\\)|[^\\n#]*)`, 'gm');
  for (const match of text.matchAll(statement)) {
    const names = importedNames(match[1]);
    if (names.includes(name) || (starImportCovers && names.includes('*'))) return true;
  }
  return false;
}

function typescriptImports(text: string, module: string, name: string): boolean {
  const statement = new RegExp(`import\\s+(?:type\\s+)?\\{([^}]*)\\}\\s*from\\s*['"]${escapeRegExp(module)}['"]`, 'g');
  for (const match of text.matchAll(statement)) {
    if (importedNames(match[1].replace(/\btype\s+/g, '')).includes(name)) return true;
  }
  return false;
}

interface ImportPlace {
  line: number;
  /** No import statement is there yet, so the new one starts the import block. */
  startsBlock: boolean;
}

/** The line after the last top-level Python import, or after the shebang, coding line and docstring. */
function pythonImportPlace(lines: string[]): ImportPlace {
  let afterLastImport = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^(def|class|async\s+def|@|if|for|while|with|try)\b/.test(line)) break;
    if (!/^(import|from)\s/.test(line)) continue;
    let end = i;
    if (line.includes('(') && !line.includes(')')) {
      while (end + 1 < lines.length && !lines[end].includes(')')) end++;
    }
    while (lines[end].trimEnd().endsWith('\\') && end + 1 < lines.length) end++;
    afterLastImport = end + 1;
    i = end;
  }
  if (afterLastImport >= 0) return { line: afterLastImport, startsBlock: false };
  let line = 0;
  while (line < lines.length && /^#/.test(lines[line])) line++;
  const docstring = /^[rRuU]?("""|''')/.exec(lines[line] ?? '');
  if (docstring) {
    const quote = docstring[1];
    const opening = lines[line].slice(lines[line].indexOf(quote) + 3);
    let end = line;
    if (!opening.includes(quote)) {
      end++;
      while (end < lines.length && !lines[end].includes(quote)) end++;
    }
    return { line: Math.min(end + 1, lines.length), startsBlock: true };
  }
  return { line, startsBlock: true };
}

/** The line after the last `import … from '…'` statement at the top of a TS/JS file. */
function typescriptImportPlace(lines: string[]): ImportPlace {
  let afterLastImport = -1;
  for (let i = 0; i < lines.length; i++) {
    if (!/^import[\s{*'"]/.test(lines[i])) continue;
    let end = i;
    while (end + 1 < lines.length && !/(from\s*)?['"][^'"]+['"];?\s*$/.test(lines[end])) end++;
    afterLastImport = end + 1;
    i = end;
  }
  if (afterLastImport >= 0) return { line: afterLastImport, startsBlock: false };
  let line = 0;
  while (line < lines.length && /^(#!|\/\/|['"]use strict['"])/.test(lines[line])) line++;
  return { line, startsBlock: true };
}

/** Where and what to import for the snippet, or undefined when the file already imports the signal. */
export function planImport(
  text: string,
  snippet: SignalSnippet,
  starImportCovers: boolean,
  eol = '\n',
): ImportInsertion | undefined {
  const { importModule: module, importName: name } = snippet;
  if (!module || !name) return undefined;
  const lines = text.split(/\r?\n/);
  // A new import block is set off from the code below it: two blank lines in Python (PEP 8), one in TS.
  if (snippet.language === 'python') {
    if (pythonImports(text, module, name, starImportCovers)) return undefined;
    const place = pythonImportPlace(lines);
    return { line: place.line, text: `from ${module} import ${name}${eol}${place.startsBlock ? eol + eol : ''}` };
  }
  if (typescriptImports(text, module, name)) return undefined;
  const place = typescriptImportPlace(lines);
  return { line: place.line, text: `import { ${name} } from '${module}';${eol}${place.startsBlock ? eol : ''}` };
}
