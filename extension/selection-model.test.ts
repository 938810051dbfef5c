import { describe, expect, it, vi } from 'vitest';
import { SelectionModel } from './selection-model.js';

const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
const displayed = () => ids;

describe('SelectionModel', () => {
  it('selects a Shift range between the last click and this one, in either direction', () => {
    const model = new SelectionModel();
    model.click('b', true, { shift: false, displayed });
    expect(model.click('e', true, { shift: true, displayed })).toEqual(['c', 'd', 'e']);
    expect(model.ids()).toEqual(['b', 'c', 'd', 'e']);
    model.click('f', true, { shift: false, displayed });
    model.click('a', true, { shift: true, displayed });
    expect(model.size).toBe(6);
  });

  it('deselects a Shift range the same way', () => {
    const model = new SelectionModel(ids);
    model.click('b', false, { shift: false, displayed });
    expect(model.click('d', false, { shift: true, displayed })).toEqual(['c', 'd']);
    expect(model.ids()).toEqual(['a', 'e', 'f']);
  });

  it('treats Shift as a plain click when the previous click is not on screen (another page)', () => {
    const model = new SelectionModel();
    model.click('x', true, { shift: false, displayed: () => ['x', 'y'] });
    expect(model.click('c', true, { shift: true, displayed })).toEqual(['c']);
    expect(model.ids()).toEqual(['x', 'c']);
  });

  it('keeps ids that are not displayed when selecting displayed files, and clears all', () => {
    const model = new SelectionModel(['z']);
    expect(model.set(ids, true)).toHaveLength(6);
    expect(model.has('z')).toBe(true);
    expect(model.clear()).toHaveLength(7);
    expect(model.click('c', true, { shift: true, displayed })).toEqual(['c']);
  });

  it('reads what is displayed only for a Shift range', () => {
    const model = new SelectionModel();
    const read = vi.fn(displayed);
    model.click('a', true, { shift: false, displayed: read });
    model.click('b', true, { shift: false, displayed: read });
    expect(read).not.toHaveBeenCalled();
    model.click('d', true, { shift: true, displayed: read });
    expect(read).toHaveBeenCalledTimes(1);
  });

  // Its speed is the extension bench's Shift-range figure; here what it selects, reading the page once.
  it('selects a range across 2,000 ids in order, reading the displayed ids once', () => {
    const many = Array.from({ length: 2000 }, (_, index) => `id${index}`);
    const model = new SelectionModel();
    model.click('id0', true, { shift: false, displayed: () => many });
    const read = vi.fn(() => many);
    const changed = model.click('id1999', true, { shift: true, displayed: read });
    expect(changed).toEqual(many.slice(1));
    expect(read).toHaveBeenCalledTimes(1);
  });
});
