import type { Canvas, Image, SKRSContext2D } from '@napi-rs/canvas';
import path from 'node:path';
import type { Storyboard } from '../../core/backend.js';
import type { Aspect, Segment, Timeline } from '../../core/timeline/model.js';
import { trackOf } from '../../core/timeline/model.js';
import { formatSeconds } from '../../core/timeline/summary.js';
import { loadCanvas } from '../../libraries.js';
import { SANS, fontList, loadFonts } from './text/fonts.js';
import { preparePictures, prepareOverlays, type AssetPlaces } from './render/prepare/assets.js';
import { clipFrame } from './render/prepare/keyframes.js';
import { framesInLook } from './render/run/look-frames.js';
import { motionWindow } from './render/compile/motion.js';

/** Each tile is a small frame of the letter; sizes keep the message legible and the sheet light. */
const TILE_SIZES: Record<Aspect, { width: number; height: number; columns: number }> = {
  '16:9': { width: 384, height: 216, columns: 4 },
  '9:16': { width: 216, height: 384, columns: 6 },
  '1:1': { width: 288, height: 288, columns: 5 },
};
const GAP = 12;
const LABEL = 26;

/** One key frame: what the letter shows at `at` seconds. */
export interface StoryboardTile {
  label: string;
  at: number;
  /** The video-track shot on top at that moment. */
  shot: Segment;
}

/** The shot that is on top at `at`: the latest-starting one that covers it (later shots fade in over earlier ones). */
function shotAt(shots: Segment[], at: number): Segment | undefined {
  return shots.filter((s) => s.start <= at && at < s.end).at(-1) ?? shots.at(-1);
}

/** Pure: the key frames, in order: the title card, the middle of every shot, the closing card. */
export function storyboardTiles(timeline: Timeline): StoryboardTile[] {
  const shots = trackOf(timeline, 'video')?.segments ?? [];
  const tiles: StoryboardTile[] = [];
  const card = (role: 'title' | 'closing', name: string) => {
    const seg = trackOf(timeline, role)?.segments[0];
    if (!seg) return;
    const at = (seg.start + seg.end) / 2;
    const shot = shotAt(shots, at);
    if (shot) tiles.push({ label: name, at, shot });
  };
  card('title', 'Title');
  shots.forEach((shot, i) => {
    // The middle of the part where this shot is alone, after the crossfade into it.
    const from = i === 0 ? shot.start : Math.min(shot.end, shots[i - 1]?.end ?? shot.start);
    tiles.push({ label: `${i + 1}. ${shot.label}`, at: (from + shot.end) / 2, shot });
  });
  card('closing', 'Closing');
  return tiles;
}

