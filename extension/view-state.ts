/**
 * What the thumbnail area shows: the host's catalog, or a shared collection's contents
 * rendered by the extension. Features follow `onChange` instead of calling each other.
 */
import type { CollectionJson } from '../shared/api-types.js';
import { ChangeNotifier } from './change-notifier.js';
import { prefixedAttribute } from './prefix.js';

export type View = { kind: 'catalog' } | { kind: 'collection'; collection: CollectionJson };

/** Marks host elements the extension hides while it shows a collection (styled `display: none`). */
export const HIDDEN_ATTRIBUTE = prefixedAttribute('hidden');

class ViewState extends ChangeNotifier {
  #view: View = { kind: 'catalog' };

  get current(): View {
    return this.#view;
  }

  /** Selection scope: the catalog's selection persists; a collection's is its own. */
  get scope(): string {
    return this.#view.kind === 'catalog' ? 'catalog' : `collection:${this.#view.collection.id}`;
  }

  show(view: View): void {
    this.#view = view;
    this.notifyChange();
  }
}

export const viewState = new ViewState();

/** True when `element` is in a part of the page the extension has hidden. */
export function isHiddenByExtension(element: Element): boolean {
  return element.closest(`[${HIDDEN_ATTRIBUTE}]`) !== null;
}
