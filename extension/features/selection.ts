/**
 * A `Select <file name>` checkbox in the upper-right corner of every thumbnail (reachable by
 * Tab, toggled by Space); Shift+click applies the clicked state to the whole range since the
 * last click. The selection lives in `selection-store` by asset id and is mirrored onto the
 * host's `aria-selected`, so host actions (Edit Tags) see it too. Only for users who may share:
 * viewers and guests could do nothing with a selection.
 */
import { afterNextFrame } from '../after-frame.js';
import { features } from '../feature-manager.js';
import { isThumbnailSelected, readThumbnail, readUserId, selectors, setThumbnailSelected } from '../host-profile.js';
import { t } from '../i18n.js';
import { selection } from '../selection-store.js';
import { observe } from '../selector-observer.js';
import { canShare } from '../session.js';
import { displayedThumbnailElements } from '../thumbnails.js';
import { el } from '../ui/dom.js';
import { createIsland } from '../ui/layer.js';
import { injectPageStyles, SLOT_ATTRIBUTE } from '../ui/page-styles.js';
import { CHECKBOX_STYLES } from '../ui/styles.js';
import { isHiddenByExtension, viewState } from '../view-state.js';

/** Each thumbnail's asset id and checkbox, read once when the checkbox is added. */
const checkboxes = new WeakMap<Element, { id: string; input: HTMLInputElement }>();

/**
 * The host selects too (a click on a picture selects it alone): whatever sets `aria-selected`
 * on a displayed thumbnail, the selection follows, so checkboxes never disagree with the page.
 */
function followHost(records: MutationRecord[]): void {
  const changes = new Map<string, boolean>();
  for (const { target } of records) {
    if (!(target instanceof Element) || !target.matches(selectors.thumbnail) || isHiddenByExtension(target)) continue;
    const info = readThumbnail(target);
    if (info) changes.set(info.id, isThumbnailSelected(target));
  }
  const differing = [...changes].filter(([id, selected]) => selection.current.has(id) !== selected);
  if (differing.length === 0) return;
  selection.update((model) => [
    ...model.set(differing.filter(([, selected]) => selected).map(([id]) => id), true),
    ...model.set(differing.filter(([, selected]) => !selected).map(([id]) => id), false),
  ]);
}

const hostSelection = new MutationObserver(followHost);
const HOST_SELECTION_OPTIONS: MutationObserverInit = { subtree: true, attributes: true, attributeFilter: ['aria-selected'] };
let followingHost = false;

/** The displayed thumbnails' ids, from the checkboxes: no attribute read for each of thousands. */
function displayedCheckboxIds(): string[] {
  const ids = [];
  for (const thumbnail of displayedThumbnailElements()) {
    const checkbox = checkboxes.get(thumbnail);
    if (checkbox) ids.push(checkbox.id);
  }
  return ids;
}

/** Brings every thumbnail on the page in line with the selection; hidden grids show none. */
function syncAll(): void {
  // Host changes not yet delivered first, or the writes below would overwrite them.
  const pending = hostSelection.takeRecords();
  if (pending.length > 0) followHost(pending);
  // The extension's own writes below are the selection already: unobserved, the thousands of a
  // Shift range cost no mutation records.
  if (followingHost) hostSelection.disconnect();
  const model = selection.current;
  for (const grid of document.querySelectorAll(selectors.thumbnailGrid)) {
    const hidden = isHiddenByExtension(grid);
    for (const thumbnail of grid.querySelectorAll(selectors.thumbnail)) {
      // Thumbnails without a checkbox yet get their state when it is added.
      const checkbox = checkboxes.get(thumbnail);
      const selected = !hidden && checkbox !== undefined && model.has(checkbox.id);
      setThumbnailSelected(thumbnail, selected);
      if (checkbox && checkbox.input.checked !== selected) checkbox.input.checked = selected;
    }
  }
  if (followingHost) hostSelection.observe(document.body, HOST_SELECTION_OPTIONS);
}

function addCheckbox(thumbnail: HTMLElement, signal: AbortSignal): void {
  const info = readThumbnail(thumbnail);
  if (!info) return;
  const label = t('selectFile', info.fileName);
  const checkbox = el('input', { type: 'checkbox', 'aria-label': label });
  const { host, root } = createIsland('check', CHECKBOX_STYLES);
  root.append(el('label', { title: label }, checkbox));
  // The host may act on clicks in a thumbnail (open, preview); a checkbox click is ours alone.
  host.addEventListener('click', (event) => event.stopPropagation(), { signal });
  // Shift+mousedown would otherwise select page text across the range.
  checkbox.addEventListener('mousedown', (event) => event.shiftKey && event.preventDefault(), { signal });
  checkbox.addEventListener(
    'click',
    (event) => selection.update((model) => model.click(info.id, checkbox.checked, { shift: event.shiftKey, displayed: displayedCheckboxIds })),
    { signal },
  );
  const slot = thumbnail.querySelector(selectors.checkboxSlot) ?? thumbnail;
  slot.setAttribute(SLOT_ATTRIBUTE, '');
  slot.append(host);
  checkboxes.set(thumbnail, { id: info.id, input: checkbox });
  const selected = selection.current.has(info.id) && !isHiddenByExtension(thumbnail);
  checkbox.checked = selected;
  setThumbnailSelected(thumbnail, selected);
}

features.add('selection', async ({ signal }) => {
  if (!(await canShare()) || signal.aborted) return;
  injectPageStyles();
  selection.load(readUserId(document.querySelector(selectors.user)) ?? '');
  selection.onChange(syncAll, { signal });
  viewState.onChange(
    () => {
      selection.useScope(viewState.scope);
      // After every listener of this change has shown or hidden its grid.
      queueMicrotask(syncAll);
    },
    { signal },
  );
  // A frame after the host renders its grid: the host's layout and the lazy thumbnails it
  // starts loading come first (issue 5, budget 7); the checkboxes come before the pictures do.
  const addCheckboxes = afterNextFrame<HTMLElement>((thumbnails) => {
    if (signal.aborted) return;
    for (const thumbnail of thumbnails) if (thumbnail.isConnected) addCheckbox(thumbnail, signal);
  });
  observe(selectors.thumbnail, addCheckboxes, { signal });
  hostSelection.observe(document.body, HOST_SELECTION_OPTIONS);
  followingHost = true;
  signal.addEventListener(
    'abort',
    () => {
      followingHost = false;
      hostSelection.disconnect();
    },
    { once: true },
  );
});
