/**
 * Calls `callback` once for every element matching `selector`, those present now and those
 * the host renders later (paging and search re-render the grid), until `signal` aborts.
 * One MutationObserver instead of polling or re-querying on every host event.
 *
 * @example observe('li.thumbnail', addCheckbox, { signal });
 */
export function observe(
  selector: string,
  callback: (element: HTMLElement) => void,
  { signal, root = document }: { signal: AbortSignal; root?: ParentNode & Node },
): void {
  if (signal.aborted) return;
  const seen = new WeakSet<Element>();
  const visit = (element: Element) => {
    if (seen.has(element) || !(element instanceof HTMLElement)) return;
    seen.add(element);
    callback(element);
  };
  const scan = (node: ParentNode) => {
    for (const element of node.querySelectorAll(selector)) visit(element);
  };

  scan(root);
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.matches(selector)) visit(node);
        scan(node);
      }
    }
  });
  observer.observe(root, { childList: true, subtree: true });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
