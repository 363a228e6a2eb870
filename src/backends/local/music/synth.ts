import { endianness } from 'node:os';
import { MusicMood } from '../../../core/timeline/model.js';

/**
 * Background music made on the person's machine, so it is royalty-free by construction: a soft
 * chord progression (pad + arpeggio + bass) fitted to the letter's exact length, ending on the
 * home chord with a fade. Pure: same mood and length, same samples.
 */
export interface Mood {
  /** Semitone offsets of chord roots from the key, one chord per bar. */
  progression: number[];
  /** MIDI note of the key. */
  key: number;
  minorChords: boolean[];
  bpm: number;
  /** Arpeggio notes per beat (0 = none). */
  arpeggio: number;
  brightness: number;
}

export const MOODS: Record<MusicMood, Mood> = {
  warm: {
    progression: [0, 9, 5, 7],
    key: 60,
    minorChords: [false, true, false, false],
    bpm: 72,
    arpeggio: 2,
    brightness: 0.5,
  },
  gentle: {
    progression: [0, 5, 9, 5],
    key: 62,
    minorChords: [false, false, true, false],
    bpm: 60,
    arpeggio: 1,
    brightness: 0.35,
  },
  uplifting: {
    progression: [0, 7, 9, 5],
    key: 65,
    minorChords: [false, false, true, false],
    bpm: 96,
    arpeggio: 2,
    brightness: 0.7,
  },
  celebration: {
    progression: [0, 5, 7, 5],
    key: 67,
    minorChords: [false, false, false, false],
    bpm: 120,
    arpeggio: 4,
    brightness: 0.85,
  },
};
export const MOOD_NAMES = MusicMood.options;

/**
 * Every mood comes out at about this integrated loudness (measured by the music tests), so moods
 * can be swapped without the level jumping and the mixer knows how loud the music is.
 */
export const MUSIC_LUFS = -20;
/** The RMS (per channel, before the fades) that lands a stereo pad at MUSIC_LUFS: LUFS sums both channels (+3 dB), K-weighting adds ~-0.4. */
const TARGET_RMS = 10 ** ((MUSIC_LUFS - 2.6) / 20);

const hz = (midi: number) => 440 * 2 ** ((midi - 69) / 12);

/** Interleaved stereo samples in -1..1. The mood's name comes from the helper process's JSON, so it is checked. */
export function synthesizeMusic(moodName: string, seconds: number, sampleRate = 48000): Float32Array {
  const mood = MOODS[MusicMood.parse(moodName)];
  const frames = Math.max(1, Math.round(seconds * sampleRate));
  const out = new Float32Array(frames * 2);
  const beat = 60 / mood.bpm;
  const bar = beat * 4;
  const bars = Math.max(1, Math.ceil(seconds / bar));

  for (let b = 0; b < bars; b++) {
    // The last bar always returns home, so the music ends rather than stops.
    const step = b === bars - 1 ? 0 : b % mood.progression.length;
    const root = mood.key + (mood.progression[step] ?? 0);
    const third = mood.minorChords[step] ? 3 : 4;
    const chord = [root, root + third, root + 7, root + 12];
    const start = b * bar;
    const last = b === bars - 1;
    const length = last ? seconds - start : bar;
    for (const note of chord)
      addTone(out, sampleRate, hz(note), start, length + (last ? 0 : 0.4), 0.05, 'pad', mood.brightness);
    addTone(out, sampleRate, hz(root - 24), start, length, 0.11, 'pluck', 0.2);
    const steps = Math.floor((length / beat) * mood.arpeggio);
    for (let i = 0; i < steps && mood.arpeggio > 0; i++) {
      const note = chord[i % chord.length]! + 12;
      addTone(
        out,
        sampleRate,
        hz(note),
        start + (i * beat) / mood.arpeggio,
        beat * 1.5,
        0.045,
        'pluck',
        mood.brightness,
      );
    }
  }
  normalize(out);
  finish(out, sampleRate, seconds);
  return out;
}

