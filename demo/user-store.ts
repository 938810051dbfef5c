import bcrypt from 'bcrypt';
import type { Knex } from 'knex';
import type { DamUser, Role } from 'koa-shared-collections';

/** The accounts every demo starts with. */
export const DEMO_ACCOUNTS: ReadonlyArray<{ username: string; displayName: string; role: Role }> = [
  { username: 'admin', displayName: 'Ada Admin', role: 'administrator' },
  { username: 'editor', displayName: 'Erin Editor', role: 'editor' },
  { username: 'editor2', displayName: 'Eddie Editor', role: 'editor' },
  { username: 'viewer', displayName: 'Vic Viewer', role: 'viewer' },
  { username: 'guest', displayName: 'Gale Guest', role: 'guest' },
];

const ROLES: ReadonlySet<string> = new Set<Role>(['administrator', 'editor', 'viewer', 'guest']);
const BCRYPT_ROUNDS = 10;

interface RawUserRow {
  id: number;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
}

export interface UserStore {
  /** Adds the demo accounts that are missing; existing ones keep their password. */
  seed(password: string): Promise<void>;
  findById(id: number): Promise<DamUser | undefined>;
  /** The user when `username` and `password` match, otherwise undefined. */
  verifyLogin(username: string, password: string): Promise<DamUser | undefined>;
}

/** Spent on unknown user names, so a wrong name costs as long as a wrong password. */
let dummyHash: Promise<string> | undefined;

export function createUserStore(knex: Knex): UserStore {
  return {
    async seed(password) {
      const existing = new Set((await knex('dam_users').pluck('username')) as string[]);
      for (const account of DEMO_ACCOUNTS) {
        if (existing.has(account.username)) continue;
        await knex('dam_users').insert({
          username: account.username,
          display_name: account.displayName,
          role: account.role,
          password_hash: await bcrypt.hash(password, BCRYPT_ROUNDS),
        });
      }
    },

    async findById(id) {
      const row = (await knex('dam_users').where({ id }).first()) as RawUserRow | undefined;
      return row ? toDamUser(row) : undefined;
    },

    async verifyLogin(username, password) {
      const row = (await knex('dam_users').where({ username }).first()) as RawUserRow | undefined;
      if (!row) {
        dummyHash ??= bcrypt.hash('not a password', BCRYPT_ROUNDS);
        await bcrypt.compare(password, await dummyHash);
        return undefined;
      }
      return (await bcrypt.compare(password, row.password_hash)) ? toDamUser(row) : undefined;
    },
  };
}

function toDamUser(row: RawUserRow): DamUser {
  // A role this version does not know gets the least power rather than an error page.
  const role = ROLES.has(row.role) ? (row.role as Role) : 'guest';
  return { id: String(row.id), name: row.display_name, role };
}
