import { childrenOf, currentRss, peakRss } from './proc.js';

export interface MemoryPeaks {
  /** Per child name, the largest sum of the peaks of the children alive at one moment. */
  children: Map<string, number>;
  /** The largest resident memory of the parent and all its children sampled at one moment. */
  together: number;
}

/**
 * Samples the memory of a process's children while something runs, per child name: the largest
 * sum, over the children alive at one moment, of each one's peak so far. With parts rendering
 * side by side that is what the ffmpeg processes hold together (an upper bound: their peaks need
 * not coincide). Also the whole tree's memory at each sample, parent included: what the machine
 * really had to hold at once. A peak shorter than the interval can be missed.
 */
export function watchChildren(parent: number, intervalMs = 100): { stop: () => Promise<MemoryPeaks> } {
  const peaks = new Map<string, number>();
  let together = 0;
  let sampling: Promise<void> = Promise.resolve();
  const sample = async () => {
    const byName = new Map<string, number>();
    let now = (await currentRss(parent)) ?? 0;
    for (const child of await childrenOf(parent)) {
      const [peak, current] = await Promise.all([peakRss(child.pid), currentRss(child.pid)]);
      if (peak !== undefined) byName.set(child.name, (byName.get(child.name) ?? 0) + peak);
      now += current ?? 0;
    }
    for (const [name, rss] of byName) peaks.set(name, Math.max(peaks.get(name) ?? 0, rss));
    together = Math.max(together, now);
  };
  const timer = setInterval(() => {
    sampling = sampling.then(sample);
  }, intervalMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await sampling;
      return { children: peaks, together };
    },
  };
}
