/**
 * What each host role may do with shared collections (DESIGN.md, "Roles"): administrators
 * manage every collection, editors create and manage their own, viewers and guests neither.
 * The server enforces it (server-plugin/permissions.ts); the extension reads it to decide
 * which actions to offer from the role the host's page names, without a request.
 */
export interface Permissions {
  /** May create collections (and manage their own). */
  create: boolean;
  /** May list and manage everyone's collections. */
  manageAll: boolean;
}

const NONE: Permissions = { create: false, manageAll: false };

const BY_ROLE: Readonly<Record<string, Permissions>> = {
  administrator: { create: true, manageAll: true },
  editor: { create: true, manageAll: false },
  viewer: NONE,
  guest: NONE,
};

/** An unknown role (a host bug, or a page's markup from a newer host) grants nothing. */
export function permissionsOfRole(role: string): Permissions {
  return Object.hasOwn(BY_ROLE, role) ? BY_ROLE[role]! : NONE;
}