/** One tile's picture as raw RGBA: the clip's frame, or the photo cropped to its motion's window at that moment. */
function tilePicture(
  canvas: Canvas,
  frame: { image: Image; window?: { x: number; y: number; w: number; h: number } },
): Uint8Array {
  const { width, height } = canvas;
  const w = frame.window;
  if (w) canvas.getContext('2d').drawImage(frame.image, w.x, w.y, w.w, w.h, 0, 0, width, height);
  else canvas.getContext('2d').drawImage(frame.image, 0, 0, width, height);
  const { data } = canvas.getContext('2d').getImageData(0, 0, width, height);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * A PNG contact sheet of the letter's key frames, made from the same prepared photos and text
 * cards the render uses (at a small size, cached) and one decoded frame per clip, in the letter's
 * colour look, without rendering the video: a look at the letter before exporting.
 */
export async function drawStoryboard(timeline: Timeline, places: AssetPlaces): Promise<Storyboard> {
  const { createCanvas, ImageData, loadImage } = await loadCanvas();
  const tile = TILE_SIZES[timeline.aspect];
  const tiles = storyboardTiles(timeline);
  const [pictures, overlays] = await Promise.all([
    preparePictures(timeline, tile.width, tile.height, places),
    prepareOverlays(timeline, tile.width, tile.height, places),
  ]);
  await pictures.ready();
  const frames = await Promise.all(
    tiles.map(async ({ shot, at }) => {
      const id = shot.mediaId ?? '';
      if (shot.kind === 'clip') {
        const seconds = Math.round((at - shot.start) * 10) / 10;
        const target = path.join(
          places.projectCache,
          'keyframes',
          `${id}-${shot.fit ?? 'cover'}-${seconds}s-${tile.width}x${tile.height}.jpg`,
        );
        return {
          image: await loadImage(
            await clipFrame(
              places.ffmpeg,
              pictures.clips[id] ?? '',
              seconds,
              shot.fit ?? 'cover',
              tile.width,
              tile.height,
              target,
            ),
          ),
        };
      }
      const progress = Math.min(1, Math.max(0, (at - shot.start) / Math.max(1e-6, shot.end - shot.start)));
      return {
        image: await loadImage(pictures.photos[id] ?? ''),
        window: motionWindow(shot.motion, progress, tile.width, tile.height),
      };
    }),
  );
  // The look colours the pictures only; text keeps its own colours on top, as in the render.
  const pictureTiles = await framesInLook(
    places.ffmpeg,
    timeline.style,
    frames.map((f) => tilePicture(createCanvas(tile.width, tile.height), f)),
    tile.width,
    tile.height,
  );
  const texts = new Map(
    await Promise.all([...new Set(overlays.map((o) => o.path))].map(async (p) => [p, await loadImage(p)] as const)),
  );

  await loadFonts(tiles.map((t) => t.label).join(' '));
  const rows = Math.ceil(tiles.length / tile.columns);
  const columns = Math.min(tile.columns, tiles.length);
  const canvas = createCanvas(GAP + columns * (tile.width + GAP), GAP + rows * (tile.height + LABEL + GAP));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#1c1b1f';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  tiles.forEach((t, i) => {
    const x = GAP + (i % tile.columns) * (tile.width + GAP);
    const y = GAP + Math.floor(i / tile.columns) * (tile.height + LABEL + GAP);
    const picture = pictureTiles[i];
    if (!picture) return;
    ctx.putImageData(
      new ImageData(
        new Uint8ClampedArray(picture.buffer, picture.byteOffset, picture.byteLength),
        tile.width,
        tile.height,
      ),
      x,
      y,
    );
    for (const o of overlays.filter((o) => o.start <= t.at && t.at < o.end)) {
      const image = texts.get(o.path);
      if (image) ctx.drawImage(image, x + o.x, y + o.y);
    }
    caption(ctx, `${t.label} · ${formatSeconds(t.at)}s`, x, y + tile.height, tile.width);
  });
  return { image: await encodeSheet(canvas), mimeType: 'image/jpeg', tiles: tiles.map((t) => t.label) };
}

/**
 * The most a storyboard may weigh: as base64 (4/3 larger) beside the letter's state it stays
 * under the 1 MiB a client may take in one message (the Python SDK refuses bigger SSE events),
 * whatever the number of photos.
 */
export const STORYBOARD_MAX_BYTES = 500 * 1024;

/**
 * The sheet as a JPEG under the byte limit: photos compress well at quality 82 (a 14-tile sheet is
 * about 200 KB); a long letter steps the quality down, then the sheet's size, until it fits.
 */
async function encodeSheet(sheet: Canvas): Promise<Buffer> {
  const { createCanvas } = await loadCanvas();
  let source = sheet;
  for (;;) {
    for (const quality of [82, 68, 55]) {
      const jpeg = await source.encode('jpeg', quality);
      if (jpeg.length <= STORYBOARD_MAX_BYTES) return jpeg;
    }
    const smaller = createCanvas(Math.round(source.width * 0.75), Math.round(source.height * 0.75));
    smaller.getContext('2d').drawImage(source, 0, 0, smaller.width, smaller.height);
    source = smaller;
  }
}

function caption(ctx: SKRSContext2D, text: string, x: number, y: number, width: number): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, width, LABEL);
  ctx.clip();
  ctx.font = fontList(SANS, 13);
  ctx.fillStyle = '#e8e6ea';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, x + 2, y + LABEL / 2);
  ctx.restore();
}
