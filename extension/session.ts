/**
 * The signed-in user's role and permissions, fetched once per page: features ask it whether
 * to offer create and manage actions at all (viewers and guests see none).
 */
import type { SessionJson } from '../shared/api-types.js';
import { api } from './api.js';

/** The longest the request waits for the page to be idle. */
const IDLE_TIMEOUT_MILLISECONDS = 1000;

let session: Promise<SessionJson> | undefined;

/**
 * Rejects with an `ApiError` (401 when signed out); callers decide how loudly to say so.
 * The request waits until the page is idle: nothing needs the answer while the host renders
 * its grid, and a content script's first request holds the page's main thread for milliseconds.
 */
export function getSession(): Promise<SessionJson> {
  session ??= new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: IDLE_TIMEOUT_MILLISECONDS })).then(() => api.session());
  return session;
}

export async function canShare(): Promise<boolean> {
  try {
    return (await getSession()).permissions.create;
  } catch {
    return false;
  }
}
