import { HOP, RATE, WINDOW } from './frames.js';
import { spectralFlux } from './spectral-flux.js';

/**
 * Onset envelopes for beat tracking, from mono samples at RATE: how much new sound starts at each
 * hop of HOP samples. Four are kept: every onset (the notes and drums together, by spectral
 * flux), the accents (bass notes, kicks, snares, hi-hats: anything that starts in the low or the
 * noise band), which mark the beat where eighth-note figures only fill between beats, the strong
 * accents (how loud each accent is against its band's loudest), where a kick or a snare stands out
 * from the hi-hats between them, and the strong accents of the low band alone.
 */

/** Bass notes and kick drums sound below this. */
const LOW_HZ = 200;
/** Snares and cymbals are noise, loud up here; notes (their overtones) are quiet. */
const NOISE_HZ = 2500;
/** A band's onsets count only when the band is within this many times of the music's energy (-30 dB). */
const BAND_FLOOR = 1e-3;
/** A band's strong accents are measured against its loudest: the rise exceeded in one hop of this many (about one every 2 s). */
const LOUDEST_EVERY = 200;
/** Spectral flux counts a bin's rise only above this share of the music's window energy (-40 dB). */
const FLUX_FLOOR = 1e-4;

export interface Onsets {
  /** Every onset: the spectral flux (spectral-flux.ts), each new note or hit counted in its own frequencies. */
  all: Float64Array;
  /** Accents: the rise of log energy below LOW_HZ plus above NOISE_HZ, each counted only when loud in the music. */
  accents: Float64Array;
  /**
   * Strong accents: the rise of energy below LOW_HZ and above NOISE_HZ, each band as a share of its
   * loudest accents (a kick and a snare near 1 each, a hi-hat a small fraction), summed.
   */
  strong: Float64Array;
  /** The strong accents below LOW_HZ alone: bass notes and kicks, which mark the start of each bar. */
  bass: Float64Array;
}

export function onsetsOf(samples: Float32Array): Onsets {
  const windows = windowEnergy(samples);
  const music = windows.reduce((a, b) => a + b, 0) / Math.max(1, windows.length);
  const [lowEnergy, noiseEnergy] = [
    windowEnergy(filtered(samples, LOW_HZ, 'low')),
    windowEnergy(filtered(samples, NOISE_HZ, 'high')),
  ];
  const low = rise(lowEnergy, BAND_FLOOR * music);
  const noise = rise(noiseEnergy, BAND_FLOOR * music);
  const [lowLoud, noiseLoud] = [loudness(lowEnergy), loudness(noiseEnergy)];
  return {
    all: normalised(spectralFlux(samples, FLUX_FLOOR * music)),
    accents: normalised(low.map((v, t) => v + noise[t]!)),
    strong: lowLoud.map((v, t) => v + noiseLoud[t]!),
    bass: lowLoud,
  };
}

/**
 * How much more energy each hop has than the one before (rectified), as a share of the band's
 * loudest accents (at most 1.5: an odd loud hit weighs no more than one and a half). Energy, not its
 * log: a hi-hat rises from near silence as steeply as a snare does, but with a fraction of its energy.
 */
function loudness(energy: Float64Array): Float64Array {
  const gain = new Float64Array(energy.length);
  for (let t = 1; t < energy.length; t++) gain[t] = Math.max(0, energy[t]! - energy[t - 1]!);
  const sorted = [...gain].sort((a, b) => b - a);
  const loudest = sorted[Math.floor(sorted.length / LOUDEST_EVERY)] || 1;
  return gain.map((g) => Math.min(1.5, g / loudest));
}

/** The energy of each window of WINDOW samples, one every HOP. */
function windowEnergy(samples: Float32Array): Float64Array {
  const count = Math.max(0, Math.floor((samples.length - WINDOW) / HOP) + 1);
  const energy = new Float64Array(count);
  for (let t = 0; t < count; t++) {
    let sum = 0;
    for (let i = t * HOP; i < t * HOP + WINDOW; i++) sum += samples[i]! * samples[i]!;
    energy[t] = sum;
  }
  return energy;
}

/** The rise of log energy from hop to hop, half-wave rectified; `floor` keeps quiet stretches from counting. */
function rise(energy: Float64Array, floor: number): Float64Array {
  const onsets = new Float64Array(energy.length);
  for (let t = 1; t < energy.length; t++)
    onsets[t] = Math.max(0, Math.log(floor + energy[t]!) - Math.log(floor + energy[t - 1]!));
  return onsets;
}

/** A fourth-order low- or high-pass (two Butterworth biquads in a row). */
function filtered(samples: Float32Array, hz: number, pass: 'low' | 'high'): Float32Array {
  const w = (2 * Math.PI * hz) / RATE;
  const [cos, alpha] = [Math.cos(w), Math.sin(w) / (2 * Math.SQRT1_2)];
  const b0 = pass === 'low' ? (1 - cos) / 2 : (1 + cos) / 2;
  const b1 = pass === 'low' ? 1 - cos : -(1 + cos);
  const [a0, a1, a2] = [1 + alpha, -2 * cos, 1 - alpha];
  let input = samples;
  for (let stage = 0; stage < 2; stage++) {
    const out = new Float32Array(input.length);
    let x1 = 0;
    let x2 = 0;
    let y1 = 0;
    let y2 = 0;
    for (let i = 0; i < input.length; i++) {
      const y = (b0 * input[i]! + b1 * x1 + b0 * x2 - a1 * y1 - a2 * y2) / a0;
      x2 = x1;
      x1 = input[i]!;
      y2 = y1;
      y1 = y;
      out[i] = y;
    }
    input = out;
  }
  return input;
}

/** Scaled to unit RMS, so envelopes of different sounds weigh the same. */
function normalised(xs: Float64Array): Float64Array {
  let sum = 0;
  for (const x of xs) sum += x * x;
  const sd = Math.sqrt(sum / Math.max(1, xs.length)) || 1;
  return xs.map((x) => x / sd);
}
