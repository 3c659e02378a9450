/** A front end turns one language's syntax tree into the shared FileModel. */
import type { Catalog } from '../../catalog/catalog';
import type { Tree } from '../../parsing/treeSitter';
import type { FileModel, Span } from '../model';
import type { FactMemo } from './factMemo';
import type { SourceText } from '../sourceText';
import type { ChangedRegion } from './pythonStatementMemo';

export interface ExtractOptions {
  /**
   * Only connect sites (and signal references) that start inside one of these spans are needed; a
   * front end may skip the others to save time after a small edit. Imports, tasks and syntax
   * problems are still reported for the whole file. Front ends that ignore this return everything.
   */
  within?: Span[];
  /**
   * Facts kept from the previous analysis of the same document, reused where the piece of code they
   * were read from is unchanged. The front end records what it reads; the caller sweeps the memo.
   */
  memo?: FactMemo;
  /**
   * Where the file sits in its project, when the project index knows it: its dotted module and
   * whether it is a package's `__init__`, so relative imports resolve to absolute modules.
   */
  module?: ModuleIdentity;
  /** The tree the text was edited from and the region the edits changed, so unchanged code is found by position. */
  edited?: { tree: Tree; changed: ChangedRegion };
}

export interface ModuleIdentity {
  name: string;
  isPackage: boolean;
}

export type FrontEnd = (tree: Tree, text: SourceText, catalog: Catalog, options?: ExtractOptions) => FileModel;
