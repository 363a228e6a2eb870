import type { Aspect, Segment } from '../../../core/timeline/model.js';
import type { LetterSettings, MomentSettings, StoredMedia } from '../project.js';
import { fitFor } from './fit.js';
import { framePhoto, type PhotoFraming } from './framing.js';
import { CROSSFADE_SECONDS, PHOTO_MIN_SECONDS } from './pacing.js';
import { selectedPictures } from './selection.js';

/** A picture the letter shows, in order: a photo (any length) or a clip (its own length). */
export interface Shot {
  media: StoredMedia;
  kind: 'photo' | 'clip';
  /**
   * Seconds on screen when fixed: a clip's playing time (its trimmed part, at most
   * `clips.maxSeconds`), or a photo the person asked to hold; absent = the photo shares the time.
   */
  seconds?: number;
  /** The person's own settings for this moment. */
  own: MomentSettings;
}

const round = (s: number) => Math.round(s * 1000) / 1000;

/** Where a clip starts and how long it plays: its trimmed part, at most `clips.maxSeconds`. */
export function clipPart(media: StoredMedia, own: MomentSettings, settings: LetterSettings) {
  const from = own.clipFrom ?? 0;
  const end = Math.min(own.clipTo ?? Infinity, media.durationSeconds ?? Infinity);
  const seconds = Math.min(Number.isFinite(end) ? end - from : settings.clips.maxSeconds, settings.clips.maxSeconds);
  return { from, seconds: round(seconds) };
}

/**
 * The shots in order; the ones removed or left out by curation (selection.ts) do not play. A clip plays its trimmed part; a photo held
 * by the person keeps its length.
 */
export function orderedShots(settings: LetterSettings, media: StoredMedia[]): Shot[] {
  return selectedPictures(settings, media).map((m) => {
    const own = settings.moments[m.id] ?? {};
    if (m.kind === 'video') return { media: m, kind: 'clip', seconds: clipPart(m, own, settings).seconds, own };
    return { media: m, kind: 'photo', own, ...(own.seconds !== undefined && { seconds: own.seconds }) };
  });
}

/**
 * The crossfade into shot `i` from the one before: none for a cut (or the first shot), else the
 * letter's crossfade, shortened to a third of the shorter neighbour so a short clip or photo is
 * never mostly fading.
 */
function crossfade(shots: Shot[], lengths: number[], i: number, settings: TransitionSettings): number {
  if (i === 0) return 0;
  const style = shots[i]?.own.transitionIn ?? settings.style;
  if (style === 'cut') return 0;
  return round(Math.min(settings.seconds, (lengths[i - 1] ?? 0) / 3, (lengths[i] ?? 0) / 3));
}

export type TransitionSettings = LetterSettings['transitions'];
const USUAL_TRANSITIONS: TransitionSettings = { style: 'crossfade', seconds: CROSSFADE_SECONDS };

/**
 * The shortest the pictures can play: each photo its minimum (times the pace: 1.25 = slower) or
 * its held length, each clip its length, less the crossfades between them.
 */
export function picturesSeconds(shots: Shot[], pace = 1, transitions = USUAL_TRANSITIONS): number {
  const lengths = shots.map((s) => s.seconds ?? PHOTO_MIN_SECONDS * pace);
  const total = lengths.reduce((sum, l) => sum + l, 0);
  const fades = shots.reduce((sum, _, i) => sum + crossfade(shots, lengths, i, transitions), 0);
  return round(total - fades);
}

/**
 * How long each shot is on screen over `duration`: fixed shots keep their length and the other
 * photos share the rest, neighbours overlapping by their crossfade. When every shot is fixed, the
 * last one takes what is left.
 */
function shotLengths(shots: Shot[], duration: number, transitions: TransitionSettings): number[] {
  const free = shots.filter((s) => s.seconds === undefined).length;
  const fixed = shots.reduce((sum, s) => sum + (s.seconds ?? 0), 0);
  let lengths = shots.map((s) => s.seconds ?? PHOTO_MIN_SECONDS);
  // The crossfades depend on the lengths and the shared lengths on the crossfades: two rounds settle it.
  for (let round = 0; round < 2; round++) {
    const fades = shots.reduce((sum, _, i) => sum + crossfade(shots, lengths, i, transitions), 0);
    const share = free ? Math.max(1.5, (duration + fades - fixed) / free) : 0;
    lengths = shots.map((s) => s.seconds ?? share);
  }
  return lengths;
}

/**
 * Lays the shots end to end over `duration`, neighbours overlapping by their crossfade. Clips keep
 * their length and photos share the rest; a letter of clips only, when its words need longer than
 * the clips play, holds the last clip's final frame.
 */
export function layoutShots(
  shots: Shot[],
  duration: number,
  aspect: Aspect,
  clipVolume: number,
  motionFor: (photoIndex: number, framing: PhotoFraming) => Segment['motion'],
  transitions = USUAL_TRANSITIONS,
): Segment[] {
  const lengths = shotLengths(shots, duration, transitions);
  let t = 0;
  let photoIndex = 0;
  return shots.map((shot, i) => {
    t -= crossfade(shots, lengths, i, transitions);
    const start = round(Math.max(0, t));
    const length = lengths[i] ?? 0;
    const end = i === shots.length - 1 ? duration : round(start + length);
    t = start + length;
    const { media, own } = shot;
    const framing = {
      ...(own.rotation && { rotation: own.rotation }),
      ...(own.focus && { focus: own.focus }),
    };
    if (shot.kind === 'clip') {
      const turned = own.rotation === 90 || own.rotation === 270;
      const shape = fitFor(turned ? media.height : media.width, turned ? media.width : media.height, aspect);
      const part = own.clipFrom ?? 0;
      // A clip without a sound track has no level to set.
      return {
        start,
        end,
        label: media.fileName,
        mediaId: media.id,
        kind: 'clip',
        // A side or point asked for is cropped there, as for a photo.
        fit: own.focus === 'whole' ? 'contain' : own.focus ? 'cover' : shape,
        ...framing,
        ...(part > 0 && { from: part }),
        ...(media.hasSound && { volume: own.volume ?? clipVolume }),
      };
    }
    const framed = framePhoto(
      {
        ...framing,
        ...(media.width && { width: media.width }),
        ...(media.height && { height: media.height }),
        ...(media.picture && { picture: media.picture }),
      },
      aspect,
    );
    return {
      start,
      end,
      label: media.fileName,
      mediaId: media.id,
      kind: 'photo',
      fit: framed.fit,
      ...framing,
      ...(framed.crop && { crop: framed.crop }),
      framing: framed.words,
      motion: motionFor(photoIndex++, framed),
    };
  });
}
