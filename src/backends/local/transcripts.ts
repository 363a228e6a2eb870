import path from 'node:path';
import type { Timeline } from '../../core/timeline/model.js';
import type { Engine } from './engine.js';
import { voiceRecordings } from './plan/audio.js';
import { planLetter } from './plan/plan.js';
import type { ProjectRecord, StoredMedia } from './project.js';
import { transcribeRecording } from './voice/transcribe.js';
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

/** Hears the words of voice recordings in the background and keeps them with the recordings. */
export class Transcripts {
  /** Voice recordings being transcribed, by media id. */
  private readonly running = new Map<string, Promise<void>>();
  /** Voice recordings this server has transcribed or begun to, by media id. */
  private readonly heard = new Set<string>();
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
      if (!this.pending(m.id) || !m.transcript) return m;
      const { transcript: _before, ...waiting } = m;
      return waiting;
    });
  }

  /**
   * When the letter's captions were waiting for the words, the letter is planned again so its
   * lines follow the voice. A recording already being transcribed is not transcribed twice.
   */
  transcribe(projectId: string, media: StoredMedia): Promise<void> {
    const running = this.running.get(media.id);
    if (running) return running;
    const { store, ffmpeg, log } = this.engine;
    this.heard.add(media.id);
    const file = path.join(store.mediaDir(projectId), media.storedAs);
    const started = Date.now();
    const done = transcribeRecording(file, ffmpeg.ffmpeg, this.stop.signal)
      .catch((e: unknown): Transcript | undefined =>
        this.stop.signal.aborted
          ? undefined
          : {
              status: 'failed',
              words: [],
              note: `Speech-to-text failed (${e instanceof Error ? e.message : String(e)}); the typed message stays the captions.`,
            },
      )
      .then(async (transcript) => {
        if (!transcript) return;
        log.info(
          {
            projectId,
            mediaId: media.id,
            status: transcript.status,
            words: transcript.words.length,
            ms: Date.now() - started,
          },
          'voice recording transcribed',
        );
        await store.update(projectId, async (record) => {
          const all = record.media.map((m) => (m.id === media.id ? { ...m, transcript } : m));
          return { record: { ...record, media: all, timeline: replanned(record, all) }, result: undefined };
        });
        this.engine.changed(projectId, 'media');
      })
      .catch((e: unknown) =>
        log.error({ err: e, projectId, mediaId: media.id }, "could not keep the voice recording's words"),
      )
      .finally(() => this.running.delete(media.id));
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

  /**
   * Starts transcribing the voice recordings that have no words yet (cut short by a restart), and
   * once per server those that found no speech engine: it may have been installed since.
   */
  resume(record: ProjectRecord): void {
    for (const m of voiceRecordings(record.media)) {
      const untried = !m.transcript || (m.transcript.status === 'unavailable' && !this.heard.has(m.id));
      if (untried) void this.transcribe(record.id, m);
    }
  }

  /** Stops every transcription and waits for them to end. */
  async close(): Promise<void> {
    this.stop.abort();
    await Promise.all(this.running.values());
  }
}
