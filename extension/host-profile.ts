/**
 * Everything the extension knows about the host page's markup, for the demo DAM's catalog
 * page (`demo/CATALOG-MARKUP.md`, the example markup quoted in `host-profile.test.ts`).
 * Supporting another DAM web UI means writing another module with these exports; no other
 * extension module names a host class, attribute, label or event.
 */
import { ASSET_ID_PATTERN, DEFAULT_API_PREFIX } from '../shared/constants.js';
import { el } from './ui/dom.js';

/** Anything with attributes: an Element, or a plain object in unit tests. */
export interface AttributeSource {
  getAttribute(name: string): string | null;
}

export const apiPrefix = DEFAULT_API_PREFIX;

export const selectors = {
  /** `<section class="thumbnail-window">`: the grid, its toolbar and pager. */
  thumbnailWindow: 'section.thumbnail-window',
  thumbnailGrid: 'ul.thumbnail-grid',
  /** `<li class="thumbnail" data-asset-id="12" data-file-name="IMG_0012.jpg">` */
  thumbnail: 'li.thumbnail',
  /** The image box of a thumbnail: the selection checkbox sits in its upper-right corner. */
  checkboxSlot: '.thumbnail-frame',
  /** `<div class="thumbnail-toolbar" role="toolbar">`: a flex row of the search box, the count, the slot and a menu. */
  toolbar: '.thumbnail-toolbar',
  /** `<div class="toolbar-slot">`: left empty by the host for extensions. */
  toolbarSlot: '.thumbnail-toolbar .toolbar-slot',
  /** `<span class="toolbar-status">120 files</span>`: the catalog's count, beside the search box. */
  toolbarStatus: '.thumbnail-toolbar .toolbar-status',
  pager: 'nav.pager',
  menuAnchor: '.menu-anchor',
  menu: '[role="menu"]',
  menuButton: '.menu-button',
  signOutForm: 'form[action="/logout"]',
  user: '.dam-user',
  /** `<aside class="tags-panel" hidden>`: the Edit Tags panel, shown by removing `hidden`. */
  tagsPanel: 'aside.tags-panel',
  tagSettings: 'aside.tags-panel .tag-settings',
  tagsPanelClose: 'aside.tags-panel .tags-close-button',
  tagGroups: 'aside.tags-panel .tag-groups',
} as const;

/** The host's `CustomEvent`s, dispatched on `document`. */
export const hostEvents = {
  gridRendered: 'dam:grid-rendered',
  tagsPanelOpened: 'dam:tags-panel-opened',
  tagsPanelClosed: 'dam:tags-panel-closed',
} as const;

/** Accessible names of the host's three-dots buttons. */
const MENU_LABELS = { 'Item actions': 'item', 'More actions': 'window' } as const;
export type HostMenuKind = (typeof MENU_LABELS)[keyof typeof MENU_LABELS];

export interface ThumbnailInfo {
  id: string;
  fileName: string;
}

/** Reads a thumbnail's asset id and file name; undefined for anything that is not one. */
export function readThumbnail(element: AttributeSource): ThumbnailInfo | undefined {
  const id = element.getAttribute('data-asset-id');
  if (id === null || !ASSET_ID_PATTERN.test(id)) return undefined;
  return { id, fileName: element.getAttribute('data-file-name') || id };
}

/** The host treats every thumbnail with `aria-selected="true"` as selected. */
export function isThumbnailSelected(element: AttributeSource): boolean {
  return element.getAttribute('aria-selected') === 'true';
}

export function setThumbnailSelected(element: Element, selected: boolean): void {
  const value = String(selected);
  if (element.getAttribute('aria-selected') !== value) element.setAttribute('aria-selected', value);
}

/** Which host menu a three-dots button opens: one thumbnail's, or the thumbnail window's. */
export function menuKind(button: AttributeSource): HostMenuKind | undefined {
  const label = button.getAttribute('aria-label');
  return label !== null && Object.hasOwn(MENU_LABELS, label) ? MENU_LABELS[label as keyof typeof MENU_LABELS] : undefined;
}

/** The host closes its menus on a click outside; a click on an item it does not know needs this. */
export function closeMenu(anchor: Element): void {
  anchor.querySelector(selectors.menu)?.setAttribute('hidden', '');
  anchor.querySelector(selectors.menuButton)?.setAttribute('aria-expanded', 'false');
}

/** The extension runs only where the host shows its thumbnail window. */
export function isCatalogPage(doc: ParentNode): boolean {
  return doc.querySelector(selectors.thumbnailWindow) !== null;
}

/** The Edit Tags panel's attribute that hides it: watch it to see the panel open. */
export const TAGS_PANEL_HIDDEN_ATTRIBUTE = 'hidden';

export function isTagsPanelShown(panel: AttributeSource): boolean {
  return panel.getAttribute(TAGS_PANEL_HIDDEN_ATTRIBUTE) === null;
}

