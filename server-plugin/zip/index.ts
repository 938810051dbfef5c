/**
 * The ZIP writer's front door: everything outside `zip/` imports from here. A stored,
 * streamed archive of exact, known size (zip-stream.ts says why), built from catalog assets
 * (zip-sources.ts), with a CRC cache for resumes and a memory of originals the catalog
 * describes wrongly. `sanitizeEntryName` is the safe-name rule of its entries, which single
 * downloads use too.
 */
export { type CrcCache, createCrcCache } from './crc-cache.js';
export { sanitizeEntryName } from './entry-names.js';
export { createOriginalFacts, type OriginalFacts } from './original-facts.js';
export { collectZipSources, SourceChangedError, UNAVAILABLE_LIST_NAME, type UnavailableAsset } from './zip-sources.js';
export { createZipArchive, type ZipArchive, type ZipSource } from './zip-stream.js';
