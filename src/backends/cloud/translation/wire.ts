import { aspectInWords } from '../../../core/timeline/aspect.js';
import { formatSeconds } from '../../../core/timeline/summary.js';
import {
  FRAME_SIZES,
  Timeline,
  type Aspect,
  type Segment,
  type Track,
  type TrackRole,
} from '../../../core/timeline/model.js';
import {
  asObject,
  fileNameOfUrl,
  pick,
  pickNumber,
  pickString,
  shapeOf,
  unwrapJsonString,
  type Obj,
} from '../client/read.js';

/**
 * NemoVideo's compact draft → the shared Timeline, so `get_state` reads the same for both
 * backends. The spec gives only the short names: `t` tracks, `tt` track type (0 video, 1 audio,
 * 7 text), `sg` segments, `d` duration in ms, `m` metadata. Our reading, accepting variants:
 * - the draft may come as a JSON string, or wrapped as `{draft: …}`; long names (`tracks`,
 *   `type`, `segments`, `duration`, `metadata`) are accepted beside the short ones;
 * - a segment's start is `st`/`s`/`start`/`o`/`offset` and its end `e`/`end`, all in ms like `d`;
 *   a segment without a start follows the previous one on its track;
 * - what a segment shows (name, text, volume, media id) may sit in its `m` or on the segment;
 * - track types other than 0/1/7 (effects, stickers) have no place in a letter and are skipped;
 * - an audio track is the voice when its metadata says voice/narration/recording, else music;
 *   a text track's role comes from its metadata (title/message/closing), else the first text
 *   track is the title and later ones the message;
 * - the aspect is `m.ratio`/`m.aspect`, or the nearest of 16:9, 9:16, 1:1 to `w`×`h`; 16:9 when silent.
 */
export function draftToTimeline(input: unknown): Timeline | null {
  return readDraft(input).timeline;
}

/**
 * A draft as read: the timeline (null when there is none, or none could be read) and, for each
 * thing that was odd about it, a few words naming it ("a Video item starts at -2 s"). Reading
 * never throws: an odd draft is read as well as it can be and the oddity is said, never a crash.
 */
export interface DraftReading {
  timeline: Timeline | null;
  odd: string[];
}

export function readDraft(input: unknown): DraftReading {
  const unwrapped = unwrapJsonString(input);
  if (unwrapped === null || unwrapped === undefined || unwrapped === '') return { timeline: null, odd: [] };
  let draft = asObject(unwrapped);
  if (draft && !hasTracks(draft) && asObject(unwrapJsonString(draft.draft)))
    draft = asObject(unwrapJsonString(draft.draft));
  if (!draft) return { timeline: null, odd: [`it is ${shapeOf(unwrapped)}, not a timeline`] };
  const odd = new Set<string>();
  const meta = asObject(pick(draft, ['m', 'metadata', 'meta']));
  const rawTracks = pick(draft, ['t', 'tracks']);
  if (rawTracks !== undefined && !Array.isArray(rawTracks)) odd.add(`its tracks are ${shapeOf(rawTracks)}, not a list`);
  const tracks: Track[] = [];
  let textTracks = 0;
  for (const raw of Array.isArray(rawTracks) ? rawTracks : []) {
    const track = asObject(raw);
    if (!track) continue;
    const type = trackType(pick(track, ['tt', 'type', 'track_type']));
    if (!type) continue;
    const trackMeta = asObject(pick(track, ['m', 'metadata', 'meta']));
    const hint = [pickString(trackMeta, ['role', 'type', 'kind', 'name']), pickString(track, ['role', 'name', 'n'])]
      .filter(Boolean)
      .join(' ')
      .toLowerCase();
    const role = roleOf(type, hint, textTracks);
    if (type === 'text') textTracks++;
    const segments = readSegments(pick(track, ['sg', 'segments', 'clips']), type, NAMES[role], odd);
    tracks.push({ type, role, name: NAMES[role], segments });
  }
  const ends = tracks.flatMap((t) => t.segments.map((s) => s.end));
  const durationMs = pickNumber(draft, ['d', 'duration']) ?? pickNumber(meta, ['d', 'duration']);
  if (durationMs !== undefined && durationMs < 0) odd.add(`its length is ${formatSeconds(durationMs / 1000)} s`);
  const duration = durationMs !== undefined && durationMs >= 0 ? durationMs / 1000 : Math.max(0, ...ends);
  const parsed = Timeline.safeParse({ aspect: aspectOf(draft, meta), duration, tracks });
  if (!parsed.success) return { timeline: null, odd: [...odd, 'it holds values no timeline can have'] };
  return { timeline: parsed.data, odd: [...odd] };
}

