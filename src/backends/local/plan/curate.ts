import type { PictureFacts } from '../../../core/media/record.js';

/**
 * Curation of a big folder, pure: which photos to set aside (duplicates, near-duplicates, blurred
 * shots) and which to keep to fit a length. Photos come in the letter's order; photos intake has
 * not read (no `picture`) are never set aside.
 */
export interface CuratedPhoto {
  id: string;
  fileName: string;
  width?: number;
  height?: number;
  sizeBytes?: number;
  picture?: PictureFacts;
}

export type SetAsideReason = 'duplicate' | 'near-duplicate' | 'blurred';

export interface SetAside {
  id: string;
  fileName: string;
  reason: SetAsideReason;
  /** For a duplicate or a blurred take of a kept photo: the photo kept in its place. */
  keptId?: string;
  /** What a person is told: "beach-2.jpg looks the same as beach.jpg (kept, the better)". */
  sentence: string;
}

/**
 * Hashes this many bits apart or fewer are the same shot: re-saved, resized, re-exposed or taken a
 * moment apart. The same scene with a person moved across it measured 9 bits; different photos ~30.
 */
export const NEAR_DUPLICATE_BITS = 6;
/**
 * A photo under this share of the folder's median sharpness is blurred: judged against the
 * folder, so a folder of soft photos is not all set aside. A blur of 4 px radius measured 0.07 of
 * the crisp original, one of 2 px 0.36 (soft but kept).
 */
export const BLURRED_SHARE = 0.2;
/**
 * A picture whose grey spreads less than this is plain (a colour, a card, fog), not a blurred
 * photo: a photo keeps its light and dark when blurred (the samples spread 48-65), a plain picture
 * has nothing to be sharp about (5-10, with film grain).
 */
export const PLAIN_CONTRAST = 15;

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0;
};

/** The photos to keep, in order, and those set aside with the reason, in order. */
export function setAsidePhotos(photos: readonly CuratedPhoto[]): { kept: CuratedPhoto[]; setAside: SetAside[] } {
  const setAside: SetAside[] = [];
  const kept: CuratedPhoto[] = [];
  for (const photo of photos) {
    const twin = photo.picture && kept.find((k) => k.picture && near(k.picture, photo.picture!));
    if (!twin) {
      kept.push(photo);
      continue;
    }
    // Of two shots alike the better stays, in the place of the one seen first.
    const [keep, drop] = better(photo, twin) ? [photo, twin] : [twin, photo];
    kept[kept.indexOf(twin)] = keep;
    setAside.push(duplicate(drop, keep));
  }
  const sharpnessOf = kept.flatMap((p) => (p.picture ? [p.picture.sharpness] : []));
  const limit = median(sharpnessOf) * BLURRED_SHARE;
  const blurred = kept.filter(
    (p) => p.picture && p.picture.sharpness < limit && (p.picture.contrast ?? PLAIN_CONTRAST) >= PLAIN_CONTRAST,
  );
  for (const p of blurred) {
    setAside.push({ id: p.id, fileName: p.fileName, reason: 'blurred', sentence: `${p.fileName} is blurred` });
  }
  const order = new Map(photos.map((p, i) => [p.id, i]));
  return {
    kept: kept.filter((p) => !blurred.includes(p)),
    setAside: setAside.sort((a, b) => order.get(a.id)! - order.get(b.id)!),
  };
}

/**
 * Whether `a` is the better of two shots alike: clearly sharper (a shaken take), else the larger
 * (a full-size original over a shared, shrunk or recompressed copy, whose JPEG blocks read as a
 * little sharper).
 */
const CLEARLY_SHARPER = 1.25;
function better(a: CuratedPhoto, b: CuratedPhoto): boolean {
  const [sa, sb] = [a.picture!.sharpness, b.picture!.sharpness];
  if (sa > sb * CLEARLY_SHARPER || sb > sa * CLEARLY_SHARPER) return sa > sb;
  const pixels = (p: CuratedPhoto) => (p.width ?? 0) * (p.height ?? 0);
  if (pixels(a) !== pixels(b)) return pixels(a) > pixels(b);
  return (a.sizeBytes ?? 0) > (b.sizeBytes ?? 0);
}

