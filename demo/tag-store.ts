import type { Knex } from 'knex';

/** The tag groups of the Edit Tags panel, in display order. */
export const TAG_GROUPS = [
  { id: 'keywords', label: 'Keywords' },
  { id: 'categories', label: 'Categories' },
] as const;

export type TagGroup = (typeof TAG_GROUPS)[number]['id'];

export interface AssetTag {
  assetId: number;
  group: TagGroup;
  name: string;
}

const IN_CHUNK = 1000;

export interface TagStore {
  /** Every tag carried by any of `assetIds`, one entry per asset and tag. */
  forAssets(assetIds: readonly number[]): Promise<AssetTag[]>;
  /** Tags the assets; assets that already carry it stay as they are. */
  add(assetIds: readonly number[], group: TagGroup, name: string): Promise<void>;
  remove(assetIds: readonly number[], group: TagGroup, name: string): Promise<void>;
}

export function createTagStore(knex: Knex): TagStore {
  async function findOrCreateTag(group: TagGroup, name: string): Promise<number> {
    const existing = await knex('dam_tags').where({ tag_group: group, name }).first('id');
    if (existing) return Number(existing.id);
    try {
      const [id] = await knex('dam_tags').insert({ tag_group: group, name });
      return Number(id);
    } catch (error) {
      // Another request created it in the meantime; the unique index decided.
      const raced = await knex('dam_tags').where({ tag_group: group, name }).first('id');
      if (raced) return Number(raced.id);
      throw error;
    }
  }

  return {
    async forAssets(assetIds) {
      const tags: AssetTag[] = [];
      const unique = [...new Set(assetIds)];
      for (let start = 0; start < unique.length; start += IN_CHUNK) {
        const rows = (await knex('dam_asset_tags as at')
          .join('dam_tags as t', 't.id', 'at.tag_id')
          .whereIn('at.asset_id', unique.slice(start, start + IN_CHUNK))
          .orderBy(['t.tag_group', 't.name'])
          .select('at.asset_id', 't.tag_group', 't.name')) as Array<{ asset_id: number; tag_group: TagGroup; name: string }>;
        tags.push(...rows.map((row) => ({ assetId: row.asset_id, group: row.tag_group, name: row.name })));
      }
      return tags;
    },

    async add(assetIds, group, name) {
      const tagId = await findOrCreateTag(group, name);
      const unique = [...new Set(assetIds)];
      for (let start = 0; start < unique.length; start += IN_CHUNK) {
        const rows = unique.slice(start, start + IN_CHUNK).map((assetId) => ({ asset_id: assetId, tag_id: tagId }));
        await knex('dam_asset_tags').insert(rows).onConflict(['asset_id', 'tag_id']).ignore();
      }
    },

    async remove(assetIds, group, name) {
      const tag = await knex('dam_tags').where({ tag_group: group, name }).first('id');
      if (!tag) return;
      const unique = [...new Set(assetIds)];
      for (let start = 0; start < unique.length; start += IN_CHUNK) {
        await knex('dam_asset_tags')
          .where('tag_id', tag.id)
          .whereIn('asset_id', unique.slice(start, start + IN_CHUNK))
          .delete();
      }
    },
  };
}
