import type { Logger } from '../../../log.js';
import { isNemoFailure } from './failure.js';

/** One way out of a refusal: when it applies, `repair` runs and the call is made again. */
export interface Remedy {
  applies(e: unknown): boolean;
  repair(e: unknown): Promise<void>;
}

/**
 * Makes the call, and after a refusal one of the remedies knows, repairs and calls again. Each
 * remedy helps once per call: the same refusal a second time reaches the caller as it is.
 */
export async function withRemedies<T>(call: () => Promise<T>, remedies: Remedy[]): Promise<T> {
  const used = new Set<Remedy>();
  for (;;) {
    try {
      return await call();
    } catch (e) {
      const remedy = remedies.find((r) => !used.has(r) && r.applies(e));
      if (!remedy) throw e;
      used.add(remedy);
      await remedy.repair(e);
    }
  }
}

export interface RateLimitOptions {
  logger: Logger;
  /** How long to wait after HTTP 429 before the one retry (30 s by the spec; tests pass 0). */
  rateLimitWaitMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * HTTP 429: wait (30 s by the spec), then try once more. The wait ends early, with the call, when
 * `signal` is aborted (the person cancelled): a cancelled call never waits out a rate limit.
 */
export function waitOutRateLimit(options: RateLimitOptions, signal?: AbortSignal): Remedy {
  return {
    applies: (e) => isNemoFailure(e, undefined, 429),
    async repair() {
      options.logger.warn({ waitMs: options.rateLimitWaitMs }, 'NemoVideo rate limit; waiting once');
      await options.sleep(options.rateLimitWaitMs, signal);
    },
  };
}
