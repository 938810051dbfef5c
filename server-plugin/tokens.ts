/** Public link tokens: 24 random bytes as 32 url-safe base64 characters (192 bits). */
import { TOKEN_PATTERN } from '../shared/constants.js';

export function createToken(randomBytes: (size: number) => Buffer): string {
  const token = randomBytes(24).toString('base64url');
  // A custom randomBytes option that returns the wrong size must not produce weak links.
  if (!TOKEN_PATTERN.test(token)) throw new Error('options.randomBytes(24) did not return 24 bytes');
  return token;
}
