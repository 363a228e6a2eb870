import { HOP, WINDOW } from './frames.js';

/**
 * Spectral flux: for each hop, how much the log power rose in each frequency bin of a Hann-windowed
 * WINDOW-sample FFT, summed over the bins that rose (Bello et al. 2005; librosa's onset_strength).
 * Each note starts in bins of its own, so a new note counts about as much whatever else is still
 * ringing and however high it is; an energy envelope hears the highest note of an arpeggio most.
 */
export function spectralFlux(samples: Float32Array, floor: number): Float64Array {
  const count = Math.max(0, Math.floor((samples.length - WINDOW) / HOP) + 1);
  const flux = new Float64Array(count);
  const hann = Float64Array.from({ length: WINDOW }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / WINDOW));
  const bins = WINDOW / 2;
  let previous = new Float64Array(bins);
  let current = new Float64Array(bins);
  const re = new Float64Array(WINDOW);
  const im = new Float64Array(WINDOW);
  for (let t = 0; t < count; t++) {
    for (let i = 0; i < WINDOW; i++) {
      re[i] = samples[t * HOP + i]! * hann[i]!;
      im[i] = 0;
    }
    fft(re, im);
    let rose = 0;
    for (let k = 1; k < bins; k++) {
      current[k] = Math.log(floor + re[k]! * re[k]! + im[k]! * im[k]!);
      if (t > 0) rose += Math.max(0, current[k]! - previous[k]!);
    }
    flux[t] = rose;
    [previous, current] = [current, previous];
  }
  return flux;
}

/** The FFT's turns for WINDOW points, made once: e^(-2πik/WINDOW) for k below WINDOW/2. */
const TURN_COS = Float64Array.from({ length: WINDOW / 2 }, (_, k) => Math.cos((-2 * Math.PI * k) / WINDOW));
const TURN_SIN = Float64Array.from({ length: WINDOW / 2 }, (_, k) => Math.sin((-2 * Math.PI * k) / WINDOW));

/** In-place radix-2 FFT of WINDOW points: a few lines for one fixed size, not a dependency. */
function fft(re: Float64Array, im: Float64Array): void {
  const n = WINDOW;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  for (let size = 2; size <= n; size *= 2) {
    const stride = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < size / 2; k++) {
        const [c, s] = [TURN_COS[k * stride]!, TURN_SIN[k * stride]!];
        const [a, b] = [start + k, start + k + size / 2];
        const tr = re[b]! * c - im[b]! * s;
        const ti = re[b]! * s + im[b]! * c;
        re[b] = re[a]! - tr;
        im[b] = im[a]! - ti;
        re[a] = re[a]! + tr;
        im[a] = im[a]! + ti;
      }
    }
  }
}
