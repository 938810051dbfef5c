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

  // The selection outlives the page: kept per link (across its pages and reloads) as id → size.
  const form = document.getElementById('selection');
  if (form) {
    const key = `shared-collections:selection:${location.pathname}`;
    const read = () => { try { return JSON.parse(localStorage.getItem(key)) || {}; } catch { return {}; } };
    let chosen = read();
    const boxes = [...document.querySelectorAll('input.select')];
    const count = form.querySelector('.selection-count');
    const save = () => {
      try { localStorage.setItem(key, JSON.stringify(chosen)); } catch { /* private mode: the selection lasts for this page */ }
    };
    const update = () => {
      const ids = Object.keys(chosen);
      const bytes = ids.reduce((sum, id) => sum + chosen[id], 0);
      count.textContent = ids.length ? `${plural(strings.selected, ids.length)} · ${formatBytes(bytes)}` : '';
      form.hidden = ids.length === 0;
      document.body.classList.toggle('selecting', ids.length > 0);
    };
    for (const box of boxes) {
      box.checked = box.value in chosen;
      box.addEventListener('change', () => {
        if (box.checked) chosen[box.value] = Number(box.dataset.size) || 0;
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

  const thumbs = items.map((item) => item.querySelector('a.thumb'));
  if (thumbs.length === 0) return;
  let viewer = null;
  let current = 0;

  function button(label, text, onClick) {
    const element = document.createElement('button');
    element.type = 'button';
    element.setAttribute('aria-label', label);
    element.textContent = text;
    element.addEventListener('click', onClick);
    return element;
  }

  function build() {
    const dialog = document.createElement('div');
    dialog.className = 'viewer';
    dialog.hidden = true;
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-modal', 'true');
    dialog.setAttribute('aria-label', strings.viewer);
    const bar = document.createElement('div');
    bar.className = 'viewer-bar';
    const caption = document.createElement('span');
    caption.className = 'viewer-caption';
    caption.setAttribute('aria-live', 'polite');
    const close = button(strings.close, '✕', hide);
    bar.append(caption, close);
    const stage = document.createElement('div');
    stage.className = 'viewer-stage';
    const image = document.createElement('img');
    stage.append(image);
    stage.addEventListener('click', (event) => { if (event.target === stage) hide(); });
    const nav = document.createElement('div');
    nav.className = 'viewer-nav';
    nav.append(button(strings.previous, '←', () => show(current - 1)), button(strings.next, '→', () => show(current + 1)));
    dialog.append(bar, stage, nav);
    document.body.append(dialog);
    return { root: dialog, caption, image, close };
  }

  function show(index) {
    current = (index + thumbs.length) % thumbs.length;
    const name = items[current].dataset.name || '';
    viewer.image.src = thumbs[current].href;
    viewer.image.alt = name;
    viewer.caption.textContent = `${name} (${fill(strings.position, { index: current + 1, count: thumbs.length })})`;
  }

  function open(index) {
    viewer = viewer || build();
    show(index);
    viewer.root.hidden = false;
    document.body.classList.add('viewing');
    viewer.close.focus();
  }

  function hide() {
    viewer.root.hidden = true;
    document.body.classList.remove('viewing');
    // Back to the thumbnail of the picture last shown, so keyboard users keep their place.
    thumbs[current].focus();
  }

  thumbs.forEach((thumb, index) => {
    thumb.addEventListener('click', (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      open(index);
    });
  });

  document.addEventListener('keydown', (event) => {
    if (!viewer || viewer.root.hidden) return;
    if (event.key === 'Escape') hide();
    else if (event.key === 'ArrowLeft') show(current - 1);
    else if (event.key === 'ArrowRight') show(current + 1);
    else if (event.key === 'Tab') trapFocus(event);
    else return;
    event.preventDefault();
  });

  // Keep Tab inside the open dialog (aria-modal alone does not move focus).
  function trapFocus(event) {
    const focusable = [...viewer.root.querySelectorAll('button')];
    const position = focusable.indexOf(document.activeElement);
    const next = event.shiftKey ? position - 1 : position + 1;
    focusable[(next + focusable.length) % focusable.length].focus();
  }
})();
