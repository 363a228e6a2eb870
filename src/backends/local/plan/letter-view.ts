import type { LetterView } from '../../../core/intent/edits/parse.js';
import type { LetterSettings, StoredMedia } from '../project.js';
import { musicUploads, voiceRecordings } from './audio.js';
import { splitMessage } from './pacing.js';
import { orderedShots } from './shots.js';

/** What the plain-language parser may know of a letter: its moments as they play, its words, its sound. */
export function letterView(settings: LetterSettings, media: StoredMedia[]): LetterView {
  const recordings = (list: StoredMedia[]) => list.map((m) => ({ id: m.id, fileName: m.fileName }));
  return {
    moments: orderedShots(settings, media).map(({ media: m, kind }) => {
      const caption = settings.moments[m.id]?.caption;
      return { id: m.id, fileName: m.fileName, kind, ...(caption && { caption }) };
    }),
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
