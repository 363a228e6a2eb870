import type { PhotoBox, PictureFacts } from '../../../core/media/record.js';
import type { Aspect, Fit } from '../../../core/timeline/model.js';
import { FRAME_SIZES } from '../../../core/timeline/model.js';
import type { FocusPlace, FocusPoint } from '../../../core/timeline/operations.js';
import { MAX_COVER_MISMATCH, fitFor } from './fit.js';

/**
 * Framing a photo as a person would: the crop keeps every face found in it whole, with room above
 * the head, and brings small faces closer; a picture whose shape fights the frame (a landscape
 * photo in a 9:16 letter) is cropped around its people when they fit, and shown whole over its
 * blurred copy only when they do not (a group spread across a panorama) or when nothing shows
 * where to crop. All in fractions of the upright picture, turned as the person asked.
 */

/** Room kept around each face, in face heights (above: the hair and some air) and widths. */
const HEADROOM = { above: 0.6, below: 0.35, side: 0.3 };
/**
 * When faces with that room do not fit, they are still kept whole with a little room, and a face
 * that fills the picture's height (a close-up in a landscape photo for a 9:16 letter) with none:
 * whole and large beats small over a blur.
 */
const TIGHT = { above: 0.12, below: 0.08, side: 0.08 };
const NO_ROOM = { above: 0, below: 0, side: 0 };
/** The largest face is brought to about this share of the frame's height (a fifth, and a little). */
const FACE_SHARE = 0.24;
/**
 * Never closer than this many times the largest crop the picture allows, so the scene around
 * stays: a photo whose shape fits the frame keeps more of it; one reframed for a frame of another
 * shape (a landscape photo in a 9:16 letter) is about its person filling the screen.
 */
const MOST_ZOOM = { fits: 2, reframed: 3 };
/**
 * A picture whose shape fights the frame is cropped around its faces only when they come out at
 * least this share of the frame's height; smaller (a figure in a landscape), the scene is the
 * subject and it is shown whole.
 */
const GOOD_FACE_SHARE = 0.1;

export interface PhotoFraming {
  fit: Fit;
  /** Cover: the part of the picture the frame shows, in fractions of it, the frame's shape. */
  crop?: PhotoBox;
  /** The faces as they land in the frame (before the slow zoom), in fractions of the frame. */
  faces: PhotoBox[];
  /** Where the slow zoom goes when no face is in view, in fractions of the frame. */
  point?: FocusPoint;
  /** How it is framed, in words, for get_state. */
  words: string;
}

