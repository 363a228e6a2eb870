import { describe, expect, it } from 'vitest';
import { LetterSettings, type StoredMedia } from '../../../../../src/backends/local/project.js';
import { fitMusicArgs } from '../../../../../src/backends/local/music/uploaded.js';
import { planLetter } from '../../../../../src/backends/local/plan/plan.js';
import { compile } from '../../../../../src/backends/local/render/compile/compile.js';
import type { RenderAssets, RenderTarget } from '../../../../../src/backends/local/render/compile/types.js';
import { compilePart, compileSound } from '../../../../../src/backends/local/render/compile/compile-parts.js';
import { REQUIRED_FILTERS, SCALE_MOTION_PROBE } from '../../../../../src/backends/local/render/run/locate-ffmpeg.js';
import { clipFrameGraph } from '../../../../../src/backends/local/render/prepare/keyframes.js';
import { lookFilter } from '../../../../../src/backends/local/render/compile/look.js';
import { lookFramesFilter } from '../../../../../src/backends/local/render/run/look-frames.js';
import { loudnessProbeArgs } from '../../../../../src/backends/local/render/compile/loudness.js';
import { evenVoiceArgs } from '../../../../../src/backends/local/render/compile/mix.js';
import { planParts } from '../../../../../src/backends/local/render/compile/parts.js';
import { narrationTrackArgs } from '../../../../../src/backends/local/voice/narration-track.js';
import { FRAME_SIZES, LookStyle, trackOf, type Timeline } from '../../../../../src/core/timeline/model.js';

/**
 * The filters ffmpeg must have are read off what the renderer really asks of it: representative
 * letters (photos, clips with and without sound, a voice recording, narration, built-in and
 * uploaded music, every look and aspect, final and preview) compiled, plus every other filtergraph
 * the engine runs. A filter missing from REQUIRED_FILTERS would pass the start-up check on a build
 * without it and fail the first export.
 */
const file = (id: string, kind: StoredMedia['kind'], extra: Partial<StoredMedia> = {}): StoredMedia => ({
  id,
  kind,
  fileName: `${id}.${kind === 'photo' ? 'jpg' : kind === 'video' ? 'mp4' : 'm4a'}`,
  format: 'x',
  sizeBytes: 1,
  storedAs: id,
  uploadedAt: '',
  ...extra,
});
const landscape = file('wide', 'photo', { width: 4000, height: 3000 });
const portrait = file('tall', 'photo', { width: 3000, height: 4000 });
const clip = file('clip', 'video', { width: 1920, height: 1080, durationSeconds: 6, hasSound: true });
const silentClip = file('mute', 'video', { width: 1080, height: 1920, durationSeconds: 5, hasSound: false });
const voice = file('voice', 'audio', { durationSeconds: 9, role: 'voice' });
const song = file('song', 'audio', { durationSeconds: 200, role: 'music' });
const words = { message: 'Dear Mom, thank you for everything. We love you.', title: 'Dear Mom', closing: 'Love, Anna' };

const LETTERS: { name: string; timeline: Timeline }[] = [
  { name: 'photos under built-in music', timeline: planLetter(LetterSettings.parse(words), [landscape, portrait]) },
  {
    name: 'clips with and without sound',
    timeline: planLetter(LetterSettings.parse({ ...words, aspect: '9:16' }), [landscape, clip, silentClip]),
  },
  {
    name: 'a voice recording over an uploaded song',
    timeline: planLetter(LetterSettings.parse({ ...words, aspect: '1:1' }), [portrait, clip, voice, song]),
  },
  {
    name: 'the message read aloud',
    timeline: planLetter(LetterSettings.parse({ ...words, narration: true }), [landscape], [2.1, 1.4]),
  },
  { name: 'silence', timeline: planLetter(LetterSettings.parse({ ...words, music: { enabled: false } }), [landscape]) },
  ...LookStyle.options.map((style) => ({
    name: `the ${style} look`,
    timeline: planLetter(LetterSettings.parse({ ...words, style }), [landscape, clip]),
  })),
];

