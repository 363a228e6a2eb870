import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalBackend } from '../../../../src/backends/local/local.js';
import { bandLevel, makeAudio, measureLoudness } from '../../../helpers/audio.js';
import { CALL as ctx, exportPreview, localBackendIn } from '../../../helpers/local-backend.js';
import { probeVideo } from '../../../helpers/media.js';
import { SAMPLES } from '../../../helpers/server.js';

/**
 * Real renders of one letter with and without a voice recording. The "voice" is an 8 kHz tone
 * gated into syllables, far above the built-in music's band (nothing above ~3.2 kHz), so a
 * low-pass shows the music alone even while the voice plays.
 */
const MUSIC_BAND = 'lowpass=f=2000,lowpass=f=2000,lowpass=f=2000';
const BEFORE_VOICE: [number, number] = [1.7, 2.9];
const UNDER_VOICE: [number, number] = [5, 10];

let backend: LocalBackend;
let projectId: string;
let withVoice: string;
let withoutVoice: string;

beforeAll(async () => {
  const made = await localBackendIn('vl-sound-');
  backend = made.backend;
  const voice = path.join(made.home, 'voice-memo.wav');
  await makeAudio(voice, "aevalsrc=exprs='0.3*sin(2*PI*8000*t)*gte(sin(2*PI*2.5*t)\\,-0.3)':s=48000", 8);
  projectId = (await backend.upload({ path: path.join(SAMPLES, 'sunset.jpg') }, ctx)).projectId;
  const upload = await backend.upload({ projectId, path: voice }, ctx);
  expect(upload.role).toBe('voice');
  // The same length with and without the voice, so both letters get the very same music.
  await backend.generate(projectId, { title: 'Dear Mom', lengthSeconds: 13 }, ctx);
  withVoice = await render();
  await backend.generate(projectId, { instruction: 'drop the voice recording' }, ctx);
  withoutVoice = await render();
});
afterAll(() => backend?.close());

const render = () => exportPreview(backend, projectId);

describe('a letter with a voice recording', () => {
  it('lengthens to hold the voice, which starts as the title fades', async () => {
    const state = await backend.state(projectId);
    expect(state.timeline?.duration).toBe(13);
    expect((await probeVideo(withVoice)).duration).toBeCloseTo(13, 1);
  });

  it('measures -16 LUFS (±1) with true peak at or below -1.5 dBTP', async () => {
    const { integrated, truePeak } = await measureLoudness(withVoice);
    expect(integrated).toBeGreaterThanOrEqual(-17);
    expect(integrated).toBeLessThanOrEqual(-15);
    expect(truePeak).toBeLessThanOrEqual(-1.5);
  });

  it('ducks the music at least 10 dB under the voice compared with the same letter without it', async () => {
    // Each render's level before the voice starts is its reference, which cancels any difference in overall gain.
    const drop = async (file: string) =>
      (await bandLevel(file, ...UNDER_VOICE, MUSIC_BAND)) - (await bandLevel(file, ...BEFORE_VOICE, MUSIC_BAND));
    expect((await drop(withoutVoice)) - (await drop(withVoice))).toBeGreaterThanOrEqual(10);
  });
});

describe('a letter with music only', () => {
  it('plays at -16 LUFS (±1) at the default 35% with true peak at or below -1.5 dBTP', async () => {
    const { integrated, truePeak } = await measureLoudness(withoutVoice);
    expect(integrated).toBeGreaterThanOrEqual(-17);
    expect(integrated).toBeLessThanOrEqual(-15);
    expect(truePeak).toBeLessThanOrEqual(-1.5);
  });
});
