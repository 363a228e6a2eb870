import type { Hold, Length, Move, VoicePlace } from '../../../../core/timeline/operations.js';
import type { Timeline, TrackRole } from '../../../../core/timeline/model.js';
import type { z } from 'zod';
import { findAgain, momentsOf, type CloudMoment } from '../moments.js';
import type { Resolver } from './shared.js';

/**
 * What NemoVideo's timeline after an edit shows, one question per kind of edit. Each answers
 * true (shown), false (not shown) or undefined (the timeline does not record it).
 */

const segmentsOf = (t: Timeline, role: TrackRole) => t.tracks.filter((x) => x.role === role).flatMap((x) => x.segments);

/** The text of a card track, undefined when it has none. */
export function textOf(t: Timeline, role: TrackRole): string | undefined {
  const seg = segmentsOf(t, role)[0];
  return seg?.text ?? seg?.label;
}

const squash = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** Whether any text on screen holds these words. */
export function showsText(t: Timeline, words: string): boolean {
  const want = squash(words);
  return t.tracks.some((x) => x.type === 'text' && x.segments.some((s) => squash(s.text ?? s.label).includes(want)));
}

/** Whether a text with these words is on screen while the moment is. */
export function captionOn(t: Timeline, moment: CloudMoment, words: string): boolean {
  const now = findAgain(moment, momentsOf(t));
  if (!now) return false;
  const want = squash(words);
  return t.tracks.some(
    (x) =>
      x.type === 'text' &&
      x.segments.some(
        (s) => squash(s.text ?? s.label).includes(want) && s.start < now.start + now.seconds && s.end > now.start,
      ),
  );
}

export const hasTrack = (t: Timeline, role: TrackRole) => segmentsOf(t, role).length > 0;

export function held(o: z.infer<typeof Hold>, r: Resolver, after: Timeline): boolean | undefined {
  const targets = o.moment === 'all' ? r.all : [r.moment(o.moment)];
  const now = momentsOf(after);
  return targets.every((m) => {
    const again = findAgain(m, now);
    if (!again) return false;
    if (o.to !== undefined) return Math.abs(again.seconds - o.to) <= 0.3;
    return o.change === 'longer' ? again.seconds > m.seconds : again.seconds < m.seconds;
  });
}

/** Whether the letter now opens with these moments, in this order. */
export function startsWith(after: Timeline, moments: CloudMoment[]): boolean {
  const now = momentsOf(after);
  return moments.every((m, i) => findAgain(m, now)?.position === i + 1);
}

export function moved(o: z.infer<typeof Move>, r: Resolver, after: Timeline): boolean {
  const now = momentsOf(after);
  const place = findAgain(r.moment(o.moment), now)?.position;
  if (place === undefined) return false;
  if (o.before) return findAgain(r.moment(o.before), now)?.position === place + 1;
  if (o.after) return findAgain(r.moment(o.after), now)?.position === place - 1;
  return place === (o.to === 'first' ? 1 : o.to === 'last' ? now.length : o.to);
}

/** Whether the two changed order (by order, not place: other edits in the list may shift places). */
export function swapped(after: Timeline, a: CloudMoment, b: CloudMoment): boolean {
  const now = momentsOf(after);
  const [newA, newB] = [findAgain(a, now)?.position, findAgain(b, now)?.position];
  return newA !== undefined && newB !== undefined && newA < newB === a.position > b.position;
}

export function voicePlaced(o: z.infer<typeof VoicePlace>, r: Resolver, after: Timeline): boolean {
  const voice = segmentsOf(after, 'voice');
  if (voice.length === 0) return false;
  if (o.at === 'start') return voice.some((s) => s.start <= 0.5);
  if (o.at === 'end') return voice.some((s) => Math.abs(s.end - after.duration) <= 1);
  const moment = findAgain(r.moment(o.at.moment), momentsOf(after));
  return moment !== undefined && voice.some((s) => Math.abs(s.start - moment.start) <= 0.5);
}

/** A voice or music level set outright or moved louder/softer, read from the track's volume. */
export function level(
  o: { to?: number | undefined; change?: 'louder' | 'softer' | undefined },
  role: 'voice' | 'music',
  after: Timeline,
  before: Timeline | null,
): boolean | undefined {
  const now = segmentsOf(after, role)[0]?.volume;
  if (now === undefined) return undefined;
  if (o.to !== undefined) return Math.abs(now - o.to) <= 0.03;
  const was = before ? segmentsOf(before, role)[0]?.volume : undefined;
  if (was === undefined) return undefined;
  return o.change === 'louder' ? now > was : now < was;
}

export function musicIs(after: Timeline, fileName: string): boolean {
  const bare = squash(fileName).replace(/\.[a-z0-9]{2,4}$/, '');
  return segmentsOf(after, 'music').some((s) => squash(s.label).includes(bare));
}

export function length(
  o: z.infer<typeof Length>,
  _r: Resolver,
  after: Timeline,
  before: Timeline | null,
): boolean | undefined {
  if (o.to === null) return undefined;
  if (o.to !== undefined) return Math.abs(after.duration - o.to) <= 1;
  if (!before) return undefined;
  return o.change === 'longer' ? after.duration > before.duration : after.duration < before.duration;
}
