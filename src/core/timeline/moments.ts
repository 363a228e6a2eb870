import { z } from 'zod';
import { trackOf, type Timeline } from './model.js';
import { FocusPlace, FocusPoint } from './operations/framing.js';

const round = (s: number) => Math.round(s * 100) / 100;

/** One photo or clip of the letter as get_state lists it, addressable by id, file or position. */
export const MomentView = z.object({
  position: z.number().int().min(1).describe('1-based place in the letter: {"position": n} in edits.'),
  id: z.string().describe('{"id": ...} in edits.'),
  file: z.string().describe('{"file": ...} in edits.'),
  kind: z.enum(['photo', 'clip']),
  start: z.number().describe('Seconds from the start of the letter.'),
  end: z.number(),
  seconds: z.number().describe('How long it is on screen, crossfades included.'),
  caption: z.string().optional().describe('Words shown on this moment (its caption and lines pinned to it).'),
  focus: z
    .union([FocusPlace, FocusPoint])
    .optional()
    .describe('Where the person asked the framing to look (a place or a point); absent = around the faces.'),
  fit: z
    .string()
    .optional()
    .describe(
      'Photos: how the picture fills the frame, in words: "cover around 2 faces", "cover on the left (asked)", "whole over blur: ...".',
    ),
  rotation: z.number().optional(),
  clip_from: z.number().optional().describe('Clips: where it starts playing, seconds into the clip.'),
  sound: z.number().optional().describe("Clips: its own sound's level, 1 = as recorded."),
});
export type MomentView = z.infer<typeof MomentView>;

/** A voice recording's place in the letter. */
export const VoiceView = z.object({
  id: z.string().optional(),
  file: z.string(),
  start: z.number(),
  end: z.number(),
  level: z.number().optional(),
  during: z.string().describe('Where it plays, in words: "from the start", "at the end", "from moment 2 (beach.jpg)".'),
});
export type VoiceView = z.infer<typeof VoiceView>;

/** Pure: the letter's moments, in order, with their own words and settings, from its timeline. */
export function momentsOf(timeline: Timeline): MomentView[] {
  const words = trackOf(timeline, 'message')?.segments ?? [];
  return (trackOf(timeline, 'video')?.segments ?? []).map((s, i) => {
    const own = words.filter((w) => w.moment && w.moment === s.mediaId).map((w) => w.text ?? w.label);
    return {
      position: i + 1,
      id: s.mediaId ?? '',
      file: s.label,
      kind: s.kind === 'clip' ? 'clip' : 'photo',
      start: round(s.start),
      end: round(s.end),
      seconds: round(s.end - s.start),
      ...(own.length && { caption: own.join(' / ') }),
      ...(s.focus && { focus: s.focus }),
      ...(s.framing && { fit: s.framing }),
      ...(s.rotation && { rotation: s.rotation }),
      ...(s.from && { clip_from: s.from }),
      ...(s.kind === 'clip' && s.volume !== undefined && { sound: s.volume }),
    };
  });
}

/** Pure: where each voice recording plays, said in the words a person would use. */
export function voicesOf(timeline: Timeline): VoiceView[] {
  const moments = momentsOf(timeline);
  const voices = (trackOf(timeline, 'voice')?.segments ?? []).filter((s) => s.mediaId);
  return voices.map((v) => {
    const on = moments.filter((m) => m.start <= v.start + 0.35).at(-1);
    const during =
      v.end >= timeline.duration - 6.5 && v.start > (moments[0]?.end ?? 0)
        ? 'at the end'
        : v.start < 4
          ? 'from the start'
          : on
            ? `from moment ${on.position} (${on.file})`
            : 'from the start';
    return {
      ...(v.mediaId && { id: v.mediaId }),
      file: v.label,
      start: round(v.start),
      end: round(v.end),
      ...(v.volume !== undefined && { level: v.volume }),
      during,
    };
  });
}

/** One line per moment and voice, for the text reply. */
export function describeMoments(timeline: Timeline): string[] {
  const moments = momentsOf(timeline).map((m) => {
    const extras = [
      m.caption && `caption "${m.caption}"`,
      m.fit ?? (m.focus && `focus ${typeof m.focus === 'string' ? m.focus : `${m.focus.x},${m.focus.y}`}`),
      m.rotation && `turned ${m.rotation}°`,
      m.clip_from !== undefined && `from ${m.clip_from} s`,
      m.sound !== undefined && `sound ${Math.round(m.sound * 100)}%`,
    ].filter(Boolean);
    // A cloud moment NemoVideo gave no id is addressed by its file or position: no empty "[]".
    return `${m.position}. ${m.file}${m.id ? ` [${m.id}]` : ''} ${m.kind}, ${m.start}-${m.end}s (${m.seconds} s)${extras.length ? `, ${extras.join(', ')}` : ''}`;
  });
  const voices = voicesOf(timeline).map((v) => `Voice ${v.file}: ${v.start}-${v.end}s, ${v.during}`);
  return [`Moments: ${moments.join('; ')}`, ...voices];
}
