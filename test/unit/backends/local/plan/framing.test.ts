import { describe, expect, it } from 'vitest';
import type { PhotoBox, PictureFacts } from '../../../../../src/core/media/record.js';
import type { Aspect } from '../../../../../src/core/timeline/model.js';
import { FRAME_SIZES } from '../../../../../src/core/timeline/model.js';
import { framePhoto, turnBox, type FramingInput } from '../../../../../src/backends/local/plan/framing.js';
import { framedMotion } from '../../../../../src/backends/local/plan/motion.js';
import { motionWindow } from '../../../../../src/backends/local/render/compile/motion.js';

const facts = (faces: PhotoBox[], saliency = { x: 0.5, y: 0.5 }): PictureFacts => ({
  faces,
  saliency,
  hash: '0000000000000000',
  sharpness: 300,
});
/** A face about as the detector boxes one: brow to chin. */
const face = (x: number, y: number, height: number, width = height * 0.8): PhotoBox => ({ x, y, width, height });
const contains = (outer: PhotoBox, inner: PhotoBox) =>
  inner.x >= outer.x - 1e-9 &&
  inner.y >= outer.y - 1e-9 &&
  inner.x + inner.width <= outer.x + outer.width + 1e-9 &&
  inner.y + inner.height <= outer.y + outer.height + 1e-9;
/** The part of a box inside the frame. */
const within = (b: PhotoBox): PhotoBox => {
  const x = Math.max(0, b.x);
  const y = Math.max(0, b.y);
  return { x, y, width: Math.min(1, b.x + b.width) - x, height: Math.min(1, b.y + b.height) - y };
};
const landscape = (faces: PhotoBox[], over: Partial<FramingInput> = {}): FramingInput => ({
  width: 1920,
  height: 1080,
  picture: facts(faces),
  ...over,
});

describe('a cover crop keeps every face whole', () => {
  it('crops a 4:3 photo for a 16:9 letter with the face near its top inside, with room above the head', () => {
    const f = face(0.6, 0.08, 0.2);
    const framed = framePhoto({ width: 4000, height: 3000, picture: facts([f]) }, '16:9');
    expect(framed.fit).toBe('cover');
    expect(framed.words).toBe('cover around 1 face');
    const crop = framed.crop!;
    expect(contains(crop, f)).toBe(true);
    // The crop reaches above the brow by at least half a face, or to the photo's top.
    expect(crop.y).toBeLessThanOrEqual(Math.max(0, f.y - 0.5 * f.height) + 1e-9);
    // The frame's shape: 16:9 of a 4:3 picture.
    expect((crop.width * 4000) / (crop.height * 3000)).toBeCloseTo(16 / 9, 2);
  });

  it('keeps two faces far apart both whole', () => {
    const faces = [face(0.05, 0.3, 0.15), face(0.8, 0.35, 0.15)];
    const framed = framePhoto({ width: 1600, height: 1200, picture: facts(faces) }, '16:9');
    expect(framed.fit).toBe('cover');
    for (const f of faces) expect(contains(framed.crop!, f)).toBe(true);
  });

  it('shows a 4:3 photo whole when its faces sit at its very top and bottom, where no 16:9 crop holds both', () => {
    const faces = [face(0.4, 0.0, 0.18), face(0.45, 0.8, 0.18)];
    const framed = framePhoto({ width: 4000, height: 3000, picture: facts(faces) }, '16:9');
    expect(framed.fit).toBe('contain');
    expect(framed.words).toMatch(/^whole over blur: its 2 faces do not fit in a 16:9 crop/);
  });
});

