/**
 * Collects items and hands them over in one batch right after the browser's next frame: work
 * the page does not need for that frame (a checkbox on each new thumbnail) then follows the
 * host's own rendering instead of delaying it, and the catalog's lazy thumbnails, which start
 * loading in that frame, start sooner. A tab in the background renders no frames; there the
 * batch comes after at most `fallbackMilliseconds`.
 *
 * @example const addLater = afterNextFrame((thumbnails) => thumbnails.forEach(addCheckbox));
 */
export function afterNextFrame<T>(run: (items: T[]) => void, fallbackMilliseconds = 100): (item: T) => void {
  let items: T[] = [];
  let fallback: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(fallback);
    const batch = items;
    items = [];
    if (batch.length > 0) run(batch);
  };
  return (item) => {
    if (items.length === 0) {
      // A task queued from an animation frame callback runs once that frame has been rendered.
      requestAnimationFrame(() => setTimeout(flush));
      fallback = setTimeout(flush, fallbackMilliseconds);
    }
    items.push(item);
  };
}
