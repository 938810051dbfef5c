/**
 * The signed-in user's role and permissions, fetched once per page: features ask it whether
 * to offer create and manage actions at all (viewers and guests see none).
 */
import type { SessionJson } from '../shared/api-types.js';
import { api } from './api.js';

let session: Promise<SessionJson> | undefined;

/** Rejects with an `ApiError` (401 when signed out); callers decide how loudly to say so. */
export function getSession(): Promise<SessionJson> {
  session ??= api.session();
  return session;
}

export async function canShare(): Promise<boolean> {
  try {
    return (await getSession()).permissions.create;
  } catch {
    return false;
  }
}
