// Replaces a container's children with new ones, keeping every old child equal to its new counterpart. The host sends
// the job every few seconds, mostly unchanged: rebuilding all of it would re-announce its alerts to screen readers
// and drop a text selection each time.
export function patchChildren(container: Element, next: readonly Element[]): void {
  const old = [...container.children];
  next.forEach((node, i) => {
    const current = old[i];
    if (current === undefined) container.append(node);
    else if (!current.isEqualNode(node)) current.replaceWith(node);
  });
  for (const extra of old.slice(next.length)) extra.remove();
}
