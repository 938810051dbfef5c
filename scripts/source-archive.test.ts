import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fillTemplate, listSourceFiles } from './source-archive.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('source archive', () => {
  it('lists the sources the build reads, sorted, with / separators, and no tests', async () => {
    const files = await listSourceFiles(root);
    expect(files).toEqual([...files].sort());
    for (const file of ['manifest.json', 'package-lock.json', 'extension/content.ts', 'extension/ui/share-dialog.ts', 'shared/api-types.ts', 'scripts/build.mjs']) {
      expect(files, file).toContain(file);
    }
    expect(files.filter((file) => /\.test\.ts$|\\/.test(file))).toEqual([]);
  });

  it('fills every {{name}} and refuses a name without a value', () => {
    expect(fillTemplate('Node {{node}}, npm {{npm}}', { node: 'v24.22.3', npm: '11.19.1' })).toBe('Node v24.22.3, npm 11.19.1');
    expect(() => fillTemplate('{{node}} {{os}}', { node: 'v24.22.3' })).toThrow(/\{\{os\}\}/);
  });
});
