import type { Knex } from 'knex';

/** One catalog entry, as everything above the store sees it. */
export interface Asset {
  id: number;
  filename: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  /** Below the data directory, e.g. `originals/sample-0001.jpg`. */
  relativePath: string;
  createdAt: Date;
  modifiedAt: Date;
}

export type NewAsset = Omit<Asset, 'id'>;

/** What opening an original needs. */
export type AssetLocation = Pick<Asset, 'id' | 'relativePath' | 'mime'>;

/** What a ZIP needs of an asset: its metadata and where its original is. */
export type AssetOriginal = Omit<Asset, 'createdAt'>;

export type AssetSort = 'id' | 'name' | 'date';

export interface AssetListQuery {
  page: number;
  limit: number;
  /** Case-insensitive substring of the file name; empty for all. */
  q: string;
  sort: AssetSort;
}

interface RawAssetRow {
  id: number;
  filename: string;
  mime: string;
  size: number | string;
  width: number | null;
  height: number | null;
  relative_path: string;
  created_at: Date | number | string;
  modified_at: Date | number | string;
}

/**
 * Ids per IN list. SQLite caps a statement's variables (32,766) and MySQL its packet, so big
 * lists go in slices; 10,000 lets a ZIP of 10,000 files look its files up in one query.
 */
const IN_CHUNK = 10_000;

export interface AssetStore {
  list(query: AssetListQuery): Promise<{ items: Asset[]; total: number }>;
  findById(id: number): Promise<Asset | undefined>;
  /** The assets that exist among `ids`, in one query per IN_CHUNK ids. */
  findMany(ids: readonly number[]): Promise<Asset[]>;
  /** Which of `ids` exist, reading the primary key only: sharing 100,000 assets checks them all, with one count per IN_CHUNK ids when all exist. */
  existingIds(ids: readonly number[]): Promise<Set<number>>;
  /**
   * The originals of `ids` that exist, with their metadata: a ZIP of 100,000 files reads them
   * all, once, before its first byte. One query, however many ids: they go as one JSON parameter.
   */
  findOriginals(ids: readonly number[]): Promise<AssetOriginal[]>;
  /** Relative paths already in the catalog, so seeding can skip them. */
  relativePaths(): Promise<Set<string>>;
  insert(asset: NewAsset): Promise<number>;
}

export function createAssetStore(knex: Knex): AssetStore {
  return {
    async list({ page, limit, q, sort }) {
      const filtered = knex('dam_assets').modify((builder) => {
        if (q) builder.whereRaw("search_name LIKE ? ESCAPE '!'", [`%${escapeLike(q.toLowerCase())}%`]);
      });
      const [countRow] = (await filtered.clone().count({ total: '*' })) as Array<{ total: number | string }>;
      const ordered = filtered.clone().select('*');
      if (sort === 'name') ordered.orderBy([{ column: 'search_name' }, { column: 'id' }]);
      else if (sort === 'date') ordered.orderBy([{ column: 'modified_at', order: 'desc' }, { column: 'id', order: 'desc' }]);
      else ordered.orderBy('id');
      const rows = (await ordered.limit(limit).offset((page - 1) * limit)) as RawAssetRow[];
      return { items: rows.map(toAsset), total: Number(countRow?.total ?? 0) };
    },

    async findById(id) {
      const row = (await knex('dam_assets').where({ id }).first()) as RawAssetRow | undefined;
      return row ? toAsset(row) : undefined;
    },

    async findMany(ids) {
      const found: Asset[] = [];
      for (const slice of inSlices(ids)) {
        const rows = (await knex('dam_assets').whereIn('id', slice)) as RawAssetRow[];
        found.push(...rows.map(toAsset));
      }
      return found;
    },

    async existingIds(ids) {
      const found = new Set<number>();
      for (const slice of inSlices(ids)) {
        const query = knex('dam_assets').whereIn('id', slice);
        // Usually every id asked for exists: one count says so without sending 10,000 rows back.
        const [counted] = (await query.clone().count({ total: '*' })) as Array<{ total: number | string }>;
        const existing = Number(counted?.total) === slice.length ? slice : ((await query.pluck('id')) as number[]);
        for (const id of existing) found.add(Number(id));
      }
      return found;
    },

    async findOriginals(ids) {
      const rows = (await knex('dam_assets')
        .whereRaw(idInJsonList(knex), [JSON.stringify(ids)])
        .select('id', 'filename', 'mime', 'size', 'width', 'height', 'relative_path', 'modified_at')) as Omit<RawAssetRow, 'created_at'>[];
      return rows.map(toAssetOriginal);
    },

    async relativePaths() {
      return new Set((await knex('dam_assets').pluck('relative_path')) as string[]);
    },

    async insert(asset) {
      const [id] = await knex('dam_assets').insert({
        filename: asset.filename,
        search_name: asset.filename.toLowerCase(),
        mime: asset.mime,
        size: asset.size,
        width: asset.width,
        height: asset.height,
        relative_path: asset.relativePath,
        created_at: asset.createdAt,
        modified_at: asset.modifiedAt,
      });
      return Number(id);
    },
  };
}

/**
 * `id IN` a JSON array bound as the one parameter. Binding 10,000 parameters cost more than
 * the lookup: SQLite compiled each slice of 10,000 in about 15 ms, and knex and mysql2 escape
 * every value one by one; a JSON array is one string for either engine to read.
 */
function idInJsonList(knex: Knex): string {
  return knex.client.dialect === 'sqlite3'
    ? 'id IN (SELECT value FROM json_each(?))'
    : "id IN (SELECT id FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) AS ids)";
}

/** `ids` without repeats, in slices of IN_CHUNK: one IN list each. */
function inSlices(ids: readonly number[]): number[][] {
  const unique = [...new Set(ids)];
  const slices: number[][] = [];
  for (let start = 0; start < unique.length; start += IN_CHUNK) slices.push(unique.slice(start, start + IN_CHUNK));
  return slices;
}

/** `!` escapes LIKE wildcards: a backslash means different things to MySQL and SQLite. */
function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (char) => `!${char}`);
}

function toAsset(row: RawAssetRow): Asset {
  return { ...toAssetOriginal(row), createdAt: toDate(row.created_at) };
}

function toAssetOriginal(row: Omit<RawAssetRow, 'created_at'>): AssetOriginal {
  return {
    id: row.id,
    filename: row.filename,
    mime: row.mime,
    size: Number(row.size),
    width: row.width,
    height: row.height,
    relativePath: row.relative_path,
    modifiedAt: toDate(row.modified_at),
  };
}

/** SQLite hands back epoch milliseconds, MySQL (timezone 'Z') a Date. */
function toDate(value: Date | number | string): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  return /^\d+$/.test(value) ? new Date(Number(value)) : new Date(value.endsWith('Z') ? value : `${value.replace(' ', 'T')}Z`);
}
