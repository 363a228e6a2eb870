import type { PhotoBox } from '../../../core/media/record.js';
import type { Motion } from '../../../core/timeline/model.js';
import type { PhotoFraming } from './framing.js';

const round = (v: number) => Math.round(v * 1000) / 1000;

/** How far the slow zoom goes at most: the window ends (or starts) at 1/1.12 of the frame. */
const ZOOM = 1.12;
/**
 * Room kept between the faces and the window's edge: a share of the faces' own size (a face
 * finder's box of the same face varies by a few percent from frame to frame), and at least a
 * sliver of the frame.
 */
const FACE_MARGIN = { ofFaces: 0.1, least: 0.015 };
/** Progress steps at which the window is checked to hold the faces: more than a 6 s shot has frames. */
const CHECKS = 200;

/**
 * Gentle Ken Burns: alternate zooming in and out, and drift toward a different corner each time,
 * so consecutive photos never move the same way. The window centre stays inside the photo at the
 * larger zoom, so the picture never shows an edge.
 */
export function motionFor(index: number): Motion {
  const reach = 0.5 - 1 / (2 * ZOOM) - 0.004;
  const drifts: [number, number][] = [
    [1, 0.6],
    [-1, -0.5],
    [0.7, -1],
    [-0.6, 1],
  ];
  const [dx, dy] = drifts[index % drifts.length] as [number, number];
  const near = { zoom: 1, x: 0.5, y: 0.5 };
  const far = { zoom: ZOOM, x: round(0.5 + dx * reach), y: round(0.5 + dy * reach) };
  return between(index, near, far);
}

/** Into `far` from the whole frame, or (every other photo) out from it, as the usual motion alternates. */
function between(index: number, near: Window, far: Window): Motion {
  const [from, to] = index % 2 === 0 ? [near, far] : [far, near];
  return { fromZoom: from.zoom, toZoom: to.zoom, fromX: from.x, fromY: from.y, toX: to.x, toY: to.y };
}

interface Window {
  zoom: number;
  x: number;
  y: number;
}

/** The window (as the renderer moves it) holds `box` at every step of the shot. */
function holds(motion: Motion, box: PhotoBox): boolean {
  for (let i = 0; i <= CHECKS; i++) {
    const t = i / CHECKS;
    const zoom = motion.fromZoom + (motion.toZoom - motion.fromZoom) * t;
    const half = 1 / (2 * zoom);
    const x = motion.fromX + (motion.toX - motion.fromX) * t;
    const y = motion.fromY + (motion.toY - motion.fromY) * t;
    if (x - half > box.x + 1e-6 || x + half < box.x + box.width - 1e-6) return false;
    if (y - half > box.y + 1e-6 || y + half < box.y + box.height - 1e-6) return false;
  }
  return true;
}

/**
 * Pure: Ken Burns that starts or ends on the faces (the zoomed window centred on them as far as
 * the frame allows) and never moves a face out of frame at any step; without faces in view, toward
 * where the eye goes or the place the person asked for; with neither, the usual drift. The zoom
 * is eased down from 1.12 until every face stays whole throughout.
 */
export function framedMotion(index: number, framing: PhotoFraming): Motion {
  const faces = framing.faces.filter((f) => f.x >= 0 && f.y >= 0 && f.x + f.width <= 1 && f.y + f.height <= 1);
  const target = faces.length ? union(faces) : framing.point && { ...framing.point, width: 0, height: 0 };
  if (!target) return motionFor(index);
  const near = { zoom: 1, x: 0.5, y: 0.5 };
  for (let zoom = ZOOM; zoom > 1.0001; zoom = round(zoom - 0.01)) {
    const half = 1 / (2 * zoom) + 0.002;
    const far = {
      zoom,
      x: round(Math.min(1 - half, Math.max(half, target.x + target.width / 2))),
      y: round(Math.min(1 - half, Math.max(half, target.y + target.height / 2))),
    };
    const motion = between(index, near, far);
    if (holds(motion, target)) return motion;
  }
  return between(index, near, near);
}

/** One box around all of them with FACE_MARGIN on each side, inside the frame. */
function union(boxes: PhotoBox[]): PhotoBox {
  const left = Math.min(...boxes.map((b) => b.x));
  const top = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  const side = Math.max(FACE_MARGIN.least, (right - left) * FACE_MARGIN.ofFaces);
  const end = Math.max(FACE_MARGIN.least, (bottom - top) * FACE_MARGIN.ofFaces);
  const x = Math.max(0, left - side);
  const y = Math.max(0, top - end);
  return { x, y, width: Math.min(1, right + side) - x, height: Math.min(1, bottom + end) - y };
}