/** Prepared files for a timeline, as the engine would hand them to the compiler. */
function assetsFor(t: Timeline): RenderAssets {
  const shots = trackOf(t, 'video')?.segments ?? [];
  const byKind = (clips: boolean) =>
    Object.fromEntries(
      shots.filter((s) => (s.kind === 'clip') === clips).map((s) => [s.mediaId!, `/media/${s.mediaId}`]),
    );
  const music = trackOf(t, 'music')?.segments[0];
  const spoken = trackOf(t, 'voice')?.segments[0];
  const overlays = (['title', 'message', 'closing'] as const)
    .flatMap((role) => trackOf(t, role)?.segments ?? [])
    .map((s, i) => ({ path: `/text/${i}.png`, start: s.start, end: s.end, x: 0, y: 0 }));
  return {
    photos: byKind(false),
    clips: byKind(true),
    overlays,
    ...(music && { music: { path: '/music.wav', volume: music.volume ?? 0.35 } }),
    ...(spoken && { voices: [{ path: '/voice.wav', start: spoken.start, volume: 1 }] }),
    loudness: { integrated: -19, truePeak: -4 },
  };
}

/** Every filtergraph in a list of ffmpeg arguments. */
const graphsIn = (args: string[]) =>
  args.flatMap((a, i) => (['-filter_complex', '-vf', '-af'].includes(a) ? [args[i + 1]!] : []));

/** The filters a filtergraph names: each filter of each chain, with labels, quoted text and escaped separators set aside. */
function filterNames(graph: string): string[] {
  const plain = graph.replace(/'[^']*'/g, "''").replace(/\\./g, '');
  return plain
    .split(/[;,]/)
    .map((f) => /^\s*(?:\[[^\]]*\]\s*)*([a-z0-9_]+)/.exec(f)?.[1])
    .filter((n): n is string => n !== undefined);
}

function graphsOfLetters(motion: RenderTarget['motion']): string[] {
  return LETTERS.flatMap(({ timeline }) =>
    (['final', 'preview'] as const).flatMap((quality) => {
      const frame = FRAME_SIZES[timeline.aspect];
      const target: RenderTarget = { path: '/out.mp4', width: frame.width, height: frame.height, quality, motion };
      const assets = assetsFor(timeline);
      const parts = planParts(Math.round(timeline.duration * 30)).map((window) =>
        compilePart(timeline, assets, target, window, 2),
      );
      return [
        compile(timeline, assets, target),
        compileSound(timeline, assets, '/sound.mp4'),
        loudnessProbeArgs(timeline, assets),
        ...parts,
      ].flatMap(graphsIn);
    }),
  );
}

/** The engine's other filtergraphs: music fitting, voice evening, narration, storyboard frames, the loudness of a finished letter. */
const otherGraphs = [
  ...graphsIn(fitMusicArgs('/song.mp3', 200, 30, '/fitted.wav')),
  ...graphsIn(fitMusicArgs('/song.mp3', 12, 30, '/fitted.wav')),
  ...graphsIn(evenVoiceArgs('/voice.m4a', '/even.wav')),
  ...graphsIn(
    narrationTrackArgs(
      [
        { file: '/a.wav', start: 1 },
        { file: '/b.wav', start: 4 },
      ],
      8,
      '/narration.wav',
    ),
  ),
  clipFrameGraph('cover', 384, 216),
  clipFrameGraph('contain', 384, 216),
  ...LookStyle.options.flatMap((style) => {
    const look = lookFilter(style);
    return look ? [lookFramesFilter(look)] : [];
  }),
  'ebur128=peak=true',
];

describe('the filters a usable ffmpeg must have', () => {
  const required = new Set<string>(REQUIRED_FILTERS);

  it('include every filter of every graph the renderer compiles with perspective motion (any build)', () => {
    const used = new Set([...graphsOfLetters('perspective'), ...otherGraphs].flatMap(filterNames));
    expect(used.size).toBeGreaterThan(30);
    expect([...used].filter((f) => !required.has(f)).sort()).toEqual([]);
  });

  it('include every filter the scale motion uses, except those its own start-up probe checks', () => {
    const probed = new Set(filterNames(SCALE_MOTION_PROBE));
    const used = new Set(graphsOfLetters('scale').flatMap(filterNames));
    expect([...used].filter((f) => !required.has(f) && !probed.has(f)).sort()).toEqual([]);
  });

  it('name nothing the renderer no longer uses', () => {
    const used = new Set(
      [...graphsOfLetters('perspective'), ...graphsOfLetters('scale'), ...otherGraphs].flatMap(filterNames),
    );
    expect([...required].filter((f) => !used.has(f)).sort()).toEqual([]);
  });
});
