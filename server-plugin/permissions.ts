/**
 * The server's permission checks, from the role table in `shared/permissions.ts`
 * (DESIGN.md, "Roles"): administrators manage every collection, editors create and
 * manage their own, viewers and guests neither.
 */
import { ForbiddenError } from '../shared/errors.js';
import { permissionsOfRole, type Permissions } from '../shared/permissions.js';
import type { DamUser } from './dam-host.js';
import type { Collection } from './store/types.js';

export type { Permissions } from '../shared/permissions.js';

/** A role the plugin does not know (a host bug) grants nothing rather than throwing. */
export function permissionsOf(user: DamUser): Permissions {
  return permissionsOfRole(user.role);
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
