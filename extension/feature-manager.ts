/**
 * Runs the extension's features, one per file under `features/`. Each feature gets its own
 * `AbortSignal` (listeners and observers registered with it go away together) and its own
 * error boundary: a feature that throws, at once or asynchronously, is logged and aborted,
 * and every other feature keeps working. Modelled on Refined GitHub's feature manager.
 *
 * @example
 * features.add('selection', ({ signal }) => {
 *   document.addEventListener('click', onClick, { signal });
 * });
 */
export interface FeatureContext {
  signal: AbortSignal;
}

export type FeatureInit = (context: FeatureContext) => void | Promise<void>;

export interface FeatureResult {
  id: string;
  ok: boolean;
}

export interface FeatureManager {
  add(id: string, init: FeatureInit): void;
  /** Starts every feature added so far; resolves once each has finished its set-up or failed. */
  start(): Promise<FeatureResult[]>;
  /** Aborts every running feature, e.g. when the extension is reloaded under the page. */
  stop(): void;
}

export function createFeatureManager(logError: (message: string, error: unknown) => void): FeatureManager {
  const features = new Map<string, FeatureInit>();
  const running = new Set<AbortController>();

  async function run(id: string, init: FeatureInit): Promise<FeatureResult> {
    const controller = new AbortController();
    running.add(controller);
    try {
      await init({ signal: controller.signal });
      return { id, ok: true };
    } catch (error) {
      controller.abort();
      running.delete(controller);
      logError(`Shared Collections: feature "${id}" failed`, error);
      return { id, ok: false };
    }
  }

  return {
    add(id, init) {
      if (features.has(id)) throw new Error(`Feature "${id}" is already registered.`);
      features.set(id, init);
    },
    start() {
      return Promise.all([...features].map(([id, init]) => run(id, init)));
    },
    stop() {
      for (const controller of running) controller.abort();
      running.clear();
    },
  };
}

/** The content script's manager: feature files register here, `content.ts` starts it. */
export const features = createFeatureManager((message, error) => console.error(message, error));
