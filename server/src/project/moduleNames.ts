/**
 * Which dotted Python module a file is, the way `sys.path` would import it: relative to the project
 * root, or to `src/` in a src layout. Packages with `__init__.py` and namespace packages (folders
 * without one) both count, as they do for Python 3. Pure: the caller says which files exist.
 */
import * as path from 'node:path';
import type { ModuleIdentity } from '../analysis/frontends/frontend';

const identifier = /^[A-Za-z_]\w*$/;

export interface ModuleNaming {
  /** The name the project imports the file by. */
  primary: ModuleIdentity;
  /**
   * The name counted from above the file's outermost regular package (`__init__.py` chain), when it
   * differs: a package under `tests/` or `examples/` is imported that way by its own code.
   */
  alias?: string;
}

export function moduleNamingOf(file: string, root: string, hasFile: (file: string) => boolean): ModuleNaming | undefined {
  if (!/\.py$/.test(file)) return undefined;
  const src = path.join(root, 'src');
  const base = file.startsWith(src + path.sep) ? src : root;
  const primary = dottedName(file, base);
  if (!primary) return undefined;
  let top = path.dirname(file);
  while (top.startsWith(root + path.sep) && hasFile(path.join(top, '__init__.py'))) top = path.dirname(top);
  // Only a file inside a regular package has a second name, counted from above its outermost package.
  const inPackage = top !== path.dirname(file);
  const alias = inPackage && top !== base && top.startsWith(root) ? dottedName(file, top)?.name : undefined;
  return alias && alias !== primary.name ? { primary, alias } : { primary };
}

function dottedName(file: string, base: string): ModuleIdentity | undefined {
  const parts = path.relative(base, file).replace(/\.py$/, '').split(path.sep);
  const isPackage = parts[parts.length - 1] === '__init__';
  if (isPackage) parts.pop();
  if (parts.length === 0 || parts[0] === '..' || !parts.every((part) => identifier.test(part))) return undefined;
  return { name: parts.join('.'), isPackage };
}
