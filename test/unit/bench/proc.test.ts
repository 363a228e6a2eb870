import { describe, expect, it } from 'vitest';
import { cpuTimes, parseStat, peakRss } from '../../../bench/proc.js';

describe('parseStat', () => {
  it('reads the name, parent and CPU ticks even when the name has spaces and parentheses', () => {
    const line = '4242 (ffmpeg (x) 2) S 17 4242 17 0 -1 4194560 100 0 0 0 250 50 30 20 20 0 1 0 100 1000 200';
    const stat = parseStat(line);
    expect(stat.name).toBe('ffmpeg (x) 2');
    expect(stat.ppid).toBe(17);
    // utime 250 + stime 50 ticks, children 30 + 20 ticks, at 100 ticks a second
    expect(stat.cpu.self).toBeCloseTo(3);
    expect(stat.cpu.children).toBeCloseTo(0.5);
  });

  it('reads this process from /proc', async () => {
    expect((await cpuTimes('self')).self).toBeGreaterThan(0);
    expect(await peakRss('self')).toBeGreaterThan(1_000_000);
  });
});
