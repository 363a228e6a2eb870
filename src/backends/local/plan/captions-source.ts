import type { LetterSettings, StoredMedia } from '../project.js';
import { chosenVoice } from './audio.js';
import { spokenCaptions } from './plan.js';
import { readsMessage } from '../voice/reading.js';

interface EditResult {
  settings: LetterSettings;
  change: string;
}

export type CaptionSource = LetterSettings['captions'];

/**
 * Where the on-screen lines come from: the typed message, or the words of the voice recording
 * (which then plays, as asking for its words implies). Shared by the captions_source operation
 * and generate_letter's `captions` field, so both say the same thing.
 */
export function captionsFrom(source: CaptionSource, settings: LetterSettings, media: StoredMedia[]): EditResult {
  if (source === 'message') {
    return settings.captions === 'message'
      ? { settings, change: 'The captions already show the typed message.' }
      : {
          settings: { ...settings, captions: 'message' },
          change: 'Captions show the typed message again, paced for reading.',
        };
  }
  const voiced = { ...settings, voice: { ...settings.voice, enabled: true }, captions: 'voice' as const };
  const voice = chosenVoice(voiced, media);
  if (!voice)
    return {
      settings,
      change:
        'There is no voice recording to take captions from: upload one with upload_media (role "voice"), then ask again.',
    };
  const lines = spokenCaptions(voiced, voice);
  if (lines) {
    const what = readsMessage(voice.reading, settings.message) ? 'your typed message' : 'what you said';
    return {
      settings: voiced,
      change: `Captions now follow "${voice.fileName}": ${lines.length} line${lines.length === 1 ? '' : 's'} of ${what}, each on screen while it is spoken (the typed message is kept).`,
    };
  }
  const transcript = voice.transcript;
  const readingDue = settings.message.trim() !== '' && voice.reading?.message !== settings.message;
  if (!transcript || readingDue) {
    return {
      settings: voiced,
      change: `The captions will follow "${voice.fileName}" as soon as its words are transcribed (get_state shows them); until then the typed message shows.`,
    };
  }
  // The recording was aligned with this message and does not read it: its own words were the last hope.
  const notRead = voice.reading
    ? "The recording does not read the typed message, so the message's lines cannot follow it. "
    : '';
  if (transcript.status !== 'done')
    return {
      settings,
      change:
        notRead +
        (transcript.note ?? 'The voice recording could not be transcribed; the typed message stays the captions.'),
    };
  return { settings, change: `No words were heard in "${voice.fileName}", so the typed message stays the captions.` };
}
