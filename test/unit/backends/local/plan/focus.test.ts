import { describe, expect, it } from 'vitest';
import { applyOperations } from '../../../../../src/backends/local/plan/operations/apply.js';
import { planLetter } from '../../../../../src/backends/local/plan/plan.js';
import { LetterSettings, type StoredMedia } from '../../../../../src/backends/local/project.js';
import type { PictureFacts } from '../../../../../src/core/media/record.js';
import { trackOf } from '../../../../../src/core/timeline/model.js';
import { describeMoments, momentsOf } from '../../../../../src/core/timeline/moments.js';
import { EditOperation, type EditOperationInput } from '../../../../../src/core/timeline/operations.js';
import { storedPhoto } from '../../../../helpers/stored-media.js';

/** Two different pictures (their hashes far apart, so neither is set aside as the other's copy). */
const seen = (faces: PictureFacts['faces'], hash: string): PictureFacts => ({
  faces,
  saliency: { x: 0.3, y: 0.4 },
  hash,
  sharpness: 300,
});
/** A landscape photo with a person at its right, one with no face, and a clip. */
const media: StoredMedia[] = [
  storedPhoto('p1', {
    fileName: 'grandma.jpg',
    width: 1920,
    height: 1080,
    picture: seen([{ x: 0.82, y: 0.35, width: 0.09, height: 0.16 }], '0000000000000000'),
  }),
  storedPhoto('p2', { fileName: 'lake.jpg', picture: seen([], 'ffffffffffffffff') }),
  storedPhoto('c1', { kind: 'video', fileName: 'walk.mp4', format: 'mp4', durationSeconds: 4, hasSound: true }),
];
const vertical = LetterSettings.parse({ aspect: '9:16' });

function edit(...ops: EditOperationInput[]) {
  const applied = applyOperations(
    vertical,
    media,
    ops.map((o) => EditOperation.parse(o)),
  );
  const timeline = planLetter(applied.settings, media);
  return { ...applied, timeline, moments: momentsOf(timeline) };
}
const moment = (moments: ReturnType<typeof momentsOf>, file: string) => moments.find((m) => m.file === file)!;

describe('the focus of a photo, as the person moves it', () => {
  it('a landscape photo in a 9:16 letter is cropped around the person at its right, and get_state says so', () => {
    const { moments, timeline } = edit();
    expect(moment(moments, 'grandma.jpg')).toMatchObject({ fit: 'cover around 1 face' });
    expect(moment(moments, 'grandma.jpg').focus).toBeUndefined();
    const shot = trackOf(timeline, 'video')!.segments[0]!;
    expect(shot.fit).toBe('cover');
    expect(shot.crop!.x + shot.crop!.width).toBeGreaterThan(0.91);
    expect(describeMoments(timeline)[0]).toContain('1. grandma.jpg [p1] photo');
    expect(describeMoments(timeline)[0]).toContain('cover around 1 face');
  });

  it('"focus on the left" crops the left of the picture and says what the frame now shows', () => {
    const { moments, done } = edit({ op: 'focus', moment: { file: 'grandma' }, on: 'left' });
    expect(moment(moments, 'grandma.jpg')).toMatchObject({ focus: 'left', fit: 'cover on the left (asked)' });
    expect(done[0]!.sentence).toBe('grandma.jpg looks at the left: now cover on the left in the 9:16 letter.');
  });

  it('"the whole picture" shows it whole over its blur; "faces" brings back the framing around them', () => {
    const whole = edit({ op: 'focus', moment: { position: 1 }, on: 'whole' });
    expect(moment(whole.moments, 'grandma.jpg')).toMatchObject({ focus: 'whole', fit: 'whole over blur (asked)' });
    expect(trackOf(whole.timeline, 'video')!.segments[0]!.fit).toBe('contain');
    const back = applyOperations(whole.settings, media, [
      EditOperation.parse({ op: 'focus', moment: { position: 1 }, on: 'faces' }),
    ]);
    const again = momentsOf(planLetter(back.settings, media));
    expect(moment(again, 'grandma.jpg')).toMatchObject({ fit: 'cover around 1 face' });
    expect(moment(again, 'grandma.jpg').focus).toBeUndefined();
    expect(back.done[0]!.sentence).toBe(
      'grandma.jpg keeps every face found whole (1): now cover around 1 face in the 9:16 letter.',
    );
  });

  it('keeping the faces in frame of a photo where none was found changes nothing and says what can be asked', () => {
    expect(() => edit({ op: 'focus', moment: { file: 'lake' }, on: 'faces' })).toThrow(
      /No face was found in lake\.jpg.*left, right, top, bottom or center of it, or the whole picture/,
    );
  });

  it('a clip is cropped at the side asked, and shown whole when asked', () => {
    const left = edit({ op: 'focus', moment: { file: 'walk' }, on: 'left' });
    expect(trackOf(left.timeline, 'video')!.segments[2]).toMatchObject({ focus: 'left', fit: 'cover' });
    const whole = edit({ op: 'focus', moment: { file: 'walk' }, on: 'whole' });
    expect(trackOf(whole.timeline, 'video')!.segments[2]).toMatchObject({ fit: 'contain' });
  });

  it('a focus with both a place and a point is refused by the vocabulary', () => {
    expect(EditOperation.safeParse({ op: 'focus', moment: { position: 1 }, on: 'left', x: 0.2, y: 0.2 }).success).toBe(
      false,
    );
    expect(EditOperation.safeParse({ op: 'focus', moment: { position: 1 }, x: 0.2 }).success).toBe(false);
  });
});
