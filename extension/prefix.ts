/**
 * The one prefix on everything the extension injects into the host page: element names,
 * classes, data attributes and storage keys. Keeping it in one helper means the extension's
 * styles never match host elements and host styles never match ours by accident.
 *
 * @example prefixed('selection') // 'sc-selection' (a class, tag or storage key)
 * @example prefixedAttribute('view') // 'data-sc-view'
 */
export const PREFIX = 'sc';

export function prefixed(name: string): string {
  return `${PREFIX}-${name}`;
}

export function prefixedAttribute(name: string): string {
  return `data-${PREFIX}-${name}`;
}
