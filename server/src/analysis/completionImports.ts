/**
 * The edit that makes a signal name importable where a completion or snippet inserts it: nothing when
 * the file already binds it, a name merged into an existing `from <module> import ...` (or
 * `import { ... } from '<module>'`), or a new import line after the file's last top-level import.
 */
import type { FileModel, SourceLanguage } from './model';
import type { TextEdit } from './diagnostics';

export interface ImportPlan {
  /** The name to write in code (an existing alias when there is one). */
  localName: string;
  edit?: TextEdit;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** After a leading module docstring, so a new import never lands above it. */
function offsetAfterDocstring(text: string): number {
  const docstring = /^(?:[ \t]*(?:#[^\n]*)?\n)*[ \t]*[rRuU]?("""|''')[\s\S]*?\1[^\n]*\n?/.exec(text);
  return docstring ? docstring[0].length : 0;
}

function pythonImport(text: string, module: string, name: string): TextEdit {
  const fromLine = new RegExp(`^from[ \\t]+${escapeRegExp(module)}[ \\t]+import[ \\t]+`, 'm');
  const existing = fromLine.exec(text);
  if (existing) {
    const listStart = existing.index + existing[0].length;
    const list = text[listStart] === '(' ? text.slice(listStart, text.indexOf(')', listStart) + 1 || undefined) : text.slice(listStart).split('\n')[0].split('#')[0];
    const words = [...list.matchAll(/[A-Za-z_]\w*/g)];
    const last = words[words.length - 1];
    if (last && !list.trimEnd().endsWith('\\')) {
      const at = listStart + last.index! + last[0].length;
      return { span: { start: at, end: at }, newText: `, ${name}` };
    }
  }
  // After the last top-level import, skipping to the end of a parenthesised one.
  let insertAt = -1;
  for (const match of text.matchAll(/^(?:from[ \t]+\S+[ \t]+import|import)[ \t]+[^\n]*/gm)) {
    let end = match.index! + match[0].length;
    if (match[0].includes('(') && !match[0].includes(')')) end = text.indexOf(')', end) + 1 || text.length;
    const lineEnd = text.indexOf('\n', end);
    insertAt = lineEnd < 0 ? text.length : lineEnd + 1;
  }
  if (insertAt >= 0) {
    const needsBreak = insertAt === text.length && !text.endsWith('\n');
    return { span: { start: insertAt, end: insertAt }, newText: `${needsBreak ? '\n' : ''}from ${module} import ${name}\n` };
  }
  const top = offsetAfterDocstring(text);
  return { span: { start: top, end: top }, newText: `from ${module} import ${name}\n${top === 0 ? '\n' : ''}` };
}

function scriptImport(text: string, module: string, name: string): TextEdit {
  const existing = new RegExp(`^import[ \\t]*\\{([^}]*)\\}[ \\t]*from[ \\t]*['"]${escapeRegExp(module)}['"]`, 'm').exec(text);
  if (existing) {
    const names = existing[1];
    const braceEnd = existing.index + existing[0].indexOf('}');
    const trimmed = names.trimEnd();
    const at = existing.index + existing[0].indexOf('{') + 1 + trimmed.length;
    const separator = trimmed.length === 0 || trimmed.endsWith(',') ? ' ' : ', ';
    return { span: { start: at, end: at }, newText: `${separator}${name}${at === braceEnd ? ' ' : ''}` };
  }
  let insertAt = 0;
  for (const match of text.matchAll(/^import[^;\n]*(?:;|\n|$)/gm)) {
    const lineEnd = text.indexOf('\n', match.index! + match[0].length - 1);
    insertAt = lineEnd < 0 ? text.length : lineEnd + 1;
  }
  return { span: { start: insertAt, end: insertAt }, newText: `import { ${name} } from '${module}';\n` };
}

export type ImportPlanner = (module: string, name: string) => ImportPlan;

const NAME_SLOT = '\u0000';

/**
 * Plans imports for many names at once (one completion list offers every signal): the file is
 * searched once per module, and each name is put into the same edit.
 */
export function importPlanner(text: string, model: FileModel, language: SourceLanguage): ImportPlanner {
  const templates = new Map<string, TextEdit>();
  return (module, name) => {
    const bound = model.imports.find((b) => b.kind === 'signal' && b.target === `${module}.${name}`);
    if (bound) return { localName: bound.localName };
    let template = templates.get(module);
    if (!template) {
      template = language === 'python' ? pythonImport(text, module, NAME_SLOT) : scriptImport(text, module, NAME_SLOT);
      templates.set(module, template);
    }
    return { localName: name, edit: { span: template.span, newText: template.newText.replace(NAME_SLOT, name) } };
  };
}

export function planImport(text: string, model: FileModel, language: SourceLanguage, module: string, name: string): ImportPlan {
  return importPlanner(text, model, language)(module, name);
}
