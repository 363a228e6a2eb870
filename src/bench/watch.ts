import { childrenOf, peakRss } from './proc.js';

/**
 * Samples the memory of a process's children while something runs, per child name: the largest
 * sum, over the children alive at one moment, of each one's peak so far. With parts rendering
 * side by side that is what the ffmpeg processes hold together (an upper bound: their peaks need
 * not coincide). A peak shorter than the interval just before a child exits can be missed.
 */
export function watchChildren(parent: number, intervalMs = 100): { stop: () => Promise<Map<string, number>> } {
  const peaks = new Map<string, number>();
  let sampling: Promise<void> = Promise.resolve();
  const sample = async () => {
    const together = new Map<string, number>();
    for (const child of await childrenOf(parent)) {
      const rss = await peakRss(child.pid);
      if (rss !== undefined) together.set(child.name, (together.get(child.name) ?? 0) + rss);
    }
    for (const [name, rss] of together) peaks.set(name, Math.max(peaks.get(name) ?? 0, rss));
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