/** How many of two hashes' 64 bits differ (hashes from fingerprint.ts; here, without sharp, so the planner may use it). */
export function hashDistance(a: string, b: string): number {
  let bits = 0;
  for (let i = 0; i < 16; i += 2) {
    let x = parseInt(a.slice(i, i + 2), 16) ^ parseInt(b.slice(i, i + 2), 16);
    for (; x; x &= x - 1) bits++;
  }
  return bits;
}

/**
 * Two shots are alike when their hashes are close and their faces agree: as many, each within a
 * tenth of the picture of one in the other. The hash of a small face is a few bits, so a scene with
 * the person standing elsewhere (another moment, not another take) hashes close and is kept.
 */
const FACE_MOVED = 0.1;
const centre = (f: PictureFacts['faces'][number]) => ({ x: f.x + f.width / 2, y: f.y + f.height / 2 });
// A shot with no face found (a shaken take hides it) leaves the decision to the hash.
const sameFaces = (a: PictureFacts, b: PictureFacts) =>
  a.faces.length === 0 ||
  b.faces.length === 0 ||
  (a.faces.length === b.faces.length &&
    a.faces.every((f) =>
      b.faces.some((g) => {
        const [p, q] = [centre(f), centre(g)];
        return Math.abs(p.x - q.x) <= FACE_MOVED && Math.abs(p.y - q.y) <= FACE_MOVED;
      }),
    ));
/** Mean colours further apart than this (0-255, any of red, green, blue) are different pictures; a re-exposed copy moves less. */
const COLOUR_APART = 40;
const sameColour = (a: PictureFacts, b: PictureFacts) =>
  !a.colour || !b.colour || a.colour.every((c, i) => Math.abs(c - b.colour![i]!) <= COLOUR_APART);
const near = (a: PictureFacts, b: PictureFacts) =>
  hashDistance(a.hash, b.hash) <= NEAR_DUPLICATE_BITS && sameFaces(a, b) && sameColour(a, b);

function duplicate(drop: CuratedPhoto, keep: CuratedPhoto): SetAside {
  const base = { id: drop.id, fileName: drop.fileName, keptId: keep.id };
  if (drop.picture!.sharpness < keep.picture!.sharpness * BLURRED_SHARE)
    return { ...base, reason: 'blurred', sentence: `${drop.fileName} is a blurred take of ${keep.fileName}` };
  const exact = hashDistance(drop.picture!.hash, keep.picture!.hash) === 0;
  return {
    ...base,
    reason: exact ? 'duplicate' : 'near-duplicate',
    sentence: `${drop.fileName} looks ${exact ? 'the same as' : 'almost the same as'} ${keep.fileName} (kept, the better)`,
  };
}

/**
 * The best `count` photos, in their order, for a letter of a given length: the photos are cut into
 * `count` runs in order and the best of each run kept, so the letter still tells the whole story
 * (a folder's order is the day's order) rather than the best ten of one afternoon. Best = a face
 * in it, then the sharper.
 */
export function bestPhotos<P extends CuratedPhoto>(photos: readonly P[], count: number): P[] {
  if (count >= photos.length) return [...photos];
  if (count <= 0) return [];
  const best: P[] = [];
  for (let run = 0; run < count; run++) {
    const from = Math.floor((run * photos.length) / count);
    const to = Math.floor(((run + 1) * photos.length) / count);
    best.push(photos.slice(from, to).reduce((a, b) => (score(b) > score(a) ? b : a)));
  }
  return best;
}

const score = (p: CuratedPhoto) =>
  p.picture ? (p.picture.faces.length > 0 ? 1 : 0) + Math.log10(1 + p.picture.sharpness) / 10 : 0;
