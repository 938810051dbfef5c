/**
 * The authorization matrix, on every engine: each owner route for each kind of caller, and
 * each public route in each state a link can be in, with the exact status written in a
 * table. A refused cell must not carry anything of the collection: its title, description,
 * a file name, the token, thumbnail or original bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../helpers/databases.js';
import { createFakeDamHost } from '../helpers/fake-dam-host.js';
import { API, type PluginServer, startPluginServer, type TestResponse } from '../helpers/plugin-server.js';

const OWNER = 'editor1:editor';
const OTHER_EDITOR = 'editor2:editor';
const ADMIN = 'boss:administrator';
const PASSWORD = 'right password';
/** Distinct bytes per asset, so a leaked thumbnail or original is recognisable in any body. */
const BYTES = { a1: 'ORIGINAL-BYTES-OF-a1', a2: 'ORIGINAL-BYTES-OF-a2', a3: 'ORIGINAL-BYTES-OF-a3' } as const;
const NAMES = { a1: 'confidential-beach.jpg', a2: 'confidential-dinner.jpg', a3: 'not-shared.jpg' } as const;

function createHost() {
  const host = createFakeDamHost();
  for (const [id, bytes] of Object.entries(BYTES)) host.addAsset(id, Buffer.from(bytes), NAMES[id as keyof typeof NAMES]);
  return host;
}

/** Everything of one collection that a refused visitor of its link must never see. */
function secretsOf(collection: { title: string }): string[] {
  return [collection.title, 'Secret description', NAMES.a1, NAMES.a2, BYTES.a1, BYTES.a2];
}

function expectNoLeak(response: TestResponse, secrets: readonly string[], cell: string): void {
  for (const secret of secrets) expect(response.text.includes(secret), `${cell} leaks "${secret}"`).toBe(false);
}

type Actor = 'anonymous' | 'guest' | 'viewer' | 'editorOwn' | 'editorOther' | 'administrator';
const ACTORS: Readonly<Record<Actor, string | null>> = {
  anonymous: null,
  guest: 'g:guest',
  viewer: 'v:viewer',
  editorOwn: OWNER,
  editorOther: OTHER_EDITOR,
  administrator: ADMIN,
};
/** Callers entitled to see the collection; every other cell must not leak it, whatever its status. */
const ENTITLED: ReadonlySet<Actor> = new Set(['editorOwn', 'administrator']);

interface OwnerRoute {
  name: string;
  method: string;
  path: (id: number) => string;
  json?: unknown;
  expected: Readonly<Record<Actor, number>>;
}

// prettier-ignore
const OWNER_MATRIX: readonly OwnerRoute[] = [
  //                                                                                    anon guest viewer own  other admin
  { name: 'GET /session', method: 'GET', path: () => `${API}/session`,                    expected: row(401, 200, 200, 200, 200, 200) },
  { name: 'GET /', method: 'GET', path: () => API,                                        expected: row(401, 403, 403, 200, 200, 200) },
  { name: 'POST /', method: 'POST', path: () => API, json: { title: 'New', assetIds: ['a3'] }, expected: row(401, 403, 403, 201, 201, 201) },
  { name: 'GET /memberships', method: 'GET', path: () => `${API}/memberships?assetIds=a1,a2`, expected: row(401, 403, 403, 200, 200, 200) },
  { name: 'GET /:id', method: 'GET', path: (id) => `${API}/${id}`,                         expected: row(401, 403, 403, 200, 404, 200) },
  { name: 'PATCH /:id', method: 'PATCH', path: (id) => `${API}/${id}`, json: { description: 'changed' }, expected: row(401, 403, 403, 200, 404, 200) },
  { name: 'DELETE /:id', method: 'DELETE', path: (id) => `${API}/${id}`,                   expected: row(401, 403, 403, 204, 404, 204) },
  { name: 'PATCH /:id/assets', method: 'PATCH', path: (id) => `${API}/${id}/assets`, json: { add: ['a3'] }, expected: row(401, 403, 403, 200, 404, 200) },
];

function row(anonymous: number, guest: number, viewer: number, editorOwn: number, editorOther: number, administrator: number) {
  return { anonymous, guest, viewer, editorOwn, editorOther, administrator };
}

/** The states a link can be in; `setup` makes a fresh collection in that state. */
type State =
  | 'malformedToken' | 'unknownToken' | 'locked' | 'wrongPassword' | 'unlocked' | 'passwordChanged'
  | 'expired' | 'downloadsOff' | 'assetNotInCollection' | 'internalAnonymous' | 'internalSignedIn';
