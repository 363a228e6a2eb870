import type { MusicMood } from '../../../core/timeline/model.js';
import type { LetterSettings, StoredMedia, VoicePlacement } from '../project.js';

/** Audio uploads marked as voice recordings, in upload order. */
export function voiceRecordings(media: StoredMedia[]): StoredMedia[] {
  return media.filter((m) => m.kind === 'audio' && m.role !== 'music');
}

/** Audio uploads marked as music, in upload order. */
export function musicUploads(media: StoredMedia[]): StoredMedia[] {
  return media.filter((m) => m.kind === 'audio' && m.role === 'music');
}

/** The voice recording that plays, if any: the one asked for, else the latest one uploaded. */
export function chosenVoice(settings: LetterSettings, media: StoredMedia[]): StoredMedia | undefined {
  if (!settings.voice.enabled) return undefined;
  const voices = voiceRecordings(media);
  return voices.find((m) => m.id === settings.voice.mediaId) ?? voices.at(-1);
}

export type ChosenMusic = { kind: 'built-in'; mood: MusicMood } | { kind: 'upload'; media: StoredMedia };

/** The music that plays, if any: an uploaded song unless the person picked a built-in mood. */
export function chosenMusic(settings: LetterSettings, media: StoredMedia[]): ChosenMusic | undefined {
  if (!settings.music.enabled) return undefined;
  const uploads = musicUploads(media);
  const wanted = settings.music.mediaId;
  const upload = wanted === null ? undefined : (uploads.find((m) => m.id === wanted) ?? uploads.at(-1));
  return upload ? { kind: 'upload', media: upload } : { kind: 'built-in', mood: settings.music.mood };
}

/** The voice recordings that play and where: the ones the person placed, or the chosen one from the start. */
export function voicePlacements(settings: LetterSettings, media: StoredMedia[]): VoicePlacement[] {
  if (!settings.voice.enabled) return [];
  const known = new Set(voiceRecordings(media).map((m) => m.id));
  if (settings.voice.placements.length) return settings.voice.placements.filter((p) => known.has(p.mediaId));
  const voice = chosenVoice(settings, media);
  return voice ? [{ mediaId: voice.id, at: 'start' }] : [];
}
