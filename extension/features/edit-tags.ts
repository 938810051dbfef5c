/**
 * The `Shared Collection` tag group in the host's Edit Tags panel (shown through the gear,
 * `Tag settings`): the collections the panel's files belong to. Hovering a name reveals
 * (host style) `Remove from <title>`, which removes those files from that collection and
 * refreshes the panel, or, when that collection is displayed, refreshes it and closes the panel.
 */
import { api } from '../api.js';
import { features } from '../feature-manager.js';
import {
  closeTagsPanel,
  createTag,
  createTagGroup,
  createTagGroupToggle,
  createTagNote,
  findTagGroup,
  findTagList,
  hostEvents,
  isTagsPanelShown,
  readTagsPanelAssetIds,
  selectors,
  tagGroupOfToggle,
  TAGS_PANEL_HIDDEN_ATTRIBUTE,
} from '../host-profile.js';
import { t } from '../i18n.js';
import { prefixed, prefixedAttribute } from '../prefix.js';
import { selection } from '../selection-store.js';
import { offerIfAllowed } from '../session.js';
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

features.add('edit-tags', ({ signal }) => {
  let assetIds: string[] = [];
  let generation = 0;

  async function render(): Promise<void> {
    const current = ++generation;
    const collections = await findCollections(assetIds);
    const target = findTagList(document, GROUP);
    if (current !== generation || !target) return;
    target.replaceChildren(
      ...collections.map((collection) => {
        const tag = createTag(collection.title, t('removeFrom', collection.title), { [REMOVE_ATTRIBUTE]: '' });
        tag.querySelector(`[${REMOVE_ATTRIBUTE}]`)?.addEventListener('click', () => void remove(collection), { signal });
        return tag;
      }),
    );
    if (collections.length === 0) target.append(createTagNote(t('notInCollections')));
  }

  async function remove(collection: { id: number; title: string }): Promise<void> {
    try {
      const removing = [...assetIds];
      const result = await api.updateAssets(collection.id, { remove: removing });
      showNotice(t('removedFrom', collection.title));
      selection.update((model) => model.set(result.removed, false));
      const view = viewState.current;
      if (view.kind === 'collection' && view.collection.id === collection.id) {
        // The files leave the displayed collection: a panel left open would speak of files no longer shown.
        closeTagsPanel(document);
        viewState.show({ kind: 'collection', collection: result.collection });
      } else {
        await render();
      }
    } catch (error) {
      showError(error);
    }
  }

  function addGroup(): void {
    if (findTagGroup(document, GROUP)) return;
    document.querySelector(selectors.tagSettings)?.append(createTagGroupToggle(GROUP, t('sharedCollectionTag')));
    document.querySelector(selectors.tagGroups)?.append(createTagGroup(GROUP, t('sharedCollectionTag')));
  }

  // The group joins the panel when it first opens, not at page load: before the host renders
  // its groups and gives every toggle, ours too, the shown or hidden state the user chose.
  observe(
    selectors.tagsPanel,
    (panel) => {
      const addWhenShown = () => {
        if (isTagsPanelShown(panel)) offerIfAllowed(signal, addGroup);
      };
      const shown = new MutationObserver(addWhenShown);
      shown.observe(panel, { attributes: true, attributeFilter: [TAGS_PANEL_HIDDEN_ATTRIBUTE] });
      signal.addEventListener('abort', () => shown.disconnect(), { once: true });
      addWhenShown();
    },
    { signal },
  );
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
      // No group, no question: pages of users who may not share never ask for memberships.
      if (!findTagGroup(document, GROUP)) return;
      assetIds = readTagsPanelAssetIds((event as CustomEvent).detail);
      render().catch(showError);
    },
    { signal },
  );
  document.addEventListener(hostEvents.tagsPanelClosed, () => ((assetIds = []), generation++), { signal });
});
