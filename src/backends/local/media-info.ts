import type { MediaInfo, TranscriptInfo } from '../../core/backend.js';
import type { StoredMedia } from './project.js';
import { spokenPhrases } from './voice/phrases.js';
import { transcriptText, type Transcript } from './voice/transcript.js';

/** What an agent sees of a stored file; `transcribing` says whether its words are being heard now. */
export function toMediaInfo(m: StoredMedia, transcribing = false): MediaInfo {
  const { storedAs: _stored, uploadedAt: _at, role: _role, transcript, ...info } = m;
  const words = transcribing
    ? { status: 'pending' as const, text: '', lines: [] }
    : transcript && transcriptInfo(transcript);
  return { ...info, ...(words && { transcript: words }) };
}

function transcriptInfo(t: Transcript): TranscriptInfo {
  return {
    status: t.status,
    text: transcriptText(t.words),
    lines: spokenPhrases(t.words),
    ...(t.note && { note: t.note }),
  };
}
