import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { TranscriptInfo } from '../../src/core/backend.js';
import { wordErrorRate } from '../../src/backends/local/voice/wer.js';
import type { Timeline } from '../../src/core/timeline/model.js';
import { SAMPLES, startServer, structured, tempDir, text, type RunningServer } from '../helpers/server.js';
import { SPOKEN_LETTER, recordPhrases, type PlacedPhrase } from '../helpers/spoken-words.js';

const home = tempDir('vl-voice-captions-');
const TYPED = 'Happy birthday, Grandma! We think of you every day.';
let memo: string;
let placed: PlacedPhrase[];

type Upload = { project_id: string; media: { transcript?: TranscriptInfo } };

/** Starts a server and makes a letter of two photos, a typed message and the recorded voice note. */
async function letterWithVoice(env: Record<string, string> = {}) {
  const server = await startServer({
    VIDEO_LETTER_HOME: home,
    VIDEO_LETTER_OUTPUT_DIR: path.join(home, 'out'),
    ...env,
  });
  const first = structured<Upload>(await server.call('upload_media', { path: path.join(SAMPLES, 'sunset.jpg') }));
  const projectId = first.project_id;
  await server.call('upload_media', { project_id: projectId, path: path.join(SAMPLES, 'friends.jpg') });
  const voice = await server.call('upload_media', { project_id: projectId, path: memo });
  await server.call('generate_letter', { project_id: projectId, title: 'Dear Grandma', message: TYPED });
  return { server, projectId, voice };
}

/** The cues of a SubRip file: start and end in seconds, and the text. */
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
      const [from, to] = (times as string).split(' --> ');
      return { start: seconds(from as string), end: seconds(to as string), text: lines.join(' ') };
    });
}

beforeAll(async () => {
  memo = path.join(home, 'voice-note.m4a');
  placed = await recordPhrases(memo, SPOKEN_LETTER);
});

describe('captions from the voice recording, through the MCP tools', () => {
  let server: RunningServer;
  let projectId: string;
  let voice: CallToolResult;

  beforeAll(async () => {
    ({ server, projectId, voice } = await letterWithVoice());
  });
  afterAll(async () => {
    await server?.close();
  });

  it('reports the words heard in the uploaded recording', () => {
    const transcript = structured<Upload>(voice).media.transcript!;
    expect(transcript.status).toBe('done');
    expect(wordErrorRate(SPOKEN_LETTER.join(' '), transcript.text).rate).toBeLessThan(0.25);
    expect(text(voice)).toMatch(/Heard: "dear .*soon"\. Say "use what I said as the captions"/);
  });

  it('"use what I said as the captions" makes the exported .srt hold the spoken words, timed to the speech', async () => {
    const edit = await server.call('generate_letter', {
      project_id: projectId,
      instruction: 'use what I said as the captions',
    });
    expect(structured<{ changes: string[] }>(edit).changes.join(' ')).toMatch(/Captions now follow "voice-note\.m4a"/);
    const voiceAt = structured<{ timeline: Timeline }>(edit).timeline.tracks.find((t) => t.role === 'voice')!
      .segments[0]!.start;

    const exported = structured<{ captions_path: string }>(
      await server.call('export_video', { project_id: projectId, quality: 'preview' }),
    );
    const cues = readSrt(exported.captions_path).filter((c) => c.text !== 'Dear Grandma');
    expect(cues.map((c) => c.text).join(' ')).not.toContain('Happy birthday');
    expect(wordErrorRate(SPOKEN_LETTER.join(' '), cues.map((c) => c.text).join(' ')).rate).toBeLessThan(0.25);
    for (const phrase of placed) {
      const said = { start: voiceAt + phrase.start, end: voiceAt + phrase.end };
      const first = cues.find((c) => c.start < said.end && c.end > said.start);
      expect(first, `a cue while "${phrase.text}" is said`).toBeDefined();
      expect(Math.abs(first!.start - said.start)).toBeLessThanOrEqual(0.5);
    }
  });
});

