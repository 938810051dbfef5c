/**
 * HTTP fuzzing, on every engine: 5,000 seeded malformed requests against every owner and
 * public route (wrong types, huge and deeply nested JSON, invalid UTF-8, wrong content types,
 * path traversal and NULs in ids, SQL and script payloads, absurd dates and pages, Range,
 * Origin and cookie headers out of range). Every request is built to be refused or to only
 * read, so afterwards the collections must be byte-for-byte what they were. No answer may
 * be a 5xx, and the server must still answer normally at the end.
 */
import { request as httpRequest, Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../helpers/databases.js';
import { TEST_USER_HEADER } from '../helpers/fake-dam-host.js';
import { API, type PluginServer, startPluginServer } from '../helpers/plugin-server.js';
import { createSeededRandom, type SeededRandom } from '../helpers/seeded-random.js';

const REQUESTS = 5_000;
const CONCURRENCY = 16;
const SEED = 0x5eed_2026;

interface RawRequest {
  method: string;
  /** Sent as is: `../` and percent-escapes are not normalized by a URL parser first. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

const NESTED_ARRAYS = '['.repeat(100_000) + ']'.repeat(100_000);
const NESTED_OBJECTS = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
const HUGE = 'x'.repeat(300_000);
const TOO_LARGE = 'y'.repeat(1_100_000);

/** Strings that have broken parsers, queries and pages elsewhere. */
const NASTY_STRINGS = [
  "'; DROP TABLE sc_collections; --", "' OR '1'='1", '" OR 1=1 --', '1; SELECT SLEEP(5)', '\\', '%', '_',
  '<script>window.__xss=1</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '${7*7}', '{{7*7}}',
  '../../../etc/passwd', '..\\..\\windows\\win.ini', '\u0000', 'a\u0000b', '\uD800', '\uFEFF', '\u202Eevil',
  '😀'.repeat(150), ' '.repeat(300), '\r\n\r\nSet-Cookie: x=1', HUGE,
];
const NOT_A_LIST = [null, 'a1', 1, {}, [1], [null], [[]], [{ $gt: '' }], ['a1', '../a2']];
/** Per field, values of a type it never accepts (null, say, is valid for a description). */
const WRONG_TYPES: Readonly<Record<string, readonly unknown[]>> = {
  title: [null, 0, true, [], {}, ['x']],
  description: [0, true, [], {}, 1e308],
  isPublic: [null, 0, 1, 'true', 'false', [], {}],
  allowDownload: [null, 0, 1, 'true', [], {}],
  password: [0, true, [], {}, ''],
  expiresAt: [0, true, [], {}, 8.64e15],
  revision: [null, 0, -1, 1.5, '1', true, 2 ** 53],
  assetIds: NOT_A_LIST,
  add: NOT_A_LIST,
  remove: NOT_A_LIST,
};
const ABSURD_DATES = ['+275760-09-13T00:00:00.000Z', '275760-09-13T00:00:00Z', '-000001-01-01T00:00:00Z', 'Infinity', '-Infinity', 'NaN',
  '2026-02-30T00:00:00Z', '1970-01-01T00:00:00Z', '0000-00-00T00:00:00Z', '9999-99-99T99:99:99Z', '2020-01-01T00:00:00Z', '', 8.64e15];
/** Ids as they appear in a path: traversal, encoded NULs, SQL, absurd numbers, broken escapes. */
const BAD_PATH_IDS = ['..', '../..', '..%2f..%2fetc%2fpasswd', '%2e%2e%2f%2e%2e%2f', '%00', '1%00', 'a1%00.jpg', '%FF', '%C0%AF', '%E0%A4%A',
  '1%27%20OR%20%271%27%3D%271', '1;DROP%20TABLE%20sc_collections', '-1', '0', '2147483648', '99999999999999999999', '1e3', '0x1', '%20', '1.5',
  '%3Cscript%3E', 'NaN', 'Infinity', 'a'.repeat(5000)];
const BAD_TOKENS = [...BAD_PATH_IDS, 'A'.repeat(31), 'A'.repeat(33), 'A'.repeat(32), '%41'.repeat(32), 'A'.repeat(31) + '%00'];
const BAD_ASSET_LISTS = ['', ',', 'a1,,a2', '../etc/passwd', '%00', "a1'%20OR%201=1", 'a'.repeat(65), `a1,${'b,'.repeat(10_001)}c`, '%FF', 'a1&assets=a2'];
const BAD_PAGES = ['0', '-1', '1.5', '1e3', 'NaN', 'Infinity', '99999999999999999999', '9007199254740992', '%00', '', 'x', '1&page=2'];
const RANGES = ['bytes=0-99999999999999999999999', 'bytes=-99999999999999999999', 'bytes=99999999999999999999-', 'bytes=5-1', 'bytes=-', 'bytes=',
  'bytes=0-1,2-3,4-5', 'bytes=abc', 'items=0-1', 'bytes=-0', `bytes=${'0-1,'.repeat(2000)}0-1`, 'bytes=0-0'];
const ORIGINS = ['https://evil.example', 'null', 'http://127.0.0.1.evil.example', 'file://', `https://${'a'.repeat(8000)}.example`, 'http://[::1]:99999', '\u00e9vil'];
const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'application/json; charset=utf-16',
  'application/json; charset=latin1', 'text/json', '*/*', 'application/json-patch+json', ''];
const BAD_UTF8 = [Buffer.from([0xff, 0xfe, 0x7b, 0x7d]), Buffer.from('{"title":"\xc3\x28"}', 'latin1'), Buffer.from([0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
  Buffer.from([0xef, 0xbb, 0xbf, 0x7b])];

/** Bodies that fail validation whatever the route: each names a bad field or is not a JSON object. */
function badJsonBody(r: SeededRandom, base: Record<string, unknown>, fields: readonly string[]): Buffer {
  const text = (value: unknown) => Buffer.from(JSON.stringify(value));
  switch (r.int(9)) {
    case 0: return Buffer.from(r.pick([NESTED_ARRAYS, NESTED_OBJECTS, `{"title":${NESTED_ARRAYS}}`]));
    case 1: return r.pick(BAD_UTF8);
    case 2: return Buffer.from(r.pick(['', ' ', '{', '{"title":', 'nul', '[1,]', '{"a":1}}', "{'title':'x'}", '{"title":"x",}', '\u0000']));
    case 3: return text(r.pick([null, 1, 'text', [], [base], true]));
    case 4: return Buffer.from(`{"title":"${TOO_LARGE}"}`);
    case 5: return text({ ...base, [r.pick(['__proto__', 'constructor', 'ownerId', 'id', 'token', 'passwordHash', 'revision_', 'Title'])]: r.pick(NASTY_STRINGS) });
    case 6: {
      const field = r.pick(fields);
      return text({ ...base, [field]: r.pick(WRONG_TYPES[field]!) });
    }
    case 7: return text({ ...base, expiresAt: r.pick(ABSURD_DATES) });
    default: return text({ ...base, title: r.pick(['', '  ', 'a\nb', HUGE, '\u0000', '\uD800', 'x'.repeat(201)]) });
  }
}

/** Builds request number `index`: an owner or public route, always malformed or read-only. */
function buildRequest(r: SeededRandom, ids: Fixture): RawRequest {
  const headers: Record<string, string> = {};
  if (r.chance(0.15)) headers.origin = r.pick(ORIGINS);
  if (r.chance(0.1)) headers.cookie = r.pick([`sc_access=${'A'.repeat(4000)}.${'B'.repeat(43)}`, 'sc_access=e30.AAAA', 'sc_access=..', `x=${'c'.repeat(15_000)}`, 'sc_access=%FF%00']);
  if (r.chance(0.1)) headers.range = r.pick(RANGES);
  if (r.chance(0.05)) headers['if-range'] = r.pick(['"x"', 'W/"x"', 'Tue, 01 Jan 2999 00:00:00 GMT', 'garbage']);
  return r.chance(0.5) ? ownerRequest(r, ids, headers) : publicRequest(r, ids, headers);
}

function ownerRequest(r: SeededRandom, ids: Fixture, headers: Record<string, string>): RawRequest {
  const user = r.pick([null, 'g:guest', 'v:viewer', 'editor1:editor', 'editor2:editor', 'boss:administrator', 'x:superuser', "'; --:editor"]);
  if (user) headers[TEST_USER_HEADER] = user;
  const id = r.chance(0.5) ? String(r.pick(ids.collectionIds)) : r.pick(BAD_PATH_IDS);
  const reads: (() => RawRequest)[] = [
    () => ({ method: 'GET', path: `${API}/session?${r.pick(BAD_PAGES)}`, headers }),
    () => ({ method: 'GET', path: `${API}?page=${r.pick(BAD_PAGES)}&limit=${r.pick(BAD_PAGES)}`, headers }),
    () => ({ method: 'GET', path: `${API}/memberships?assetIds=${r.pick(BAD_ASSET_LISTS)}`, headers }),
    () => ({ method: 'GET', path: `${API}/${id}?page=${r.pick(BAD_PAGES)}&limit=${r.pick(BAD_PAGES)}`, headers }),
    () => ({ method: r.pick(['GET', 'HEAD', 'OPTIONS', 'PUT', 'TRACE']), path: `${API}/${id}/${r.pick(['', 'assets', '..', 'x'])}`, headers }),
  ];
  if (r.chance(0.3)) return r.pick(reads)();
  // A change, made invalid one way or another so it must be refused.
  const target = r.pick([
    { method: 'POST', path: API, base: { title: 'Fuzz', assetIds: ['a1'] }, fields: ['title', 'description', 'isPublic', 'password', 'expiresAt', 'allowDownload', 'assetIds'] },
    { method: 'PATCH', path: `${API}/${id}`, base: { description: 'fuzz' }, fields: ['title', 'description', 'isPublic', 'password', 'expiresAt', 'allowDownload', 'revision'] },
    { method: 'PATCH', path: `${API}/${id}/assets`, base: { add: ['a3'] }, fields: ['add', 'remove'] },
    { method: 'DELETE', path: `${API}/${id}`, base: {}, fields: [] },
  ]);
  const valid = Buffer.from(JSON.stringify(target.base));
  switch (target.method === 'DELETE' ? r.int(3) : r.int(4)) {
    case 0:
      // Never JSON here: a DELETE reads no body, so a JSON type with a bad charset would let it through.
      headers['content-type'] = r.pick(CONTENT_TYPES.filter((type) => type !== '' && !type.startsWith('application/json;')));
      return { method: target.method, path: target.path, headers, body: valid };
    case 1:
      headers['content-type'] = 'application/json';
      if (r.chance(0.3)) headers['sec-fetch-site'] = 'cross-site';
      else headers.origin = r.pick(ORIGINS);
      return { method: target.method, path: target.path, headers, body: valid };
    case 2:
      headers['content-type'] = 'application/json';
      headers[TEST_USER_HEADER] = r.pick(['g:guest', 'v:viewer', 'x:unknownrole', ...(target.method === 'POST' ? [] : ['editor2:editor'])]);
      if (r.chance(0.3)) delete headers[TEST_USER_HEADER];
      return { method: target.method, path: target.method === 'POST' ? API : `${API}/${ids.collectionIds[0]}${target.path.endsWith('/assets') ? '/assets' : ''}`, headers, body: valid };
    default:
      headers['content-type'] = r.pick(['application/json', 'application/json; charset=utf-8', 'Application/JSON']);
      headers[TEST_USER_HEADER] = 'editor1:editor';
      return { method: target.method, path: target.path, headers, body: badJsonBody(r, target.base, target.fields) };
  }
}

function publicRequest(r: SeededRandom, ids: Fixture, headers: Record<string, string>): RawRequest {
  if (r.chance(0.1)) headers[TEST_USER_HEADER] = r.pick(['v:viewer', 'editor1:editor']);
  const token = r.chance(0.6) ? r.pick(ids.tokens) : r.pick(BAD_TOKENS);
  const asset = r.chance(0.3) ? r.pick(['a1', 'a2', 'a3', 'a5']) : r.pick(BAD_PATH_IDS);
  const base = `/s/${token}`;
  const form = (body: string) => {
    headers['content-type'] = r.chance(0.8) ? 'application/x-www-form-urlencoded' : r.pick(CONTENT_TYPES);
    return Buffer.from(body);
  };
  const routes: (() => RawRequest)[] = [
    () => ({ method: 'GET', path: `${base}?page=${r.pick(BAD_PAGES)}`, headers }),
    () => ({ method: 'GET', path: `${base}/data.json?page=${r.pick(BAD_PAGES)}&limit=${r.pick(BAD_PAGES)}`, headers }),
    () => ({ method: 'GET', path: `${base}/assets/${asset}/${r.pick(['thumbnail', 'preview', 'original', '..', 'original/..', ''])}`, headers }),
    () => ({ method: 'GET', path: `${base}/download?assets=${r.pick(BAD_ASSET_LISTS)}`, headers }),
    () => ({ method: 'POST', path: `${base}/download`, headers, body: form(`assets=${r.pick(BAD_ASSET_LISTS)}&assets=${percentEncode(r.pick(NASTY_STRINGS).slice(0, 2000))}`) }),
    () => ({ method: 'POST', path: `${base}/unlock`, headers, body: unlockBody(r, form) }),
    () => ({ method: r.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS']), path: `${base}${r.pick(['', '/unlock', '/download', '/data.json'])}`, headers }),
    () => ({ method: 'GET', path: `/s/_assets/${r.pick(['..%2f..%2fpackage.json', '../../package.json', 'gallery.js%00', '%FF', 'gallery.css/..', ''])}`, headers }),
  ];
  return r.pick(routes)();
}

/** Never the right password: every unlock must fail. */
function unlockBody(r: SeededRandom, form: (body: string) => Buffer): Buffer {
  if (r.chance(0.15)) return Buffer.concat([Buffer.from('password='), r.pick(BAD_UTF8)]);
  const password = r.pick([...NASTY_STRINGS.map((text) => text.slice(0, 3000)), 'x'.repeat(5000), '', 'a&password=b']);
  return form(r.chance(0.2) ? `pass%word=${percentEncode(password)}` : `password=${percentEncode(password)}`);
}

/** Every UTF-8 byte escaped; unlike encodeURIComponent it accepts lone surrogates (as U+FFFD). */
function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
}

interface Fixture {
  collectionIds: number[];
  tokens: string[];
}

function send(agent: Agent, port: number, raw: RawRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    // An explicit length: Node sends a DELETE or OPTIONS body unframed otherwise, which reads as a broken next request.
    const headers = raw.body ? { ...raw.headers, 'content-length': String(raw.body.length) } : raw.headers;
    const request = httpRequest({ host: '127.0.0.1', port, agent, method: raw.method, path: raw.path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8', 0, 300) }));
      response.on('error', reject);
    });
    // The server may answer (413, 431) and close before reading a large body: that is its right.
    request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? resolve({ status: 0, body: error.code }) : reject(error)));
    request.end(raw.body);
  });
}

