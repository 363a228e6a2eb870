import type { LetterView } from '../../../core/intent/edits/parse.js';
import type { LetterSettings, StoredMedia } from '../project.js';
import { musicUploads, voiceRecordings } from './audio.js';
import { splitMessage } from './pacing.js';
import { orderedShots } from './shots.js';

/** What the plain-language parser may know of a letter: its moments as they play, its words, its sound. */
export function letterView(settings: LetterSettings, media: StoredMedia[]): LetterView {
  const recordings = (list: StoredMedia[]) => list.map((m) => ({ id: m.id, fileName: m.fileName }));
  const shots = orderedShots(settings, media);
  return {
    moments: shots.map(({ media: m, kind }) => {
      const caption = settings.moments[m.id]?.caption;
      return { id: m.id, fileName: m.fileName, kind, ...(caption && { caption }) };
    }),
    leftOut: media
      .filter((m) => m.kind === 'photo' && !shots.some((s) => s.media.id === m.id))
      .map((m) => ({ id: m.id, fileName: m.fileName, kind: 'photo' as const })),
    title: settings.title,
    closing: settings.closing,
    lines: splitMessage(settings.message),
    music: { on: settings.music.enabled, mood: settings.music.mood, volume: settings.music.volume },
    voices: recordings(voiceRecordings(media)),
    voiceOn: settings.voice.enabled,
    songs: recordings(musicUploads(media)),
    narration: settings.narration,
  };
}
