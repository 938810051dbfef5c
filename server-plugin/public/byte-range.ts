/**
 * `Range` and `If-Range` for originals and ZIPs (RFC 9110 §14). Only single ranges are
 * served: that is what download managers use to resume, and it keeps responses simple.
 */
import type { ByteRange } from '../dam-host.js';

/** The answer to a request for a resource of `size` bytes. */
export type RangeDecision =
  | { kind: 'full' }
  | { kind: 'partial'; range: ByteRange }
  | { kind: 'unsatisfiable' };

/**
 * Decides what to send. `etag` is the representation's current strong validator; an
 * `If-Range` that does not match it means the client's partial copy is stale, so the whole
 * resource is sent. A list of several ranges is ignored (the whole resource), which RFC 9110
 * allows; a header that is not a byte range at all, or lies past the end, is unsatisfiable.
 */
export function decideRange(header: string | undefined, ifRange: string | undefined, size: number, etag: string): RangeDecision {
  if (header === undefined || header === '') return { kind: 'full' };
  if (ifRange !== undefined && ifRange !== etag) return { kind: 'full' };
  const match = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header);
  if (!match) return /^bytes=.*,/.test(header) ? { kind: 'full' } : { kind: 'unsatisfiable' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'unsatisfiable' };
  if (first === '') {
    // Suffix range: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', range: { start: Math.max(0, size - length), end: size - 1 } };
  }
  const start = Number(first);
  if (!Number.isSafeInteger(start) || start >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return { kind: 'unsatisfiable' };
  return { kind: 'partial', range: { start, end } };
}
