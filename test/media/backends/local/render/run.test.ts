import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { frameTable } from '../../../../../src/backends/local/render/compile/motion.js';
import { runFfmpeg } from '../../../../../src/backends/local/render/run/render-once.js';
import { probeVideo } from '../../../../helpers/media.js';
import { tools } from '../../../../helpers/render.js';
import { tempDir } from '../../../../helpers/server.js';

describe('runFfmpeg', () => {
  it('hands ffmpeg a filtergraph longer than Linux allows in one argument (128 KiB) through a file', async () => {
    // Per-frame tables this long are what a part with many moving photos makes.
    const table = frameTable(Array.from({ length: 12_000 }, (_, i) => 2 * (i % 4)));
    const graph = `color=s=32x32:r=30:d=0.2,format=yuv420p,crop=16:16:${table}:0[video]`;
    expect(graph.length).toBeGreaterThan(128 * 1024);
    const out = path.join(tempDir(), 'long.mp4');
    await runFfmpeg(
      tools.ffmpeg,
      ['-v', 'error', '-filter_complex', graph, '-map', '[video]', '-c:v', 'libx264', '-f', 'mp4', out],
      { durationSeconds: 0.2 },
    );
    expect(await probeVideo(out)).toMatchObject({ width: 16, height: 16 });
  });
});
