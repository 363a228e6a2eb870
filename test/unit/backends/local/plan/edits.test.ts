import { describe, expect, it } from 'vitest';
import { applyRequest } from '../../../../../src/backends/local/letter-request.js';
import { audioRole } from '../../../../../src/backends/local/intake/audio-role.js';
import { planLetter } from '../../../../../src/backends/local/plan/plan.js';
import {
  HISTORY_LIMIT,
  LetterSettings,
  type HistoryEntry,
  type StoredMedia,
} from '../../../../../src/backends/local/project.js';
import { trackOf, type Timeline } from '../../../../../src/core/timeline/model.js';
import { storedPhoto } from '../../../../helpers/stored-media.js';

const photo = (id: string, fileName: string) => storedPhoto(id, { fileName });
const audio = (id: string, fileName: string, role: 'voice' | 'music', durationSeconds: number): StoredMedia => ({
  id,
  kind: 'audio',
  fileName,
  format: 'm4a',
  sizeBytes: 1,
  durationSeconds,
  role,
  storedAs: `${id}.m4a`,
  uploadedAt: '',
});
const media = [photo('a', 'beach.jpg'), photo('b', 'sunset.jpg'), photo('c', 'mountains.jpg')];
const voice = audio('v', 'New Recording 12.m4a', 'voice', 20);
const base = LetterSettings.parse({
  message: 'Dear Mom, thank you for everything. We love you and miss you every day.',
});

/** Applies an instruction and plans the letter, as generate_letter does. */
function edit(text: string, settings = base, files = media, history: HistoryEntry[] = []) {
  const outcome = applyRequest({ instruction: text }, settings, files, history);
  return { ...outcome, timeline: planLetter(outcome.settings, files) };
}
const order = (t: Timeline) => trackOf(t, 'video')!.segments.map((s) => s.label);

describe('aspect', () => {
  it.each([
    ['make it vertical', '9:16'],
    ['portrait please', '9:16'],
    ['9:16', '9:16'],
    ['改成竖屏', '9:16'],
    ['square for Instagram', '1:1'],
    ['方形', '1:1'],
    ['back to landscape', '16:9'],
    ['横屏', '16:9'],
  ])('"%s" sets the aspect to %s', (text, aspect) => {
    expect(edit(text, { ...base, aspect: aspect === '1:1' ? '16:9' : '1:1' }).timeline.aspect).toBe(aspect);
  });
});

describe('music', () => {
  const music = (t: Timeline) => trackOf(t, 'music')?.segments[0];

  it('turns off in English and Chinese', () => {
    expect(music(edit('no music please').timeline)).toBeUndefined();
    expect(music(edit('去掉背景音乐').timeline)).toBeUndefined();
  });

  it('comes back on', () => {
    expect(music(edit('add music', { ...base, music: { ...base.music, enabled: false } }).timeline)).toBeDefined();
  });

  it('gets quieter and louder by 10 points', () => {
    expect(music(edit('music quieter').timeline)?.volume).toBeCloseTo(0.25);
    expect(music(edit('音乐小一点').timeline)?.volume).toBeCloseTo(0.25);
    expect(music(edit('make the music louder').timeline)?.volume).toBeCloseTo(0.45);
  });

  it('is set to a percentage', () => {
    const r = edit('set the music to 20%');
    expect(music(r.timeline)?.volume).toBeCloseTo(0.2);
    expect(r.changes).toEqual(['Music at 20% (was 35%), under the voice by the same amount throughout.']);
  });

  it.each([
    ['gentle music please', 'Gentle'],
    ['something more celebratory for the music', 'Celebration'],
    ['换成欢快的音乐', 'Celebration'],
    ['uplifting music', 'Uplifting'],
  ])('"%s" picks the %s mood', (text, label) => {
    expect(music(edit(text).timeline)?.label).toBe(label);
  });

  it.each([
    ['play jazz music', 'jazz'],
    ['make the music classical', 'classical'],
    ['换成爵士音乐', '爵士'],
  ])('"%s" is refused with a sentence listing the moods, and nothing changes', (text, word) => {
    expect(() => edit(text)).toThrow(
      `There is no ${word} music to choose: the built-in music comes in warm, gentle, uplifting or celebration.`,
    );
  });

  it('a letter saved with a mood that does not exist plays and says warm', () => {
    const saved = LetterSettings.parse({ ...base, music: { ...base.music, mood: 'jazz' } });
    expect(music(planLetter(saved, media))?.label).toBe('Warm');
  });

  it('plays an uploaded song instead of the built-in music, until a mood is asked for', () => {
    const files = [...media, audio('s', 'our-song.mp3', 'music', 200)];
    expect(music(planLetter(base, files))).toMatchObject({ label: 'our-song.mp3', mediaId: 's' });
    expect(music(edit('warm music', base, files).timeline)).toMatchObject({ label: 'Warm' });
  });
});

