/**
 * The gallery: title, who shared it, the description (its web addresses linked), count,
 * size and expiry, rows of thumbnails that keep each picture's aspect ratio, page links, and
 * when the sharer allowed downloads, `Download all (size)`, a checkbox and a download link
 * per file, and the selection bar. Everything works as plain links and forms; `gallery.js`
 * adds the viewer, the exact row layout and a selection that outlives the page on top.
 *
 * Rows without script: each item carries its aspect ratio as a class (`r-16`..`r16`, steps
 * of 2^(1/8)), which gallery.css turns into flex sizes, so a picture is cropped by 4.4% at
 * most; gallery.js then sets the exact ratio.
 */
import { html, multiline, type SafeHtml } from '../html.js';
import { formatBytes, formatUtc, timeLeft } from '../locale-format.js';
import { fill, plural, type Locale, type PublicStrings } from '../public-strings.js';
import { layout } from './layout.js';

export interface GalleryItem {
  id: string;
  name: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  /** False: the host has no picture of it (a type tile is shown). */
  hasPreview?: boolean;
  /** True: a video the host has a playable rendition of. */
  playable?: boolean;
}

export interface GalleryView {
  /** `<prefix>/<token>`: every link of the page starts here. */
  base: string;
  assetsPath: string;
  locale: Locale;
  strings: PublicStrings;
  title: string;
  description: string;
  /** The sharer's display name, or null when the host hides it. */
  ownerName: string | null;
  expiresAt: Date | null;
  now: Date;
  allowDownload: boolean;
  /** Files still in the catalog, and their total size. */
  files: number;
  bytes: number;
  page: number;
  pageCount: number;
  pageSize: number;
  /** The collection's rows (removed files included): what pages and the viewer's positions count. */
  total: number;
  items: GalleryItem[];
}

const DOWNLOAD_ICON = html`<svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20"><path d="M12 3v12m0 0-5-5m5 5 5-5M4 19h16" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>`;

export function renderGalleryPage(view: GalleryView): string {
  const { strings } = view;
  const body = html`<header class="head">
<h1>${view.title}</h1>
${view.ownerName ? html`<p class="owner">${fill(strings.sharedBy, { name: view.ownerName })}</p>` : ''}
${view.description ? html`<p class="description">${multiline(view.description, { links: true })}</p>` : ''}
<p class="meta">${metaText(view)}</p>
${view.allowDownload && view.files > 0 ? html`<p class="actions"><a class="button" href="${view.base}/download">${fill(strings.downloadAll, { size: formatBytes(view.bytes, view.locale) })}</a></p>` : ''}
</header>
<main>
${view.items.length === 0 ? html`<p class="empty">${strings.empty}</p>` : html`<ul class="grid" data-page="${view.page}" data-page-size="${view.pageSize}" data-total="${view.total}">${view.items.map((item) => galleryItem(view, item))}</ul>`}
${pageLinks(view)}
</main>
${view.allowDownload ? selectionBar(view) : ''}`;
  return layout({ title: view.title, assetsPath: view.assetsPath, locale: view.locale, body, script: strings.script });
}

function metaText(view: GalleryView): SafeHtml {
  const { strings, locale } = view;
  const parts: SafeHtml[] = [html`<span>${plural(locale, strings.files, view.files)} · ${formatBytes(view.bytes, locale)}</span>`];
  if (view.pageCount > 1) parts.push(html`<span>${fill(strings.pageOf, { page: view.page, count: view.pageCount })}</span>`);
  if (view.expiresAt) {
    // gallery.js rewrites the date in the reader's own time zone; UTC is the no-script fallback.
    const [before, after] = strings.until.split('{date}');
    const time = html`<time datetime="${view.expiresAt.toISOString()}">${formatUtc(view.expiresAt, locale)}</time>`;
    parts.push(html`<span class="expiry">${timeLeft(view.expiresAt, view.now, locale, strings)} (${before}${time}${after})</span>`);
  }
  return html`${parts.map((part, index) => (index === 0 ? part : html` · ${part}`))}`;
}

