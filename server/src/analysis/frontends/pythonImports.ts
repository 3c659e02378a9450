/**
 * What a Python import statement binds, judged against the signal catalog: a signal (known or not),
 * a module, or some other imported object. Relative imports never name Celery's modules.
 */
import type { Catalog } from '../../catalog/catalog';
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { ImportBinding, SignalRef } from '../model';
import type { ModuleIdentity } from './frontend';
import type { Binding } from './pythonScopes';
import { namedChildrenOf, spanOf } from './pythonSyntax';

export interface ImportedName {
  localName: string;
  /** The node naming the local binding (the alias, or the imported name). */
  nameNode: SyntaxNode;
  binding: Binding;
  /** Set for module-level listing when the name is a signal or a signal module. */
  importBinding?: ImportBinding;
  /** The imported name as a reference to a signal (for hover on the import line). */
  signalRef?: SignalRef;
}

export interface ImportFacts {
  names: ImportedName[];
  /** `from M import *`: the module, so callers can decide what it brings in. */
  starModule?: string;
}

/** Signal names are lower-case identifiers; `Signal`, `__all__` and the like are other exports. */
const signalLikeName = /^[a-z][a-z0-9_]*$/;

export class SignalModuleIndex {
  private readonly modules: ReadonlySet<string>;
  private readonly parents = new Set<string>();

  constructor(
    readonly catalog: Catalog,
    /** The file's own module, when known: relative imports resolve against it. */
    readonly self?: ModuleIdentity,
  ) {
    this.modules = new Set(catalog.signalModules);
    for (const module of this.modules) {
      const parts = module.split('.');
      for (let i = 1; i < parts.length; i++) this.parents.add(parts.slice(0, i).join('.'));
    }
  }

  isSignalModule(path: string): boolean {
    return this.modules.has(path);
  }

  /** True for a signal module or a package on the way to one (`celery`, `celery.contrib`). */
  leadsToSignalModule(path: string): boolean {
    return this.modules.has(path) || this.parents.has(path);
  }

  /** The absolute module a relative import names, when the file's module is known. */
  absoluteModule(relative: SyntaxNode): string | undefined {
    return absoluteModuleOf(relative, this.self);
  }

  /** What attribute `name` of signal module `module` is. */
  signalBinding(module: string, name: string): Binding {
    const spec = this.catalog.fromModule(module, name);
    if (spec) return { kind: 'signal', signal: spec.name, resolution: 'catalog', module };
    // Only a module whose whole namespace the catalog knows can be said to lack a name.
    if (signalLikeName.test(name) && this.catalog.mayLackName(module, name)) return { kind: 'signal', signal: name, resolution: 'unknown', module };
    return { kind: 'imported', qualified: `${module}.${name}` };
  }
}

/** `..pkg` from `proj.sub.mod` is `proj.pkg`; from a package's `__init__` one dot is the package itself. */
export function absoluteModuleOf(relative: SyntaxNode, self: ModuleIdentity | undefined): string | undefined {
  if (!self) return undefined;
  const prefix = relative.namedChildren.find((child) => child?.type === 'import_prefix');
  const dots = prefix ? prefix.text.replace(/\s+/g, '').length : 0;
  const parts = self.name.split('.');
  const keep = parts.length - dots + (self.isPackage ? 1 : 0);
  if (dots === 0 || keep < 1) return undefined;
  const rest = relative.namedChildren.find((child) => child?.type === 'dotted_name');
  return [...parts.slice(0, keep), ...(rest ? [dottedText(rest)] : [])].join('.');
}

export function signalRefFor(binding: Binding, nameNode: SyntaxNode, expression: SyntaxNode, source?: string): SignalRef | undefined {
  if (binding.kind !== 'signal') return undefined;
  return {
    name: binding.signal,
    resolution: binding.resolution,
    source: source ?? binding.module,
    nameSpan: spanOf(nameNode),
    expressionSpan: spanOf(expression),
  };
}

function dottedText(node: SyntaxNode): string {
  return node.text.replace(/\s+/g, '');
}

export function importFactsOf(statement: SyntaxNode, modules: SignalModuleIndex): ImportFacts {
  const facts: ImportFacts = { names: [] };
  const statementSpan = spanOf(statement);
  if (statement.type === 'import_statement') {
    for (const item of statement.childrenForFieldName('name')) {
      if (!item) continue;
      if (item.type === 'aliased_import') {
        const dotted = item.childForFieldName('name');
        const alias = item.childForFieldName('alias');
        if (!dotted || !alias) continue;
        const path = dottedText(dotted);
        facts.names.push({
          localName: alias.text,
          nameNode: alias,
          binding: { kind: 'module', module: path },
          importBinding: modules.isSignalModule(path)
            ? { localName: alias.text, target: path, kind: 'module', span: statementSpan, nameSpan: spanOf(alias) }
            : undefined,
        });
      } else if (item.type === 'dotted_name') {
        const path = dottedText(item);
        const first = item.firstNamedChild;
        if (!first) continue;
        facts.names.push({
          localName: first.text,
          nameNode: first,
          binding: { kind: 'module', module: first.text },
          importBinding: modules.isSignalModule(path)
            ? { localName: path, target: path, kind: 'module', span: statementSpan, nameSpan: spanOf(item) }
            : undefined,
        });
      }
    }
    return facts;
  }
  if (statement.type !== 'import_from_statement') return facts;
  const moduleNode = statement.childForFieldName('module_name');
  if (!moduleNode) return facts;
  const relative = moduleNode.type === 'relative_import';
  const module = relative ? modules.absoluteModule(moduleNode) : dottedText(moduleNode);
  for (const child of namedChildrenOf(statement)) {
    if (child.type === 'wildcard_import') facts.starModule = module ?? '.';
  }
  for (const item of statement.childrenForFieldName('name')) {
    if (!item) continue;
    const imported = item.type === 'aliased_import' ? item.childForFieldName('name') : item;
    const local = item.type === 'aliased_import' ? item.childForFieldName('alias') : item;
    if (!imported || !local) continue;
    const importedName = dottedText(imported);
    const localName = local.text;
    let binding: Binding = { kind: 'imported', qualified: module === undefined ? undefined : `${module}.${importedName}` };
    let importBinding: ImportBinding | undefined;
    if (module !== undefined && modules.isSignalModule(module)) {
      binding = modules.signalBinding(module, importedName);
      if (binding.kind === 'signal') {
        importBinding = { localName, target: `${module}.${importedName}`, kind: 'signal', span: statementSpan, nameSpan: spanOf(local) };
      }
    } else if (module !== undefined && modules.leadsToSignalModule(`${module}.${importedName}`)) {
      const path = `${module}.${importedName}`;
      binding = { kind: 'module', module: path };
      if (modules.isSignalModule(path)) importBinding = { localName, target: path, kind: 'module', span: statementSpan, nameSpan: spanOf(local) };
    }
    facts.names.push({
      localName,
      nameNode: local,
      binding,
      importBinding,
      signalRef: signalRefFor(binding, imported, item),
    });
  }
  return facts;
}
