/** Creates an element with attributes and children; strings become text nodes, never HTML. */
export function element(
  tag: string,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 2 });

/** 12,345.6 */
export function formatCount(value: number): string {
  return counts.format(value);
}

/** $1,234.56 */
export function formatUSD(value: number): string {
  return dollars.format(value);
}
