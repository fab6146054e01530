import { findNodeAtOffset, parseTree, type Node } from 'jsonc-parser';

/** A line parsed into a tree for editing, skipping a leading BOM (offsets in the tree are `shift` short). */
export interface LineTree {
  readonly root: Node;
  readonly shift: number;
}

/** Parses a line for a quick fix; undefined when nothing usable comes out. */
export function parseLine(lineText: string): LineTree | undefined {
  const shift = lineText.charCodeAt(0) === 0xfeff ? 1 : 0;
  try {
    const root = parseTree(shift === 0 ? lineText : lineText.slice(shift), [], {
      allowTrailingComma: false,
      disallowComments: true,
    });
    return root === undefined ? undefined : { root, shift };
  } catch {
    return undefined;
  }
}

/** The property whose key string starts at `character` of the line. */
export function propertyWithKeyAt(tree: LineTree, character: number): Node | undefined {
  const node = findNodeAtOffset(tree.root, character - tree.shift + 1);
  const property = node?.parent;
  if (node?.type !== 'string' || property?.type !== 'property' || property.children?.[0] !== node) return undefined;
  return node.offset + tree.shift === character ? property : undefined;
}

/**
 * The characters to delete to remove a property and one adjacent comma, so the object stays valid JSON:
 * up to the next property when there is one, else back to the end of the previous one.
 */
export function propertyRemoval(tree: LineTree, property: Node): { start: number; end: number } {
  const siblings = property.parent?.children ?? [property];
  const index = siblings.indexOf(property);
  const next = siblings[index + 1];
  const previous = siblings[index - 1];
  if (next !== undefined) return { start: tree.shift + property.offset, end: tree.shift + next.offset };
  if (previous !== undefined)
    return {
      start: tree.shift + previous.offset + previous.length,
      end: tree.shift + property.offset + property.length,
    };
  return { start: tree.shift + property.offset, end: tree.shift + property.offset + property.length };
}

/** True when an object node has a property named `key`. */
export function hasProperty(object: Node | undefined, key: string): boolean {
  return object?.children?.some((p) => p.children?.[0]?.value === key) === true;
}
