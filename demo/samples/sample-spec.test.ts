import { describe, expect, it } from 'vitest';
import { sampleSpec } from './sample-spec.js';

const specs = Array.from({ length: 120 }, (_, index) => sampleSpec(index));

describe('sampleSpec', () => {
  it('is a pure function of the index with unique, safe keys', () => {
    expect(sampleSpec(57)).toEqual(sampleSpec(57));
    expect(new Set(specs.map((spec) => spec.key)).size).toBe(120);
    for (const spec of specs) expect(spec.key).toMatch(/^sample-\d{4}$/);
  });

  it('puts every awkward case into the first eight samples', () => {
    const first = specs.slice(0, 8);
    expect(first.map((spec) => spec.filename)).toEqual(
      expect.arrayContaining(['Café – München.jpg', '東京タワー.png', 'Ünïcödé.jpg', 'a:b?.jpg', 'IMG_0001.jpg']),
    );
    expect(first.filter((spec) => spec.filename === 'IMG_0001.jpg')).toHaveLength(2);
    expect(new Set(first.map((spec) => spec.format))).toEqual(new Set(['jpeg', 'png', 'webp']));
    expect(first.some((spec) => spec.exif?.gps)).toBe(true);
  });

  it('spreads formats, sizes, EXIF and duplicate names over the full catalog', () => {
    const count = (predicate: (spec: (typeof specs)[number]) => boolean) => specs.filter(predicate).length;
    expect(count((spec) => spec.format === 'png')).toBeGreaterThan(20);
    expect(count((spec) => spec.format === 'webp')).toBeGreaterThan(5);
    expect(count((spec) => spec.exif?.gps !== undefined && spec.exif.gps !== null)).toBeGreaterThan(15);
    expect(Math.min(...specs.map((spec) => spec.width))).toBe(400);
    expect(Math.max(...specs.map((spec) => spec.width))).toBe(3000);
    expect(count((spec) => spec.filename === 'Holiday.jpg' || spec.filename === 'Holiday.png')).toBeGreaterThan(2);
    for (const spec of specs) expect(spec.filename.endsWith(spec.format === 'jpeg' ? '.jpg' : `.${spec.format}`)).toBe(true);
  });
});
