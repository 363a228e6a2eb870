import { describe, expect, it } from 'vitest';
import { HOP, RATE } from '../../../../../src/backends/local/music/frames.js';
import { spectralFlux } from '../../../../../src/backends/local/music/spectral-flux.js';

/** A note from `start` seconds to the end, dying away at `decay` per second (0: held). */
function addNote(samples: Float32Array, hz: number, start: number, gain: number, decay: number): void {
  for (let i = Math.round(start * RATE); i < samples.length; i++) {
    const t = i / RATE - start;
    samples[i] = samples[i]! + gain * Math.exp(-decay * t) * Math.sin(2 * Math.PI * hz * t);
  }
}

const peakNear = (flux: Float64Array, seconds: number) =>
  Math.max(...flux.slice(Math.floor((seconds * RATE) / HOP) - 1, Math.ceil((seconds * RATE) / HOP) + 3));

describe('spectral flux', () => {
  it('hears a pluck start under a held note ten times as loud, though the energy hardly rises', () => {
    const samples = new Float32Array(3 * RATE);
    addNote(samples, 1568, 0.5, 0.5, 0);
    addNote(samples, 392, 1.5, 0.05, 3);
    // The pluck adds a hundredth to the sound's energy.
    const flux = spectralFlux(samples, 1e-6);
    const [held, pluck] = [peakNear(flux, 0.5), peakNear(flux, 1.5)];
    expect(pluck).toBeGreaterThan(0.2 * held);
    // While the held note only goes on, nothing rises.
    const steady = flux.slice(Math.round((0.8 * RATE) / HOP), Math.round((1.4 * RATE) / HOP));
    expect(Math.max(...steady)).toBeLessThan(0.05 * pluck);
  });
});
