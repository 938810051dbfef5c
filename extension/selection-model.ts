/**
 * Which assets are selected, by id, independent of what is on screen: a selection survives
 * paging and search because the host re-renders thumbnails but ids stay.
 */
export class SelectionModel {
  readonly #ids = new Set<string>();
  /** The last clicked id: one end of the next Shift range. */
  #anchor: string | undefined;

  constructor(ids: Iterable<string> = []) {
    for (const id of ids) this.#ids.add(id);
  }

  get size(): number {
    return this.#ids.size;
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  /** Selected ids in the order they were selected. */
  ids(): string[] {
    return [...this.#ids];
  }

  /**
   * A click on `id`'s checkbox, which now shows `selected`. With Shift, and the previous click
   * still on screen, every displayed id between the two takes the same state, so Shift selects
   * and deselects ranges alike. Returns the ids whose state changed. `displayed` is called
   * only for a Shift range: reading thousands of thumbnails has no place in a plain click.
   */
  click(id: string, selected: boolean, { shift, displayed: readDisplayed }: { shift: boolean; displayed: () => readonly string[] }): string[] {
    const displayed = shift && this.#anchor !== undefined ? readDisplayed() : [];
    const anchorIndex = this.#anchor === undefined ? -1 : displayed.indexOf(this.#anchor);
    const targetIndex = anchorIndex === -1 ? -1 : displayed.indexOf(id);
    this.#anchor = id;
    if (targetIndex === -1) return this.set([id], selected);
    const [from, to] = anchorIndex < targetIndex ? [anchorIndex, targetIndex] : [targetIndex, anchorIndex];
    return this.set(displayed.slice(from, to + 1), selected);
  }

  /** Selects or deselects `ids`; returns those that changed. */
  set(ids: Iterable<string>, selected: boolean): string[] {
    const changed: string[] = [];
    for (const id of ids) {
      if (this.#ids.has(id) === selected) continue;
      if (selected) this.#ids.add(id);
      else this.#ids.delete(id);
      changed.push(id);
    }
    return changed;
  }

  clear(): string[] {
    this.#anchor = undefined;
    return this.set(this.ids(), false);
  }
}
