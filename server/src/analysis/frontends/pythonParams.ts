/** Python parameter lists read once per definition, and identifiers read straight from the text. */
import type { SyntaxNode } from '../../parsing/treeSitter';

export type ParamKindPy = 'positional-only' | 'positional' | 'keyword-only' | 'var-positional' | 'var-keyword';

export interface ParsedParam {
  name: string;
  kind: ParamKindPy;
  node: SyntaxNode;
  nameNode: SyntaxNode;
  typeNode?: SyntaxNode;
  defaultNode?: SyntaxNode;
}

/** The parameters of a `parameters` or `lambda_parameters` node, with their inspect-style kinds. */
export function parametersOf(list: SyntaxNode | null | undefined): ParsedParam[] {
  if (!list) return [];
  const items: { node: SyntaxNode; type: string }[] = [];
  const count = list.namedChildCount;
  for (let i = 0; i < count; i++) {
    const node = list.namedChild(i);
    if (node) items.push({ node, type: node.type });
  }
  const slashAt = items.findIndex((item) => item.type === 'positional_separator');
  const params: ParsedParam[] = [];
  let afterStar = false;
  items.forEach(({ node: item, type }, index) => {
    if (type === 'keyword_separator') {
      afterStar = true;
      return;
    }
    if (type === 'positional_separator' || type === 'comment') return;
    let nameNode: SyntaxNode | null = null;
    let kind: ParamKindPy = index < slashAt ? 'positional-only' : afterStar ? 'keyword-only' : 'positional';
    let typeNode: SyntaxNode | undefined;
    let defaultNode: SyntaxNode | undefined;
    let core = item;
    let coreType = type;
    if (type === 'typed_parameter') {
      typeNode = item.childForFieldName('type') ?? undefined;
      core = item.firstNamedChild ?? item;
      coreType = core.type;
    }
    if (coreType === 'identifier') nameNode = core;
    else if (coreType === 'default_parameter' || coreType === 'typed_default_parameter') {
      nameNode = core.childForFieldName('name');
      defaultNode = core.childForFieldName('value') ?? undefined;
      if (coreType === 'typed_default_parameter') typeNode = core.childForFieldName('type') ?? typeNode;
    } else if (coreType === 'list_splat_pattern') {
      nameNode = core.firstNamedChild;
      kind = 'var-positional';
      afterStar = true;
    } else if (coreType === 'dictionary_splat_pattern') {
      nameNode = core.firstNamedChild;
      kind = 'var-keyword';
    }
    if (!nameNode || (nameNode !== core && nameNode.type !== 'identifier')) return;
    params.push({ name: nameNode.text, kind, node: item, nameNode, typeNode, defaultNode });
  });
  return params;
}

/** Parameters per definition, parsed once per extraction. */
export class ParameterCache {
  private readonly byStart = new Map<number, ParsedParam[]>();

  of(definition: SyntaxNode): ParsedParam[] {
    let params = this.byStart.get(definition.startIndex);
    if (!params) {
      params = parametersOf(definition.childForFieldName('parameters'));
      this.byStart.set(definition.startIndex, params);
    }
    return params;
  }
}

const identifierPattern = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]+/uy;

/** The identifier starting at `start`, read from the text (cheaper than asking the node for its end). */
export function identifierAt(text: string, start: number): string {
  identifierPattern.lastIndex = start;
  return identifierPattern.exec(text)?.[0] ?? '';
}