describe('pace and length', () => {
  it('slower keeps every line on screen longer and lengthens the letter', () => {
    const before = planLetter(base, media);
    const after = edit('a bit slower please').timeline;
    expect(after.duration).toBeGreaterThan(before.duration);
    const lines = (t: Timeline) => trackOf(t, 'message')!.segments.map((s) => s.end - s.start);
    lines(after).forEach((d, i) => expect(d).toBeGreaterThan(lines(before)[i]!));
  });

  it('faster shortens it (快一点 too)', () => {
    const slow = { ...base, pace: 1.25 };
    expect(edit('faster', slow).timeline.duration).toBeLessThan(planLetter(slow, media).duration);
    expect(edit('快一点', slow).settings.pace).toBeLessThan(1.25);
  });

  it('sets a total length in seconds or minutes', () => {
    expect(edit('make it 40 seconds long').timeline.duration).toBe(40);
    expect(edit('1 minute').timeline.duration).toBe(60);
    expect(edit('30秒').timeline.duration).toBe(30);
  });

  it('never makes the letter shorter than its text needs', () => {
    const t = edit('make it 6 seconds').timeline;
    expect(t.duration).toBeGreaterThan(6);
    for (const line of trackOf(t, 'message')!.segments) expect(line.end - line.start).toBeGreaterThanOrEqual(2.5);
  });
});

describe('title and closing', () => {
  it('are set from quoted text, English and Chinese', () => {
    const t = edit('title "Dear Grandma" and sign it "With love, Anna"').timeline;
    expect(trackOf(t, 'title')!.segments[0]!.text).toBe('Dear Grandma');
    expect(trackOf(t, 'closing')!.segments[0]!.text).toBe('With love, Anna');
    expect(trackOf(edit('标题改成「亲爱的奶奶」').timeline, 'title')!.segments[0]!.text).toBe('亲爱的奶奶');
  });

  it('quoted words are never read as other edits', () => {
    const r = edit('title "No music, just us"');
    expect(r.settings.music.enabled).toBe(true);
    expect(r.changes).toEqual(['Title set to "No music, just us".']);
  });
});

