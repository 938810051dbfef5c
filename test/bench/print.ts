/**
 * How `npm run bench` and `npm run bench:load` print: the machine first (figures mean little
 * without it), then one line per figure, so BENCHMARKS.md can quote the output as it is.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import type { BenchFigure } from './figures.js';

export function describeMachine(): string {
  const cores = cpus();
  return [
    `machine: ${cores[0]?.model.trim() ?? 'unknown CPU'}, ${cores.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB RAM`,
    `node ${process.version} on ${process.platform}-${process.arch}`,
    `load average ${describeLoad()}`,
  ].join('; ');
}

/** 1, 5 and 15 minutes: other work on the machine slows every figure. */
export function describeLoad(): string {
  return loadavg().map((value) => value.toFixed(2)).join(' ');
}

export function formatFigure(figure: BenchFigure): string {
  return `${figure.pass ? 'PASS' : 'MISS'}  ${figure.name}: ${figure.value} ${figure.unit} (budget ${figure.budget})  [${figure.detail}]`;
}

