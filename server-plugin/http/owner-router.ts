/**
 * The owner API (DESIGN.md, "HTTP contract"), mounted under `apiPrefix`. Everything
 * under the prefix, unknown paths included, answers JSON through the one error
 * middleware; the routes only parse input, call the service and shape the answer.
 */
import type { Operations } from '../operations.js';
import Router from '@koa/router';
import type { Context, Middleware, Next } from 'koa';
import compose from 'koa-compose';
import type { CollectionListJson, MembershipsJson, SessionJson, UpdateAssetsResultJson } from '../../shared/api-types.js';
import { NotFoundError, UnauthenticatedError } from '../../shared/errors.js';
import { parseAssetIdQuery, parseCreateCollection, parsePage, parseUpdateAssets, parseUpdateCollection } from '../../shared/validation.js';
import { type LinkContext, type ManagedCollection, toCollectionJson } from '../collection-json.js';
import type { CollectionService } from '../collection-service.js';
import type { DamHost, DamUser } from '../dam-host.js';
import type { ResolvedOptions } from '../options.js';
import { permissionsOf } from '../permissions.js';
import type { CollectionRef } from '../store/types.js';
import { createCrossSiteGuard } from './cross-site-guard.js';
import { createErrorMiddleware } from './error-middleware.js';
import { readJsonBody } from './json-body.js';
import { createRequestDeadline } from './request-deadline.js';
import { requestOrigin } from './request-origin.js';

export interface OwnerRouterDeps {
  options: Pick<ResolvedOptions, 'apiPrefix' | 'publicPrefix' | 'publicBaseUrl' | 'now' | 'logger' | 'requestTimeoutSeconds'>;
  host: DamHost;
  service: CollectionService;
  operations: Operations;
}

interface OwnerState {
  user: DamUser;
}

/** Collection ids are positive 32-bit integers; anything else cannot exist (404, not a 500 from the database). */
function parseId(ctx: Context): number {
  const raw = (ctx.params as Record<string, string | undefined>).id ?? '';
  const id = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(id <= 2_147_483_647)) throw new NotFoundError('No such shared collection.');
  return id;
}

/** One middleware answering every path under `apiPrefix`; other paths pass through to the host. */
export function createOwnerRouter(deps: OwnerRouterDeps): Middleware {
  const { options, host, service } = deps;
  const { apiPrefix } = options;
  const router = new Router<OwnerState>({ prefix: apiPrefix });
  const userOf = (ctx: Context) => (ctx.state as OwnerState).user;
  const link = (ctx: Context): LinkContext => ({
    origin: options.publicBaseUrl ?? requestOrigin(ctx),
    publicPrefix: options.publicPrefix,
    now: options.now(),
  });
  const json = (ctx: Context, managed: ManagedCollection) => toCollectionJson(managed, link(ctx));

  router.get('/session', (ctx) => {
    const user = userOf(ctx);
    const body: SessionJson = { user: { id: user.id, name: user.name, role: user.role }, permissions: permissionsOf(user) };
    ctx.body = body;
  });

  router.get('/', async (ctx) => {
    const body: CollectionListJson = { items: (await service.list(userOf(ctx))).map((managed) => json(ctx, managed)) };
    ctx.body = body;
  });

  router.post('/', async (ctx) => {
    const input = parseCreateCollection(await readJsonBody(ctx), options.now());
    const created = await service.create(userOf(ctx), input);
    ctx.status = 201;
    ctx.set('Location', `${apiPrefix}/${created.collection.id}`);
    ctx.body = json(ctx, created);
  });

  // Before '/:id', which would otherwise take "memberships" as an id.
  router.get('/memberships', async (ctx) => {
    const assetIds = parseAssetIdQuery('assetIds', ctx.query.assetIds);
    const memberships = await service.memberships(userOf(ctx), { assetIds });
    ctx.type = 'json';
    ctx.body = membershipsJson(memberships);
  });

  router.get('/:id', async (ctx) => {
    const id = parseId(ctx);
    const { assets, ...managed } = await service.get(userOf(ctx), { id, page: parsePage(ctx.query) });
    ctx.body = { ...json(ctx, managed), assets };
  });

  router.patch('/:id', async (ctx) => {
    const id = parseId(ctx);
    const changes = parseUpdateCollection(await readJsonBody(ctx), options.now());
    ctx.body = json(ctx, await service.update(userOf(ctx), { id, changes }));
  });

  router.delete('/:id', async (ctx) => {
    await service.delete(userOf(ctx), { id: parseId(ctx) });
    ctx.status = 204;
  });

  router.patch('/:id/assets', async (ctx) => {
    const id = parseId(ctx);
    const change = parseUpdateAssets(await readJsonBody(ctx));
    const { collection, ...result } = await service.updateAssets(userOf(ctx), { id, change });
    const body: UpdateAssetsResultJson = { ...result, collection: json(ctx, collection) };
    ctx.body = body;
  });

  const errors = createErrorMiddleware(options.logger, deps.operations);
  const deadline = createRequestDeadline({ timeoutMs: options.requestTimeoutSeconds * 1000, logger: options.logger, pathForLog: (ctx) => ctx.path });
  const crossSiteGuard = createCrossSiteGuard(options.publicBaseUrl);
  const routes = router.routes() as unknown as Middleware;
  const signedIn: Middleware = async (ctx, next) => {
    const user = await host.currentUser(ctx);
    if (!user) throw new UnauthenticatedError();
    (ctx.state as OwnerState).user = user;
    await next();
  };
  const chain = compose([errors, deadline, crossSiteGuard, signedIn, routes]);
  // What follows the routes: a path under the prefix that no route takes is this API's 404, not the host's.
  const noRoute = async () => {
    throw new NotFoundError('No such API route.');
  };

  return async function sharedCollectionsOwnerApi(ctx: Context, next: Next) {
    if (ctx.path !== apiPrefix && !ctx.path.startsWith(`${apiPrefix}/`)) return next();
    // Answers depend on the signed-in user: no shared cache may keep them.
    ctx.set('Cache-Control', 'no-store');
    await chain(ctx, noRoute);
  };
}

/**
 * The `MembershipsJson` answer, written out here because it repeats a few lists for many
 * assets (a page of one collection is 1,000 copies of one list): each list the store shares
 * is serialized once, and the answer for 1,000 ids costs less than half of `JSON.stringify`
 * of the whole. owner-api.test.ts reads it back as `MembershipsJson`.
 */
function membershipsJson(memberships: ReadonlyMap<string, readonly CollectionRef[]>): string {
  const lists = new Map<readonly CollectionRef[], string>();
  const entries = [...memberships].map(([assetId, list]) => {
    let json = lists.get(list);
    if (json === undefined) {
      json = JSON.stringify(list.map(({ id, title }): MembershipsJson['memberships'][string][number] => ({ id, title })));
      lists.set(list, json);
    }
    // Validated against ASSET_ID_PATTERN (letters, digits, '_' and '-'): nothing to escape.
    return `"${assetId}":${json}`;
  });
  return `{"memberships":{${entries.join(',')}}}`;
}
