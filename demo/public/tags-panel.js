// The Edit Tags panel of the catalog page: tag groups of the chosen assets, add and remove
// (editors and administrators), and the gear (Tag settings) choosing which groups show,
// remembered in localStorage. Every listener is delegated, so groups an extension adds
// (its own checkbox and section.tag-group) are toggled and remembered the same way.
(() => {
  'use strict';

  const TAG_VISIBILITY_KEY = 'dam.visibleTagGroups';
  const HOST_TAG_GROUPS = ['keywords', 'categories'];

  const { api, emit } = window.DemoDam;
  const panel = document.querySelector('.tags-panel');
  const role = document.querySelector('.dam-user')?.dataset.role ?? 'guest';
  const canEditTags = role === 'administrator' || role === 'editor';
  const state = { panelAssetIds: [] };

  // ── Edit Tags panel ─────────────────────────────────────────────────────────────────

  function readVisibility() {
    try {
      const stored = JSON.parse(localStorage.getItem(TAG_VISIBILITY_KEY) ?? '{}');
      return stored && typeof stored === 'object' ? stored : {};
    } catch {
      return {};
    }
  }

  /** Applies the remembered choice to every group checkbox (an extension's too) and its section. */
  function applyTagVisibility() {
    const stored = readVisibility();
    for (const box of panel.querySelectorAll('.tag-settings input[data-tag-group]')) {
      const group = box.dataset.tagGroup;
      if (typeof stored[group] === 'boolean') box.checked = stored[group];
      for (const section of panel.querySelectorAll('section.tag-group')) {
        if (section.dataset.tagGroup === group) section.hidden = !box.checked;
      }
    }
  }

  function tagSection(group, editable) {
    const section = document.createElement('section');
    section.className = 'tag-group';
    section.dataset.tagGroup = group.id;
    const heading = document.createElement('h3');
    heading.textContent = group.label;
    const list = document.createElement('ul');
    list.className = 'tag-list';
    for (const tag of group.tags) {
      const li = document.createElement('li');
      li.className = 'tag';
      const name = document.createElement('span');
      name.className = 'tag-name';
      name.textContent = tag.name;
      li.append(name);
      if (tag.count < state.panelAssetIds.length) {
        const count = document.createElement('span');
        count.className = 'tag-count';
        count.textContent = `${tag.count}/${state.panelAssetIds.length}`;
        li.append(count);
      }
      if (editable) {
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'tag-remove';
        remove.setAttribute('aria-label', `Remove ${tag.name}`);
        remove.textContent = '×';
        li.append(remove);
      }
      list.append(li);
    }
    section.append(heading, list);
    if (editable) {
      const form = document.createElement('form');
      form.className = 'tag-add';
      const input = document.createElement('input');
      input.name = 'tag';
      input.maxLength = 100;
      input.placeholder = `Add ${group.label.toLowerCase()}…`;
      input.setAttribute('aria-label', `Add ${group.label}`);
      form.append(input);
      section.append(form);
    }
    return section;
  }

  /** Replaces only the host's own sections, so groups an extension added stay where they are. */
  function renderHostTagGroups(result) {
    const container = panel.querySelector('.tag-groups');
    let previous = null;
    for (const group of result.groups) {
      const fresh = tagSection(group, canEditTags);
      const existing = container.querySelector(`:scope > section.tag-group[data-tag-group="${group.id}"]`);
      if (existing) existing.replaceWith(fresh);
      else if (previous) previous.after(fresh);
      else container.prepend(fresh);
      previous = fresh;
    }
    applyTagVisibility();
  }

  async function openTagsPanel(assetIds) {
    if (assetIds.length === 0) return;
    state.panelAssetIds = assetIds;
    panel.querySelector('.tags-panel-target').textContent =
      assetIds.length === 1 ? (document.querySelector(`li.thumbnail[data-asset-id="${CSS.escape(assetIds[0])}"]`)?.dataset.fileName ?? '1 file') : `${assetIds.length} files`;
    panel.hidden = false;
    try {
      renderHostTagGroups(await api(`/api/assets/tags?ids=${assetIds.map(encodeURIComponent).join(',')}`));
    } catch (error) {
      panel.querySelector('.tags-panel-target').textContent = error.message;
    }
    emit('dam:tags-panel-opened', { assetIds: [...assetIds] });
  }

  function closeTagsPanel() {
    if (panel.hidden) return;
    panel.hidden = true;
    state.panelAssetIds = [];
    emit('dam:tags-panel-closed', {});
  }

  async function changeTag(method, group, name) {
    const result = await api('/api/assets/tags', {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ assetIds: state.panelAssetIds, group, name }),
    });
    renderHostTagGroups(result);
  }

  function hostGroupOf(element) {
    const group = element.closest('section.tag-group')?.dataset.tagGroup;
    return HOST_TAG_GROUPS.includes(group) ? group : undefined;
  }

  document.addEventListener('click', (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    if (target.closest('.tags-settings-button')) {
      const settings = panel.querySelector('.tag-settings');
      settings.hidden = !settings.hidden;
      panel.querySelector('.tags-settings-button').setAttribute('aria-expanded', String(!settings.hidden));
      return;
    }
    if (target.closest('.tags-close-button')) return closeTagsPanel();
    const remove = target.closest('.tag-remove');
    if (remove && hostGroupOf(remove)) {
      const name = remove.closest('.tag').querySelector('.tag-name').textContent;
      changeTag('DELETE', hostGroupOf(remove), name).catch((error) => alert(error.message));
    }
  });

  document.addEventListener('submit', (event) => {
    const form = event.target instanceof Element && event.target.closest('form.tag-add');
    if (!form || !hostGroupOf(form)) return;
    event.preventDefault();
    const name = form.elements.tag.value.trim();
    if (name) changeTag('POST', hostGroupOf(form), name).catch((error) => alert(error.message));
  });

  document.addEventListener('change', (event) => {
    const box = event.target instanceof Element && event.target.closest('.tag-settings input[data-tag-group]');
    if (!box) return;
    const stored = readVisibility();
    stored[box.dataset.tagGroup] = box.checked;
    localStorage.setItem(TAG_VISIBILITY_KEY, JSON.stringify(stored));
    applyTagVisibility();
  });

  // Groups and checkboxes an extension adds later get the remembered visibility too.
  new MutationObserver(applyTagVisibility).observe(panel, { childList: true, subtree: true });

  applyTagVisibility();
  window.DemoDam.openTagsPanel = openTagsPanel;
})();
