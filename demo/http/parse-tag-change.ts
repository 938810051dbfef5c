import { ValidationError } from 'koa-shared-collections';
import { TAG_GROUPS, type TagGroup } from '../tag-store.js';
import { parseAssetIdList } from './parse-asset-id.js';

export interface TagChange {
  assetIds: number[];
  group: TagGroup;
  name: string;
}

const GROUP_IDS: ReadonlySet<string> = new Set(TAG_GROUPS.map((group) => group.id));
const MAX_TAG_LENGTH = 100;

/** `{assetIds, group, name}` of a tag add or remove. */
export function parseTagChange(body: unknown): TagChange {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw ValidationError.field('body', 'The body must be a JSON object.');
  }
  const { assetIds, group, name } = body as Record<string, unknown>;
  const ids = parseAssetIdList(assetIds, 'assetIds');
  if (typeof group !== 'string' || !GROUP_IDS.has(group)) {
    throw ValidationError.field('group', `group must be one of ${[...GROUP_IDS].join(', ')}.`);
  }
  const trimmed = typeof name === 'string' ? name.trim() : '';
  // eslint-disable-next-line no-control-regex
  if (trimmed.length === 0 || trimmed.length > MAX_TAG_LENGTH || /[\u0000-\u001f\u007f]/.test(trimmed)) {
    throw ValidationError.field('name', `name must be 1 to ${MAX_TAG_LENGTH} characters of text.`);
  }
  return { assetIds: ids, group: group as TagGroup, name: trimmed };
}
