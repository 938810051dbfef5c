import Router from '@koa/router';
import { ForbiddenError, NotFoundError, type DamHost, type DamUser } from 'koa-shared-collections';
import type { Asset, AssetStore } from '../asset-store.js';
import { TAG_GROUPS, type TagStore } from '../tag-store.js';
import { parseAssetIdList } from './parse-asset-id.js';
import { parseAssetListQuery } from './parse-asset-list-query.js';
import { parseTagChange } from './parse-tag-change.js';
import { parseJsonBody } from './read-body.js';
import { type HostState, requireUser } from './require-user.js';

/**
 * The catalog page's JSON API, for signed-in users:
 * `GET /api/me`, `GET /api/assets?page=&limit=&q=&sort=`, and the Edit Tags panel's
 * `GET /api/assets/tags?ids=1,2`, `POST` and `DELETE /api/assets/tags` with `{assetIds, group, name}`.
 */
export function createApiRoutes(host: DamHost, assets: AssetStore, tags: TagStore): Router<HostState> {
  const router = new Router<HostState>({ prefix: '/api' });
  router.use(requireUser(host, 'refuse'));

  router.get('/me', (ctx) => {
    ctx.body = ctx.state.user;
  });

  router.get('/assets', async (ctx) => {
    const query = parseAssetListQuery(ctx.query);
    const { items, total } = await assets.list(query);
    ctx.body = { items: items.map(toAssetJson), total, page: query.page, limit: query.limit };
  });

  async function tagsOf(ids: number[]) {
    const existing = await assets.findMany(ids);
    if (existing.length < ids.length) throw new NotFoundError('Some of these assets are no longer in the catalog.');
    const carried = await tags.forAssets(ids);
    return {
      assetIds: ids.map(String),
      groups: TAG_GROUPS.map((group) => {
        const counts = new Map<string, number>();
        for (const tag of carried) {
          if (tag.group === group.id) counts.set(tag.name, (counts.get(tag.name) ?? 0) + 1);
        }
        return { id: group.id, label: group.label, tags: [...counts].map(([name, count]) => ({ name, count })) };
      }),
    };
  }

  router.get('/assets/tags', async (ctx) => {
    ctx.body = await tagsOf(parseAssetIdList(ctx.query.ids));
  });

  router.post('/assets/tags', async (ctx) => {
    requireTagEditor(ctx.state.user);
    const change = parseTagChange(await parseJsonBody(ctx));
    await tagsOf(change.assetIds);
    await tags.add(change.assetIds, change.group, change.name);
    ctx.body = await tagsOf(change.assetIds);
  });

  router.delete('/assets/tags', async (ctx) => {
    requireTagEditor(ctx.state.user);
    const change = parseTagChange(await parseJsonBody(ctx));
    await tags.remove(change.assetIds, change.group, change.name);
    ctx.body = await tagsOf(change.assetIds);
  });

  return router;
}

function requireTagEditor(user: DamUser): void {
  if (user.role !== 'administrator' && user.role !== 'editor') {
    throw new ForbiddenError('Only editors and administrators may change tags.');
  }
}

function toAssetJson(asset: Asset) {
  const id = String(asset.id);
  return {
    id,
    filename: asset.filename,
    mime: asset.mime,
    size: asset.size,
    width: asset.width,
    height: asset.height,
    modifiedAt: asset.modifiedAt.toISOString(),
    thumbnailUrl: `/assets/${id}/thumbnail`,
  };
}
