/**
 * The soak's shared links, made as their owner makes them: signed in to the demo as `editor`,
 * through the owner API. A gallery, a ZIP (downloads on), a password-protected link, and a
 * collection the owner keeps editing with files from a spare set.
 */
import type { CollectionJson, CreateCollectionBody } from '../../shared/api-types.js';
import { DEFAULT_API_PREFIX } from '../../shared/constants.js';
import { login } from '../helpers/demo-server.js';
import type { SoakLinks } from './clients.js';

const SET = 24;
const LOCKED_PASSWORD = 'the one the guessers never try';

export async function createSoakLinks(baseUrl: string): Promise<SoakLinks> {
  const ownerCookie = await login(baseUrl, 'editor');
  const catalog = (await (await fetch(`${baseUrl}/api/assets?limit=200`, { headers: { cookie: ownerCookie } })).json()) as { items: { id: number }[] };
  const ids = catalog.items.map((item) => String(item.id));
  if (ids.length < 4 * SET) throw new Error(`the catalog holds ${ids.length} assets; the soak needs ${4 * SET}`);

  async function share(body: CreateCollectionBody): Promise<CollectionJson> {
    const response = await fetch(`${baseUrl}${DEFAULT_API_PREFIX}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: ownerCookie },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`creating "${body.title}" answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as CollectionJson;
  }
  const tokenOf = (collection: CollectionJson) => new URL(collection.url).pathname.split('/').pop()!;

  const title = 'Soak gallery';
  // The first samples hold the awkward file names (duplicates, Windows-unsafe, non-ASCII): the ZIP carries them.
  const zip = await share({ title: 'Soak downloads', assetIds: ids.slice(0, SET), allowDownload: true });
  const gallery = await share({ title, assetIds: ids.slice(SET, 2 * SET) });
  const locked = await share({ title: 'Soak locked', assetIds: ids.slice(0, 4), password: LOCKED_PASSWORD });
  const edited = await share({ title: 'Soak edits', assetIds: ids.slice(2 * SET, 3 * SET) });
  return {
    gallery: { token: tokenOf(gallery), title, assetIds: ids.slice(SET, 2 * SET) },
    zipToken: tokenOf(zip),
    lockedToken: tokenOf(locked),
    edited: { id: edited.id, spareIds: ids.slice(3 * SET, 4 * SET) },
    ownerCookie,
  };
}
