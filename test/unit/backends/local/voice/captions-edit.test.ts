import { describe, expect, it } from 'vitest';
import { applyRequest } from '../../../../../src/backends/local/letter-request.js';
import { planLetter, voiceStart } from '../../../../../src/backends/local/plan/plan.js';
import { LetterSettings, type StoredMedia } from '../../../../../src/backends/local/project.js';
import { captionsSrt } from '../../../../../src/backends/local/render/compile/captions.js';
import type { SpokenWord, Transcript } from '../../../../../src/backends/local/voice/transcript.js';
import { trackOf } from '../../../../../src/core/timeline/model.js';
import { storedPhoto } from '../../../../helpers/stored-media.js';

const photo = (id: string) => storedPhoto(id);
const words = (text: string, start: number): SpokenWord[] =>
  text.split(' ').map((w, i) => ({ text: w, start: start + i * 0.4, end: start + i * 0.4 + 0.35 }));
const voice = (transcript?: Transcript): StoredMedia => ({
  id: 'v',
  kind: 'audio',
  role: 'voice',
  fileName: 'voice-note.m4a',
  format: 'm4a',
  sizeBytes: 1,
  durationSeconds: 8,
  storedAs: 'v.m4a',
  uploadedAt: '',
  ...(transcript && { transcript }),
});
const heard = voice({
  status: 'done',
  words: [...words('dear grandma', 0.5), ...words('we miss you so much', 3)],
  engine: 'test',
});
const TYPED = 'Happy birthday, Grandma! We are thinking of you today and every day.';
const settings = LetterSettings.parse({ message: TYPED, title: 'Dear Grandma' });
const media = [photo('a'), photo('b'), heard];
const ask = (instruction: string, m = media, s = settings) => applyRequest({ instruction }, s, m);
const messageLines = (s: LetterSettings, m = media) => trackOf(planLetter(s, m), 'message')!.segments;

describe('"use what I said as the captions"', () => {
  it('shows the words of the voice recording, each line from when it is said in the letter', () => {
    const { settings: next, changes } = ask('use what I said as the captions');
    const lines = messageLines(next);
    const at = voiceStart(next);
    expect(lines.map((l) => [l.text, l.start])).toEqual([
      ['Dear grandma', at + 0.5],
      ['We miss you so much', at + 3],
    ]);
    expect(changes.join(' ')).toMatch(/Captions now follow "voice-note.m4a": 2 lines/);
  });

  it('understands it in Chinese: 用我说的话做字幕', () => {
    expect(ask('用我说的话做字幕').settings.captions).toBe('voice');
  });

  it.each([
    'captions from my recording',
    'subtitle what I said',
    'make the subtitles follow the voice recording',
    '把录音做成字幕',
    '字幕用录音',
  ])('understands "%s"', (instruction) => {
    expect(ask(instruction).settings.captions).toBe('voice');
  });

  it('is not confused by other edits that mention the voice and the captions', () => {
    expect(ask('drop the voice recording and put the captions at the top').settings.captions).toBe('message');
  });

  it('is also the generate_letter field captions: "voice"', () => {
    expect(applyRequest({ captions: 'voice' }, settings, media).settings.captions).toBe('voice');
  });

  it('keeps the typed message, so "use my typed message as the captions" brings it back', () => {
    const voiced = ask('use what I said as the captions').settings;
    expect(voiced.message).toBe(TYPED);
    const back = ask('use my typed message as the captions', media, voiced).settings;
    expect(messageLines(back).map((l) => l.text)).toEqual([
      'Happy birthday, Grandma!',
      'We are thinking of you today and every day.',
    ]);
  });

  it('puts the spoken words in the .srt at the times they are said', () => {
    const srt = captionsSrt(planLetter(ask('use what I said as the captions').settings, media));
    expect(srt).toContain('00:00:03,500 --> 00:00:04,850\nDear grandma');
    expect(srt).not.toContain('Happy birthday');
  });

  it('makes the letter as long as the voice needs, not as long as the typed message takes to read', () => {
    const long = LetterSettings.parse({ message: `${TYPED} `.repeat(6), title: 'Dear Grandma' });
    const voiced = ask('use what I said as the captions', media, long).settings;
    expect(planLetter(voiced, media).duration).toBeLessThan(planLetter(long, media).duration);
  });

  it('brings the closing card on only after the last spoken line has left the screen', () => {
    const signed = LetterSettings.parse({ message: TYPED, title: 'Dear Grandma', closing: 'With love, Anna' });
    const timeline = planLetter(ask('use what I said as the captions', media, signed).settings, media);
    const closing = trackOf(timeline, 'closing')!.segments[0]!;
    expect(closing.start).toBeGreaterThanOrEqual(trackOf(timeline, 'message')!.segments.at(-1)!.end);
  });

  it('keeps the typed message and says why when the recording does not read it and this computer has no speech-to-text', () => {
    const none: StoredMedia = {
      ...voice({ status: 'unavailable', words: [], note: 'No speech-to-text engine is installed on this computer.' }),
      reading: { message: TYPED, words: [], match: 0.84 },
    };
    expect(() => ask('use what I said as the captions', [photo('a'), none])).toThrow(
      "The recording does not read the typed message, so the message's lines cannot follow it. No speech-to-text engine is installed on this computer. Nothing was changed.",
    );
  });

  it('shows the typed message, as typed, each line from when it is said, when the recording reads it (no speech-to-text needed)', () => {
    const read: StoredMedia = {
      ...voice({ status: 'unavailable', words: [] }),
      reading: {
        message: TYPED,
        words: [...words('Happy birthday, Grandma!', 0.5), ...words('We are thinking of you today and every day.', 3)],
        match: 0.96,
      },
    };
    const { settings: next, changes } = ask('use what I said as the captions', [photo('a'), read]);
    expect(changes.join(' ')).toMatch(/Captions now follow "voice-note\.m4a": 3 lines of your typed message/);
    const lines = messageLines(next, [photo('a'), read]);
    const at = voiceStart(next);
    expect(lines.map((l) => [l.text, Math.round((l.start - at) * 10) / 10])).toEqual([
      ['Happy birthday, Grandma!', 0.5],
      ['We are thinking of you', 3],
      ['today and every day.', 5],
    ]);
  });

  it('waits for words still being transcribed, showing the typed message meanwhile', () => {
    const pending = [photo('a'), voice()];
    const { settings: next, changes } = ask('use what I said as the captions', pending);
    expect(next.captions).toBe('voice');
    expect(messageLines(next, pending)[0]!.text).toBe('Happy birthday, Grandma!');
    expect(changes.join(' ')).toMatch(/as soon as its words are transcribed/);
  });

  it('says so when there is no voice recording to caption', () => {
    expect(() => ask('use what I said as the captions', [photo('a')])).toThrow(
      /no voice recording.*Nothing was changed/,
    );
  });
});
