import { describe, expect, it } from 'vitest';
import {
  compileJoin,
  compilePart,
  compileSound,
} from '../../../../../src/backends/local/render/compile/compile-parts.js';
import { concatList, partFrames, planParts } from '../../../../../src/backends/local/render/compile/parts.js';
import { perspectiveFilter } from '../../../../../src/backends/local/render/compile/pictures.js';
import { finalTarget, graphOf, inputsOf, twoShotAssets, twoShotLetter } from '../../../../helpers/letter-fixture.js';

const timeline = twoShotLetter();
const assets = twoShotAssets();
const target = finalTarget('/cache/part.mp4');

describe('planParts', () => {
  it('cuts the letter into equal parts of about 4 s that cover every frame once', () => {
    const parts = planParts(870);
    expect(parts).toHaveLength(7);
    expect(parts[0]).toEqual({ from: 0, to: 124 });
    expect(parts.at(-1)?.to).toBe(870);
    parts.slice(1).forEach((p, i) => expect(p.from).toBe(parts[i]?.to));
  });

  it('makes as many parts for every core, so the cores finish together', () => {
    const parts = planParts(870, 2);
    expect(parts).toHaveLength(8);
    expect(new Set(parts.map((p) => p.to - p.from))).toEqual(new Set([108, 109]));
  });

  it('gives a 540p preview of a 30 s letter one long part per core: its frames cost far less than final ones', () => {
    expect(planParts(870, 2, partFrames('preview'))).toEqual([
      { from: 0, to: 435 },
      { from: 435, to: 870 },
    ]);
    expect(partFrames('final')).toBe(120);
  });

  it('keeps a short letter in one part', () => {
    expect(planParts(100)).toEqual([{ from: 0, to: 100 }]);
  });
});

describe('compilePart (one stretch of the pictures)', () => {
  it('shows only what is on screen in the window, and writes exactly its frames without sound', () => {
    const args = compilePart(timeline, assets, target, { from: 180, to: 300 }, 1);
    expect(inputsOf(args)).toEqual(['/p/b.jpg']);
    expect(args.join(' ')).toContain('-frames:v 120 -an -f mp4 /cache/part.mp4');
    expect(args.join(' ')).toContain('-threads 1');
    expect(args).not.toContain('[audio]');
  });

  it('keeps the letter timestamps inside the graph and restarts the output at zero', () => {
    const graph = graphOf(compilePart(timeline, assets, target, { from: 150, to: 300 }, 1));
    // photo a is on screen up to frame 165: 15 frames of it, from frame 150, 150 frames into its motion
    expect(graph).toContain('[0:v]format=yuv420p,loop=loop=14:size=1:start=0,settb=1/30,setpts=N+150,perspective=');
    expect(graph).toContain('((in+149)/164)');
    // photo a is the bottom layer, held on its last frame under photo b for the rest of the window
    expect(graph).toContain(',loop=loop=135:size=1:start=14,setpts=N+150[v0]');
    expect(graph).not.toContain('[base]');
    expect(graph).toContain('fade=t=in:st=4.5:d=1:alpha=1[shot1];[v0][shot1]overlay=');
    expect(graph).toMatch(/fade=t=out:st=9\.2:d=0\.8,format=yuv420p,setpts=PTS-STARTPTS\[video\]$/);
  });

  it('is the whole letter unchanged when the window is the whole letter', () => {
    const graph = graphOf(compilePart(timeline, assets, target, { from: 0, to: 300 }, 2));
    expect(graph).not.toContain('STARTPTS');
    expect(graph).toContain('((in-1)/164)');
    expect(inputsOf(compilePart(timeline, assets, target, { from: 0, to: 300 }, 2))).toEqual([
      '/p/a.jpg',
      '/p/b.jpg',
      '/t/title.png',
    ]);
  });
});

describe('perspectiveFilter from part-way', () => {
  it('continues the same path: frame k of a shot started at frame 150 is frame 150 + k of the whole shot', () => {
    const motion = { fromZoom: 1, toZoom: 1.12, fromX: 0.5, fromY: 0.5, toX: 0.55, toY: 0.53 };
    const x0 = (f: string) => /x0=([^:]+)/.exec(f)?.[1] ?? '';
    const evalAt = (expr: string, frame: number) =>
      Function('frame', `return ${expr.replace(/\bin\b/g, '(frame + 1)')}`)(frame) as number;
    const whole = x0(perspectiveFilter(motion, 165, 1920, 1080));
    const later = x0(perspectiveFilter(motion, 165, 1920, 1080, 150));
    for (const k of [0, 7, 14]) expect(evalAt(later, k)).toBe(evalAt(whole, 150 + k));
  });
});

describe('compileSound', () => {
  it("mixes and levels the letter's sound alone, as AAC in an M4A", () => {
    const args = compileSound(timeline, assets, '/cache/sound.m4a');
    expect(args.join(' ')).toContain('-i /m/warm.wav');
    expect(graphOf(args)).toMatch(/^\[0:a\]aresample=48000,.*\[audio\]$/);
    expect(args.join(' ')).toContain(
      '-map [audio] -c:a aac -aac_coder fast -b:a 160k -ar 48000 -ac 2 -vn -f mp4 /cache/sound.m4a',
    );
  });
});

describe('compileJoin', () => {
  it('puts the parts and the sound together as they are, encoding nothing', () => {
    const args = compileJoin('/cache/parts.txt', '/cache/sound.m4a', { ...target, path: '/out/letter.mp4' });
    expect(args.join(' ')).toContain(
      '-f concat -safe 0 -i /cache/parts.txt -i /cache/sound.m4a -map 0:v -map 1:a -c copy -movflags +faststart',
    );
    expect(args).not.toContain('-filter_complex');
    expect(args.at(-1)).toBe('/out/letter.mp4');
  });

  it('lists part files for the concat demuxer, quoting any path', () => {
    expect(concatList(['/a/p1.mp4', "/it's/p2.mp4"])).toBe("file '/a/p1.mp4'\nfile '/it'\\''s/p2.mp4'\n");
  });
});
