import type { MediaInfo, TranscriptInfo } from '../../core/backend.js';
import type { StoredMedia } from './project.js';
import { spokenPhrases } from './voice/phrases.js';
import { readsMessage, type Reading } from './voice/reading.js';
import { transcriptText, type Transcript } from './voice/transcript.js';

/**
 * What an agent sees of a stored file; `transcribing` says whether its words are being heard now,
 * `message` is the letter's typed message (a voice recording says whether it reads it).
 */
export function toMediaInfo(m: StoredMedia, transcribing = false, message = ''): MediaInfo {
  const { storedAs: _stored, uploadedAt: _at, role: _role, transcript, reading, ...info } = m;
  const words = transcribing
    ? { status: 'pending' as const, text: '', lines: [] }
    : transcript && transcriptInfo(transcript, reading, message);
  return { ...info, ...(words && { transcript: words }) };
}

function transcriptInfo(t: Transcript, reading: Reading | undefined, message: string): TranscriptInfo {
  const read = readsMessage(reading, message);
  return {
    status: t.status,
    text: transcriptText(t.words),
    // The lines the captions would show: the typed message's when the recording reads it.
    lines: spokenPhrases(read ? reading.words : t.words),
    ...(t.note && { note: t.note }),
    ...(reading?.message === message && message.trim() && { readsMessage: read }),
  };
}