describe('photos', () => {
  it('"put the beach photo first" moves it by file name', () => {
    expect(order(edit('put the sunset photo first').timeline)).toEqual(['sunset.jpg', 'beach.jpg', 'mountains.jpg']);
  });

  it('"move photo 1 to the end" moves it by position', () => {
    expect(order(edit('move photo 1 to the end').timeline)).toEqual(['sunset.jpg', 'mountains.jpg', 'beach.jpg']);
  });

  it('"make mountains.jpg the second photo" moves it to a position', () => {
    expect(order(edit('make mountains.jpg the second photo').timeline)).toEqual([
      'beach.jpg',
      'mountains.jpg',
      'sunset.jpg',
    ]);
  });

  it('"把第三张放到最前面" moves the third photo first', () => {
    expect(order(edit('把第三张放到最前面').timeline)).toEqual(['mountains.jpg', 'beach.jpg', 'sunset.jpg']);
  });

  it('"swap photos 1 and 3" swaps them', () => {
    expect(order(edit('swap photos 1 and 3').timeline)).toEqual(['mountains.jpg', 'sunset.jpg', 'beach.jpg']);
  });

  it('"remove the second photo" removes it (删除第二张 too)', () => {
    expect(order(edit('remove the second photo').timeline)).toEqual(['beach.jpg', 'mountains.jpg']);
    expect(order(edit('删除第二张').timeline)).toEqual(['beach.jpg', 'mountains.jpg']);
  });

  it('counts positions in the order shown now, after earlier moves', () => {
    const moved = edit('put the mountains photo first').settings;
    expect(order(edit('remove the last photo', moved).timeline)).toEqual(['mountains.jpg', 'beach.jpg']);
  });

  it('refuses to remove the only photo, and to name a photo that is not there', () => {
    const one = [photo('a', 'beach.jpg')];
    expect(() => edit('remove the beach photo', base, one)).toThrow(
      /only photo or clip; a letter needs at least one\. Nothing was changed/,
    );
    const r = edit('remove photo 7');
    expect(r.settings).toEqual(base);
    expect(r.reply).toMatch(/there is no photo 7/);
  });
});

describe('style and text position', () => {
  it.each([
    ['black and white please', 'black-and-white'],
    ['黑白', 'black-and-white'],
    ['vintage look', 'vintage'],
    ['复古', 'vintage'],
    ['warmer colours', 'warm'],
    ['back to natural colours', 'natural'],
  ])('"%s" sets the look to %s', (text, style) => {
    expect(edit(text, { ...base, style: style === 'natural' ? 'vintage' : 'natural' }).timeline.style).toBe(style);
  });

  it('"warm music" is a music mood, not a colour look', () => {
    expect(edit('warm music').settings.style).toBe('natural');
  });

  it.each([
    ['put the text at the top', 'top'],
    ['captions in the middle', 'center'],
    ['文字放在底部', 'bottom'],
    ['字幕放到上面', 'top'],
  ])('"%s" puts the message at the %s', (text, position) => {
    expect(edit(text, { ...base, textPosition: position === 'bottom' ? 'top' : 'bottom' }).timeline.textPosition).toBe(
      position,
    );
  });
});

describe('voice recording', () => {
  const files = [...media, voice];
  const voiceTrack = (t: Timeline) => trackOf(t, 'voice')?.segments[0];

  it('plays from the start (after the title) and the letter lengthens to hold it', () => {
    const t = planLetter({ ...base, title: 'Dear Mom' }, files);
    expect(voiceTrack(t)).toMatchObject({ start: 3, end: 23, mediaId: 'v' });
    expect(t.duration).toBe(24.5);
  });

  it('is dropped and used again by instruction', () => {
    const dropped = edit('drop the voice recording', base, files);
    expect(voiceTrack(dropped.timeline)).toBeUndefined();
    expect(voiceTrack(edit('去掉录音', base, files).timeline)).toBeUndefined();
    expect(voiceTrack(edit('use my voice recording', dropped.settings, files).timeline)).toBeDefined();
  });

  it('says so when asked for a voice that was never uploaded', () => {
    expect(() => edit('use my voice recording')).toThrow(/no voice recording in this letter yet/);
  });

  it('is told apart from music by the upload role, else by the file name', () => {
    expect(audioRole('New Recording 12.m4a')).toBe('voice');
    expect(audioRole('grandma-song.mp3')).toBe('music');
    expect(audioRole('背景音乐.mp3')).toBe('music');
    expect(audioRole('grandma-song.mp3', 'voice')).toBe('voice');
  });
});