describe('a photo whose shape does not fit the frame', () => {
  it.each([
    ['at the right', face(0.84, 0.4, 0.15)],
    ['at the left', face(0.05, 0.4, 0.15)],
    ['in the top-left corner', face(0.03, 0.05, 0.15)],
    ['in the bottom-right corner', face(0.85, 0.8, 0.15)],
    ['small, at the right', face(0.87, 0.45, 0.08)],
  ])(
    'a person %s of a landscape photo fills a 9:16 frame, the face whole and at least a fifth of its height',
    (_, f) => {
      const framed = framePhoto(landscape([f]), '9:16');
      expect(framed.fit).toBe('cover');
      expect(contains(framed.crop!, f)).toBe(true);
      const [inFrame] = framed.faces;
      expect(inFrame!.height).toBeGreaterThanOrEqual(0.2);
      expect(contains({ x: 0, y: 0, width: 1, height: 1 }, inFrame!)).toBe(true);
    },
  );

  it('a person at the side of a portrait photo fills a 16:9 frame', () => {
    const f = face(0.72, 0.42, 0.09, 0.16);
    const framed = framePhoto({ width: 1080, height: 1920, picture: facts([f]) }, '16:9');
    expect(framed.fit).toBe('cover');
    expect(framed.faces[0]!.height).toBeGreaterThanOrEqual(0.2);
    expect(contains({ x: 0, y: 0, width: 1, height: 1 }, framed.faces[0]!)).toBe(true);
  });

  it('a group spread across a panorama is shown whole over its blur in a 9:16 letter, every face in frame', () => {
    const faces = [0.05, 0.3, 0.55, 0.8].map((x) => face(x, 0.4, 0.2));
    const framed = framePhoto({ width: 4000, height: 1000, picture: facts(faces) }, '9:16');
    expect(framed.fit).toBe('contain');
    expect(framed.crop).toBeUndefined();
    expect(framed.words).toBe('whole over blur: its 4 faces do not fit in a 9:16 crop');
    for (const f of framed.faces) expect(contains({ x: 0, y: 0, width: 1, height: 1 }, f)).toBe(true);
  });

  it('a close-up filling most of a landscape photo is cropped to its face for a 9:16 letter, not shown small over a blur', () => {
    // The face's width is most of a 9:16 crop's: no room fits beside it, but the face itself does.
    const f = face(0.62, 0.3, 0.45, 0.27);
    const framed = framePhoto(landscape([f]), '9:16');
    expect(framed.fit).toBe('cover');
    expect(framed.faces[0]!.height).toBeGreaterThanOrEqual(0.4);
    expect(contains({ x: 0, y: 0, width: 1, height: 1 }, framed.faces[0]!)).toBe(true);
  });

  it('a tiny figure in a wide landscape is shown whole: the scene is the subject', () => {
    const framed = framePhoto(landscape([face(0.7, 0.6, 0.015)]), '9:16');
    expect(framed.fit).toBe('contain');
    expect(framed.words).toMatch(/too small cropped to 9:16/);
  });

  it('a landscape with no face in a 9:16 letter is shown whole; with a shape close to the frame, cropped around where the eye goes', () => {
    expect(framePhoto(landscape([]), '9:16').fit).toBe('contain');
    const near = framePhoto({ width: 4000, height: 3000, picture: facts([], { x: 0.9, y: 0.5 }) }, '16:9');
    expect(near.fit).toBe('cover');
    expect(near.words).toBe('cover around where the eye goes (no face found)');
    // As far right as the picture allows.
    expect(near.crop!.x + near.crop!.width).toBeCloseTo(1, 3);
  });
});

describe('a photo turned by the person', () => {
  it('turnBox turns a box with the picture, and four quarter turns bring it back', () => {
    const b = { x: 0.1, y: 0.2, width: 0.3, height: 0.1 };
    expect(turnBox(b, 90)).toEqual({ x: expect.closeTo(0.7, 9), y: 0.1, width: 0.1, height: 0.3 });
    expect(turnBox(turnBox(b, 90), 270)).toEqual({
      x: expect.closeTo(0.1, 9),
      y: expect.closeTo(0.2, 9),
      width: 0.3,
      height: 0.1,
    });
    expect(turnBox(turnBox(b, 180), 180)).toEqual({
      x: expect.closeTo(0.1, 9),
      y: expect.closeTo(0.2, 9),
      width: 0.3,
      height: 0.1,
    });
  });

  it('frames the face where it is after the turn: a face at the top of the upright picture is at its right once turned clockwise', () => {
    const f = face(0.45, 0.03, 0.12);
    const framed = framePhoto({ width: 1920, height: 1080, rotation: 90, picture: facts([f]) }, '16:9');
    // Turned, the picture is 1080 x 1920 and the face near its right edge.
    expect(framed.fit).toBe('cover');
    expect(framed.crop!.x + framed.crop!.width).toBeGreaterThan(0.9);
    expect(contains(framed.crop!, turnBox(f, 90))).toBe(true);
  });
});

