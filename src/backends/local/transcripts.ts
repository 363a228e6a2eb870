import path from 'node:path';
import type { Timeline } from '../../core/timeline/model.js';
import type { Engine } from './engine.js';
import { voiceRecordings } from './plan/audio.js';
import { planLetter } from './plan/plan.js';
import type { ProjectRecord, StoredMedia } from './project.js';
import type { Reading } from './voice/reading.js';
import { alignRecording, transcribeRecording } from './voice/transcribe.js';
import type { Transcript } from './voice/transcript.js';

/**
 * The letter planned again with a recording's new words, when its captions follow the voice. A
 * letter that cannot be planned now (its last photo removed) keeps its timeline: the next
 * generate_letter says what is missing.
 */
function replanned(record: ProjectRecord, media: StoredMedia[]): Timeline | null {
  // Read aloud, the letter has no recording in it, so its words change nothing.
  if (!record.timeline || record.letter.captions !== 'voice' || record.letter.narration) return record.timeline;
  try {
    return planLetter(record.letter, media);
  } catch {
    return record.timeline;
  }
}

/** A reading of the letter's message is due: there is a message, and the recording was not yet aligned with it. */
const readingDue = (record: ProjectRecord, media: StoredMedia) =>
  record.letter.message.trim() !== '' && media.reading?.message !== record.letter.message;

/**
 * Hears the words of voice recordings in the background and keeps them with the recordings: the
 * recording's own words (free speech, where Debian's PocketSphinx is installed) and the letter's
 * typed message found in it (forced alignment, on every computer), each time the message changes.
 */
export class Transcripts {
  /** Voice recordings being heard now, by media id. */
  private readonly running = new Map<string, Promise<void>>();
  /** Voice recordings this server has transcribed or begun to, by media id. */
  private readonly heard = new Set<string>();
  /** Voice recordings whose typed message is being found now: media id → project id. */
  private readonly aligning = new Map<string, string>();
  private readonly stop = new AbortController();

  constructor(private readonly engine: Engine) {}

  /** Whether a recording's words are being heard now. */
  pending(mediaId: string): boolean {
    return this.running.has(mediaId);
  }

  /**
   * The media as the letter sees them now: a recording being heard again (a speech engine found
   * since it failed) has no words yet, so asking for its words waits for them instead of repeating
   * the old failure.
   */
  asHeardNow(media: StoredMedia[]): StoredMedia[] {
    return media.map((m) => {
      if (!this.pending(m.id) || !m.transcript || m.transcript.status === 'done') return m;
      const { transcript: _before, ...waiting } = m;
      return waiting;
    });
  }

  /**
   * Hears what is missing of a recording: its own words when not yet transcribed, then the typed
   * message in it, again while the message changes. When the letter's captions follow the voice
   * the letter is planned again with them. A recording being heard is not heard twice at once.
   */
  transcribe(projectId: string, media: StoredMedia): Promise<void> {
    const running = this.running.get(media.id);
    if (running) return running;
    const { log } = this.engine;
    const done = this.hear(projectId, media)
      .catch((e: unknown) => {
        if (!this.stop.signal.aborted)
          log.error({ err: e, projectId, mediaId: media.id }, "could not keep the voice recording's words");
      })
      .finally(() => {
        this.running.delete(media.id);
        this.aligning.delete(media.id);
      });
    this.running.set(media.id, done);
    return done;
  }

  /**
   * Waits for the words of the letter's recordings still being heard, when its captions follow the
   * voice: an export started a moment after the upload would otherwise caption the letter with the
   * typed message, the opposite of what the person asked for. Bounded by the recording limit.
   */
  async wordsFor(record: ProjectRecord, onWait: () => void): Promise<void> {
    if (record.letter.captions !== 'voice' || record.letter.narration) return;
    this.resume(record);
    const waiting = voiceRecordings(record.media).flatMap((m) => this.running.get(m.id) ?? []);
    if (waiting.length === 0) return;
    onWait();
    await Promise.all(waiting);
  }

