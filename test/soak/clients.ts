/**
 * The soak's clients, one iteration each, which the soak runs in loops on either instance as
 * a load balancer would: a gallery visit (the page and three thumbnails), a ZIP download read
 * to its end and checked, a ZIP download interrupted and resumed with `Range` on the other
 * instance, a wrong password, and an edit by the collections' owner. Every request goes into
 * the ledger with what was wrong with its answer, if anything.
 */
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { EventKind } from '../../server-plugin/store/types.js';
import type { CollectionJson, UpdateAssetsResultJson } from '../../shared/api-types.js';
import { DEFAULT_API_PREFIX } from '../../shared/constants.js';
import { checkZip } from '../bench/zip-check.js';
import { unzipTest } from '../bench/zip-downloads.js';
import { send, type Answer, type SendError, type SendOptions } from '../helpers/send.js';
import type { InstanceName, Ledger, Workload } from './ledger.js';

/** Longer than any answer takes, shorter than a stuck one: the plugin's own request deadline is 20 s. */
const TIMEOUT_MS = 30_000;
/** One archive in this many is also tested by `unzip -t`, a reader that shares no code with ours. */
const UNZIP_EVERY = 20;
const THUMBNAILS_PER_VISIT = 3;

export interface SoakLinks {
  gallery: { token: string; title: string; assetIds: readonly string[] };
  zipToken: string;
  lockedToken: string;
  edited: { id: number; spareIds: readonly string[] };
  /** The owner's (the demo's `editor`) session cookie. */
  ownerCookie: string;
}

/** The owner API's answer to an edit: the collection, or what happened to each asset id. */
type EditAnswer = Partial<CollectionJson & UpdateAssetsResultJson>;

/** What was wrong with an answer; nothing when it was right. */
interface Verdict {
  problem?: string;
  invalid?: boolean;
}

interface Call {
  workload: Workload;
  instance: InstanceName;
  path: string;
  send?: Omit<SendOptions, 'agent' | 'timeoutMs'>;
  /** The source address (default 127.0.0.1): the password throttle counts by it. */
  address?: string;
  /** The status whose answer makes the server record an access event, and that event. */
  records?: { status: number; event: EventKind };
  judge(answer: Answer): Verdict | Promise<Verdict>;
}

export type SoakClients = ReturnType<typeof createClients>;

