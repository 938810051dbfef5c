// The demo catalog page: renders the thumbnail window from GET /api/assets and runs the host's
// menus, selection, paging and lightbox (the Edit Tags panel is tags-panel.js). Plain browser JS.
// The markup and behaviour are a contract with the extension: see demo/CATALOG-MARKUP.md.
// Every listener is delegated on `document`, so elements an extension adds later behave alike.
(() => {
  'use strict';

  const PAGE_SIZE = 48;

  const grid = document.querySelector('.thumbnail-grid');
  const status = document.querySelector('.toolbar-status');
  const pagerStatus = document.querySelector('.pager-status');
  const search = document.querySelector('.thumbnail-toolbar .search');
  const lightbox = document.querySelector('.lightbox');

  const { api, emit } = window.DemoDam;
  const state = { page: 1, pageCount: 1, total: 0, query: '', sort: 'id' };
  let loadGeneration = 0;

  // ── The thumbnail grid ──────────────────────────────────────────────────────────────

  function menuItem(action, label) {
    const item = document.createElement('button');
    item.type = 'button';
    item.setAttribute('role', 'menuitem');
    item.dataset.action = action;
    item.textContent = label;
    return item;
  }

  function menuAnchor(label, items, extraClass) {
    const anchor = document.createElement('div');
    anchor.className = extraClass ? `menu-anchor ${extraClass}` : 'menu-anchor';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'menu-button';
    button.setAttribute('aria-label', label);
    button.setAttribute('aria-haspopup', 'menu');
    button.setAttribute('aria-expanded', 'false');
    button.textContent = '⋯';
    const menu = document.createElement('div');
    menu.className = 'menu';
    menu.setAttribute('role', 'menu');
    menu.hidden = true;
    menu.append(...items);
    anchor.append(button, menu);
    return anchor;
  }

  function thumbnail(asset) {
    const li = document.createElement('li');
    li.className = 'thumbnail';
    li.dataset.assetId = asset.id;
    li.dataset.fileName = asset.filename;
    li.setAttribute('aria-selected', 'false');
    li.title = `${asset.filename}\n${asset.width} × ${asset.height} · ${formatSize(asset.size)}`;
    const frame = document.createElement('div');
    frame.className = 'thumbnail-frame';
    const img = document.createElement('img');
    img.src = asset.thumbnailUrl;
    img.alt = asset.filename;
    img.loading = 'lazy';
    frame.append(img);
    const caption = document.createElement('div');
    caption.className = 'thumbnail-caption';
    caption.textContent = asset.filename;
    const items = [menuItem('open', 'Open'), menuItem('edit-tags', 'Edit Tags'), menuItem('download', 'Download')];
    li.append(frame, caption, menuAnchor('Item actions', items, 'thumbnail-menu-anchor'));
    return li;
  }

  function formatSize(bytes) {
    if (bytes < 1024) return `${bytes} B`;
    if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  }

  async function load() {
    const generation = ++loadGeneration;
    const params = new URLSearchParams({ page: String(state.page), limit: String(PAGE_SIZE), sort: state.sort });
    if (state.query) params.set('q', state.query);
    let result;
    try {
      result = await api(`/api/assets?${params}`);
    } catch (error) {
      status.textContent = error.message;
      return;
    }
    // A slower answer to an older search must not overwrite a newer one.
    if (generation !== loadGeneration) return;
    state.total = result.total;
    state.pageCount = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    if (state.page > state.pageCount) {
      state.page = state.pageCount;
      return load();
    }
    grid.replaceChildren(...result.items.map(thumbnail));
    const noun = result.total === 1 ? 'file' : 'files';
    status.textContent = state.query ? `${result.total} ${noun} match “${state.query}”` : `${result.total} ${noun}`;
    pagerStatus.textContent = `Page ${state.page} of ${state.pageCount}`;
    document.querySelector('[data-page="prev"]').disabled = state.page <= 1;
    document.querySelector('[data-page="next"]').disabled = state.page >= state.pageCount;
    emit('dam:grid-rendered', { page: state.page, pageCount: state.pageCount, total: state.total, query: state.query });
  }

  let searchTimer;
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      state.query = search.value.trim();
      state.page = 1;
      load();
    }, 250);
  });

  // ── Menus ───────────────────────────────────────────────────────────────────────────

  function closeMenus(except) {
    for (const menu of document.querySelectorAll('.menu-anchor > .menu:not([hidden])')) {
      if (menu === except) continue;
      menu.hidden = true;
      menu.closest('.menu-anchor').querySelector('.menu-button')?.setAttribute('aria-expanded', 'false');
      menu.closest('.thumbnail')?.classList.remove('menu-open');
    }
  }

  function toggleMenu(button) {
    const menu = button.closest('.menu-anchor').querySelector('.menu');
    const open = menu.hidden;
    closeMenus(menu);
    menu.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    button.closest('.thumbnail')?.classList.toggle('menu-open', open);
    if (open) menu.querySelector('[role="menuitem"]')?.focus();
  }

  function runAction(action, item) {
    const li = item.closest('.thumbnail');
    switch (action) {
      case 'refresh':
        return load();
      case 'sort-name':
      case 'sort-date':
        state.sort = action === 'sort-name' ? 'name' : 'date';
        state.page = 1;
        return load();
      case 'open':
        return openLightbox(li);
      case 'download':
        return download(li.dataset.assetId);
      case 'edit-tags':
        return window.DemoDam.openTagsPanel(li.getAttribute('aria-selected') === 'true' ? selectedIds() : [li.dataset.assetId]);
      default:
        // An item an extension added: it handles its own clicks.
        return undefined;
    }
  }

  // ── Selection: li.thumbnail[aria-selected="true"] is the selection, whoever set it ──

  function selectedIds() {
    return [...document.querySelectorAll('li.thumbnail[aria-selected="true"]')].map((li) => li.dataset.assetId);
  }

  function selectByClick(li, event) {
    const additive = event.ctrlKey || event.metaKey;
    if (!additive) {
      for (const other of document.querySelectorAll('li.thumbnail[aria-selected="true"]')) {
        if (other !== li) other.setAttribute('aria-selected', 'false');
      }
    }
    const selected = additive ? li.getAttribute('aria-selected') !== 'true' : true;
    li.setAttribute('aria-selected', String(selected));
  }

  // ── Open and download ───────────────────────────────────────────────────────────────

  function openLightbox(li) {
    lightbox.querySelector('.lightbox-image').src = `/assets/${encodeURIComponent(li.dataset.assetId)}/preview`;
    lightbox.querySelector('.lightbox-image').alt = li.dataset.fileName;
    lightbox.querySelector('.lightbox-caption').textContent = li.dataset.fileName;
    lightbox.showModal();
  }

  function download(assetId) {
    const link = document.createElement('a');
    link.href = `/assets/${encodeURIComponent(assetId)}/original`;
    link.download = '';
    document.body.append(link);
    link.click();
    link.remove();
  }

  // ── Delegated listeners ─────────────────────────────────────────────────────────────

  document.addEventListener('click', (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;

    const menuButton = target.closest('.menu-anchor > .menu-button');
    if (menuButton) return toggleMenu(menuButton);

    const item = target.closest('.menu-anchor > .menu [role="menuitem"]');
    if (item) {
      closeMenus();
      return runAction(item.dataset.action, item);
    }
    if (!target.closest('.menu-anchor > .menu')) closeMenus();

    const pageButton = target.closest('.pager [data-page]');
    if (pageButton) {
      state.page = Math.min(state.pageCount, Math.max(1, state.page + (pageButton.dataset.page === 'next' ? 1 : -1)));
      return load();
    }

    if (target.closest('.lightbox-close') || target === lightbox) return lightbox.close();

    // Only a click on the picture selects: checkboxes and buttons on the thumbnail keep their own meaning.
    const picture = target.closest('li.thumbnail .thumbnail-frame img');
    if (picture) selectByClick(picture.closest('li.thumbnail'), event);
  });

  document.addEventListener('dblclick', (event) => {
    const picture = event.target instanceof Element && event.target.closest('li.thumbnail .thumbnail-frame img');
    if (picture) openLightbox(picture.closest('li.thumbnail'));
  });

  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    const open = document.querySelector('.menu-anchor > .menu:not([hidden])');
    if (open) {
      closeMenus();
      open.closest('.menu-anchor').querySelector('.menu-button')?.focus();
    }
  });

  load();
})();