function addTone(
  out: Float32Array,
  rate: number,
  freq: number,
  start: number,
  length: number,
  gain: number,
  shape: 'pad' | 'pluck',
  brightness: number,
): void {
  const from = Math.floor(start * rate);
  const to = Math.min(out.length / 2, Math.floor((start + length) * rate));
  const attack = shape === 'pad' ? 0.6 : 0.005;
  const release = shape === 'pad' ? 0.8 : 0.05;
  // Each tone sits slightly left or right, so the chord feels wide.
  const pan = 0.5 + 0.3 * Math.sin(freq);
  const second = brightness * 0.3;
  const third = brightness * 0.12;
  // The sine turns by one step a sample (a rotation: four multiplies, not three Math.sin calls),
  // its overtones follow from it (sin 2p = 2·sin p·cos p, sin 3p = sin p·(3 − 4·sin² p)), and a
  // pluck's decay is one multiply a sample: music for a 3-minute letter takes a fraction of a second.
  const turnCos = Math.cos((2 * Math.PI * freq) / rate);
  const turnSin = Math.sin((2 * Math.PI * freq) / rate);
  const fall = Math.exp(-3.2 / rate);
  let sin = 0;
  let cos = 1;
  let decay = 1;
  for (let i = from; i < to; i++) {
    const t = (i - from) / rate;
    const env =
      shape === 'pad'
        ? Math.min(1, t / attack, (length - t) / release)
        : Math.min(1, t / attack) * decay * Math.min(1, (length - t) / release);
    if (env > 0) {
      const v = gain * env * (sin + second * 2 * sin * cos + third * sin * (3 - 4 * sin * sin));
      out[i * 2] = (out[i * 2] ?? 0) + v * (1 - pan);
      out[i * 2 + 1] = (out[i * 2 + 1] ?? 0) + v * pan;
    }
    const next = sin * turnCos + cos * turnSin;
    cos = cos * turnCos - sin * turnSin;
    sin = next;
    decay *= fall;
  }
}

/** Scales the whole piece to TARGET_RMS, so every mood and length plays at the same loudness. */
function normalize(out: Float32Array): void {
  let energy = 0;
  for (const v of out) energy += v * v;
  const rms = Math.sqrt(energy / Math.max(1, out.length));
  if (rms === 0) return;
  const gain = TARGET_RMS / rms;
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) * gain;
}

/** Linear below 0.6, then a tanh knee that never passes 0.95: loud chord tops round off instead of clipping. */
export function softLimit(x: number): number {
  const a = Math.abs(x);
  return a < 0.6 ? x : Math.sign(x) * (0.6 + 0.35 * Math.tanh((a - 0.6) / 0.35));
}

/** Fades in, fades out over the final chord, and soft-limits, so the result never clips. */
function finish(out: Float32Array, rate: number, seconds: number): void {
  const fadeIn = Math.min(1.5, seconds / 4) * rate;
  const fadeOut = Math.min(3, seconds / 3) * rate;
  const frames = out.length / 2;
  for (let i = 0; i < frames; i++) {
    const g = Math.min(1, i / fadeIn, (frames - i) / fadeOut);
    out[i * 2] = softLimit(out[i * 2] ?? 0) * g;
    out[i * 2 + 1] = softLimit(out[i * 2 + 1] ?? 0) * g;
  }
}

const WAV_HEADER = 44;

/** 16-bit PCM WAV bytes for interleaved stereo samples, in one buffer: no copy of 3 minutes of sound. */
export function encodeWav(samples: Float32Array, sampleRate = 48000): Buffer {
  const bytes = new ArrayBuffer(WAV_HEADER + samples.length * 2);
  const pcm = new Int16Array(bytes, WAV_HEADER, samples.length);
  for (let i = 0; i < samples.length; i++) pcm[i] = Math.round(Math.max(-1, Math.min(1, samples[i] ?? 0)) * 32767);
  const wav = Buffer.from(bytes);
  // WAV is little-endian; a typed array has the machine's order.
  if (endianness() === 'BE') wav.subarray(WAV_HEADER).swap16();
  const dataLength = pcm.byteLength;
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + dataLength, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(2, 22);
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 4, 28);
  wav.writeUInt16LE(4, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(dataLength, 40);
  return wav;
}
