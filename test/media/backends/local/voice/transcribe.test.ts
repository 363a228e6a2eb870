import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { spokenPhrases, type SpokenPhrase } from '../../../../../src/backends/local/voice/phrases.js';
import { transcribeRecording } from '../../../../../src/backends/local/voice/transcribe.js';
import { transcriptText, type Transcript } from '../../../../../src/backends/local/voice/transcript.js';
import { wordErrorRate } from '../../../../../src/backends/local/voice/wer.js';
import { FFMPEG } from '../../../../helpers/binaries.js';
import { SPOKEN_LETTER, recordPhrases, type PlacedPhrase } from '../../../../helpers/spoken-words.js';

/** The captions that show a placed phrase's words: every caption overlapping it. */
const showing = (captions: SpokenPhrase[], p: PlacedPhrase) =>
  captions.filter((c) => c.start < p.end && c.end > p.start);

describe('captions from a voice recording of known words (PocketSphinx, offline)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vl-transcribe-'));
  const file = path.join(dir, 'voice-note.m4a');
  let placed: PlacedPhrase[];
  let transcript: Transcript;
  let captions: SpokenPhrase[];

  beforeAll(async () => {
    placed = await recordPhrases(file, SPOKEN_LETTER);
    transcript = await transcribeRecording(file, FFMPEG);
    captions = spokenPhrases(transcript.words);
  });

  it('hears the words with a word error rate under 25%', () => {
    expect(transcript.status).toBe('done');
    const wer = wordErrorRate(SPOKEN_LETTER.join(' '), transcriptText(transcript.words));
    expect(wer.rate).toBeLessThan(0.25);
  });

  it('starts showing each phrase within 0.5 s of when it is said', () => {
    for (const phrase of placed) {
      const first = showing(captions, phrase)[0];
      expect(first, `a caption while "${phrase.text}" is said`).toBeDefined();
      expect(Math.abs((first as SpokenPhrase).start - phrase.start)).toBeLessThanOrEqual(0.5);
    }
  });

  it('keeps each phrase on screen until at most 0.5 s before its last word ends', () => {
    for (const phrase of placed) {
      const last = showing(captions, phrase).at(-1);
      expect((last as SpokenPhrase).end).toBeGreaterThanOrEqual(phrase.end - 0.5);
    }
  });

  it('shows no caption during the silences between phrases', () => {
    for (const caption of captions) {
      const during = placed.some((p) => caption.start < p.end + 0.5 && caption.start > p.start - 0.5);
      expect(during, `"${caption.text}" at ${caption.start} s`).toBe(true);
    }
  });
});
