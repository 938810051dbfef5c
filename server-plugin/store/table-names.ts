/** The plugin's table names under a host-chosen prefix (default `sc_`). */
export interface TableNames {
  collections: string;
  collectionAssets: string;
  events: string;
  throttle: string;
  generations: string;
  migrations: string;
}

export function tableNames(prefix: string): TableNames {
  return {
    collections: `${prefix}collections`,
    collectionAssets: `${prefix}collection_assets`,
    events: `${prefix}events`,
    throttle: `${prefix}throttle`,
    generations: `${prefix}generations`,
    migrations: `${prefix}migrations`,
  };
}
