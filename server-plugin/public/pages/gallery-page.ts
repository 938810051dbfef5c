/**
 * The gallery: title, description, count, expiry, a paged thumbnail grid, and the
 * download controls when the sharer allowed downloads. Everything works as plain links and
 * forms; `gallery.js` adds the preview overlay and keyboard navigation on top.
 */
import { html, multiline, type SafeHtml } from '../html.js';
import { layout } from './layout.js';

/** Thumbnails are fitted into this square; the grid cell reserves it so nothing shifts. */
export const THUMBNAIL_BOX = 240;

export interface GalleryItem {
  id: string;
  name: string;
  width: number | null;
  height: number | null;
}

export interface GalleryView {
  /** `<prefix>/<token>`: every link of the page starts here. */
  base: string;
  assetsPath: string;
  title: string;
  description: string;
  expiresAt: Date | null;
  allowDownload: boolean;
  total: number;
  page: number;
  pageCount: number;
  items: GalleryItem[];
}

const EXPIRY_FORMAT = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

const DOWNLOAD_ICON = html`<svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><path d="M12 3v12m0 0-5-5m5 5 5-5M4 19h16" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>`;

export function renderGalleryPage(view: GalleryView): string {
  const body = html`<header class="head">
<h1>${view.title}</h1>
${view.description ? html`<p class="description">${multiline(view.description)}</p>` : ''}
<p class="meta">${countText(view)}${expiryText(view.expiresAt)}</p>
${view.allowDownload ? downloadActions(view) : ''}
</header>
<main>
${view.items.length === 0 ? html`<p class="empty">This collection is empty.</p>` : ''}
<ul class="grid">${view.items.map((item) => galleryItem(view, item))}</ul>
${pageLinks(view)}
</main>`;
  return layout({ title: view.title, assetsPath: view.assetsPath, body, script: true });
}

function countText(view: GalleryView): SafeHtml {
  const items = `${view.total} ${view.total === 1 ? 'item' : 'items'}`;
  return view.pageCount > 1 ? html`${items}, page ${view.page} of ${view.pageCount}` : html`${items}`;
}

function expiryText(expiresAt: Date | null): SafeHtml | '' {
  if (!expiresAt) return '';
  // gallery.js rewrites the text in the visitor's own time zone; UTC is the no-script fallback.
  return html` · Available until <time datetime="${expiresAt.toISOString()}">${EXPIRY_FORMAT.format(expiresAt)} UTC</time>`;
}

function downloadActions(view: GalleryView): SafeHtml {
  return html`<div class="actions">
<a class="button" href="${view.base}/download">Download all</a>
<form id="selection" method="post" action="${view.base}/download">
<button class="button" type="submit">Download selected</button>
</form>
</div>`;
}

function galleryItem(view: GalleryView, item: GalleryItem): SafeHtml {
  const asset = `${view.base}/assets/${encodeURIComponent(item.id)}`;
  const { width, height } = fitThumbnail(item);
  return html`<li class="item">
<a class="thumb" href="${asset}/preview" data-name="${item.name}"><img src="${asset}/thumbnail" alt="${item.name}" width="${width}" height="${height}" loading="lazy" decoding="async"></a>
<p class="caption"><span class="name" title="${item.name}">${item.name}</span>${
    view.allowDownload
      ? html`<a class="download" href="${asset}/original" aria-label="Download ${item.name}" title="Download ${item.name}">${DOWNLOAD_ICON}</a>`
      : ''
  }</p>
${
  view.allowDownload
    ? html`<input class="select" type="checkbox" name="assets" value="${item.id}" form="selection" aria-label="Select ${item.name}">`
    : ''
}
</li>`;
}

/** The rendition's size inside the square box, from the original's aspect ratio. */
export function fitThumbnail(item: { width: number | null; height: number | null }): { width: number; height: number } {
  if (!item.width || !item.height) return { width: THUMBNAIL_BOX, height: THUMBNAIL_BOX };
  const scale = THUMBNAIL_BOX / Math.max(item.width, item.height);
  return { width: Math.max(1, Math.round(item.width * scale)), height: Math.max(1, Math.round(item.height * scale)) };
}

function pageLinks(view: GalleryView): SafeHtml | '' {
  if (view.pageCount <= 1) return '';
  const link = (page: number, label: string | number, rel?: string) =>
    page === view.page
      ? html`<span aria-current="page">${label}</span>`
      : html`<a href="${view.base}?page=${page}"${rel ? html` rel="${rel}"` : ''}>${label}</a>`;
  const numbers = visiblePages(view.page, view.pageCount).map((page, index, pages) =>
    index > 0 && page - pages[index - 1]! > 1 ? html`<span class="gap">…</span>${link(page, page)}` : link(page, page),
  );
  return html`<nav class="pages" aria-label="Pages">
${view.page > 1 ? link(view.page - 1, 'Previous', 'prev') : ''}${numbers}${view.page < view.pageCount ? link(view.page + 1, 'Next', 'next') : ''}
</nav>`;
}

/** First, last, and two either side of the current page: a short bar even for 167 pages. */
function visiblePages(current: number, count: number): number[] {
  const pages = new Set([1, count]);
  for (let page = current - 2; page <= current + 2; page++) if (page >= 1 && page <= count) pages.add(page);
  return [...pages].sort((a, b) => a - b);
}
