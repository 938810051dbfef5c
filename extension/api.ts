/**
 * The plugin's owner API, called same-origin from the content script so the page's session
 * cookie authenticates it. Every failure becomes an `ApiError` carrying the server's code,
 * message and field issues, so callers can show it next to the right control.
 */
import type {
  CollectionDetailJson,
  CollectionJson,
  CollectionListJson,
  CreateCollectionBody,
  ErrorJson,
  MembershipsJson,
  SessionJson,
  UpdateAssetsBody,
  UpdateAssetsResultJson,
  UpdateCollectionBody,
} from '../shared/api-types.js';
import type { FieldIssue } from '../shared/errors.js';
import { apiPrefix } from './host-profile.js';
import { formatNumber, t } from './i18n.js';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
  }
}

/** Checks `name` too: `instanceof` fails when an error crosses realms. */
export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError || (error instanceof Error && error.name === 'ApiError' && 'status' in error);
}

/** Firefox runs content-script `fetch` as the extension; `content.fetch` runs it as the page. */
const pageFetch: typeof fetch = (globalThis as { content?: { fetch?: typeof fetch } }).content?.fetch ?? fetch.bind(globalThis);

/**
 * Long enough for a slow server working on a large collection, short enough that one that
 * stops answering ends in a message instead of a dialog busy for good.
 */
export const REQUEST_TIMEOUT_MILLISECONDS = 30_000;

const timedOut = () =>
  new ApiError(0, 'timeout', t('errorTimeout', formatNumber(REQUEST_TIMEOUT_MILLISECONDS / 1000)));

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  // The server refuses state changes without a JSON content type (its CSRF defence).
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  // The signal ends the body's reading too: a server that stalls after its headers times out as well.
  const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MILLISECONDS);
  let response: Response;
  try {
    response = await pageFetch(`${apiPrefix}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
      signal,
    });
  } catch {
    throw signal.aborted ? timedOut() : new ApiError(0, 'unavailable', t('errorUnreachable'));
  }
  const json: unknown = response.status === 204 ? undefined : await response.json().catch(() => {
    if (signal.aborted) throw timedOut();
  });
  if (!response.ok) {
    const error = (json as Partial<ErrorJson> | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? 'unknown', error?.message ?? t('errorStatus', String(response.status)), error?.issues ?? []);
  }
  return json as T;
}

const id = (collectionId: number) => `/${encodeURIComponent(String(collectionId))}`;

export const api = {
  session: () => request<SessionJson>('GET', '/session'),
  list: async () => (await request<CollectionListJson>('GET', '')).items,
  create: (body: CreateCollectionBody) => request<CollectionJson>('POST', '', body),
  get: (collectionId: number, page = 1, limit = 100) =>
    request<CollectionDetailJson>('GET', `${id(collectionId)}?page=${page}&limit=${limit}`),
  update: (collectionId: number, body: UpdateCollectionBody) => request<CollectionJson>('PATCH', id(collectionId), body),
  remove: (collectionId: number) => request<void>('DELETE', id(collectionId)),
  updateAssets: (collectionId: number, body: UpdateAssetsBody) =>
    request<UpdateAssetsResultJson>('PATCH', `${id(collectionId)}/assets`, body),
  memberships: (assetIds: readonly string[]) =>
    request<MembershipsJson>('GET', `/memberships?assetIds=${assetIds.map(encodeURIComponent).join(',')}`),
};