export function isSignOutForm(form: AttributeSource): boolean {
  return (form.getAttribute('action') ?? '').replace(/\/+$/, '') === '/logout';
}

/** The signed-in user's id from the header, so a selection never outlives its user. */
export function readUserId(element: AttributeSource | null): string | undefined {
  return element?.getAttribute('data-user-id') ?? undefined;
}

/** The signed-in user's role from the header, so the actions to offer need no request. */
export function readUserRole(element: AttributeSource | null): string | undefined {
  return element?.getAttribute('data-role') ?? undefined;
}

/** Asset ids from a `dam:tags-panel-opened` event's detail; empty for a malformed one. */
export function readTagsPanelAssetIds(detail: unknown): string[] {
  const ids = (detail as { assetIds?: unknown } | null)?.assetIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string' && ASSET_ID_PATTERN.test(id)) : [];
}

export function thumbnailUrl(assetId: string): string {
  return `/assets/${encodeURIComponent(assetId)}/thumbnail`;
}

/** A thumbnail in the host's own markup, so host menus and extension checkboxes work on it. */
export function createThumbnail(asset: { id: string; name: string }): HTMLLIElement {
  return el(
    'li',
    { class: 'thumbnail', 'data-asset-id': asset.id, 'data-file-name': asset.name, 'aria-selected': 'false' },
    // The caption names the file: the picture would only say it twice to a screen reader.
    el('div', { class: 'thumbnail-frame' }, el('img', { src: thumbnailUrl(asset.id), alt: '', loading: 'lazy' })),
    el('div', { class: 'thumbnail-caption' }, asset.name),
    el(
      'div',
      { class: 'menu-anchor thumbnail-menu-anchor' },
      el('button', { type: 'button', class: 'menu-button', 'aria-label': 'Item actions', 'aria-haspopup': 'menu', 'aria-expanded': 'false' }, '⋯'),
      el(
        'div',
        { class: 'menu', role: 'menu', hidden: true },
        el('button', { type: 'button', role: 'menuitem', 'data-action': 'open' }, 'Open'),
        el('button', { type: 'button', role: 'menuitem', 'data-action': 'edit-tags' }, 'Edit Tags'),
        el('button', { type: 'button', role: 'menuitem', 'data-action': 'download' }, 'Download'),
      ),
    ),
  );
}

export function createGrid(label: string): HTMLUListElement {
  return el('ul', { class: 'thumbnail-grid', 'aria-label': label });
}

/** An item in a host menu, styled by the host like its own. */
export function createMenuItem(label: string, extra: Record<string, string> = {}): HTMLButtonElement {
  return el('button', { type: 'button', role: 'menuitem', ...extra }, label);
}

/** The gear's checkbox that shows a tag group; the host toggles any group by its `data-tag-group`. */
export function createTagGroupToggle(group: string, label: string): HTMLLabelElement {
  return el('label', {}, el('input', { type: 'checkbox', 'data-tag-group': group }), ` ${label}`);
}

export function createTagGroup(group: string, label: string): HTMLElement {
  return el('section', { class: 'tag-group', 'data-tag-group': group, hidden: true }, el('h3', {}, label), el('ul', { class: 'tag-list' }));
}

/** A shown tag group's list of tags, or undefined while the Edit Tags panel lacks the group. */
export function findTagList(doc: ParentNode, group: string): Element | undefined {
  return findTagGroup(doc, group)?.querySelector('.tag-list') ?? undefined;
}

export function findTagGroup(doc: ParentNode, group: string): Element | undefined {
  return doc.querySelector(`${selectors.tagGroups} section[data-tag-group="${CSS.escape(group)}"]`) ?? undefined;
}

/** The group a `Tag settings` checkbox shows, or undefined for any other element. */
export function tagGroupOfToggle(element: AttributeSource): string | undefined {
  return element.getAttribute('data-tag-group') ?? undefined;
}

/** A line in a tag list that is not a tag (e.g. "none"): plain text, without a tag's chip. */
export function createTagNote(text: string): HTMLLIElement {
  return el('li', {}, text);
}

/** Closes the Edit Tags panel as its own `Close` button does, so the host forgets its files too. */
export function closeTagsPanel(doc: ParentNode): void {
  doc.querySelector<HTMLElement>(selectors.tagsPanelClose)?.click();
}

/** One tag with its X (the host reveals it on hover); `removeExtra` marks the X for the extension. */
export function createTag(name: string, removeLabel: string, removeExtra: Record<string, string>): HTMLLIElement {
  return el(
    'li',
    { class: 'tag' },
    el('span', { class: 'tag-name' }, name),
    el('button', { type: 'button', class: 'tag-remove', 'aria-label': removeLabel, ...removeExtra }, '×'),
  );
}