function describeRequest(raw: RawRequest): string {
  const body = raw.body ? ` body(${raw.body.length} bytes): ${raw.body.toString('utf8', 0, 200)}` : '';
  return `${raw.method} ${raw.path.slice(0, 300)} headers: ${JSON.stringify(raw.headers).slice(0, 400)}${body}`;
}

describe.each(TEST_ENGINES)('HTTP fuzzing on %s', (engine) => {
  let server: PluginServer;
  let fixture: Fixture;

  beforeAll(async () => {
    // Probing is slowed down by its own suite; here every malformed token must reach the gate.
    server = await startPluginServer({ engine, options: { throttle: { probeLimit: 100_000 } } });
    const create = async (user: string, body: Record<string, unknown>) => {
      const response = await server.as(user).post(API, { title: 'Fuzz target', assetIds: ['a1', 'a2'], ...body });
      expect(response.status).toBe(201);
      return response.json as { id: number; url: string };
    };
    const created = [
      await create('editor1:editor', { allowDownload: true, description: 'open' }),
      await create('editor1:editor', { password: 'the right one', allowDownload: true }),
      await create('boss:administrator', { isPublic: false }),
      await create('editor2:editor', { allowDownload: false, expiresAt: new Date(Date.now() + 86_400_000).toISOString() }),
    ];
    fixture = { collectionIds: created.map((c) => c.id), tokens: created.map((c) => new URL(c.url).pathname.split('/').pop()!) };
  });
  afterAll(() => server.close());

  /** The plugin's own rows that requests may change: everything but events and throttle counters. */
  async function snapshot(): Promise<string> {
    const collections = await server.knex('sc_collections').select('*').orderBy('id');
    const assets = await server.knex('sc_collection_assets').select('*').orderBy(['collection_id', 'position']);
    return JSON.stringify({ collections, assets }, (_key, value) => (Buffer.isBuffer(value) ? value.toString('base64') : value));
  }

  it(`answers ${REQUESTS} malformed requests without a 5xx and changes nothing`, { timeout: 180_000 }, async () => {
    const before = await snapshot();
    const random = createSeededRandom(SEED);
    const requests = Array.from({ length: REQUESTS }, () => buildRequest(random, fixture));
    const port = Number(new URL(server.baseUrl).port);
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const failures: string[] = [];
    const changes: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    // Unlocks run one at a time: parallel bcrypt guesses are refused with 503 by design (the limiter).
    let unlockLane = Promise.resolve();
    const worker = async () => {
      while (next < requests.length) {
        const raw = requests[next++]!;
        const run = () => send(agent, port, raw);
        let answer: { status: number; body: string };
        if (raw.path.endsWith('/unlock') && raw.method === 'POST') {
          const turn = unlockLane.then(run);
          unlockLane = turn.then(() => undefined, () => undefined);
          answer = await turn;
        } else {
          answer = await run();
        }
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status >= 500) failures.push(`${answer.status} for ${describeRequest(raw)}\n  answer: ${answer.body}`);
        if (raw.method !== 'GET' && raw.method !== 'HEAD' && !raw.path.includes('/s/') && answer.status < 400) {
          changes.push(`${answer.status} for ${describeRequest(raw)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    agent.destroy();

    console.info(`[fuzz ${engine}] statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(failures[0], `first of ${failures.length} 5xx answers`).toBeUndefined();
    expect(changes[0], 'a malformed change was accepted').toBeUndefined();
    // The run must have reached the routes, not bounced off one check: most answers are 4xx of several kinds.
    expect([...statuses.keys()].filter((status) => status >= 400).length).toBeGreaterThanOrEqual(6);
    expect((statuses.get(200) ?? 0) + (statuses.get(206) ?? 0)).toBeGreaterThan(100);

    expect(await snapshot()).toBe(before);
    expect((await server.as('editor1:editor').get(`${API}/session`)).status).toBe(200);
    expect((await server.as(null).get(`/s/${fixture.tokens[0]}`)).status).toBe(200);
  });

  it('stores SQL and script payloads as plain text and returns them unchanged', async () => {
    const title = "'; DROP TABLE sc_collections; -- <script>window.__xss=1</script>";
    const description = '" OR 1=1 -- \\ % _ ${7*7} {{7*7}} \u202Eevil';
    const created = await server.as('editor1:editor').post(API, { title, description, password: "' OR '1'='1", assetIds: ['a1'] });
    expect(created.status).toBe(201);
    expect((await server.as('editor1:editor').get(`${API}/${created.json.id}`)).json).toMatchObject({ title, description, hasPassword: true });
    const path = new URL(created.json.url as string).pathname;
    const unlock = await server.as(null).request('POST', `${path}/unlock`, {
      body: `password=${encodeURIComponent("' OR 1=1 --")}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(unlock.status).toBe(401);
    expect(Number((await server.knex('sc_collections').count({ n: '*' }))[0]!.n)).toBe(fixture.collectionIds.length + 1);
  });
});
