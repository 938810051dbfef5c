import Router from '@koa/router';
import { ForbiddenError, type DamHost } from 'koa-shared-collections';
import type { Registry } from 'prom-client';
import { type HostState, requireUser } from './require-user.js';

/**
 * `GET /metrics`: the process's and the plugin's metrics in Prometheus text format, for
 * administrators only (they name collection activity). A scraper signs in like a person.
 */
export function createMetricsRoutes(host: DamHost, registry: Registry): Router<HostState> {
  const router = new Router<HostState>();
  router.get('/metrics', requireUser(host, 'refuse'), async (ctx) => {
    if (ctx.state.user.role !== 'administrator') throw new ForbiddenError('Only administrators may read the metrics.');
    ctx.set('Cache-Control', 'no-store');
    ctx.type = registry.contentType;
    ctx.body = await registry.metrics();
  });
  return router;
}
