import { MOODS_SENTENCE, MusicMood } from '../../../timeline/model.js';
import type { EditOperationInput } from '../../../timeline/operations.js';
import type { Clause } from '../clause.js';
import { has } from '../tokens.js';
import {
  ambiguous,
  amount,
  asksOff,
  asksOn,
  byId,
  edit,
  hasMod,
  hasObject,
  loudness,
  hasVerb,
  modWith,
  reading,
  unclear,
  type Outcome,
  type Reader,
} from '../outcome.js';
import { unresolved } from './which-moment.js';

/** Kinds of music people ask for that are not built in: refused with the moods there are. */
const OTHER_MUSIC =
  /\b(jazz|jazzy|rock|classical|pop|hip[- ]?hop|rap|blues|electronic|edm|techno|disco|reggae|metal|lo-?fi|piano|guitar|orchestral|ambient|sad|romantic|epic|dramatic)\b|(爵士|摇滚|古典|流行|说唱|电子|钢琴|吉他|悲伤|浪漫)/i;

const pct = (v: number) => `${Math.round(v * 100)}%`;

/** "voice louder than the music" is the music softer under the voice; never the music louder. */
function relativeLevels(clause: Clause): Outcome | undefined {
  const than = clause.tokens.findIndex((t) => has(t, 'prep', 'than'));
  if (than < 0 || !hasObject(clause, 'voice') || !hasObject(clause, 'music')) return undefined;
  const subject = clause.tokens.slice(0, than).find((t) => has(t, 'object', 'voice') || has(t, 'object', 'music'));
  if (!subject) return undefined;
  const level = loudness(clause);
  if (!level) return undefined;
  const up = level === 'louder';
  const voiceFirst = has(subject, 'object', 'voice');
  const softer = voiceFirst === up;
  const by = amount(clause, 0.1);
  return edit(softer ? 'Music softer under the voice' : 'Music louder against the voice', {
    op: 'music_level',
    change: softer ? 'softer' : 'louder',
    by,
  });
}

export const readVoice: Reader = (clause, ctx) => {
  const { view } = ctx;
  if (!hasObject(clause, 'voice') || hasObject(clause, 'captions', 'spoken')) return undefined;
  const relative = relativeLevels(clause);
  if (relative) return relative;
  if (hasObject(clause, 'music') && !clause.mods.length) return undefined;
  if (view.voices.length === 0)
    return {
      kind: 'refused',
      why: 'There is no voice recording in this letter yet: upload one with upload_media (role "voice"), then ask again.',
    };
  const place = clause.tokens.find((t) => has(t, 'place', 'end') || has(t, 'place', 'start'));
  const moment = clause.moments.find((m) => m.ids.length === 1);
  // "after the photos" is the end.
  const after = clause.tokens.some((t) => has(t, 'place', 'after')) && !moment;
  const placed = place ?? moment ?? after;
  const verbs = hasVerb(clause, 'move', 'put', 'use', 'start', 'end', 'make') || clause.verbs.length === 0;
  if (verbs && !asksOff(clause)) {
    // "start the voice at the beach photo" when two photos are beach ones: each is offered, never the start.
    const voiceFrom = (id: string): EditOperationInput[] => [{ op: 'voice_place', at: { moment: byId(id) } }];
    const problem = moment
      ? undefined
      : unresolved(clause, ctx, voiceFrom, (name) => `the voice recording from ${name}`);
    if (problem) return problem;
    if (placed) {
      const at = moment ? { moment: byId(moment.ids[0]!) } : after || has(place!, 'place', 'end') ? 'end' : 'start';
      const where = typeof at === 'string' ? `at the ${at}` : 'from that moment';
      return edit(`The voice recording plays ${where}`, { op: 'voice_place', at });
    }
  }
  if (asksOff(clause) || (clause.negated && hasVerb(clause, 'use')))
    return edit('Voice recording left out', { op: 'voice', on: false });
  const change = loudness(clause);
  if (change) {
    return edit(`Voice ${change}`, { op: 'voice_level', change, by: amount(clause, 0.25) });
  }
  if (asksOn(clause) || hasVerb(clause, 'on')) return edit('Voice recording plays', { op: 'voice', on: true });
  return undefined;
};

function moodOf(clause: Clause): MusicMood | undefined {
  const mood = modWith(clause, 'mood:');
  if (mood) return MusicMood.parse(mood);
  // "birthday music", "festive": celebration.
  if (modWith(clause, 'theme:') === 'birthday' || modWith(clause, 'theme:') === 'holiday') return 'celebration';
  return undefined;
}