describe('the person moves the focus', () => {
  const f = face(0.84, 0.4, 0.15);
  it('"focus on the left" crops the left of the picture, even where the face is at the right', () => {
    const framed = framePhoto(landscape([f], { focus: 'left' }), '9:16');
    expect(framed.fit).toBe('cover');
    expect(framed.crop!.x).toBe(0);
    expect(framed.words).toBe('cover on the left (asked)');
  });

  it('"the whole picture" shows it whole over its blur, even where a crop would fit', () => {
    const framed = framePhoto({ width: 4000, height: 3000, picture: facts([f]), focus: 'whole' }, '16:9');
    expect(framed.fit).toBe('contain');
    expect(framed.words).toBe('whole over blur (asked)');
  });

  it('"faces" is the usual framing around them', () => {
    expect(framePhoto(landscape([f], { focus: 'faces' }), '9:16')).toEqual(framePhoto(landscape([f]), '9:16'));
  });

  it('"the top" of a portrait photo in a 16:9 letter crops its top', () => {
    const framed = framePhoto({ width: 1080, height: 1920, picture: facts([]), focus: 'top' }, '16:9');
    expect(framed.crop!.y).toBe(0);
  });
});

describe('Ken Burns around the faces', () => {
  const cases: [string, FramingInput, Aspect][] = [
    ['a face at the right of a landscape, 9:16', landscape([face(0.84, 0.4, 0.15)]), '9:16'],
    ['a face in a corner of a landscape, 1:1', landscape([face(0.02, 0.02, 0.2)]), '1:1'],
    ['two faces at the sides, 16:9', landscape([face(0.02, 0.3, 0.2), face(0.85, 0.35, 0.2)]), '16:9'],
    ['a big face filling the picture, 16:9', landscape([face(0.3, 0.05, 0.85)]), '16:9'],
    [
      'a group across a panorama shown whole, 9:16',
      { width: 4000, height: 1000, picture: facts([0.02, 0.75].map((x) => face(x, 0.4, 0.3))) },
      '9:16',
    ],
  ];

  it.each(cases)('%s: every face is in every frame of the shot, for each of the four motions', (_, input, aspect) => {
    const framed = framePhoto(input, aspect);
    const { width, height } = FRAME_SIZES[aspect];
    expect(framed.faces.length).toBeGreaterThan(0);
    for (let index = 0; index < 4; index++) {
      const motion = framedMotion(index, framed);
      for (let frame = 0; frame < 150; frame++) {
        const w = motionWindow(motion, frame / 149, width, height);
        const view = { x: w.x / width, y: w.y / height, width: w.w / width, height: w.h / height };
        for (const f of framed.faces) expect(contains(view, f)).toBe(true);
      }
    }
  });

  it('starts or ends on the faces: the zoomed window is centred on them as far as the frame allows', () => {
    const framed = framePhoto(landscape([face(0.1, 0.4, 0.12)]), '1:1');
    const f = framed.faces[0]!;
    const [zoomIn, zoomOut] = [framedMotion(0, framed), framedMotion(1, framed)];
    expect(zoomIn.toZoom).toBeGreaterThan(1);
    expect(zoomOut.fromZoom).toBeGreaterThan(1);
    const half = 1 / (2 * zoomIn.toZoom);
    const wanted = Math.min(1 - half, Math.max(half, f.x + f.width / 2));
    expect(zoomIn.toX).toBeCloseTo(wanted, 2);
    expect(zoomOut.fromX).toBeCloseTo(wanted, 2);
  });

  it('keeps a tenth of a large face as room between it and the moving window where the frame has it, so a face found a little wider is still whole', () => {
    const framed = framePhoto(landscape([face(0.62, 0.3, 0.45, 0.27)]), '9:16');
    const f = framed.faces[0]!;
    for (const index of [0, 1]) {
      const motion = framedMotion(index, framed);
      for (let step = 0; step <= 100; step++) {
        const t = step / 100;
        const zoom = motion.fromZoom + (motion.toZoom - motion.fromZoom) * t;
        const x = motion.fromX + (motion.toX - motion.fromX) * t;
        const y = motion.fromY + (motion.toY - motion.fromY) * t;
        const half = 1 / (2 * zoom);
        // The room, as far as the frame has it: this face fills most of the frame's width.
        const room = within({
          x: f.x - 0.1 * f.width,
          y: f.y - 0.1 * f.height,
          width: 1.2 * f.width,
          height: 1.2 * f.height,
        });
        const view = { x: x - half, y: y - half, width: 2 * half, height: 2 * half };
        expect(contains(view, room)).toBe(true);
      }
    }
  });

  it('without a face, moves toward where the eye goes', () => {
    const framed = framePhoto({ width: 4000, height: 3000, picture: facts([], { x: 0.9, y: 0.2 }) }, '16:9');
    const motion = framedMotion(0, framed);
    expect(motion.toX).toBeGreaterThan(0.5);
    expect(motion.toY).toBeLessThan(0.5);
  });
});