/** The sentence telling the person what was odd about a draft; empty when nothing was. */
export function draftNote(reading: DraftReading): string {
  if (reading.odd.length === 0) return '';
  const shown = reading.odd.slice(0, 3).join('; ') + (reading.odd.length > 3 ? '; and more' : '');
  return reading.timeline
    ? `NemoVideo's draft had something odd (${shown}), so it was read as well as it could be; call generate_letter to have NemoVideo set it right if the timeline looks wrong.`
    : `NemoVideo's draft could not be read (${shown}). Call generate_letter to have NemoVideo rebuild the letter.`;
}

export const EMPTY_TIMELINE: Timeline = { aspect: '16:9', duration: 0, tracks: [] };

const NAMES: Record<TrackRole, string> = {
  video: 'Video',
  music: 'BGM',
  voice: 'Voice',
  title: 'Title',
  message: 'Message',
  closing: 'Closing',
};

function hasTracks(o: Obj): boolean {
  return Array.isArray(o.t) || Array.isArray(o.tracks);
}

function trackType(v: unknown): Track['type'] | undefined {
  if (v === 0 || v === '0' || v === 'video') return 'video';
  if (v === 1 || v === '1' || v === 'audio') return 'audio';
  if (v === 7 || v === '7' || v === 'text') return 'text';
  return undefined;
}

function roleOf(type: Track['type'], hint: string, textTracksBefore: number): TrackRole {
  if (type === 'video') return 'video';
  if (type === 'audio') return /voice|narrat|record|speech|vo\b|tts|配音|旁白|录音/.test(hint) ? 'voice' : 'music';
  if (/closing|ending|outro|end\b|结尾/.test(hint)) return 'closing';
  if (/title|标题/.test(hint)) return 'title';
  if (/message|subtitle|caption|body|letter|字幕/.test(hint)) return 'message';
  return textTracksBefore === 0 ? 'title' : 'message';
}

