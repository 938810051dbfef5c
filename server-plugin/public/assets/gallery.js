// Progressive enhancement of the public gallery (served as a file: the CSP allows no inline
// script). Without it every thumbnail is a plain link to its preview, and forms still post.
(() => {
  'use strict';

  // Expiry in the visitor's own time zone; the server can only know UTC.
  for (const time of document.querySelectorAll('time[datetime]')) {
    const when = new Date(time.getAttribute('datetime'));
    if (!Number.isNaN(when.getTime())) time.textContent = when.toLocaleString(undefined, { dateStyle: 'long', timeStyle: 'short' });
  }

  // "Download selected" only makes sense with a selection.
  const selectionForm = document.getElementById('selection');
  if (selectionForm) {
    const button = selectionForm.querySelector('button');
    const boxes = [...document.querySelectorAll('input.select')];
    const update = () => { button.disabled = !boxes.some((box) => box.checked); };
    for (const box of boxes) box.addEventListener('change', update);
    update();
  }

  const thumbs = [...document.querySelectorAll('a.thumb')];
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
    const root = document.createElement('div');
    root.className = 'viewer';
    root.hidden = true;
    root.setAttribute('role', 'dialog');
    root.setAttribute('aria-modal', 'true');
    root.setAttribute('aria-label', 'Preview');
    const bar = document.createElement('div');
    bar.className = 'viewer-bar';
    const caption = document.createElement('span');
    caption.className = 'viewer-caption';
    caption.setAttribute('aria-live', 'polite');
    const close = button('Close', '✕', hide);
    bar.append(caption, close);
    const stage = document.createElement('div');
    stage.className = 'viewer-stage';
    const image = document.createElement('img');
    stage.append(image);
    stage.addEventListener('click', (event) => { if (event.target === stage) hide(); });
    const nav = document.createElement('div');
    nav.className = 'viewer-nav';
    nav.append(button('Previous', '←', () => show(current - 1)), button('Next', '→', () => show(current + 1)));
    root.append(bar, stage, nav);
    document.body.append(root);
    return { root, caption, image, close };
  }

  function show(index) {
    current = (index + thumbs.length) % thumbs.length;
    const thumb = thumbs[current];
    const name = thumb.dataset.name || '';
    viewer.image.src = thumb.href;
    viewer.image.alt = name;
    viewer.caption.textContent = `${name} (${current + 1} of ${thumbs.length})`;
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
