/**
 * The one place that derives what a user may do from their host role
 * (DESIGN.md, "Roles"): administrators manage every collection, editors create and
 * manage their own, viewers and guests neither.
 */
import { ForbiddenError } from '../shared/errors.js';
import type { DamUser, Role } from './dam-host.js';
import type { Collection } from './store/types.js';

export interface Permissions {
  /** May create collections (and manage their own). */
  create: boolean;
  /** May list and manage everyone's collections. */
  manageAll: boolean;
}

const NONE: Permissions = { create: false, manageAll: false };

const BY_ROLE: Readonly<Record<Role, Permissions>> = {
  administrator: { create: true, manageAll: true },
  editor: { create: true, manageAll: false },
  viewer: NONE,
  guest: NONE,
};

/** A role the plugin does not know (a host bug) grants nothing rather than throwing. */
export function permissionsOf(user: DamUser): Permissions {
  return Object.hasOwn(BY_ROLE, user.role) ? BY_ROLE[user.role] : NONE;
}

/** Throws ForbiddenError unless the user may create and manage collections at all. */
export function requireSharer(user: DamUser): Permissions {
  const permissions = permissionsOf(user);
  if (!permissions.create && !permissions.manageAll) {
    throw new ForbiddenError('Your role cannot create or manage shared collections.');
  }
  return permissions;
}

export function canManage(user: DamUser, collection: Collection): boolean {
  const permissions = permissionsOf(user);
  return permissions.manageAll || (permissions.create && collection.ownerId === user.id);
}

/** The owner filter for listings: undefined (everyone's) for administrators. */
export function ownerFilter(user: DamUser): { ownerId?: string } {
  return permissionsOf(user).manageAll ? {} : { ownerId: user.id };
}