function galleryItem(view: GalleryView, item: GalleryItem): SafeHtml {
  const asset = `${view.base}/assets/${encodeURIComponent(item.id)}`;
  const { width, height } = thumbnailSize(item);
  const pictured = item.hasPreview !== false;
  const type = typeLabel(item);
  const tools = view.allowDownload
    ? html`<input class="select" type="checkbox" name="assets" value="${item.id}" form="selection" data-size="${item.size}" aria-label="${fill(view.strings.select, { name: item.name })}">
<a class="download" href="${asset}/original" download aria-label="${fill(view.strings.download, { name: item.name })}" title="${fill(view.strings.download, { name: item.name })}">${DOWNLOAD_ICON}</a>`
    : '';
  return html`<li class="item r${ratioStep(item)}" data-id="${item.id}" data-name="${item.name}" data-size="${item.size}" data-mime="${item.mime}" data-type="${type}" data-width="${width}" data-height="${height}"${
    pictured ? html` data-preview="${asset}/preview"` : ''
  }${item.playable ? html` data-video="${asset}/video"` : ''}>
${pictured ? picture(asset, item, type, width, height) : tile(view, asset, item, type)}
${tools}
</li>`;
}

/** The thumbnail; a video or a document also shows its type, so nobody mistakes it for a photo. */
function picture(asset: string, item: GalleryItem, type: string, width: number, height: number): SafeHtml {
  const kind = item.mime.startsWith('video/') ? 'video' : item.mime.startsWith('image/') ? '' : 'document';
  return html`<a class="thumb" href="${asset}/preview"><img src="${asset}/thumbnail" alt="${item.name}" width="${width}" height="${height}" loading="lazy" decoding="async">${
    kind ? html`<span class="badge ${kind}">${type}</span>` : ''
  }</a>`;
}

/** A file the host has no picture of: its type, name and size, never a broken image. */
function tile(view: GalleryView, asset: string, item: GalleryItem, type: string): SafeHtml {
  const inside = html`<span class="type">${type}</span><span class="tile-name">${item.name}</span><span class="tile-size">${formatBytes(item.size, view.locale)}</span>`;
  return view.allowDownload ? html`<a class="thumb tile" href="${asset}/original" download>${inside}</a>` : html`<span class="thumb tile">${inside}</span>`;
}

/** `PDF`, `MP4`, `ZIP`: the name's extension, else the MIME subtype, in capitals. */
export function typeLabel(item: { name: string; mime: string }): string {
  const extension = /\.([A-Za-z0-9]{1,5})$/.exec(item.name)?.[1];
  const subtype = item.mime.split('/')[1]?.split(/[;+.-]/)[0];
  return (extension ?? subtype ?? 'file').toUpperCase();
}

/** The aspect ratio's step, a whole number: 8 steps per doubling, from 1:4 (-16) to 4:1 (16). */
export function ratioStep(item: { width: number | null; height: number | null }): number {
  if (!item.width || !item.height) return 0;
  const step = Math.round(Math.log2(item.width / item.height) * 8);
  return Math.max(-16, Math.min(16, step));
}

/** The original's proportions scaled to the thumbnail's 480 px box (its width and height attributes). */
export function thumbnailSize(item: { width: number | null; height: number | null }): { width: number; height: number } {
  const box = 480;
  if (!item.width || !item.height) return { width: box, height: box };
  const scale = box / Math.max(item.width, item.height);
  return { width: Math.max(1, Math.round(item.width * scale)), height: Math.max(1, Math.round(item.height * scale)) };
}

/** Without script it is a form of this page's checkboxes; gallery.js adds the files chosen on other pages. */
function selectionBar(view: GalleryView): SafeHtml {
  return html`<form id="selection" class="selection-bar" method="post" action="${view.base}/download">
<p class="selection-count" aria-live="polite"></p>
<button class="button" type="submit">${view.strings.downloadSelected}</button>
<button class="button secondary" type="reset">${view.strings.clear}</button>
</form>`;
}

function pageLinks(view: GalleryView): SafeHtml | '' {
  if (view.pageCount <= 1) return '';
  const { strings } = view;
  const link = (page: number, label: string | number, rel?: string) =>
    page === view.page
      ? html`<span aria-current="page">${label}</span>`
      : html`<a href="${view.base}?page=${page}"${rel ? html` rel="${rel}"` : ''}>${label}</a>`;
  const numbers = visiblePages(view.page, view.pageCount).map((page, index, pages) =>
    index > 0 && page - pages[index - 1]! > 1 ? html`<span class="gap">…</span>${link(page, page)}` : link(page, page),
  );
  return html`<nav class="pages" aria-label="${strings.pages}">
${view.page > 1 ? link(view.page - 1, strings.previous, 'prev') : ''}${numbers}${view.page < view.pageCount ? link(view.page + 1, strings.next, 'next') : ''}
</nav>`;
}

/** First, last, and two either side of the current page: a short bar even for 1,667 pages. */
function visiblePages(current: number, count: number): number[] {
  const pages = new Set([1, count]);
  for (let page = current - 2; page <= current + 2; page++) if (page >= 1 && page <= count) pages.add(page);
  return [...pages].sort((a, b) => a - b);
}