const VIDEO_EXT = /\.(mp4|mov|avi|webm|mkv|m4v)(\?|#|$)/i;

function readSegments(raw: unknown, type: Track['type'], trackName: string, odd: Set<string>): Segment[] {
  const out: Segment[] = [];
  let cursor = 0;
  for (const [i, item] of (Array.isArray(raw) ? raw : []).entries()) {
    const seg = asObject(item);
    if (!seg) continue;
    const m = asObject(pick(seg, ['m', 'metadata', 'meta']));
    const num = (keys: string[]) => pickNumber(m, keys) ?? pickNumber(seg, keys);
    const str = (keys: string[]) => pickString(m, keys) ?? pickString(seg, keys);
    const sentStart = pickNumber(seg, ['st', 's', 'start', 'o', 'offset', 'start_ms']) ?? cursor;
    const sentEnd =
      pickNumber(seg, ['e', 'end', 'end_ms']) ?? sentStart + (pickNumber(seg, ['d', 'dur', 'duration']) ?? 0);
    // Times before the start are read as the start; an end before its start as a moment.
    if (sentStart < 0) odd.add(`a ${trackName} item starts at ${formatSeconds(sentStart / 1000)} s`);
    if (sentEnd < sentStart) odd.add(`a ${trackName} item ends before it starts`);
    const startMs = Math.max(0, sentStart);
    const endMs = Math.max(startMs, sentEnd);
    cursor = endMs;
    const source = str(['url', 'src', 'path', 'file', 'uri']);
    const name =
      str(['name', 'title', 'label', 'file_name', 'fileName', 'filename']) ??
      (source ? fileNameOfUrl(source) : undefined);
    const text = type === 'text' ? str(['text', 'content', 'txt', 'caption', 'title']) : undefined;
    const kind = (str(['type', 'kind', 'media_type', 'mt']) ?? '').toLowerCase();
    const isClip =
      type === 'video' &&
      (kind === 'video' || (!['image', 'photo', 'picture'].includes(kind) && !!source && VIDEO_EXT.test(source)));
    const label = text ?? name ?? `${type} ${i + 1}`;
    const segment: Segment = { start: startMs / 1000, end: endMs / 1000, label };
    // The shared summary counts video segments of kind "clip" as clips and the rest as photos.
    if (type === 'video') segment.kind = isClip ? 'clip' : 'photo';
    const mediaId = str(['id', 'media_id', 'mediaId', 'file_id', 'vid']);
    if (mediaId) segment.mediaId = mediaId;
    if (text) segment.text = text;
    const volume = num(['volume', 'vol', 'v', 'gain']);
    if (type === 'audio' && volume !== undefined)
      segment.volume = Math.min(2, Math.max(0, volume > 2 ? volume / 100 : volume));
    out.push(segment);
  }
  return out;
}

function aspectOf(draft: Obj, meta: Obj | undefined): Aspect {
  const named =
    pickString(meta, ['ratio', 'aspect', 'aspect_ratio', 'ar']) ??
    pickString(draft, ['ratio', 'aspect', 'aspect_ratio']);
  if (named && named in FRAME_SIZES) return named as Aspect;
  const w = pickNumber(meta, ['w', 'width']) ?? pickNumber(draft, ['w', 'width']);
  const h = pickNumber(meta, ['h', 'height']) ?? pickNumber(draft, ['h', 'height']);
  if (!w || !h) return '16:9';
  const ratio = w / h;
  const options: [Aspect, number][] = [
    ['16:9', 16 / 9],
    ['9:16', 9 / 16],
    ['1:1', 1],
  ];
  return options.reduce((best, o) => (Math.abs(o[1] - ratio) < Math.abs(best[1] - ratio) ? o : best))[0];
}

/** One short sentence per difference between two timelines, for the reply after an edit. */
export function describeChanges(before: Timeline | null, after: Timeline | null): string[] {
  const changes: string[] = [];
  const a = before ?? EMPTY_TIMELINE;
  const b = after ?? EMPTY_TIMELINE;
  if (a.aspect !== b.aspect && b.tracks.length > 0) changes.push(`Aspect set to ${aspectInWords(b.aspect)}.`);
  const keyed = (t: Timeline) => {
    const seen = new Map<string, number>();
    return new Map(
      t.tracks.map((track) => {
        const n = seen.get(track.role) ?? 0;
        seen.set(track.role, n + 1);
        return [`${track.role}#${n}`, track] as const;
      }),
    );
  };
  const olds = keyed(a);
  const news = keyed(b);
  for (const [key, track] of news) {
    const old = olds.get(key);
    if (!old || old.segments.length === 0) {
      if (track.segments.length > 0) changes.push(`Added ${track.name}: ${contents(track)}.`);
      continue;
    }
    if (JSON.stringify(old.segments) === JSON.stringify(track.segments)) continue;
    changes.push(`${track.name} changed: ${contents(track)} (was ${contents(old)}).`);
  }
  for (const [key, track] of olds)
    if (!news.has(key) && track.segments.length > 0) changes.push(`Removed ${track.name}.`);
  if (Math.abs(a.duration - b.duration) >= 0.05 && b.tracks.length > 0)
    changes.push(`Length is now ${formatSeconds(b.duration)}s (was ${formatSeconds(a.duration)}s).`);
  return changes;
}

function contents(track: Track): string {
  const first = track.segments[0];
  const last = track.segments.at(-1);
  const range = first && last ? ` ${formatSeconds(first.start)}-${formatSeconds(last.end)}s` : '';
  if (track.type === 'text' && track.segments.length === 1) return `"${first?.text ?? first?.label}"${range}`;
  if (track.type === 'audio') {
    const volume = first?.volume !== undefined ? `, ${Math.round(first.volume * 100)}%` : '';
    return `${first?.label ?? 'none'}${range}${volume}`;
  }
  // The labels in order, so a reordering shows as a change a person can read.
  const labels = track.segments.slice(0, 5).map((seg) => seg.label);
  const more = track.segments.length > 5 ? ', …' : '';
  return `${track.segments.length} item${track.segments.length === 1 ? '' : 's'} (${labels.join(', ')}${more})${range}`;
}
