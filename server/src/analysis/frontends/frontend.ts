/** A front end turns one language's syntax tree into the shared FileModel. */
import type { Catalog } from '../../catalog/catalog';
import type { Tree } from '../../parsing/treeSitter';
import type { FileModel } from '../model';

export type FrontEnd = (tree: Tree, text: string, catalog: Catalog) => FileModel;
