import type { Aspect, Segment } from '../../../timeline/model.js';
import type { LetterSettings, StoredMedia } from '../project.js';
import { fitFor } from './fit.js';
import { CROSSFADE_SECONDS, PHOTO_MIN_SECONDS } from './pacing.js';

/** A picture the letter shows, in order: a photo (any length) or a clip (its own length). */
export interface Shot {
  media: StoredMedia;
  kind: 'photo' | 'clip';
  /** A clip's playing time: its whole length, or its first `clips.maxSeconds`. */
  seconds?: number;
}

const round = (s: number) => Math.round(s * 1000) / 1000;

/**
 * Photos and clips in the order the person asked for; the ones they did not mention follow in
 * upload order; the ones they removed are left out.
 */
export function orderedShots(settings: LetterSettings, media: StoredMedia[]): Shot[] {
  const pictures = media.filter(
    (m) => (m.kind === 'photo' || m.kind === 'video') && !settings.removedPhotos.includes(m.id),
  );
  const chosen = settings.photoOrder
    .map((id) => pictures.find((p) => p.id === id))
    .filter((p): p is StoredMedia => !!p);
  return [...chosen, ...pictures.filter((p) => !chosen.includes(p))].map((m) =>
    m.kind === 'video'
      ? {
          media: m,
          kind: 'clip',
          seconds: round(Math.min(m.durationSeconds ?? settings.clips.maxSeconds, settings.clips.maxSeconds)),
        }
      : { media: m, kind: 'photo' },
  );
}

/**
 * The shortest the pictures can play: each photo its minimum (times the pace: 1.25 = slower), each
 * clip its length, less the crossfades between them.
 */
export function picturesSeconds(shots: Shot[], pace = 1): number {
  const total = shots.reduce((sum, s) => sum + (s.seconds ?? PHOTO_MIN_SECONDS * pace), 0);
  return round(total - Math.max(0, shots.length - 1) * CROSSFADE_SECONDS);
}

/**
 * Lays the shots end to end over `duration`, neighbours overlapping by one crossfade. Clips keep
 * their length and photos share the rest; a letter of clips only, when its words need longer than
 * the clips play, holds the last clip's final frame.
 */
export function layoutShots(
  shots: Shot[],
  duration: number,
  aspect: Aspect,
  clipVolume: number,
  motionFor: (photoIndex: number) => Segment['motion'],
): Segment[] {
  const photos = shots.filter((s) => s.kind === 'photo').length;
  const clipTotal = shots.reduce((sum, s) => sum + (s.seconds ?? 0), 0);
  const photoSeconds = photos ? (duration + (shots.length - 1) * CROSSFADE_SECONDS - clipTotal) / photos : 0;
  let t = 0;
  let photoIndex = 0;
  return shots.map((shot, i) => {
    const start = round(t);
    const length = shot.seconds ?? photoSeconds;
    const end = i === shots.length - 1 ? duration : round(start + length);
    t += length - CROSSFADE_SECONDS;
    const { media } = shot;
    const fit = fitFor(media.width, media.height, aspect);
    if (shot.kind === 'clip') {
      // A clip without a sound track has no level to set.
      return {
        start,
        end,
        label: media.fileName,
        mediaId: media.id,
        kind: 'clip',
        fit,
        ...(media.hasSound && { volume: clipVolume }),
      };
    }
    return {
      start,
      end,
      label: media.fileName,
      mediaId: media.id,
      kind: 'photo',
      fit,
      motion: motionFor(photoIndex++),
    };
  });
}