export interface FramingInput {
  /** The picture's upright size in pixels, before the person's turn. */
  width?: number;
  height?: number;
  /** Clockwise turn the person asked for. */
  rotation?: number;
  /** What intake saw, in fractions of the upright picture; absent for photos stored before it did. */
  picture?: PictureFacts;
  focus?: FocusPlace | FocusPoint;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round4 = (v: number) => Math.round(v * 10000) / 10000;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Pure: a box of the upright picture in the picture turned `rotation` degrees clockwise. */
export function turnBox(b: PhotoBox, rotation = 0): PhotoBox {
  switch (((rotation % 360) + 360) % 360) {
    case 90:
      return { x: 1 - b.y - b.height, y: b.x, width: b.height, height: b.width };
    case 180:
      return { x: 1 - b.x - b.width, y: 1 - b.y - b.height, width: b.width, height: b.height };
    case 270:
      return { x: b.y, y: 1 - b.x - b.width, width: b.height, height: b.width };
    default:
      return b;
  }
}

/** The point a place names, in fractions of the picture; `auto` fills in what the place leaves open. */
export function placePoint(place: Exclude<FocusPlace, 'faces' | 'whole'>, auto: FocusPoint): FocusPoint {
  if (place === 'left') return { x: 0, y: auto.y };
  if (place === 'right') return { x: 1, y: auto.y };
  if (place === 'top') return { x: auto.x, y: 0 };
  if (place === 'bottom') return { x: auto.x, y: 1 };
  return { x: 0.5, y: 0.5 };
}

/** The point a clip's crop centres on, when the person asked for a place or a point (faces are found in photos only). */
export function focusPoint(focus: FocusPlace | FocusPoint | undefined): FocusPoint | undefined {
  if (focus === undefined || focus === 'faces' || focus === 'whole') return undefined;
  return typeof focus === 'string' ? placePoint(focus, { x: 0.5, y: 0.5 }) : focus;
}

interface Pixels {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The faces with room around each, as one box, in pixels, inside the picture. */
function around(faces: Pixels[], room: typeof HEADROOM, width: number, height: number): Pixels {
  const left = Math.min(...faces.map((f) => f.x - f.w * room.side));
  const right = Math.max(...faces.map((f) => f.x + f.w * (1 + room.side)));
  const top = Math.min(...faces.map((f) => f.y - f.h * room.above));
  const bottom = Math.max(...faces.map((f) => f.y + f.h * (1 + room.below)));
  const x = clamp(left, 0, width);
  const y = clamp(top, 0, height);
  return { x, y, w: clamp(right, 0, width) - x, h: clamp(bottom, 0, height) - y };
}

/** The largest frame-shaped part of a width x height picture, in pixels. */
function largest(width: number, height: number, aspect: number) {
  const w = Math.min(width, height * aspect);
  return { w, h: w / aspect };
}

/** The largest crop centred on `at` (pixels) as far as the picture's edges allow. */
function cropAt(at: FocusPoint, width: number, height: number, aspect: number): Pixels {
  const { w, h } = largest(width, height, aspect);
  return { x: clamp(at.x - w / 2, 0, width - w), y: clamp(at.y - h / 2, 0, height - h), w, h };
}

/**
 * The crop that keeps `room` (the faces with their room) whole, the largest face brought to about
 * FACE_SHARE of the frame's height (no closer than `mostZoom`), the faces a little above the
 * middle; undefined when they do not fit in any crop of the frame's shape.
 */
function cropAround(faces: Pixels[], room: Pixels, width: number, height: number, aspect: number, mostZoom: number) {
  const most = largest(width, height, aspect);
  const needed = Math.max(room.h, room.w / aspect);
  if (needed > most.h + 0.5) return undefined;
  const biggest = Math.max(...faces.map((f) => f.h));
  const h = clamp(biggest / FACE_SHARE, Math.max(needed, most.h / mostZoom), most.h);
  const w = Math.min(width, h * aspect);
  const eyes = (Math.min(...faces.map((f) => f.y)) + Math.max(...faces.map((f) => f.y + f.h))) / 2;
  const x = clamp(room.x + room.w / 2 - w / 2, Math.max(0, room.x + room.w - w), Math.min(width - w, room.x));
  const y = clamp(eyes - 0.42 * h, Math.max(0, room.y + room.h - h), Math.min(height - h, room.y));
  return { crop: { x, y, w, h }, faceShare: biggest / h };
}

/** Where a box of the picture lands in the frame, as fractions of the frame. */
function inFrame(b: Pixels, view: Pixels): PhotoBox {
  return {
    x: round4((b.x - view.x) / view.w),
    y: round4((b.y - view.y) / view.h),
    width: round4(b.w / view.w),
    height: round4(b.h / view.h),
  };
}

/**
 * Pure: how a photo fills a frame of `aspect`: what it is cropped to (or shown whole), where its
 * faces land, where the slow zoom should go, and the same in words.
 */
export function framePhoto(input: FramingInput, aspect: Aspect): PhotoFraming {
  const turned = input.rotation === 90 || input.rotation === 270;
  const width = (turned ? input.height : input.width) ?? 0;
  const height = (turned ? input.width : input.height) ?? 0;
  const frame = FRAME_SIZES[aspect];
  const ratio = frame.width / frame.height;
  const { focus, picture } = input;
  if (!width || !height) {
    const fit = focus === 'whole' ? 'contain' : 'cover';
    return { fit, faces: [], words: fit === 'cover' ? 'cover' : 'whole over blur (asked)' };
  }
  const px = (b: PhotoBox): Pixels => {
    const t = turnBox(b, input.rotation);
    return { x: t.x * width, y: t.y * height, w: t.width * width, h: t.height * height };
  };
  const faces = (picture?.faces ?? []).map(px);
  const salient = picture && px({ x: picture.saliency.x, y: picture.saliency.y, width: 0, height: 0 });
  const whole: Pixels = { x: 0, y: 0, w: width, h: height };
  // Contain: the picture shown whole, centred, as large as the frame allows.
  const contained = (words: string): PhotoFraming => {
    const scale = Math.min(frame.width / width, frame.height / height);
    const shown = { w: (width * scale) / frame.width, h: (height * scale) / frame.height };
    const toFrame = (b: Pixels): PhotoBox => ({
      x: round4((1 - shown.w) / 2 + (b.x / width) * shown.w),
      y: round4((1 - shown.h) / 2 + (b.y / height) * shown.h),
      width: round4((b.w / width) * shown.w),
      height: round4((b.h / height) * shown.h),
    });
    const at = salient && toFrame(salient);
    return {
      fit: 'contain',
      faces: faces.map(toFrame),
      ...(at && !faces.length && { point: { x: at.x, y: at.y } }),
      words,
    };
  };
  const covered = (view: Pixels, words: string, point?: Pixels): PhotoFraming => {
    const inside = faces.filter((f) => f.x >= view.x - 1 && f.x + f.w <= view.x + view.w + 1);
    const shown = inside.filter((f) => f.y >= view.y - 1 && f.y + f.h <= view.y + view.h + 1);
    const at = point && inFrame(point, view);
    return {
      fit: 'cover',
      crop: inFrame(view, whole),
      faces: shown.map((f) => inFrame(f, view)),
      ...(at && !shown.length && { point: { x: clamp(at.x, 0, 1), y: clamp(at.y, 0, 1) } }),
      words,
    };
  };
  // What a side leaves open (how high "on the left" looks) follows the faces, or where the eye goes.
  const everyone = faces.length ? around(faces, NO_ROOM, width, height) : undefined;
  const autoPoint = everyone
    ? { x: (everyone.x + everyone.w / 2) / width, y: (everyone.y + everyone.h / 2) / height }
    : (picture?.saliency ?? { x: 0.5, y: 0.5 });

  if (focus === 'whole') return contained('whole over blur (asked)');
  if (focus && focus !== 'faces') {
    const point = typeof focus === 'string' ? placePoint(focus, autoPoint) : focus;
    const at = { x: point.x * width, y: point.y * height, w: 0, h: 0 };
    const where = typeof focus === 'string' ? `on the ${focus}` : 'on the point asked';
    return covered(cropAt(at, width, height, ratio), `cover ${where} (asked)`, at);
  }
  const mismatch = Math.max(width / height / ratio, height / width / ratio);
  if (faces.length) {
    const count = plural(faces.length, 'face');
    const zoom = mismatch <= MAX_COVER_MISMATCH ? MOST_ZOOM.fits : MOST_ZOOM.reframed;
    const fitted = [HEADROOM, TIGHT, NO_ROOM]
      .map((room) => cropAround(faces, around(faces, room, width, height), width, height, ratio, zoom))
      .find((crop) => crop !== undefined);
    if (fitted && (mismatch <= MAX_COVER_MISMATCH || fitted.faceShare >= GOOD_FACE_SHARE))
      return covered(fitted.crop, `cover around ${count}`);
    return contained(
      fitted
        ? `whole over blur: its ${count} would be too small cropped to ${aspect}`
        : `whole over blur: its ${count} do not fit in a ${aspect} crop`,
    );
  }
  if (!picture) {
    const fit = fitFor(width, height, aspect);
    return fit === 'cover'
      ? { fit, faces: [], words: 'cover' }
      : { fit, faces: [], words: `whole over blur: its shape is far from ${aspect}` };
  }
  if (mismatch <= MAX_COVER_MISMATCH)
    return covered(
      cropAt({ x: salient!.x, y: salient!.y }, width, height, ratio),
      'cover around where the eye goes (no face found)',
      salient,
    );
  return contained(`whole over blur: no face found, and its shape is far from ${aspect}`);
}
