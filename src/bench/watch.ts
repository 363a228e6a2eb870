import { childrenOf, peakRss } from './proc.js';

/**
 * Samples the peak memory of a process's children while something runs. A child's VmHWM only
 * grows, so the last sample before it exits is close to its true peak (a final spike shorter than
 * the interval can be missed).
 */
export function watchChildren(parent: number, intervalMs = 100): { stop: () => Promise<Map<string, number>> } {
  const peaks = new Map<string, number>();
  let sampling: Promise<void> = Promise.resolve();
  const sample = async () => {
    for (const child of await childrenOf(parent)) {
      const rss = await peakRss(child.pid);
      if (rss !== undefined) peaks.set(child.name, Math.max(peaks.get(child.name) ?? 0, rss));
    }
  };
  const timer = setInterval(() => {
    sampling = sampling.then(sample);
  }, intervalMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await sampling;
      return peaks;
    },
  };
}
