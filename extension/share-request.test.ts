import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CollectionJson } from '../shared/api-types.js';
import { ValidationError } from '../shared/errors.js';
import { stubChromeI18n } from '../test/helpers/chrome-i18n.js';
import { buildCreateBody, buildUpdateBody, endOfLocalDay, initialValues, toDateInputValue } from './share-request.js';

beforeAll(() => stubChromeI18n());
afterAll(() => vi.unstubAllGlobals());

const now = new Date(2026, 10, 27, 15, 30);
const values = { ...initialValues(), title: ' Trip ' };

const collection: CollectionJson = {
  id: 7, title: 'Trip', description: 'Beach', isPublic: true, hasPassword: true,
  expiresAt: endOfLocalDay('2026-12-31').toISOString(), expired: false, allowDownload: false,
  url: 'http://127.0.0.1/s/x', assetCount: 2, coverAssetId: '1', owner: { id: '2', name: 'Erin' },
  createdAt: '', updatedAt: '', revision: 3, stats: { views: 0, downloads: 0, failedUnlocks: 0, lastAccessAt: null },
};

function issues(run: () => unknown): { field: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return [...error.issues];
    throw error;
  }
  return [];
}

const issueFields = (run: () => unknown) => issues(run).map((issue) => issue.field);

describe('share request', () => {
  it('sends the end of the chosen day in the local time zone', () => {
    const end = endOfLocalDay('2026-12-31');
    expect([end.getFullYear(), end.getMonth(), end.getDate(), end.getHours(), end.getMinutes(), end.getMilliseconds()]).toEqual([2026, 11, 31, 23, 59, 999]);
    expect(toDateInputValue(end)).toBe('2026-12-31');
    const body = buildCreateBody({ ...values, expiryDate: '2026-11-27' }, ['1'], now);
    expect(body.expiresAt).toBe(endOfLocalDay('2026-11-27').toISOString());
  });

  it('creates with the documented defaults and no password key when the field is empty', () => {
    expect(buildCreateBody(values, ['1', '2'], now)).toEqual({
      title: ' Trip ', description: '', isPublic: true, expiresAt: null, allowDownload: false, assetIds: ['1', '2'],
    });
  });

  it('drops the password of an internal (non-public) share', () => {
    expect(buildCreateBody({ ...values, isPublic: false, password: 'secret' }, ['1'], now)).not.toHaveProperty('password');
    expect(buildCreateBody({ ...values, password: 'secret' }, ['1'], now).password).toBe('secret');
  });

  it('names each bad field: empty title, past date, nothing selected', () => {
    expect(issueFields(() => buildCreateBody({ ...values, title: '  ' }, ['1'], now))).toEqual(['title']);
    expect(issueFields(() => buildCreateBody({ ...values, expiryDate: '2026-11-26' }, ['1'], now))).toEqual(['expiresAt']);
    expect(issueFields(() => buildCreateBody(values, [], now))).toEqual(['assetIds']);
  });

  it('words the form\'s own issues in the browser\'s language', () => {
    stubChromeI18n('fr');
    expect(issues(() => buildCreateBody({ ...values, title: '' }, ['1'], now))).toEqual([{ field: 'title', message: 'Le titre est obligatoire.' }]);
    expect(issues(() => buildUpdateBody({ ...initialValues(collection), expiryDate: '2026-11-26' }, collection, now))).toEqual([
      { field: 'expiresAt', message: 'Choisissez aujourd’hui ou une date ultérieure.' },
    ]);
    stubChromeI18n();
  });

  it('edits only what changed, keeping an untouched password', () => {
    const filled = initialValues(collection);
    expect(filled.expiryDate).toBe('2026-12-31');
    expect(buildUpdateBody(filled, collection, now)).toBeUndefined();
    expect(buildUpdateBody({ ...filled, title: 'Trip 2' }, collection, now)).toEqual({ title: 'Trip 2', revision: 3 });
    expect(buildUpdateBody({ ...filled, password: 'new' }, collection, now)).toEqual({ password: 'new', revision: 3 });
    expect(buildUpdateBody({ ...filled, removePassword: true }, collection, now)).toEqual({ password: null, revision: 3 });
    expect(buildUpdateBody({ ...filled, isPublic: false }, collection, now)).toEqual({ isPublic: false, password: null, revision: 3 });
    expect(buildUpdateBody({ ...filled, expiryDate: '' }, collection, now)).toEqual({ expiresAt: null, revision: 3 });
  });

  it('lets an expired collection be edited without touching its past date', () => {
    const expired = { ...collection, expiresAt: new Date(2026, 0, 1).toISOString(), expired: true };
    expect(buildUpdateBody({ ...initialValues(expired), description: 'x' }, expired, now)).toEqual({ description: 'x', revision: 3 });
  });
});