export const readMusic: Reader = (clause, { view }) => {
  const aboutMusic =
    hasObject(clause, 'music') ||
    (hasMod(clause, 'calmer', 'livelier', 'softer-music') &&
      !hasObject(clause, 'voice', 'clip', 'video', 'title', 'closing', 'captions', 'text'));
  if (!aboutMusic) return undefined;
  const other = OTHER_MUSIC.exec(clause.text);
  if (other && !loudness(clause) && !asksOff(clause)) {
    return {
      kind: 'refused',
      why: `There is no ${(other[1] ?? other[2])!.toLowerCase()} music to choose: the built-in music comes in ${MOODS_SENTENCE}. Ask for one of those, or upload a song with upload_media (role "music").`,
    };
  }
  if (asksOff(clause) || (clause.negated && hasVerb(clause, 'use')))
    return edit('Music off', { op: 'music', on: false });
  if (clause.negated) return undefined;
  const percent = clause.numbers.find((n) => n.unit === 'percent');
  if (percent) {
    const to = Math.min(1, Math.max(0, percent.value / 100));
    return edit(`Music at ${pct(to)}`, { op: 'music_level', to });
  }
  const song = view.songs.find((s) =>
    clause.tokens.some(
      (t) =>
        t.norm.length >= 3 &&
        s.fileName
          .toLowerCase()
          .replace(/\.[^.]+$/, '')
          .includes(t.norm) &&
        t.kind === 'word',
    ),
  );
  if (song && hasVerb(clause, 'use', 'change', 'make', 'on', 'add'))
    return edit(`Music: "${song.fileName}"`, { op: 'music_song', song: byId(song.id) });
  const back =
    hasVerb(clause, 'on', 'add') ||
    (hasVerb(clause, 'use') && !view.music.on) ||
    clause.tokens.some((t) => t.norm === 'back');
  const on: EditOperationInput[] = back && !view.music.on ? [{ op: 'music', on: true }] : [];
  if (hasMod(clause, 'softer-music'))
    return ambiguous(
      reading('the music quieter', { op: 'music_level', change: 'softer', by: 0.1 }),
      reading('calmer music', { op: 'music_mood', change: 'calmer' }),
    );
  const mood = moodOf(clause);
  if (hasMod(clause, 'calmer') || (mood === undefined && hasMod(clause, 'slower')))
    return edit('Calmer music', ...on, { op: 'music_mood', change: 'calmer' });
  if (hasMod(clause, 'livelier') || (mood === undefined && hasMod(clause, 'faster')))
    return edit('Livelier music', ...on, { op: 'music_mood', change: 'livelier' });
  if (mood) return edit(`Music: built-in ${mood} music`, ...on, { op: 'music_mood', to: mood });
  const change = loudness(clause);
  if (change) {
    return edit(`Music ${change}`, ...on, { op: 'music_level', change, by: amount(clause, 0.1) });
  }
  if (back || asksOn(clause))
    return view.music.on ? edit('Music is on', { op: 'music', on: true }) : edit('Music on', { op: 'music', on: true });
  if (hasVerb(clause, 'change', 'use')) {
    return ambiguous(
      reading('calmer music', { op: 'music_mood', change: 'calmer' }),
      reading('livelier music', { op: 'music_mood', change: 'livelier' }),
    );
  }
  return unclear(
    undefined,
    reading('the music softer', { op: 'music_level', change: 'softer', by: 0.1 }),
    reading('calmer music', { op: 'music_mood', change: 'calmer' }),
    reading('no music', { op: 'music', on: false }),
  );
};

/** "make it louder", "turn it down": the music or the voice? */
export const readLevels: Reader = (clause, { view }) => {
  if (!hasMod(clause, 'louder', 'softer') || clause.objects.some((o) => o !== 'letter' && o !== 'sound'))
    return undefined;
  const change = hasMod(clause, 'louder') ? 'louder' : 'softer';
  const music = reading(`the music ${change}`, { op: 'music_level', change, by: amount(clause, 0.1) });
  if (!view.voiceOn || view.voices.length === 0)
    return view.music.on ? edit(`Music ${change}`, ...music.edits) : undefined;
  return ambiguous(music, reading(`the voice ${change}`, { op: 'voice_level', change, by: amount(clause, 0.25) }));
};
