import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Router from '@koa/router';
import type { DamHost } from 'koa-shared-collections';
import { renderCatalogPage } from './catalog-page.js';
import { type HostState, requireUser } from './require-user.js';

const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));

/** The only files `/static/` serves; a fixed list leaves no path to traverse. */
const STATIC_FILES: Readonly<Record<string, string>> = {
  'dam-api.js': 'text/javascript; charset=utf-8',
  'catalog.js': 'text/javascript; charset=utf-8',
  'tags-panel.js': 'text/javascript; charset=utf-8',
  'catalog.css': 'text/css; charset=utf-8',
};

/** `GET /` (the catalog, signed in) and `GET /static/:file` (its script and styles, public). */
export function createPageRoutes(host: DamHost): Router<HostState> {
  const router = new Router<HostState>();

  router.get('/', requireUser(host, 'redirect'), (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = renderCatalogPage(ctx.state.user);
  });

  router.get('/static/:file', async (ctx) => {
    const file = ctx.params.file ?? '';
    const type = Object.hasOwn(STATIC_FILES, file) ? STATIC_FILES[file] : undefined;
    if (!type) return;
    ctx.type = type;
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = await readFile(path.join(PUBLIC_DIR, file));
  });

  return router;
}
