import { describe, expect, it } from 'vitest';
import { compile } from '../../../../../src/backends/local/render/compile/compile.js';
import type { RenderAssets } from '../../../../../src/backends/local/render/compile/types.js';
import { FilterGraph } from '../../../../../src/backends/local/render/compile/graph.js';
import { loudnessProbeArgs, parseEbur128 } from '../../../../../src/backends/local/render/compile/loudness.js';
import {
  addMix,
  evenVoiceArgs,
  levellingGain,
  targetLoudness,
} from '../../../../../src/backends/local/render/compile/mix.js';
import type { Timeline } from '../../../../../src/core/timeline/model.js';
import { graphOf } from '../../../../helpers/letter-fixture.js';

const timeline: Timeline = {
  aspect: '16:9',
  duration: 12,
  tracks: [
    { type: 'video', role: 'video', name: 'Video', segments: [{ start: 0, end: 12, label: 'a.jpg', mediaId: 'm_a' }] },
    { type: 'audio', role: 'music', name: 'BGM', segments: [{ start: 0, end: 12, label: 'Warm', volume: 0.35 }] },
    {
      type: 'audio',
      role: 'voice',
      name: 'Voice',
      segments: [{ start: 3, end: 11, label: 'memo.m4a', mediaId: 'm_v', volume: 1 }],
    },
  ],
};
const measured = { integrated: -21.3, truePeak: -6.1 };
const assets: RenderAssets = {
  photos: { m_a: '/p/a.jpg' },
  clips: {},
  overlays: [],
  music: { path: '/m/warm.wav', volume: 0.35 },
  voices: [{ path: '/media/memo.m4a', start: 3, volume: 1 }],
  loudness: measured,
};
const target = {
  path: '/out/letter.mp4',
  width: 960,
  height: 540,
  quality: 'preview' as const,
  motion: 'perspective' as const,
};

describe('the sound mix', () => {
  it("starts the evened-out voice where the timeline says, for the letter's length", () => {
    expect(graphOf(compile(timeline, assets, target))).toContain(
      '[1:a]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,volume=1,adelay=3000|3000,apad,atrim=0:12[voice]',
    );
  });

  it("evens a voice recording out to -16 LUFS once, into a WAV the letters' sound reads", () => {
    expect(evenVoiceArgs('/media/memo.m4a', '/cache/voice.wav').join(' ')).toContain(
      '-i /media/memo.m4a -vn -af aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,loudnorm=I=-16:TP=-2:LRA=11,' +
        'aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo -c:a pcm_f32le -f wav /cache/voice.wav',
    );
  });

  it('ducks the music under the voice with the voice as the sidechain key', () => {
    const graph = graphOf(compile(timeline, assets, target));
    expect(graph).toContain('[voiceatlevel]asplit=2[fg0][key0]');
    expect(graph).toContain('[bed][key0]sidechaincompress=threshold=0.015:ratio=8');
    expect(graph).toContain('[ducked][fg0]amix=inputs=2:duration=first:dropout_transition=0,volume=2[premix]');
  });

  it('lets every foreground stream (voice, clip sound) join one sidechain key', () => {
    const g = new FilterGraph();
    addMix(g, { music: { label: 'music', volume: 0.35 }, foreground: ['voice', 'clip0'], duration: 12 });
    const graph = g.toString();
    expect(graph).toContain('[key0][key1]amix=inputs=2:duration=first:dropout_transition=0,volume=2[key]');
    expect(graph).toContain('[bed][key]sidechaincompress');
    expect(graph).toContain('[ducked][fg0][fg1]amix=inputs=3');
  });

  it('brings the voice to -16 LUFS by the gain the first pass measured on it, before the music is mixed in', () => {
    const graph = graphOf(compile(timeline, assets, target));
    expect(graph).toContain('[voice]volume=5.3dB[voiceatlevel]');
    expect(graph).toContain('[music]volume=1.5849[bed]');
  });

  it('only limits the peaks of the mix: the music is not lifted by the gain measured on the voice', () => {
    expect(graphOf(compile(timeline, assets, target))).toContain(
      '[premix]volume=0dB,alimiter=limit=0.7079:attack=5:release=50:level=0,',
    );
  });

  it('brings a letter of music only to its level by the gain measured on the whole mix', () => {
    const musicOnly = { ...assets, voices: [], loudness: { integrated: -17.5, truePeak: -4 } };
    const tracks = timeline.tracks.filter((t) => t.role !== 'voice');
    expect(graphOf(compile({ ...timeline, tracks }, musicOnly, target))).toContain('[premix]volume=1.5dB,alimiter=');
  });

  it('leaves a silent mix silent rather than turning it up', () => {
    expect(levellingGain(-16, { integrated: -70, truePeak: -70 })).toBe(0);
  });

  it('measures the voice alone in the first pass, so the music keeps its level relative to it', () => {
    const args = loudnessProbeArgs(timeline, assets);
    expect(args.filter((a, i) => args[i - 1] === '-i')).toEqual(['/media/memo.m4a']);
    expect(graphOf(args)).toContain('[voice]anull[levelled];[levelled]ebur128=peak=true[measured]');
    expect(args.slice(-3)).toEqual(['-f', 'null', '-']);
  });

  it("reads the integrated loudness and true peak from ebur128's summary in ffmpeg's log", () => {
    const log =
      '[Parsed_ebur128_9 @ 0x1] t: 28.9  TARGET:-23 LUFS    M: -19.0 S: -18.2     I: -21.3 LUFS       LRA:   4.2 LU  FTPK: -7.0 dBFS  TPK: -6.1 dBFS\n' +
      '[Parsed_ebur128_9 @ 0x1] Summary:\n\n  Integrated loudness:\n    I:         -21.3 LUFS\n    Threshold: -31.5 LUFS\n\n' +
      '  Loudness range:\n    LRA:         4.2 LU\n    Threshold: -41.3 LUFS\n    LRA low:   -23.0 LUFS\n    LRA high:  -18.8 LUFS\n\n' +
      '  True peak:\n    Peak:       -6.1 dBFS\n';
    expect(parseEbur128(log)).toEqual({ integrated: -21.3, truePeak: -6.1 });
  });

  it('measures a silent mix as -70 LUFS with a finite peak', () => {
    const log =
      'Summary:\n\n  Integrated loudness:\n    I:         -70.0 LUFS\n    Threshold:   0.0 LUFS\n\n  Loudness range:\n    LRA:         0.0 LU\n' +
      '    Threshold:   0.0 LUFS\n    LRA low:     0.0 LUFS\n    LRA high:    0.0 LUFS\n\n  True peak:\n    Peak:       -inf dBFS\n';
    expect(parseEbur128(log)).toEqual({ integrated: -70, truePeak: -70 });
  });
});

describe('targetLoudness', () => {
  it('is -16 LUFS whenever a voice or clip sound is in the letter', () => {
    expect(targetLoudness(true, 0.1)).toBe(-16);
  });

  it('follows the music volume for a letter with music only, so "quieter" is heard', () => {
    expect(targetLoudness(false, 0.35)).toBe(-16);
    expect(targetLoudness(false, 0.25)).toBe(-18.9);
    expect(targetLoudness(false, 1)).toBe(-14);
  });
});
