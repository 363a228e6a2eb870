import type {
  EditOperation,
  LineRef,
  MomentRef,
  MomentsRef,
  OperationName,
  RecordingRef,
} from '../../../../core/timeline/operations.js';
import type { Timeline } from '../../../../core/timeline/model.js';
import { bareName, momentsOf, resolveMoment, type CloudMoment } from '../moments.js';

/** An operation's words for NemoVideo's agent, in English and in Chinese. */
export interface Words {
  en: string;
  zh: string;
}

/** What an operation's words and check see: NemoVideo's letter before the edit. */
export interface Scene {
  before: Timeline | null;
  /** The files NemoVideo holds, for moments left out of the timeline and for recordings. */
  media: { id: string; name: string; kind: string }[];
}

/** Resolves references while words are written; the first problem becomes the refusal. */
export class Resolver {
  readonly problems: string[] = [];
  private readonly moments: CloudMoment[];
  constructor(private readonly scene: Scene) {
    this.moments = momentsOf(scene.before);
  }
  moment(ref: MomentRef): CloudMoment {
    const found = resolveMoment(ref, this.moments, this.scene.media);
    if (typeof found === 'string') {
      this.problems.push(found);
      return { position: 0, id: undefined, name: '?', start: 0, seconds: 0, kind: undefined };
    }
    return found;
  }
  /** A moment's name as the agent saw it at upload (quoted), or "every photo and clip". */
  name(ref: MomentsRef, lang: 'en' | 'zh'): string {
    if (ref === 'all') return lang === 'en' ? 'every photo and clip' : '每张照片和每段视频';
    return quote(this.moment(ref).name, lang);
  }
  /** A voice recording or song, by id, file name or position among the audio uploads. */
  recording(ref: RecordingRef, lang: 'en' | 'zh'): string {
    const audio = this.scene.media.filter((m) => m.kind === 'audio');
    const found =
      'position' in ref
        ? ref.position === 'last'
          ? audio.at(-1)
          : audio[ref.position - 1]
        : 'id' in ref
          ? audio.find((m) => m.id === ref.id)
          : audio.find((m) => bareName(m.name) === bareName(ref.file));
    if (found) return quote(found.name, lang);
    this.problems.push(
      `No recording matches ${JSON.stringify(ref)} (the audio files NemoVideo holds: ${audio.map((m) => m.name).join(', ') || 'none'}).`,
    );
    return '?';
  }
  refuse(sentence: string): void {
    this.problems.push(sentence);
  }
  /** A voice or music track's volume before the edit, when NemoVideo's timeline shows one. */
  volume(role: 'voice' | 'music'): number | undefined {
    return this.scene.before?.tracks.find((t) => t.role === role)?.segments[0]?.volume;
  }
  get all(): CloudMoment[] {
    return this.moments;
  }
}

/**
 * Whether the timeline after the edit shows it done: true, false, or undefined when NemoVideo's
 * timeline does not record that kind of change.
 */
export type Check<O> = (op: O, r: Resolver, after: Timeline, before: Timeline | null) => boolean | undefined;

export type Entry<O> = { refused: string } | { words: (op: O, r: Resolver) => Words; check?: Check<O> };
export type Table = { [K in OperationName]: Entry<Extract<EditOperation, { op: K }>> };

export const quote = (text: string, lang: 'en' | 'zh') => (lang === 'en' ? `"${text}"` : `“${text}”`);
export const both = (f: (lang: 'en' | 'zh') => string): Words => ({ en: f('en'), zh: f('zh') });
export const pct = (level: number) => `${Math.round(level * 100)}%`;
export const secs = (s: number) => `${Math.round(s * 10) / 10}`;

export function line(ref: LineRef): Words {
  if (ref === 'last') return { en: 'the last line of the message', zh: '正文的最后一行' };
  if (typeof ref === 'number') return { en: `line ${ref} of the message`, zh: `正文第${ref}行` };
  return { en: `the message line containing "${ref}"`, zh: `正文中包含“${ref}”的那一行` };
}
