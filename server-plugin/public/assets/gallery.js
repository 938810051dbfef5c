// Progressive enhancement of the public gallery (served as a file: the CSP allows no inline
// script). Without it every thumbnail is a plain link to its preview, the rows keep their
// approximate proportions, and the selection form posts this page's checkboxes.
(() => {
  'use strict';

  const root = document.documentElement;
  root.classList.add('js');
  const locale = root.lang || 'en';
  const strings = JSON.parse(document.body.dataset.strings || '{}');
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (field, key) => (key in values ? values[key] : field));
  const plural = (forms, n) => fill(forms[new Intl.PluralRules(locale).select(n)] || forms.other, { n: n.toLocaleString(locale) });
  const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'];
  // As the server's formatBytes: decimal units, one decimal at most.
  function formatBytes(bytes) {
    let unit = 0;
    while (bytes >= 1000 && unit < UNITS.length - 1) { bytes /= 1000; unit += 1; }
    return new Intl.NumberFormat(locale, { style: 'unit', unit: UNITS[unit], unitDisplay: 'short', maximumFractionDigits: unit ? 1 : 0 }).format(bytes);
  }

  // The exact aspect ratio (CSSOM is allowed by the CSP; the server's classes are 4.4% steps).
  const items = [...document.querySelectorAll('li.item')];
  for (const item of items) {
    const ratio = Number(item.dataset.width) / Number(item.dataset.height);
    if (ratio > 0) item.style.setProperty('--r', String(ratio));
  }

  // Expiry in the reader's own time zone; the server can only know UTC.
  for (const time of document.querySelectorAll('time[datetime]')) {
    const when = new Date(time.getAttribute('datetime'));
    if (!Number.isNaN(when.getTime())) time.textContent = when.toLocaleString(locale, { dateStyle: 'long', timeStyle: 'short' });
  }

  // Save: the Web Share API with files where the browser has it (on a phone the file lands in
  // the photo library), else nothing here and the caller downloads. Files are fetched first.
  const canShare = typeof navigator.canShare === 'function';
  async function share(files) {
    try {
      const loaded = await Promise.all(files.map(async ({ url, name }) => {
        const response = await fetch(url);
        if (!response.ok) throw new Error(response.statusText);
        const blob = await response.blob();
        return new File([blob], name, { type: blob.type });
      }));
      if (!navigator.canShare({ files: loaded })) return false;
      await navigator.share({ files: loaded });
      return true;
    } catch (error) {
      // The reader closed the share sheet: that was their answer, not a failure.
      return error.name === 'AbortError';
    }
  }
  /** Small enough to hand to the share sheet in one go. */
  const SHARE_FILES = 10;
  const SHARE_BYTES = 100e6;

  // The selection outlives the page: kept per link (across its pages and reloads) as id → [size, name].
  const form = document.getElementById('selection');
  if (form) {
    const key = `shared-collections:selection:${location.pathname}`;
    const read = () => { try { return JSON.parse(localStorage.getItem(key)) || {}; } catch { return {}; } };
    let chosen = read();
    const boxes = [...document.querySelectorAll('input.select')];
    const count = form.querySelector('.selection-count');
    const saveSelected = canShare && Object.assign(document.createElement('button'), { type: 'button', className: 'button', textContent: strings.save });
    if (saveSelected) {
      form.querySelector('[type=submit]').after(saveSelected);
      saveSelected.addEventListener('click', async () => {
        const files = Object.keys(chosen).map((id) => ({ url: `${location.pathname}/assets/${encodeURIComponent(id)}/original`, name: chosen[id][1] }));
        if (!(await share(files))) form.requestSubmit();
      });
    }
    const save = () => {
      try { localStorage.setItem(key, JSON.stringify(chosen)); } catch { /* private mode: the selection lasts for this page */ }
    };
    const update = () => {
      const ids = Object.keys(chosen);
      const bytes = ids.reduce((sum, id) => sum + chosen[id][0], 0);
      count.textContent = ids.length ? `${plural(strings.selected, ids.length)} · ${formatBytes(bytes)}` : '';
      form.hidden = ids.length === 0;
      if (saveSelected) saveSelected.hidden = ids.length > SHARE_FILES || bytes > SHARE_BYTES;
      document.body.classList.toggle('selecting', ids.length > 0);
    };
    for (const box of boxes) {
      box.checked = box.value in chosen;
      box.addEventListener('change', () => {
        if (box.checked) chosen[box.value] = [Number(box.dataset.size) || 0, box.closest('li').dataset.name];
        else delete chosen[box.value];
        save();
        update();
      });
    }
    // Another tab of the same link changed the selection.
    addEventListener('storage', (event) => {
      if (event.key !== key) return;
      chosen = read();
      for (const box of boxes) box.checked = box.value in chosen;
      update();
    });
    form.addEventListener('reset', () => {
      chosen = {};
      save();
      update();
    });
    // Files chosen on other pages travel as hidden fields beside this page's checkboxes.
    form.addEventListener('submit', () => {
      for (const old of form.querySelectorAll('input[type=hidden]')) old.remove();
      const here = new Set(boxes.map((box) => box.value));
      for (const id of Object.keys(chosen)) {
        if (here.has(id)) continue;
        const field = document.createElement('input');
        field.type = 'hidden';
        field.name = 'assets';
        field.value = id;
        form.append(field);
      }
    });
    update();
  }

  const grid = document.querySelector('.grid');
  if (grid) viewer(grid);

  // The viewer: one item at a time, across the link's pages (read from data.json as needed),
  // its URL in the address bar (#view=<id>) so a reload or a shared URL reopens it.
  function viewer(grid) {
    const pageSize = Number(grid.dataset.pageSize);
    const total = Number(grid.dataset.total);
    const domPage = Number(grid.dataset.page);
    const pages = new Map();
    pages.set(domPage, items.map((item) => {
      const { id, name, size, type, preview, video } = item.dataset;
      const download = item.querySelector('a.download');
      return { id, name, size: Number(size), type, preview, video, original: download && download.href };
    }));
    const loading = new Map();
    function loadPage(page) {
      if (!loading.has(page)) {
        loading.set(page, fetch(`${location.pathname}/data.json?page=${page}&limit=${pageSize}`)
          .then((response) => (response.ok ? response.json() : { assets: [] }))
          .then((data) => pages.set(page, data.assets.map((asset) => ({
            id: asset.id, name: asset.name, size: asset.size, type: typeLabel(asset), preview: asset.previewUrl, video: asset.videoUrl, original: asset.downloadUrl,
          }))))
          .catch(() => loading.delete(page)));
      }
      return loading.get(page);
    }
    // As the server's typeLabel: the name's extension, else the MIME subtype.
    const typeLabel = (asset) => ((/\.([A-Za-z0-9]{1,5})$/.exec(asset.name) || [])[1] || asset.mime.split('/')[1].split(/[;+.-]/)[0]).toUpperCase();
    const pageOf = (index) => Math.floor(index / pageSize) + 1;
    const itemAt = (index) => (pages.get(pageOf(index)) || [])[index % pageSize];
    async function ensure(index) {
      if (index >= 0 && index < total && !pages.has(pageOf(index))) await loadPage(pageOf(index));
      return itemAt(index);
    }

    const el = (tag, props, ...children) => {
      const element = Object.assign(document.createElement(tag), props);
      element.append(...children);
      return element;
    };
    const button = (label, text, onClick) => {
      const element = el('button', { type: 'button', textContent: text, className: 'button' });
      element.setAttribute('aria-label', label);
      element.addEventListener('click', onClick);
      return element;
    };
    const name = el('span', { className: 'viewer-name', id: 'viewer-name' });
    const position = el('span', { className: 'viewer-position' });
    const download = el('a', { className: 'button viewer-download', textContent: strings.download });
    download.setAttribute('download', '');
    const save = button(strings.save, strings.save, async () => {
      const item = itemAt(current);
      if (!(await share([{ url: item.original, name: item.name }]))) download.click();
    });
    save.hidden = true;
    const close = button(strings.close, '✕', hide);
    const image = el('img', { className: 'viewer-image', draggable: false });
    const video = el('video', { className: 'viewer-video', controls: true, playsInline: true, preload: 'metadata' });
    const tile = el('p', { className: 'viewer-tile' });
    const stage = el('div', { className: 'viewer-stage' }, image, video, tile);
    const previous = button(strings.previous, '←', () => go(current - 1, -1));
    const next = button(strings.next, '→', () => go(current + 1, 1));
    const dialog = el('div', { className: 'viewer', hidden: true },
      el('div', { className: 'viewer-bar' }, el('p', { className: 'viewer-caption' }, name, position), save, download, close),
      stage,
      el('div', { className: 'viewer-nav' }, previous, next));
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-modal', 'true');
    dialog.setAttribute('aria-labelledby', 'viewer-name');
    document.body.append(dialog);

    let current = -1;
    let opener = null;
    let shown = 0;
    async function go(index, direction) {
      if (index < 0 || index >= total) return;
      const ticket = ++shown;
      let item = await ensure(index);
      // A file removed from the catalog leaves a gap in its page: step over it.
      while (!item && index + direction >= 0 && index + direction < total) item = await ensure((index += direction));
      if (!item || ticket !== shown) return;
      current = index;
      zoom.reset();
      present(item);
      name.textContent = item.name;
      position.textContent = fill(strings.position, { index: (index + 1).toLocaleString(locale), count: total.toLocaleString(locale) });
      download.hidden = !item.original;
      save.hidden = !item.original || !canShare;
      if (item.original) {
        download.href = item.original;
        download.setAttribute('aria-label', fill(strings.downloadFile, { name: item.name }));
      }
      previous.disabled = index === 0;
      next.disabled = index === total - 1;
      history.replaceState(null, '', `?page=${pageOf(index)}#view=${encodeURIComponent(item.id)}`);
      // The neighbours' previews load now, so stepping on shows them at once.
      for (const near of [index - 1, index + 1]) ensure(near).then((neighbour) => { if (neighbour && neighbour.preview) new Image().src = neighbour.preview; });
    }

    // A picture, a playing video (its preview as the poster), or for a file without either its type, name and size.
    function present(item) {
      video.pause();
      image.hidden = !item.preview || Boolean(item.video);
      video.hidden = !item.video;
      tile.hidden = Boolean(item.preview);
      if (item.video) {
        video.poster = item.preview || '';
        video.src = item.video;
        video.setAttribute('aria-label', item.name);
      } else {
        video.removeAttribute('src');
        video.load();
      }
      if (!image.hidden) {
        image.src = item.preview;
        image.alt = item.name;
      }
      if (!tile.hidden) tile.replaceChildren(el('span', { className: 'type', textContent: item.type }), el('span', { textContent: item.name }), el('span', { textContent: formatBytes(item.size) }));
    }

    function open(index) {
      opener = document.activeElement;
      dialog.hidden = false;
      document.body.classList.add('viewing');
      go(index, 1);
      close.focus();
    }

    function hide() {
      dialog.hidden = true;
      document.body.classList.remove('viewing');
      image.removeAttribute('src');
      video.pause();
      history.replaceState(null, '', domPage > 1 ? `?page=${domPage}` : location.pathname);
      // Back to the thumbnail of the item last shown when it is on this page, else where the viewer was opened.
      const last = itemAt(current);
      const here = last && pageOf(current) === domPage && items.find((item) => item.dataset.id === last.id);
      const target = here ? here.querySelector('a.thumb') || here.querySelector('input') : opener;
      if (target && target.focus) target.focus();
    }

    items.forEach((item, index) => {
      item.querySelector('.thumb').addEventListener('click', (event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        open((domPage - 1) * pageSize + index);
      });
    });

    const KEYS = { ArrowLeft: () => go(current - 1, -1), ArrowRight: () => go(current + 1, 1), Home: () => go(0, 1), End: () => go(total - 1, -1), Escape: hide };
    document.addEventListener('keydown', (event) => {
      if (dialog.hidden) return;
      if (event.key === 'Tab') trapFocus(event);
      else if (KEYS[event.key]) KEYS[event.key]();
      else return;
      event.preventDefault();
    });

    // Keep Tab inside the open dialog (aria-modal alone does not move focus).
    function trapFocus(event) {
      const focusable = [...dialog.querySelectorAll('button:not([disabled]), a[href]:not([hidden])')];
      const position = focusable.indexOf(document.activeElement);
      const step = event.shiftKey ? position - 1 : position + 1;
      focusable[(step + focusable.length) % focusable.length].focus();
    }

    // Touch: one finger swipes to the neighbours (or pans a zoomed picture), two pinch-zoom.
    const zoom = (() => {
      const pointers = new Map();
      let scale = 1, x = 0, y = 0, start = null;
      const apply = () => { image.style.transform = scale === 1 ? '' : `translate(${x}px, ${y}px) scale(${scale})`; };
      const spread = () => { const [a, b] = [...pointers.values()]; return Math.hypot(a.x - b.x, a.y - b.y); };
      stage.addEventListener('pointerdown', (event) => {
        pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
        start = { scale, x, y, spread: pointers.size === 2 ? spread() : 0, px: event.clientX, py: event.clientY };
      });
      stage.addEventListener('pointermove', (event) => {
        if (!pointers.has(event.pointerId) || !start) return;
        pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
        if (pointers.size === 2 && start.spread) scale = Math.min(5, Math.max(1, start.scale * (spread() / start.spread)));
        else if (scale > 1) { x = start.x + event.clientX - start.px; y = start.y + event.clientY - start.py; }
        apply();
      });
      const end = (event) => {
        if (!pointers.delete(event.pointerId)) return;
        const dx = event.clientX - start.px;
        const dy = event.clientY - start.py;
        if (pointers.size === 0 && scale === 1 && Math.abs(dx) > 50 && Math.abs(dx) > Math.abs(dy)) go(current + (dx < 0 ? 1 : -1), dx < 0 ? 1 : -1);
        else if (pointers.size === 0 && scale === 1 && event.target === stage && Math.abs(dx) < 10 && Math.abs(dy) < 10) hide();
        start = pointers.size ? { scale, x, y, spread: 0, px: event.clientX, py: event.clientY } : null;
        if (scale === 1) { x = 0; y = 0; apply(); }
      };
      stage.addEventListener('pointerup', end);
      stage.addEventListener('pointercancel', end);
      image.addEventListener('dblclick', () => { scale = scale === 1 ? 2 : 1; x = 0; y = 0; apply(); });
      return { reset() { pointers.clear(); scale = 1; x = 0; y = 0; start = null; apply(); } };
    })();

    // A reload or a shared URL with #view=<id> reopens that item.
    const wanted = decodeURIComponent((location.hash.match(/^#view=(.+)$/) || [])[1] || '');
    const at = items.findIndex((item) => item.dataset.id === wanted);
    if (at >= 0) open((domPage - 1) * pageSize + at);
  }
})();
