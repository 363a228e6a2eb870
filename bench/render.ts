import { cpuTimes, peakRss, resetPeakRss } from './proc.js';
import type { BenchServer, Reply } from './server.js';
import { watchChildren, type MemoryPeaks } from './watch.js';

export interface RenderMeasurement {
  path: string;
  width: number;
  height: number;
  videoSeconds: number;
  sizeBytes: number;
  wallSeconds: number;
  cpuSeconds: number;
  ffmpegPeakRssBytes: number | null;
  serverPeakRssBytes: number | null;
  /** Server and ffmpeg together, sampled at the same moments. */
  peakRssTogetherBytes: number;
}

/**
 * One export_video, measured from outside the server: wall clock at the client, CPU of the
 * server and its children from /proc, the server's peak memory in a window reset for this export,
 * and ffmpeg's peak memory sampled while it runs.
 */
export async function measureExport(
  server: BenchServer,
  projectId: string,
  quality: 'final' | 'preview',
): Promise<RenderMeasurement> {
  await resetPeakRss(server.pid);
  const cpuBefore = await cpuTimes(server.pid);
  const watch = watchChildren(server.pid);
  const started = performance.now();
  let reply: Reply;
  let wallSeconds: number;
  let peaks: MemoryPeaks;
  try {
    reply = await server.exportUntilDone({ project_id: projectId, quality });
    wallSeconds = (performance.now() - started) / 1000;
  } finally {
    peaks = await watch.stop();
  }
  const cpuAfter = await cpuTimes(server.pid);
  return {
    path: reply.path as string,
    width: reply.width as number,
    height: reply.height as number,
    videoSeconds: reply.duration_seconds as number,
    sizeBytes: reply.size_bytes as number,
    wallSeconds,
    cpuSeconds: cpuAfter.self + cpuAfter.children - (cpuBefore.self + cpuBefore.children),
    ffmpegPeakRssBytes: peaks.children.get('ffmpeg') ?? null,
    serverPeakRssBytes: (await peakRss(server.pid)) ?? null,
    peakRssTogetherBytes: peaks.together,
  };
}