  private async hear(projectId: string, media: StoredMedia): Promise<void> {
    if (this.untried(media)) {
      this.heard.add(media.id);
      await this.keep(projectId, media.id, { transcript: await this.freeSpeech(projectId, media) });
    }
    for (;;) {
      const record = await this.engine.store.load(projectId);
      const current = record.media.find((m) => m.id === media.id);
      if (!current || !readingDue(record, current)) return;
      this.aligning.set(media.id, projectId);
      try {
        await this.keep(projectId, media.id, {
          reading: await this.reading(projectId, current, record.letter.message),
        });
      } finally {
        this.aligning.delete(media.id);
      }
    }
  }

  private async freeSpeech(projectId: string, media: StoredMedia): Promise<Transcript> {
    const started = Date.now();
    const transcript = await transcribeRecording(
      this.file(projectId, media),
      this.engine.ffmpeg.ffmpeg,
      this.stop.signal,
    ).catch((e: unknown): Transcript => {
      if (this.stop.signal.aborted) throw e;
      return {
        status: 'failed',
        words: [],
        note: `Speech-to-text failed (${e instanceof Error ? e.message : String(e)}); the typed message stays the captions.`,
      };
    });
    this.engine.log.info(
      {
        projectId,
        mediaId: media.id,
        status: transcript.status,
        words: transcript.words.length,
        ms: Date.now() - started,
      },
      'voice recording transcribed',
    );
    return transcript;
  }

  /** The message found in the recording; one that cannot be found (or read) is kept as not read, so it is not tried again. */
  private async reading(projectId: string, media: StoredMedia, message: string): Promise<Reading> {
    const started = Date.now();
    const { log, ffmpeg } = this.engine;
    const found = await alignRecording(this.file(projectId, media), ffmpeg.ffmpeg, message, this.stop.signal).catch(
      (e: unknown) => {
        if (this.stop.signal.aborted) throw e;
        return { failed: e instanceof Error ? e.message : String(e) };
      },
    );
    if ('failed' in found) {
      log.warn({ projectId, mediaId: media.id, reason: found.failed }, 'the typed message could not be aligned');
      return { message, words: [], match: 0 };
    }
    log.info({ projectId, mediaId: media.id, match: found.match, ms: Date.now() - started }, 'typed message aligned');
    return found;
  }

  private file(projectId: string, media: StoredMedia): string {
    return path.join(this.engine.store.mediaDir(projectId), media.storedAs);
  }

  /** Keeps what was heard with the recording, and plans the letter again when its captions follow the voice. */
  private async keep(projectId: string, mediaId: string, heard: Pick<StoredMedia, 'transcript' | 'reading'>) {
    await this.engine.store.update(projectId, async (record) => {
      const all = record.media.map((m) => (m.id === mediaId ? { ...m, ...heard } : m));
      return { record: { ...record, media: all, timeline: replanned(record, all) }, result: undefined };
    });
    this.engine.changed(projectId, 'media');
  }

  /** Not transcribed yet (cut short by a restart), or found no speech engine before this server started: it may be installed now. */
  private untried(media: StoredMedia): boolean {
    return !media.transcript || (media.transcript.status === 'unavailable' && !this.heard.has(media.id));
  }

  /** Starts hearing the voice recordings of the letter that miss their words or the reading of its current message. */
  resume(record: ProjectRecord): void {
    for (const m of voiceRecordings(record.media)) {
      const untried = this.untried(m);
      if (!untried && readingDue(record, m) && !this.running.has(m.id)) this.aligning.set(m.id, record.id);
      if (untried || readingDue(record, m)) void this.transcribe(record.id, m);
    }
  }

  /**
   * Waits, at most `ms`, for the letter's message to be found in its recordings (a few seconds):
   * an edit right after the message changed then knows whether the recording reads it.
   */
  async readings(projectId: string, ms: number): Promise<void> {
    const jobs = [...this.aligning].flatMap(([mediaId, project]) => {
      const job = project === projectId && this.running.get(mediaId);
      return job ? [job] : [];
    });
    if (jobs.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(jobs), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  }

  /** Stops every transcription and waits for them to end. */
  async close(): Promise<void> {
    this.stop.abort();
    await Promise.all(this.running.values());
  }
}
