/**
 * Resolves once `check` holds, asking every 50 ms: for what a server does a moment after the
 * client has its answer (a connection closing, a log line). The limit only stops a run that
 * would hang; it is no statement about speed.
 *
 * @example
 * await eventually(() => host.opened.every((stream) => stream.destroyed), 'the host streams were closed');
 */
export async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (const deadline = Date.now() + 30_000; !(await check()); ) {
    if (Date.now() > deadline) throw new Error(`still not true after 30 s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
