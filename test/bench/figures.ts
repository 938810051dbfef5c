/** One line of `npm run bench`: a measured figure against its budget. */
export interface BenchFigure {
  /** What was measured, e.g. `zip throughput, 1 GiB in 500 files (sqlite)`. */
  name: string;
  /** The ratio or count the budget is about. */
  value: number;
  /** How to print `value`, e.g. `x baseline`, `queries`, `ms`, `KB`. */
  unit: string;
  /** The budget in words, e.g. `>= 0.80`. */
  budget: string;
  pass: boolean;
  /** The absolute numbers behind the ratio, for reference. */
  detail: string;
}
