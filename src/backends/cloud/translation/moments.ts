import type { MomentRef } from '../../../core/timeline/operations.js';
import type { Timeline } from '../../../core/timeline/model.js';
import { momentsOf as listMoments } from '../../../core/timeline/moments.js';

/**
 * A moment of a cloud letter exactly as get_state lists it (the shared `momentsOf`: the video
 * track's segments in playing order, the media id NemoVideo gave each, the file name it was
 * uploaded as), so an edit's reference means what the person saw.
 */
export interface CloudMoment {
  position: number;
  id: string | undefined;
  name: string;
  start: number;
  seconds: number;
  kind: 'photo' | 'clip' | undefined;
}

export function momentsOf(timeline: Timeline | null): CloudMoment[] {
  return (timeline ? listMoments(timeline) : []).map((m) => ({
    position: m.position,
    id: m.id || undefined,
    name: m.file,
    start: m.start,
    seconds: m.seconds,
    kind: m.kind,
  }));
}

/** Names compared the way people write them: any case, with or without the extension. */
export const bareName = (name: string) => name.toLowerCase().replace(/\.[a-z0-9]{2,4}$/, '');

/**
 * The moment a reference means in the cloud's timeline (by id, file name or position as get_state
 * shows them), or a sentence saying why none matches. `media` are the files NemoVideo holds, so
 * a moment no longer in the timeline (removed) can still be named by id or file name.
 */
export function resolveMoment(
  ref: MomentRef,
  moments: CloudMoment[],
  media: { id: string; name: string }[] = [],
): CloudMoment | string {
  const list = moments.map((m) => m.name).join(', ') || 'none yet';
  if ('position' in ref) {
    const m = ref.position === 'last' ? moments.at(-1) : moments[ref.position - 1];
    return (
      m ??
      `There is no moment ${ref.position === 'last' ? '"last"' : `at position ${ref.position}`}: NemoVideo's letter has ${moments.length} (${list}).`
    );
  }
  const found =
    'id' in ref
      ? moments.find((m) => m.id === ref.id)
      : (moments.find((m) => m.name === ref.file) ?? moments.find((m) => bareName(m.name) === bareName(ref.file)));
  if (found) return found;
  const file =
    'id' in ref ? media.find((f) => f.id === ref.id) : media.find((f) => bareName(f.name) === bareName(ref.file));
  if (file) return { position: 0, id: file.id, name: file.name, start: 0, seconds: 0, kind: undefined };
  const said = 'id' in ref ? `id "${ref.id}"` : `file "${ref.file}"`;
  return `No moment matches ${said} in NemoVideo's letter (its moments: ${list}).`;
}

/** The same moment in another timeline: by media id when both have one, else by file name. */
export function findAgain(moment: CloudMoment, moments: CloudMoment[]): CloudMoment | undefined {
  return (
    (moment.id ? moments.find((m) => m.id === moment.id) : undefined) ??
    moments.find((m) => bareName(m.name) === bareName(moment.name))
  );
}
