/**
 * Parts of a page built again only when what they show changed. A page drawn from state whenever something happens
 * (the playground draws itself when a streamed reply ends) rebuilt every control each time: vscode-elements' shadow
 * roots, and a style pass over everything replaced. A part here is rebuilt only when its key — a string naming all
 * its build reads — differs from the last one; its event handlers must look up what may change without a rebuild
 * (the state) when they run, not capture it.
 */
export class KeptParts {
  private readonly parts = new Map<string, { key: string; element: HTMLElement | undefined }>();

  /** The slot's element: the kept one while `key` is unchanged, else the one `build` makes now. */
  part(slot: string, key: string, build: () => HTMLElement | undefined): HTMLElement | undefined {
    const kept = this.parts.get(slot);
    if (kept?.key === key) return kept.element;
    const element = build();
    this.parts.set(slot, { key, element });
    return element;
  }

  /**
   * Makes the slot's part `region`'s only child (none when `build` makes none), built again only when `shows` — the
   * values it is drawn from, compared as JSON — changed.
   */
  place(region: Element, slot: string, shows: readonly unknown[], build: () => HTMLElement | undefined): void {
    const part = this.part(slot, JSON.stringify(shows), build);
    placeChildren(region, part ? [part] : []);
  }

  /** Forgets the slots `keep` says no (a removed column's), so their elements can be collected. */
  retain(keep: (slot: string) => boolean): void {
    for (const slot of this.parts.keys()) if (!keep(slot)) this.parts.delete(slot);
  }
}

/**
 * Makes `parent`'s children exactly `children`, in order, moving only what is out of place: a move detaches and
 * attaches an element again, which restyles it and resets its scroll position (a long conversation). Children no
 * longer wanted go first, so one replaced part does not shift the kept ones after it out of place.
 */
export function placeChildren(parent: Element, children: readonly Element[]): void {
  const wanted = new Set(children);
  for (const child of [...parent.children]) if (!wanted.has(child)) child.remove();
  children.forEach((child, index) => {
    const at = parent.children[index];
    if (at !== child) parent.insertBefore(child, at ?? null);
  });
}
