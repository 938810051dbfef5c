/**
 * "Something changed" for the content script's shared state (the selection, the view), which
 * features follow instead of calling each other.
 *
 * Not `extends EventTarget`: in a Firefox content script `EventTarget` is the page's
 * constructor seen through a security wrapper, and `super()` returns an object without the
 * subclass's methods (Firefox 153: `TypeError: b.load is not a function`, and no checkbox).
 *
 * @example
 * class ViewState extends ChangeNotifier { show(view) { this.view = view; this.notifyChange(); } }
 * viewState.onChange(render, { signal });
 */
export class ChangeNotifier {
  readonly #listeners = new Set<() => void>();

  /** Calls `listener` after every change until `signal` aborts. */
  onChange(listener: () => void, { signal }: { signal: AbortSignal }): void {
    if (signal.aborted) return;
    // One entry per call, so one subscription's abort never removes another's.
    const entry = () => listener();
    this.#listeners.add(entry);
    signal.addEventListener('abort', () => this.#listeners.delete(entry), { once: true });
  }

  /** Tells every listener; one that throws is logged and the others still run, as with events. */
  protected notifyChange(): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener();
      } catch (error) {
        console.error('Shared Collections: a change listener failed', error);
      }
    }
  }
}