export function createClients(options: { ledger: Ledger; baseUrls: Record<InstanceName, string>; links: SoakLinks; scratchDir: string }) {
  const { ledger, baseUrls, links } = options;
  const agents = new Map<string, Agent>();
  const checks = { archives: 0, unzipTested: 0, resumes: 0 };
  let reference: { etag: string; bytes: Buffer } | undefined;
  let guessingAddress = 0;
  let downloader = 0;
  const zipPath = `/s/${links.zipToken}/download`;

  function agentFor(instance: InstanceName, address = '127.0.0.1'): Agent {
    const key = `${instance} ${address}`;
    let agent = agents.get(key);
    if (!agent) agents.set(key, (agent = new Agent({ keepAlive: true, localAddress: address })));
    return agent;
  }

  /** Sends the request and records it; the answer when it was right. */
  async function call(request: Call): Promise<Answer | undefined> {
    const start = performance.now();
    let answer: Answer | undefined;
    let verdict: Verdict;
    let status: number | undefined;
    try {
      answer = await send(`${baseUrls[request.instance]}${request.path}`, { ...request.send, agent: agentFor(request.instance, request.address), timeoutMs: TIMEOUT_MS });
      status = answer.status;
      verdict = await request.judge(answer);
    } catch (error) {
      status = (error as SendError).status;
      verdict = { problem: (error as SendError).code ?? (error as Error).message };
    }
    const event = request.records && status === request.records.status ? request.records.event : undefined;
    ledger.record({ workload: request.workload, instance: request.instance, start, end: performance.now(), status, ...verdict, ...(event ? { event } : {}) });
    return verdict.problem === undefined ? answer : undefined;
  }

  const expectStatus = (status: number, type?: string) => (answer: Answer): Verdict => {
    if (answer.status !== status) return { problem: `status ${answer.status}` };
    if (type && !String(answer.headers['content-type']).startsWith(type)) return { problem: `Content-Type ${answer.headers['content-type']}` };
    return {};
  };

  /** Length against Content-Length, then the central directory and every CRC-32, and now and then `unzip -t`. */
  async function checkArchive(answer: Answer): Promise<Verdict> {
    if (answer.status !== 200) return { problem: `status ${answer.status}` };
    const declared = Number(answer.headers['content-length']);
    if (declared !== answer.body.length) return { problem: `Content-Length ${declared}, ${answer.body.length} bytes came`, invalid: true };
    try {
      checkZip(answer.body);
      checks.archives += 1;
      if (checks.archives % UNZIP_EVERY === 1) {
        await unzipTest(options.scratchDir, `archive-${checks.archives}.zip`, answer.body);
        checks.unzipTested += 1;
      }
      return {};
    } catch (error) {
      return { problem: (error as Error).message, invalid: true };
    }
  }

  async function viewGallery(instance: InstanceName): Promise<void> {
    const { token, title, assetIds } = links.gallery;
    await call({
      workload: 'gallery', instance, path: `/s/${token}`, records: { status: 200, event: 'view' },
      judge: (answer) => (answer.status === 200 && !answer.body.includes(title) ? { problem: 'the page lacks its title' } : expectStatus(200, 'text/html')(answer)),
    });
    for (let shown = 0; shown < THUMBNAILS_PER_VISIT; shown += 1) {
      const assetId = assetIds[Math.floor(Math.random() * assetIds.length)]!;
      await call({ workload: 'thumbnail', instance, path: `/s/${token}/assets/${assetId}/thumbnail`, judge: expectStatus(200, 'image/jpeg') });
    }
  }

  /**
   * The next downloader's address: downloads come from 200 recipients in turn, as through a load
   * balancer, each starting far fewer a minute than `downloads.startsPerMinute` allows one address.
   */
  function nextDownloader(): string {
    return `127.0.1.${1 + (downloader++ % 200)}`;
  }

  function downloadZip(instance: InstanceName): Promise<Answer | undefined> {
    return call({ workload: 'zip', instance, path: zipPath, address: nextDownloader(), records: { status: 200, event: 'zip' }, judge: checkArchive });
  }

  /** Cuts a download at a random byte on one instance and fetches the rest from the other. */
  async function resumeZip(instance: InstanceName, other: InstanceName): Promise<void> {
    if (!reference) {
      const whole = await downloadZip(instance);
      if (whole) reference = { etag: String(whole.headers.etag), bytes: whole.body };
      return;
    }
    const { etag, bytes } = reference;
    const cut = 1 + Math.floor(Math.random() * (bytes.length - 1));
    // One recipient: the download and its resume come from the same address.
    const address = nextDownloader();
    const head = await call({
      workload: 'resume', instance, path: zipPath, address, send: { stopAfterBytes: cut }, records: { status: 200, event: 'zip' },
      judge: (answer) => (answer.status === 200 && answer.headers.etag !== etag ? { problem: `the archive changed: ETag ${answer.headers.etag}` } : expectStatus(200)(answer)),
    });
    if (!head) return;
    await call({
      workload: 'resume', instance: other, path: zipPath, address, send: { headers: { range: `bytes=${cut}-`, 'if-range': etag } },
      judge(answer) {
        if (answer.status !== 206) return { problem: `status ${answer.status}` };
        if (!Buffer.concat([head.body.subarray(0, cut), answer.body]).equals(bytes)) {
          return { problem: `resumed at byte ${cut} on instance ${other}: not the bytes of the whole archive`, invalid: true };
        }
        checks.resumes += 1;
        return {};
      },
    });
  }

  /** Wrong passwords from a botnet's addresses: each guesses until it is held back, then the next one goes on. */
  async function guessPassword(instance: InstanceName, round: number): Promise<void> {
    const answer = await call({
      workload: 'password', instance, path: `/s/${links.lockedToken}/unlock`, address: `127.0.0.${10 + (guessingAddress % 240)}`,
      send: { method: 'POST', body: new URLSearchParams({ password: `wrong ${round}` }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      records: { status: 401, event: 'unlock_failed' },
      judge: (answer) => (answer.status === 401 || answer.status === 429 ? {} : { problem: `status ${answer.status}` }),
    });
    if (answer?.status === 429) guessingAddress += 1;
  }

  /** The owner's round of edits: a new title, a file added, the same file removed again. */
  async function editCollection(instance: InstanceName, round: number): Promise<void> {
    const { id, spareIds } = links.edited;
    const assetId = spareIds[Math.floor(round / 3) % spareIds.length]!;
    const patch = (body: unknown) => ({ method: 'PATCH', body: JSON.stringify(body), headers: { 'content-type': 'application/json', cookie: links.ownerCookie } });
    const saved = (holds: (json: EditAnswer) => boolean) => (answer: Answer): Verdict =>
      answer.status !== 200 ? { problem: `status ${answer.status}` } : holds(JSON.parse(answer.body.toString())) ? {} : { problem: `not saved: ${answer.body}` };
    const path = `${DEFAULT_API_PREFIX}/${id}`;
    const step = round % 3;
    if (step === 0) {
      const title = `Soak edits ${round / 3 + 1}`;
      await call({ workload: 'edit', instance, path, send: patch({ title }), judge: saved((json) => json.title === title) });
    } else {
      const [change, outcomes] = step === 1 ? (['add', ['added', 'duplicates']] as const) : (['remove', ['removed', 'notInCollection']] as const);
      await call({
        workload: 'edit', instance, path: `${path}/assets`, send: patch({ [change]: [assetId] }),
        judge: saved((json) => outcomes.some((key) => json[key]?.includes(assetId))),
      });
    }
  }

  return {
    checks,
    viewGallery,
    downloadZip,
    resumeZip,
    guessPassword,
    editCollection,
    close: () => agents.forEach((agent) => agent.destroy()),
  };
}