type PublicRoute = 'page' | 'unlock' | 'data' | 'thumbnail' | 'preview' | 'video' | 'original' | 'downloadGet' | 'downloadPost';
const PUBLIC_ROUTES: readonly PublicRoute[] = ['page', 'unlock', 'data', 'thumbnail', 'preview', 'video', 'original', 'downloadGet', 'downloadPost'];

// prettier-ignore
const PUBLIC_MATRIX: Readonly<Record<State, readonly number[]>> = {
  //                     page unlock data thumb prev video orig zipGET zipPOST
  malformedToken:       [404, 404, 404, 404, 404, 404, 404, 404, 404],
  unknownToken:         [404, 404, 404, 404, 404, 404, 404, 404, 404],
  locked:               [401, 303, 401, 401, 401, 401, 401, 401, 401],
  wrongPassword:        [401, 401, 401, 401, 401, 401, 401, 401, 401],
  unlocked:             [200, 303, 200, 200, 200, 200, 200, 200, 200],
  passwordChanged:      [401, 401, 401, 401, 401, 401, 401, 401, 401],
  expired:              [410, 410, 410, 410, 410, 410, 410, 410, 410],
  downloadsOff:         [200, 303, 200, 200, 200, 200, 403, 403, 403],
  assetNotInCollection: [200, 303, 200, 404, 404, 404, 404, 404, 404],
  internalAnonymous:    [401, 401, 401, 401, 401, 401, 401, 401, 401],
  internalSignedIn:     [200, 303, 200, 200, 200, 200, 200, 200, 200],
};

/** How a visitor in one state calls the routes: which token, asset, cookie, user, password. */
interface Visit {
  token: string;
  assetId: string;
  cookie?: string;
  user?: string;
  /** What the unlock form posts. */
  password: string;
  /** What a refused answer must not contain. */
  secrets: string[];
}

