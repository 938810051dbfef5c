/**
 * What the fault suites watch besides the answers: failures that escape to the process, and
 * what the plugin logs (outages as warnings, bugs as errors).
 *
 * @example
 * failOnProcessErrors(); // at the top of a test file
 * const logger = captureLogger();
 * await startPluginServer({ engine, options: { logger } });
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { Logger } from '../../server-plugin/options.js';

/** Fails the file when anything surfaces as an unhandled rejection or uncaught exception. */
export function failOnProcessErrors(): void {
  const failures: unknown[] = [];
  const record = (reason: unknown) => failures.push(reason);
  beforeAll(() => {
    process.on('unhandledRejection', record);
    process.on('uncaughtException', record);
  });
  afterAll(() => {
    process.off('unhandledRejection', record);
    process.off('uncaughtException', record);
    expect(failures).toEqual([]);
  });
}

/** A logger that keeps what the plugin reports, so a test can tell outages (warn) from bugs (error). */
export function captureLogger(): Logger & { errors: unknown[][]; warnings: unknown[][] } {
  const errors: unknown[][] = [];
  const warnings: unknown[][] = [];
  return { errors, warnings, error: (...args) => errors.push(args), warn: (...args) => warnings.push(args) };
}
