/**
 * The page's selection: one `SelectionModel` per scope (the catalog, or a displayed
 * collection). The catalog's survives reloads, paging and search in sessionStorage, keyed to
 * the signed-in user so it never leaks to the next one. Notifies `onChange` listeners after every update.
 */
import { ChangeNotifier } from './change-notifier.js';
import { prefixed } from './prefix.js';
import { SelectionModel } from './selection-model.js';

const STORAGE_KEY = prefixed('selection');

interface Stored {
  userId: string;
  ids: string[];
}

class SelectionStore extends ChangeNotifier {
  #catalog = new SelectionModel();
  #current = this.#catalog;
  #scope = 'catalog';
  #userId = '';
  #saveScheduled = false;

  constructor() {
    super();
    // A reload or navigation right after a click must not lose the change still waiting to be saved.
    addEventListener('pagehide', () => this.#save());
  }

  get current(): SelectionModel {
    return this.#current;
  }

  /** Restores the catalog selection of `userId`; drops one left by someone else. */
  load(userId: string): void {
    this.#userId = userId;
    const stored = parseStored(sessionStorage.getItem(STORAGE_KEY));
    if (stored?.userId === userId) this.#catalog = this.#current = new SelectionModel(stored.ids);
    else sessionStorage.removeItem(STORAGE_KEY);
    // Features that started first (the toolbar: the selection waits for the user's role) learn of it too.
    this.notifyChange();
  }

  useScope(scope: string): void {
    if (scope === this.#scope) return;
    this.#scope = scope;
    this.#current = scope === 'catalog' ? this.#catalog : new SelectionModel();
    this.notifyChange();
  }

  /** Runs a change on the current model; notifies listeners and returns the ids it changed. */
  update(change: (model: SelectionModel) => string[]): string[] {
    const changed = change(this.#current);
    if (changed.length === 0) return changed;
    this.notifyChange();
    if (this.#current === this.#catalog) this.#scheduleSave();
    return changed;
  }

  /** Forgets every selection, e.g. on sign-out. */
  forget(): void {
    sessionStorage.removeItem(STORAGE_KEY);
    this.update((model) => model.clear());
    this.#catalog.clear();
  }

  // Saved after the click handler returns: serializing thousands of ids has no place in it.
  #scheduleSave(): void {
    if (this.#saveScheduled) return;
    this.#saveScheduled = true;
    setTimeout(() => this.#save());
  }

  #save(): void {
    if (!this.#saveScheduled) return;
    this.#saveScheduled = false;
    const stored: Stored = { userId: this.#userId, ids: this.#catalog.ids() };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
  }
}

function parseStored(text: string | null): Stored | undefined {
  try {
    const value = JSON.parse(text ?? 'null') as Partial<Stored> | null;
    return typeof value?.userId === 'string' && Array.isArray(value.ids) ? { userId: value.userId, ids: value.ids.filter((id) => typeof id === 'string') } : undefined;
  } catch {
    return undefined;
  }
}

export const selection = new SelectionStore();
