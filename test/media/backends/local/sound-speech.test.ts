import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalBackend } from '../../../../src/backends/local/local.js';
import { measureLoudness } from '../../../helpers/audio.js';
import { CALL as ctx, exportPreview, localBackendIn } from '../../../helpers/local-backend.js';
import { SAMPLES } from '../../../helpers/server.js';
import { makeVoiceNote, type Crest } from '../../../helpers/speech.js';

/**
 * Letters with a recorded-like voice note: espeak-ng speech encoded like a phone's (mono
 * 22.05 kHz AAC), recorded quiet, normal and hot, plain, peaky and compressed. Whatever the
 * recording, the letter must play at -16 LUFS with its true peak under the ceiling.
 */
const NOTES: { lufs: number; crest: Crest }[] = [
  { lufs: -30, crest: 'plain' },
  { lufs: -20, crest: 'peaky' },
  { lufs: -20, crest: 'plain' },
  { lufs: -12, crest: 'compressed' },
  { lufs: -12, crest: 'peaky' },
];

let backend: LocalBackend;
let home: string;

beforeAll(async () => {
  ({ backend, home } = await localBackendIn('vl-speech-'));
});
afterAll(() => backend?.close());

/**
 * A letter like the one that came out 3.6 LU quiet: photos, a title, a closing card, a message of
 * five lines, the built-in music, and a voice note that covers a third of it.
 */
async function letterWith(note: string): Promise<{ projectId: string; mp4: string }> {
  const { projectId } = await backend.upload({ path: path.join(SAMPLES, 'sunset.jpg') }, ctx);
  for (const photo of ['friends.jpg', 'mountains.jpg'])
    await backend.upload({ projectId, path: path.join(SAMPLES, photo) }, ctx);
  await backend.upload({ projectId, path: note, role: 'voice' }, ctx);
  await backend.generate(
    projectId,
    {
      title: 'Dear Grandma',
      closing: 'Love, Anna',
      message:
        'Happy birthday, Grandma! We think of you every day. The garden you planted is blooming again, and the children still sing your songs. We cannot wait to see you this summer.',
    },
    ctx,
  );
  return { projectId, mp4: await exportPreview(backend, projectId) };
}

describe.each(NOTES)('a letter with a $crest voice note recorded at $lufs LUFS', ({ lufs, crest }) => {
  let letter: { projectId: string; mp4: string };
  beforeAll(async () => {
    const note = path.join(home, `note-${crest}${lufs}.m4a`);
    await makeVoiceNote(note, lufs, crest);
    letter = await letterWith(note);
  });

  it('plays at -16 LUFS (±1) with true peak at or below -1.5 dBTP', async () => {
    const { integrated, truePeak } = await measureLoudness(letter.mp4);
    expect(integrated).toBeGreaterThanOrEqual(-17);
    expect(integrated).toBeLessThanOrEqual(-15);
    expect(truePeak).toBeLessThanOrEqual(-1.5);
  });

  it("reports the MP4's measured loudness in get_state", async () => {
    const { lastExport } = await backend.state(letter.projectId);
    const { integrated, truePeak } = await measureLoudness(letter.mp4);
    expect(lastExport?.loudness?.integratedLufs).toBeCloseTo(integrated, 1);
    expect(lastExport?.loudness?.truePeakDbtp).toBeCloseTo(truePeak, 1);
  });
});