describe.each(TEST_ENGINES)('authorization matrix on %s', (engine) => {
  let server: PluginServer;

  beforeAll(async () => {
    // Probing is slowed down by its own suite; here every unknown token must reach the gate's 404.
    server = await startPluginServer({ engine, host: createHost(), options: { throttle: { probeLimit: 100_000 } } });
  });
  afterAll(() => server.close());

  async function share(body: Record<string, unknown> = {}): Promise<{ id: number; title: string; token: string; path: string }> {
    const created = await server.as(OWNER).post(API, { title: 'Secret trip', description: 'Secret description', assetIds: ['a1', 'a2'], allowDownload: true, ...body });
    expect(created.status).toBe(201);
    const path = new URL(created.json.url as string).pathname;
    return { id: created.json.id, title: created.json.title, token: path.split('/').pop()!, path };
  }

  const visit = (v: Visit, method: string, path: string, body?: URLSearchParams) =>
    server.as(v.user ?? null).request(method, path, {
      headers: {
        ...(v.cookie ? { cookie: v.cookie } : {}),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(body ? { body: body.toString() } : {}),
    });

  async function unlock(path: string, password: string): Promise<TestResponse> {
    return server.as(null).request('POST', `${path}/unlock`, {
      body: new URLSearchParams({ password }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }
  const cookieOf = (response: TestResponse) => response.headers.get('set-cookie')?.split(';')[0];

  const SETUP: Readonly<Record<State, () => Promise<Visit>>> = {
    malformedToken: async () => ({ token: '..%2f..%2fetc%2fpasswd', assetId: 'a1', password: PASSWORD, secrets: secretsOf(await share()) }),
    unknownToken: async () => ({ token: 'A'.repeat(32), assetId: 'a1', password: PASSWORD, secrets: secretsOf(await share()) }),
    locked: async () => {
      const c = await share({ password: PASSWORD });
      return { token: c.token, assetId: 'a1', password: PASSWORD, secrets: secretsOf(c) };
    },
    wrongPassword: async () => {
      const c = await share({ password: PASSWORD });
      const wrong = await unlock(c.path, 'wrong password');
      expect(wrong.status).toBe(401);
      expect(cookieOf(wrong), 'a wrong password grants nothing').toBeUndefined();
      return { token: c.token, assetId: 'a1', password: 'wrong password', secrets: secretsOf(c) };
    },
    unlocked: async () => {
      const c = await share({ password: PASSWORD });
      return { token: c.token, assetId: 'a1', password: PASSWORD, cookie: cookieOf(await unlock(c.path, PASSWORD))!, secrets: secretsOf(c) };
    },
    passwordChanged: async () => {
      const c = await share({ password: PASSWORD });
      const cookie = cookieOf(await unlock(c.path, PASSWORD))!;
      expect((await server.as(OWNER).patch(`${API}/${c.id}`, { password: 'new password' })).status).toBe(200);
      return { token: c.token, assetId: 'a1', password: PASSWORD, cookie, secrets: secretsOf(c) };
    },
    expired: async () => {
      const c = await share({ expiresAt: new Date(Date.now() + 60_000).toISOString() });
      // The clock moves for the whole server; later collections are created after it moved.
      server.advanceClock(61_000);
      return { token: c.token, assetId: 'a1', password: PASSWORD, secrets: secretsOf(c) };
    },
    downloadsOff: async () => {
      const c = await share({ allowDownload: false });
      return { token: c.token, assetId: 'a1', password: PASSWORD, secrets: [BYTES.a1, BYTES.a2] };
    },
    assetNotInCollection: async () => {
      const c = await share();
      return { token: c.token, assetId: 'a3', password: PASSWORD, secrets: [NAMES.a3, BYTES.a3] };
    },
    internalAnonymous: async () => {
      const c = await share({ isPublic: false });
      return { token: c.token, assetId: 'a1', password: PASSWORD, secrets: secretsOf(c) };
    },
    internalSignedIn: async () => {
      const c = await share({ isPublic: false });
      return { token: c.token, assetId: 'a1', password: PASSWORD, user: 'g:guest', secrets: secretsOf(c) };
    },
  };

  it.each(OWNER_MATRIX)('owner API: $name', async (route) => {
    for (const [actor, user] of Object.entries(ACTORS) as [Actor, string | null][]) {
      const collection = await share();
      const response = await server.as(user).request(route.method, route.path(collection.id), route.json === undefined ? {} : { json: route.json });
      const cell = `${route.name} as ${actor}`;
      expect(response.status, `${cell}: ${response.text.slice(0, 200)}`).toBe(route.expected[actor]);
      // Owner API callers do not hold the link, so for them the token is a secret too.
      if (!ENTITLED.has(actor)) expectNoLeak(response, [...secretsOf(collection), collection.token], cell);
      // Leave only this cell's collection behind it: the next listing must not see it by accident.
      if (response.status !== 204) expect((await server.as(ADMIN).delete(`${API}/${collection.id}`)).status).toBe(204);
    }
  });

  it.each(Object.keys(PUBLIC_MATRIX) as State[])('public routes: %s', async (state) => {
    const v = await SETUP[state]();
    const base = `/s/${v.token}`;
    const calls: Readonly<Record<PublicRoute, () => Promise<TestResponse>>> = {
      page: () => visit(v, 'GET', base),
      unlock: () => visit(v, 'POST', `${base}/unlock`, new URLSearchParams({ password: v.password })),
      data: () => visit(v, 'GET', `${base}/data.json`),
      thumbnail: () => visit(v, 'GET', `${base}/assets/${v.assetId}/thumbnail`),
      preview: () => visit(v, 'GET', `${base}/assets/${v.assetId}/preview`),
      video: () => visit(v, 'GET', `${base}/assets/${v.assetId}/video`),
      original: () => visit(v, 'GET', `${base}/assets/${v.assetId}/original`),
      downloadGet: () => visit(v, 'GET', `${base}/download?assets=${v.assetId}`),
      downloadPost: () => visit(v, 'POST', `${base}/download`, new URLSearchParams({ assets: v.assetId })),
    };
    const statuses: Record<string, number> = {};
    for (const route of PUBLIC_ROUTES) {
      const response = await calls[route]();
      statuses[route] = response.status;
      if (response.status >= 400) expectNoLeak(response, v.secrets, `${route} when ${state}`);
    }
    const expected = Object.fromEntries(PUBLIC_ROUTES.map((route, index) => [route, PUBLIC_MATRIX[state][index]]));
    expect(statuses).toEqual(expected);
  });

  it('serves the bytes it promises in the open cells', async () => {
    const v = await SETUP.unlocked();
    const base = `/s/${v.token}`;
    expect((await visit(v, 'GET', `${base}/assets/a1/original`)).text).toBe(BYTES.a1);
    expect((await visit(v, 'GET', `${base}/assets/a1/thumbnail`)).text).toBe(BYTES.a1);
    const data = await visit(v, 'GET', `${base}/data.json`);
    expect(data.json.assets.map((asset: { name: string }) => asset.name)).toEqual([NAMES.a1, NAMES.a2]);
  });
});
