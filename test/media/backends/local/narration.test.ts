import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalBackend } from '../../../../src/backends/local/local.js';
import { trackOf, type Timeline } from '../../../../src/core/timeline/model.js';
import { activity, measureLoudness, silences } from '../../../helpers/audio.js';
import { CALL as ctx, exportPreview, localBackendIn } from '../../../helpers/local-backend.js';
import { probeVideo } from '../../../helpers/media.js';
import { SAMPLES } from '../../../helpers/server.js';

/**
 * "Read my message aloud": real letters whose message is spoken by the synthesized voice. With
 * the music off the letter's sound is the voice alone, so silencedetect shows where it speaks.
 */
let backend: LocalBackend;

beforeAll(async () => {
  ({ backend } = await localBackendIn('vl-narration-'));
});
afterAll(() => backend?.close());

async function narratedLetter(
  message: string,
  instruction: string,
): Promise<{ timeline: Timeline; mp4: string; reply: string }> {
  const { projectId } = await backend.upload({ path: path.join(SAMPLES, 'sunset.jpg') }, ctx);
  await backend.upload({ projectId, path: path.join(SAMPLES, 'friends.jpg') }, ctx);
  await backend.generate(projectId, { title: 'Dear Grandma', closing: 'Love, Anna', message }, ctx);
  const { timeline, reply } = await backend.generate(projectId, { instruction }, ctx);
  return { timeline, mp4: await exportPreview(backend, projectId), reply };
}

/** Each caption of the letter, and the share of its time the voice is heard. */
async function spokenShare(timeline: Timeline, mp4: string) {
  const quiet = await silences(mp4);
  return (trackOf(timeline, 'message')?.segments ?? []).map((line) => ({
    line: line.text,
    share: activity(quiet, line.start, line.end),
  }));
}

describe('"read my message aloud, no music"', () => {
  const message =
    'Happy birthday, Grandma! We think of you every day. The garden you planted is blooming again, and the children still sing your songs.';
  let letter: Awaited<ReturnType<typeof narratedLetter>>;
  beforeAll(async () => {
    letter = await narratedLetter(message, 'read my message aloud, no music');
  });

  it('says the message will be read aloud', () => {
    expect(letter.reply).toMatch(/read aloud/);
  });

  it('speaks under every caption for at least 80% of its time', async () => {
    const shares = await spokenShare(letter.timeline, letter.mp4);
    expect(shares.length).toBe(3);
    for (const { share } of shares) expect(share).toBeGreaterThanOrEqual(0.8);
  });

  it('keeps each spoken line inside its caption, and is silent between the captions', async () => {
    const captions = trackOf(letter.timeline, 'message')?.segments ?? [];
    const spoken = trackOf(letter.timeline, 'voice')?.segments ?? [];
    expect(spoken.map((s) => s.text)).toEqual(captions.map((c) => c.text));
    spoken.forEach((s, i) => {
      expect(s.start).toBeGreaterThanOrEqual(captions[i]!.start);
      expect(s.end).toBeLessThanOrEqual(captions[i]!.end);
    });
    const quiet = await silences(letter.mp4);
    expect(activity(quiet, 0.2, captions[0]!.start - 0.1)).toBeLessThan(0.05);
  });

  it('lasts as long as the speech needs, and the MP4 is that long', async () => {
    const spoken = trackOf(letter.timeline, 'voice')?.segments ?? [];
    const speech = spoken.reduce((sum, s) => sum + s.end - s.start, 0);
    expect(speech).toBeGreaterThan(6);
    // Title card, every spoken line with a breath, the closing card.
    expect(letter.timeline.duration).toBeGreaterThanOrEqual(3.5 + speech + 4);
    expect(spoken.at(-1)!.end).toBeLessThanOrEqual(letter.timeline.duration - 4);
    expect((await probeVideo(letter.mp4)).duration).toBeCloseTo(letter.timeline.duration, 0);
  });
});

describe('朗读 a Chinese message, with music', () => {
  let letter: Awaited<ReturnType<typeof narratedLetter>>;
  beforeAll(async () => {
    letter = await narratedLetter('亲爱的奶奶，生日快乐！我们每天都想念您。', '请把信朗读出来');
  });

  it('reads each Chinese line aloud under its caption', () => {
    const spoken = trackOf(letter.timeline, 'voice')?.segments ?? [];
    expect(spoken.map((s) => s.text)).toEqual(['亲爱的奶奶，生日快乐！', '我们每天都想念您。']);
    for (const s of spoken) expect(s.end - s.start).toBeGreaterThan(1);
  });

  it('plays at -16 LUFS (±1) with true peak at or below -1.5 dBTP', async () => {
    const { integrated, truePeak } = await measureLoudness(letter.mp4);
    expect(integrated).toBeGreaterThanOrEqual(-17);
    expect(integrated).toBeLessThanOrEqual(-15);
    expect(truePeak).toBeLessThanOrEqual(-1.5);
  });
});
