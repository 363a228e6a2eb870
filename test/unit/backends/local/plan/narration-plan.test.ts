import { describe, expect, it } from 'vitest';
import { applyRequest } from '../../../../../src/backends/local/letter-request.js';
import { planLetter } from '../../../../../src/backends/local/plan/plan.js';
import { LetterSettings, type StoredMedia } from '../../../../../src/backends/local/project.js';
import { trimSilence } from '../../../../../src/backends/local/voice/espeak.js';
import { voiceFor } from '../../../../../src/backends/local/voice/narrate.js';
import { trackOf } from '../../../../../src/core/timeline/model.js';
import { storedPhoto } from '../../../../helpers/stored-media.js';

const photo = storedPhoto('p');
const memo: StoredMedia = {
  id: 'v',
  kind: 'audio',
  role: 'voice',
  fileName: 'memo.m4a',
  format: 'm4a',
  sizeBytes: 1,
  durationSeconds: 20,
  storedAs: 'v.m4a',
  uploadedAt: '',
};
const settings = (over: Partial<LetterSettings> = {}) => ({
  ...LetterSettings.parse({}),
  title: 'Dear Grandma',
  closing: 'Love',
  ...over,
});
const MESSAGE = 'Happy birthday! We think of you every single day, and we cannot wait to see you.';

describe('asking for the message read aloud', () => {
  it.each([
    'read my message aloud',
    'narrate it',
    'please read it out loud',
    '朗读',
    '把信念出来',
    'no music and read it aloud',
  ])('"%s" turns it on', (instruction) => {
    expect(applyRequest({ instruction: instruction }, settings(), []).settings.narration).toBe(true);
  });

  it.each([
    "don't read it aloud",
    'no narration',
    'turn off the narration',
    'stop reading my message aloud',
    '不要朗读',
  ])('"%s" turns it off', (instruction) => {
    expect(applyRequest({ instruction: instruction }, settings({ narration: true }), []).settings.narration).toBe(
      false,
    );
  });

  it('is a field of generate_letter too', () => {
    const outcome = applyRequest({ narration: true }, settings(), []);
    expect(outcome.settings.narration).toBe(true);
    expect(outcome.changes.join(' ')).toMatch(/read aloud/);
  });

  it('leaves the voice recording rule to recordings: "drop the voice recording" keeps the narration', () => {
    const edited = applyRequest({ instruction: 'drop the voice recording' }, settings({ narration: true }), [
      memo,
    ]).settings;
    expect(edited).toMatchObject({ narration: true, voice: { enabled: false } });
  });
});

describe('planning a letter read aloud', () => {
  // What the voice took to say each line, in seconds.
  const spoken = [1.1, 5.6];
  const timeline = planLetter(settings({ message: MESSAGE, narration: true }), [photo, memo], spoken);
  const captions = trackOf(timeline, 'message')?.segments ?? [];
  const voice = trackOf(timeline, 'voice')?.segments ?? [];

  it('speaks each line while its caption is on screen, the caption no longer than the words need', () => {
    expect(voice.map((v) => v.text)).toEqual(captions.map((c) => c.text));
    voice.forEach((v, i) => {
      const caption = captions[i]!;
      expect(v.end - v.start).toBeCloseTo(spoken[i]!, 3);
      expect(v.start).toBeGreaterThanOrEqual(caption.start);
      expect(v.end).toBeLessThanOrEqual(caption.end);
      expect((v.end - v.start) / (caption.end - caption.start)).toBeGreaterThanOrEqual(0.8);
    });
  });

  it('lengthens the letter to hold speech slower than reading', () => {
    const slow = planLetter(settings({ message: MESSAGE, narration: true }), [photo], [4, 12]);
    const read = planLetter(settings({ message: MESSAGE }), [photo]);
    expect(slow.duration).toBeGreaterThan(read.duration);
    expect(trackOf(slow, 'voice')?.segments.at(-1)?.end).toBeLessThanOrEqual(slow.duration - 4);
  });

  it('never cuts a spoken line short for a length asked for', () => {
    const short = planLetter(settings({ message: MESSAGE, narration: true, lengthSeconds: 6 }), [photo], [4, 12]);
    const lengths = trackOf(short, 'voice')?.segments.map((v) => v.end - v.start) ?? [];
    expect(lengths[0]).toBeCloseTo(4, 3);
    expect(lengths[1]).toBeCloseTo(12, 3);
  });

  it('plays the narration instead of the voice recording', () => {
    expect(voice.every((v) => v.mediaId === undefined && v.label === 'Read aloud')).toBe(true);
  });
});

describe('the synthesized voice', () => {
  it('reads Chinese in Mandarin and English in American English', () => {
    expect(voiceFor('亲爱的奶奶，生日快乐！')).toBe('cmn');
    expect(voiceFor('Happy birthday, Grandma!')).toBe('en-us');
  });

  it('cuts the silence around a spoken line, keeping 20 ms on either side of the sound', () => {
    const rate = 22050;
    const samples = new Int16Array(rate); // one second: silence, 0.2 s of sound from 0.5 s, silence
    for (let i = rate / 2; i < rate / 2 + rate / 5; i++) samples[i] = 8000;
    const wav = new Uint8Array(44 + samples.byteLength);
    wav.set(new Uint8Array(samples.buffer), 44);
    const trimmed = trimSilence(wav);
    expect((trimmed.byteLength - 44) / 2 / rate).toBeCloseTo(0.2 + 0.04, 3);
    expect(new DataView(trimmed.buffer).getUint32(40, true)).toBe(trimmed.byteLength - 44);
  });
});
