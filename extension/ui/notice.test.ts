import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubChromeI18n } from '../../test/helpers/chrome-i18n.js';
import { ApiError } from '../api.js';
import { describeError } from './notice.js';

afterEach(() => vi.unstubAllGlobals());

describe('describeError', () => {
  it('words the failures it knows in the browser\'s language, and keeps the server\'s validation details', () => {
    stubChromeI18n('de');
    expect(describeError(new ApiError(403, 'forbidden', 'You are not allowed to do that.'))).toBe('Dazu sind Sie nicht berechtigt.');
    expect(describeError(new ApiError(429, 'rate_limited', 'Too many requests.'))).toBe('Zu viele Anfragen. Warten Sie einen Moment und versuchen Sie es erneut.');
    expect(describeError(new ApiError(401, 'unauthenticated', 'Sign in to continue.'))).toContain('Melden Sie sich erneut an');
    expect(describeError(new ApiError(0, 'unavailable', 'Der Server ist nicht erreichbar.'))).toBe('Der Server ist nicht erreichbar.');
    expect(describeError(new ApiError(400, 'validation_failed', 'Title must be at most 200 characters.'))).toBe('Title must be at most 200 characters.');
    expect(describeError(new Error('boom'))).toBe('Etwas ist schiefgelaufen. Versuchen Sie es erneut; wenn das weiterhin passiert, laden Sie die Seite neu.');
  });
});