describe('undo', () => {
  it('restores the letter from before the last edit, one edit at a time', () => {
    const first = edit('make it vertical');
    const second = edit('black and white', first.settings, media, first.history);
    const undone = edit('undo', second.settings, media, second.history);
    expect(undone.timeline).toMatchObject({ aspect: '9:16', style: 'natural' });
    expect(undone.changes[0]).toMatch(/^Undid the last edit \(Look set to black and white\.\)/);
    const undoneAgain = edit('撤销', undone.settings, media, undone.history);
    expect(undoneAgain.timeline.aspect).toBe('16:9');
    expect(undoneAgain.history).toEqual([]);
  });

  it('keeps a bounded history', () => {
    let state = { settings: base, history: [] as HistoryEntry[] };
    for (let i = 0; i < HISTORY_LIMIT + 5; i++)
      state = edit(i % 2 ? 'music quieter' : 'music louder', state.settings, media, state.history);
    expect(state.history).toHaveLength(HISTORY_LIMIT);
  });

  it('with nothing to undo, says so and changes nothing', () => {
    const r = edit('undo');
    expect(r.settings).toEqual(base);
    expect(r.changes).toEqual(['There is no earlier edit to undo; nothing changed.']);
  });
});

describe('instructions nothing understands', () => {
  it('change nothing, and the reply offers the closest edits ready to send', () => {
    const r = edit('make it pop');
    expect(r.settings).toEqual(base);
    expect(r.changes).toEqual([]);
    expect(r.reply).toMatch(
      /"make it pop" was not understood, so nothing was changed for it\. Closest edits: \(1\)[^\n]*"op":"hold"/,
    );
  });
});

describe('structured fields', () => {
  it('win over the instruction and report each change', () => {
    const r = applyRequest({ instruction: 'make it vertical', aspect: '1:1', title: 'Hi' }, base, media);
    expect(r.settings.aspect).toBe('1:1');
    expect(r.changes).toEqual(['Aspect set to 9:16 (vertical).', 'Title set to "Hi".', 'Aspect set to 1:1 (square).']);
  });

  it('set voice, pace, length, style and text position exactly', () => {
    const r = applyRequest(
      { voice: false, pace: 1.5, lengthSeconds: 45, style: 'vintage', textPosition: 'top' },
      base,
      [...media, voice],
    );
    expect(r.settings).toMatchObject({
      voice: { enabled: false },
      pace: 1.5,
      lengthSeconds: 45,
      style: 'vintage',
      textPosition: 'top',
    });
    expect(r.changes).toHaveLength(5);
  });
});

describe('clips', () => {
  const clip: StoredMedia = {
    id: 'k',
    kind: 'video',
    fileName: 'party.mov',
    format: 'mov',
    sizeBytes: 1,
    width: 1920,
    height: 1080,
    durationSeconds: 40,
    hasSound: true,
    storedAs: 'k.mov',
    uploadedAt: '',
  };
  const withClip = [photo('a', 'beach.jpg'), clip];
  const clipShot = (text: string) =>
    trackOf(edit(text, base, withClip).timeline, 'video')!.segments.find((s) => s.kind === 'clip')!;

  it('plays a long clip for 15 s unless asked for more', () => {
    const shot = clipShot('make it warm');
    expect(shot.end - shot.start).toBeCloseTo(15, 0);
  });

  it('"play the whole clip" plays all 40 s of it', () => {
    const shot = clipShot('play the whole clip');
    expect(shot.end - shot.start).toBeCloseTo(40, 0);
  });

  it('"clips up to 25 seconds" sets the longest a clip plays', () => {
    expect(edit('clips up to 25 seconds', base, withClip).settings.clips.maxSeconds).toBe(25);
  });

  it('"clip sound quieter" lowers the clip\'s own sound', () => {
    expect(clipShot('make the clip sound quieter').volume).toBeCloseTo(0.8);
  });

  it('"视频声音大一点" raises it', () => {
    expect(clipShot('视频声音大一点').volume).toBeCloseTo(1.2);
  });

  it('"mute the clips" silences them and "clip sound at 50%" sets a level', () => {
    expect(clipShot('mute the clips').volume).toBe(0);
    expect(clipShot('clip sound at 50%').volume).toBeCloseTo(0.5);
  });
});
