/**
 * The `Shared Collection` tag group in the host's Edit Tags panel (shown through the gear,
 * `Tag settings`): the collections the panel's files belong to. Hovering a name reveals
 * (host style) `Remove from <title>`, which removes those files from that collection and
 * refreshes the panel and a displayed collection.
 */
import { api } from '../api.js';
import { features } from '../feature-manager.js';
import {
  findTagGroup,
  findTagList,
  hostEvents,
  readTagsPanelAssetIds,
  selectors,
  tagGroupMarkup,
  tagGroupOfToggle,
  tagGroupToggleMarkup,
  tagMarkup,
  tagNoteMarkup,
} from '../host-profile.js';
import { t } from '../i18n.js';
import { renderMarkup } from '../markup.js';
import { prefixed, prefixedAttribute } from '../prefix.js';
import { selection } from '../selection-store.js';
import { canShare } from '../session.js';
import { observe } from '../selector-observer.js';
import { showError, showNotice } from '../ui/notice.js';
import { viewState } from '../view-state.js';

const GROUP = prefixed('shared-collection');
const REMOVE_ATTRIBUTE = prefixedAttribute('remove');

/** The collections any of `assetIds` belongs to, once each, by title. */
async function findCollections(assetIds: readonly string[]): Promise<{ id: number; title: string }[]> {
  if (assetIds.length === 0) return [];
  const { memberships } = await api.memberships(assetIds);
  const byId = new Map(Object.values(memberships).flat().map((collection) => [collection.id, collection]));
  return [...byId.values()].sort((a, b) => a.title.localeCompare(b.title));
}

features.add('edit-tags', async ({ signal }) => {
  if (!(await canShare())) return;
  let assetIds: string[] = [];
  let generation = 0;

  async function render(): Promise<void> {
    const current = ++generation;
    const collections = await findCollections(assetIds);
    const target = findTagList(document, GROUP);
    if (current !== generation || !target) return;
    target.replaceChildren(
      ...collections.map((collection) => {
        const tag = renderMarkup(tagMarkup(collection.title, t('removeFrom', collection.title), { [REMOVE_ATTRIBUTE]: '' }));
        tag.querySelector(`[${REMOVE_ATTRIBUTE}]`)?.addEventListener('click', () => void remove(collection), { signal });
        return tag;
      }),
    );
    if (collections.length === 0) target.append(renderMarkup(tagNoteMarkup(t('notInCollections'))));
  }

  async function remove(collection: { id: number; title: string }): Promise<void> {
    try {
      const removing = [...assetIds];
      const result = await api.updateAssets(collection.id, { remove: removing });
      showNotice(t('removedFrom', collection.title));
      selection.update((model) => model.set(result.removed, false));
      const view = viewState.current;
      if (view.kind === 'collection' && view.collection.id === collection.id) viewState.show({ kind: 'collection', collection: result.collection });
      await render();
    } catch (error) {
      showError(error);
    }
  }

  observe(selectors.tagSettings, (settings) => settings.append(renderMarkup(tagGroupToggleMarkup(GROUP, t('sharedCollectionTag')))), { signal });
  observe(selectors.tagGroups, (groups) => groups.append(renderMarkup(tagGroupMarkup(GROUP, t('sharedCollectionTag')))), { signal });
  // The host toggles groups itself; doing it too keeps ours right whatever order listeners run in.
  document.addEventListener(
    'change',
    (event) => {
      const toggle = event.target;
      if (!(toggle instanceof HTMLInputElement) || tagGroupOfToggle(toggle) !== GROUP) return;
      findTagGroup(document, GROUP)?.toggleAttribute('hidden', !toggle.checked);
    },
    { signal },
  );
  document.addEventListener(
    hostEvents.tagsPanelOpened,
    (event) => {
      assetIds = readTagsPanelAssetIds((event as CustomEvent).detail);
      render().catch(showError);
    },
    { signal },
  );
  document.addEventListener(hostEvents.tagsPanelClosed, () => ((assetIds = []), generation++), { signal });
});
