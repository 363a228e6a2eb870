import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/client';
import type { TranscriptInfo } from '../../src/core/backend.js';
import type { Timeline } from '../../src/core/timeline/model.js';
import { FFMPEG, FFPROBE } from '../helpers/binaries.js';
import { SAMPLES, startServer, structured, tempDir, text, type RunningServer } from '../helpers/server.js';
import { SPOKEN_LETTER, recordPhrases, type PlacedPhrase } from '../helpers/spoken-words.js';

// A computer with Node and ffmpeg alone, as on macOS or Windows after `npx video-letter-mcp`:
// the server's PATH holds ffmpeg and ffprobe and nothing else, so Debian's PocketSphinx is out of reach.
const home = tempDir('vl-voice-npm-');
const MESSAGE = SPOKEN_LETTER.join(' ');
/** A caption starts within this of its phrase's first sound (the aligner measured 0.00 to 0.04 s here). */
const START_BOUND_SECONDS = 0.15;

let memo: string;
let placed: PlacedPhrase[];
let server: RunningServer;
let projectId: string;
let voice: CallToolResult;

/** The cues of a SubRip file: start in seconds, and the text. */
function readSrt(file: string) {
  const seconds = (t: string) => {
    const [h, m, s] = t.replace(',', '.').split(':').map(Number);
    return (h as number) * 3600 + (m as number) * 60 + (s as number);
  };
  return readFileSync(file, 'utf8')
    .trim()
    .split(/\n\n+/)
    .map((block) => {
      const [, times, ...lines] = block.split('\n');
      return { start: seconds((times as string).split(' --> ')[0] as string), text: lines.join(' ') };
    });
}

beforeAll(async () => {
  memo = path.join(home, 'voice-note.m4a');
  placed = await recordPhrases(memo, SPOKEN_LETTER);
  const bin = path.join(home, 'bin');
  mkdirSync(bin);
  symlinkSync(FFMPEG, path.join(bin, 'ffmpeg'));
  symlinkSync(FFPROBE, path.join(bin, 'ffprobe'));
  server = await startServer({ PATH: bin, VIDEO_LETTER_HOME: home, VIDEO_LETTER_OUTPUT_DIR: path.join(home, 'out') });
  projectId = structured<{ project_id: string }>(
    await server.call('upload_media', { path: path.join(SAMPLES, 'sunset.jpg') }),
  ).project_id;
  await server.call('upload_media', { project_id: projectId, path: path.join(SAMPLES, 'friends.jpg') });
  await server.call('generate_letter', { project_id: projectId, title: 'Dear Grandma', message: MESSAGE });
  voice = await server.call('upload_media', { project_id: projectId, path: memo });
});

afterAll(async () => {
  await server?.close();
});

describe('captions from a voice recording with nothing but npm (no PocketSphinx on the PATH)', () => {
  it('finds the typed message in the recording and says so (on upload, or in get_state when that took longer)', async () => {
    let state = await server.call('get_state', { project_id: projectId });
    const transcriptOf = (s: CallToolResult) =>
      structured<{ media: { file_name: string; transcript?: TranscriptInfo }[] }>(s).media.find(
        (m) => m.file_name === 'voice-note.m4a',
      )!.transcript!;
    while (transcriptOf(state).status === 'pending') {
      await new Promise((resolve) => setTimeout(resolve, 500));
      state = await server.call('get_state', { project_id: projectId });
    }
    const transcript = transcriptOf(state);
    expect(transcript.status).toBe('unavailable');
    expect(transcript.readsMessage).toBe(true);
    expect(transcript.lines.map((l) => l.text).join(' ')).toBe(MESSAGE);
    const answeredAtOnce =
      structured<{ media: { transcript?: TranscriptInfo } }>(voice).media.transcript!.status !== 'pending';
    expect(text(answeredAtOnce ? voice : state)).toMatch(
      /It reads the typed message \(\d+ lines found in it\)\. Say "use what I said as the captions"/,
    );
  });

  it('shows the typed message, word for word, each phrase from when it is spoken', async () => {
    const edit = await server.call('generate_letter', {
      project_id: projectId,
      instruction: 'use what I said as the captions',
    });
    expect(structured<{ changes: string[] }>(edit).changes.join(' ')).toMatch(
      /Captions now follow "voice-note\.m4a": \d+ lines of your typed message/,
    );
    const voiceAt = structured<{ timeline: Timeline }>(edit).timeline.tracks.find((t) => t.role === 'voice')!
      .segments[0]!.start;
    const exported = structured<{ captions_path: string }>(
      await server.call('export_video', { project_id: projectId, quality: 'preview' }),
    );
    const cues = readSrt(exported.captions_path).filter((c) => c.text !== 'Dear Grandma');
    expect(cues.map((c) => c.text).join(' ')).toBe(MESSAGE);
    for (const phrase of placed) {
      const said = voiceAt + phrase.start;
      const first = cues.find((c) => Math.abs(c.start - said) < 1 && phrase.text.startsWith(c.text.split(' ')[0]!));
      expect(first, `a cue as "${phrase.text}" begins`).toBeDefined();
      expect(Math.abs(first!.start - said), `"${phrase.text}"`).toBeLessThanOrEqual(START_BOUND_SECONDS);
    }
  });
});

describe('what this computer can do with a voice recording, in get_state before it is needed', () => {
  it("says the typed message can be captioned here, and what a recording's own words would need", async () => {
    const state = await server.call('get_state', { project_id: projectId });
    const capabilities = structured<{ capabilities: { feature: string; available: boolean }[] }>(state).capabilities;
    expect(capabilities).toEqual([
      expect.objectContaining({ feature: 'captions_from_typed_message_in_voice', available: true }),
      expect.objectContaining({ feature: 'captions_from_any_speech', available: false }),
    ]);
    expect(text(state)).toMatch(
      /Not on this computer: Captions from a voice recording's own words .*apt-get install pocketsphinx pocketsphinx-en-us/,
    );
  });
});
