import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';

/**
 * Writes to a temporary sibling, then renames: a reader, or a concurrent writer of the
 * same file (two first requests for one rendition), never sees a half-written file.
 */
export async function writeFileAtomic(target: string, data: Buffer): Promise<void> {
  const temporary = `${target}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, data);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