describe('a computer without speech-to-text', () => {
  let server: RunningServer;
  let projectId: string;
  let voice: CallToolResult;

  beforeAll(async () => {
    ({ server, projectId, voice } = await letterWithVoice({
      VIDEO_LETTER_POCKETSPHINX: path.join(home, 'no-such-engine'),
    }));
  });
  afterAll(async () => {
    await server?.close();
  });

  it('stores the recording and says clearly that it could not be transcribed', () => {
    expect(voice.isError).toBeFalsy();
    expect(structured<Upload>(voice).media.transcript?.status).toBe('unavailable');
    expect(text(voice)).toMatch(
      /^Stored voice recording "voice-note\.m4a".*No speech-to-text engine is installed on this computer.*apt-get install pocketsphinx pocketsphinx-en-us/s,
    );
  });

  it('keeps the typed message as the captions when asked for the spoken words, and says why', async () => {
    const edit = await server.call('generate_letter', {
      project_id: projectId,
      instruction: 'use what I said as the captions',
    });
    expect(edit.isError).toBe(true);
    expect(text(edit)).toMatch(/No speech-to-text engine is installed.*Nothing was changed/);
    const { timeline } = structured<{ timeline: Timeline }>(await server.call('get_state', { project_id: projectId }));
    expect(timeline.tracks.find((t) => t.role === 'message')!.segments.map((s) => s.text)).toEqual([
      'Happy birthday, Grandma!',
      'We think of you every day.',
    ]);
  });
});

describe('installing speech-to-text after a recording was uploaded', () => {
  it('hears the recording on the next start, and its words can then be the captions', async () => {
    const before = await letterWithVoice({ VIDEO_LETTER_POCKETSPHINX: path.join(home, 'no-such-engine') });
    await before.server.close();
    const server = await startServer({ VIDEO_LETTER_HOME: home, VIDEO_LETTER_OUTPUT_DIR: path.join(home, 'out') });
    try {
      const voiceOf = async () => {
        const state = structured<{ media: { file_name: string; transcript?: TranscriptInfo }[] }>(
          await server.call('get_state', { project_id: before.projectId }),
        );
        return state.media.find((m) => m.file_name === 'voice-note.m4a')!.transcript!;
      };
      expect((await voiceOf()).status).toBe('pending');
      let transcript = await voiceOf();
      while (transcript.status === 'pending') {
        await new Promise((resolve) => setTimeout(resolve, 500));
        transcript = await voiceOf();
      }
      expect(transcript.status).toBe('done');
      const edit = await server.call('generate_letter', { project_id: before.projectId, captions: 'voice' });
      expect(structured<{ changes: string[] }>(edit).changes.join(' ')).toMatch(
        /Captions now follow "voice-note\.m4a"/,
      );
    } finally {
      await server.close();
    }
  });

  it('an export asked for while the recording is still being heard waits for its words', async () => {
    const before = await letterWithVoice({ VIDEO_LETTER_POCKETSPHINX: path.join(home, 'no-such-engine') });
    await before.server.close();
    const server = await startServer({ VIDEO_LETTER_HOME: home, VIDEO_LETTER_OUTPUT_DIR: path.join(home, 'out') });
    try {
      // The new start hears the recording again (get_state says pending) and the captions wait for it.
      await server.call('get_state', { project_id: before.projectId });
      const edit = await server.call('generate_letter', { project_id: before.projectId, captions: 'voice' });
      expect(structured<{ changes: string[] }>(edit).changes.join(' ')).toMatch(
        /captions will follow "voice-note\.m4a"/i,
      );
      const exported = structured<{ captions_path: string }>(
        await server.call('export_video', { project_id: before.projectId, quality: 'preview' }),
      );
      const words = readSrt(exported.captions_path)
        .map((c) => c.text)
        .join(' ');
      expect(words).not.toContain('Happy birthday');
      expect(wordErrorRate(SPOKEN_LETTER.join(' '), words.replace('Dear Grandma', '')).rate).toBeLessThan(0.25);
    } finally {
      await server.close();
    }
  });
});
