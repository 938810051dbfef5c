import { html } from '@remix-run/html-template';
import type { DamUser } from 'koa-shared-collections';
import { TAG_GROUPS } from '../tag-store.js';
import { page } from './page.js';

/**
 * The catalog page's shell, exactly as `demo/CATALOG-MARKUP.md` specifies (the extension
 * is written against it). `catalog.js` fills the grid and the pager, `tags-panel.js` the tag groups.
 */
export function renderCatalogPage(user: DamUser): string {
  const groupToggles = TAG_GROUPS.map(
    (group) => html`<label><input type="checkbox" data-tag-group="${group.id}" checked> ${group.label}</label>`,
  );
  return page({
    title: 'Catalog · Demo DAM',
    bodyClass: 'dam',
    // In this order (all deferred): the shared helpers, then the panel, then the page that opens it.
    scripts: ['/static/dam-api.js', '/static/tags-panel.js', '/static/catalog.js'],
    body: html`<header class="dam-header">
  <span class="dam-logo">Demo DAM</span>
  <span class="dam-user" data-user-id="${user.id}" data-role="${user.role}">${user.name} (${user.role})</span>
  <form method="post" action="/logout"><button type="submit">Sign out</button></form>
</header>
<main class="dam-main">
  <section class="thumbnail-window" aria-label="Thumbnail window">
    <div class="thumbnail-toolbar" role="toolbar" aria-label="Toolbar">
      <input type="search" class="search" aria-label="Search files" placeholder="Search files">
      <span class="toolbar-status">Loading…</span>
      <div class="toolbar-slot"></div>
      <div class="menu-anchor">
        <button type="button" class="menu-button" aria-label="More actions" aria-haspopup="menu" aria-expanded="false">⋯</button>
        <div class="menu" role="menu" hidden>
          <button type="button" role="menuitem" data-action="refresh">Refresh</button>
          <button type="button" role="menuitem" data-action="sort-name">Sort by name</button>
          <button type="button" role="menuitem" data-action="sort-date">Sort by date</button>
        </div>
      </div>
    </div>
    <ul class="thumbnail-grid" aria-label="Files"></ul>
    <nav class="pager" aria-label="Pages">
      <button type="button" data-page="prev" aria-label="Previous page">‹</button>
      <span class="pager-status"></span>
      <button type="button" data-page="next" aria-label="Next page">›</button>
    </nav>
  </section>
  <aside class="tags-panel" aria-label="Edit Tags" hidden>
    <header class="tags-panel-header">
      <h2>Edit Tags</h2>
      <span class="tags-panel-target"></span>
      <button type="button" class="tags-settings-button" aria-label="Tag settings" aria-expanded="false">⚙</button>
      <button type="button" class="tags-close-button" aria-label="Close">×</button>
    </header>
    <div class="tag-settings" role="group" aria-label="Visible tag groups" hidden>
      ${groupToggles}
    </div>
    <div class="tag-groups"></div>
  </aside>
</main>
<dialog class="lightbox" aria-label="Preview">
  <img class="lightbox-image" alt="">
  <div class="lightbox-caption"></div>
  <button type="button" class="lightbox-close" aria-label="Close preview">×</button>
</dialog>`,
  });
}
