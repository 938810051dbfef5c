import { describe, expect, it } from 'vitest';
import { decideRange } from './byte-range.js';

const etag = '"v1"';

describe('decideRange', () => {
  it.each([
    [undefined, { kind: 'full' }],
    ['bytes=0-9', { kind: 'partial', range: { start: 0, end: 9 } }],
    ['bytes=90-', { kind: 'partial', range: { start: 90, end: 99 } }],
    ['bytes=95-500', { kind: 'partial', range: { start: 95, end: 99 } }],
    ['bytes=-10', { kind: 'partial', range: { start: 90, end: 99 } }],
    ['bytes=-500', { kind: 'partial', range: { start: 0, end: 99 } }],
    ['bytes=100-', { kind: 'unsatisfiable' }],
    ['bytes=9-3', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=-', { kind: 'unsatisfiable' }],
    ['items=0-1', { kind: 'unsatisfiable' }],
    ['bytes=abc', { kind: 'unsatisfiable' }],
    ['bytes=99999999999999999999-', { kind: 'unsatisfiable' }],
    ['bytes=0-1,5-6', { kind: 'full' }],
  ])('%s on 100 bytes', (header, expected) => {
    expect(decideRange(header, undefined, 100, etag)).toEqual(expected);
  });

  it('sends everything when If-Range names another version', () => {
    expect(decideRange('bytes=0-9', '"v0"', 100, etag)).toEqual({ kind: 'full' });
    expect(decideRange('bytes=0-9', etag, 100, etag).kind).toBe('partial');
  });

  it('cannot satisfy any range of an empty file', () => {
    expect(decideRange('bytes=0-', undefined, 0, etag)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=-5', undefined, 0, etag)).toEqual({ kind: 'unsatisfiable' });
  });
});
