/**
 * The signed-in user's role and permissions: features ask whether to offer create and manage
 * actions at all (viewers and guests see none). The session is fetched once per page, when
 * something first needs it.
 */
import type { SessionJson } from '../shared/api-types.js';
import { permissionsOfRole } from '../shared/permissions.js';
import { api } from './api.js';
import { readUserRole, selectors } from './host-profile.js';

let session: Promise<SessionJson> | undefined;

/** Rejects with an `ApiError` (401 when signed out); callers decide how loudly to say so. */
export function getSession(): Promise<SessionJson> {
  session ??= api.session();
  return session;
}

/**
 * Whether to offer create and manage actions. The role the host's page names decides when
 * there is one: no request then while the catalog loads (a content script's first request
 * holds the page's main thread for 5-16 ms). The server checks every action anyway.
 */
export async function canShare(): Promise<boolean> {
  const role = readUserRole(document.querySelector(selectors.user));
  if (role !== undefined) return permissionsOfRole(role).create;
  try {
    return (await getSession()).permissions.create;
  } catch {
    return false;
  }
}

/**
 * Runs `offer` (adding a menu item, a tag group) once `canShare()` says yes, unless the
 * feature has been stopped by then.
 */
export function offerIfAllowed(signal: AbortSignal, offer: () => void): void {
  void canShare().then((allowed) => {
    if (allowed && !signal.aborted) offer();
  });
}
