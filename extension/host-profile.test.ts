// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  createTag,
  createThumbnail,
  isSignOutForm,
  isTagsPanelShown,
  isThumbnailSelected,
  menuKind,
  readTagsPanelAssetIds,
  readThumbnail,
  readUserId,
  readUserRole,
  thumbnailUrl,
} from './host-profile.js';

/** Attributes of elements in the catalog page's example markup (demo/CATALOG-MARKUP.md). */
function element(attributes: Record<string, string>) {
  return { getAttribute: (name: string) => attributes[name] ?? null };
}
const exampleThumbnail = element({ class: 'thumbnail', 'data-asset-id': '12', 'data-file-name': 'IMG_0012.jpg', 'aria-selected': 'false' });
const exampleUser = element({ class: 'dam-user', 'data-user-id': '2', 'data-role': 'editor' });
const itemActions = element({ class: 'menu-button', 'aria-label': 'Item actions', 'aria-haspopup': 'menu' });
const moreActions = element({ class: 'menu-button', 'aria-label': 'More actions', 'aria-haspopup': 'menu' });
const signOut = element({ method: 'post', action: '/logout' });

describe('host profile', () => {
  it('reads a thumbnail\'s asset id and file name', () => {
    expect(readThumbnail(exampleThumbnail)).toEqual({ id: '12', fileName: 'IMG_0012.jpg' });
    expect(readThumbnail(element({ 'data-asset-id': '7' }))).toEqual({ id: '7', fileName: '7' });
    expect(readThumbnail(element({ 'data-asset-id': '../x' }))).toBeUndefined();
    expect(readThumbnail(element({}))).toBeUndefined();
  });

  it('reads the host\'s selection state', () => {
    expect(isThumbnailSelected(exampleThumbnail)).toBe(false);
    expect(isThumbnailSelected(element({ 'aria-selected': 'true' }))).toBe(true);
  });

  it('tells a shown Edit Tags panel from a hidden one', () => {
    expect(isTagsPanelShown(element({ class: 'tags-panel', hidden: '' }))).toBe(false);
    expect(isTagsPanelShown(element({ class: 'tags-panel' }))).toBe(true);
  });

  it('tells the thumbnail menu from the window menu', () => {
    expect(menuKind(itemActions)).toBe('item');
    expect(menuKind(moreActions)).toBe('window');
    expect(menuKind(element({ 'aria-label': 'Close' }))).toBeUndefined();
    expect(menuKind(element({ 'aria-label': 'constructor' }))).toBeUndefined();
  });

  it('recognises the sign-out form and the signed-in user', () => {
    expect(isSignOutForm(signOut)).toBe(true);
    expect(isSignOutForm(element({ action: '/search' }))).toBe(false);
    expect(readUserId(exampleUser)).toBe('2');
    expect(readUserId(null)).toBeUndefined();
    expect(readUserRole(exampleUser)).toBe('editor');
    expect(readUserRole(null)).toBeUndefined();
  });

  it('accepts only well-formed asset ids from the Edit Tags event', () => {
    expect(readTagsPanelAssetIds({ assetIds: ['12', '13', 4, 'a b'] })).toEqual(['12', '13']);
    expect(readTagsPanelAssetIds(null)).toEqual([]);
    expect(readTagsPanelAssetIds({ assetIds: 'x' })).toEqual([]);
  });

  it('renders a thumbnail in the host\'s markup, text never parsed as HTML', () => {
    const thumbnail = createThumbnail({ id: '12', name: '<b>IMG.jpg' });
    expect(thumbnail.tagName).toBe('LI');
    expect(attributesOf(thumbnail)).toMatchObject({ class: 'thumbnail', 'data-asset-id': '12', 'data-file-name': '<b>IMG.jpg', 'aria-selected': 'false' });
    expect(thumbnail.querySelector('button[aria-label="Item actions"]')).not.toBeNull();
    expect(thumbnail.querySelector('[data-action="edit-tags"]')).not.toBeNull();
    expect(thumbnail.children[1]?.outerHTML).toBe('<div class="thumbnail-caption">&lt;b&gt;IMG.jpg</div>');
    expect(thumbnailUrl('a/b')).toBe('/assets/a%2Fb/thumbnail');
  });

  it('renders a tag with a named remove button', () => {
    const tag = createTag('Trip', 'Remove from Trip', { 'data-sc-remove': '' });
    expect(attributesOf(tag)).toEqual({ class: 'tag' });
    expect(tag.children[1]?.tagName).toBe('BUTTON');
    expect(attributesOf(tag.children[1]!)).toMatchObject({ 'aria-label': 'Remove from Trip', class: 'tag-remove', 'data-sc-remove': '' });
  });
});

function attributesOf(element: Element): Record<string, string> {
  return Object.fromEntries([...element.attributes].map((attribute) => [attribute.name, attribute.value]));
}
