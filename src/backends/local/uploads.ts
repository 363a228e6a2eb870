import { promises as fs } from 'node:fs';
import path from 'node:path';
import { copyFileAtomic } from '../../files.js';
import type { CallContext, UploadInput, UploadResult } from '../../core/backend.js';
import { newId, type Engine } from './engine.js';
import { audioRole } from './intake/audio-role.js';
import { trackBeats } from './music/beat-tracking.js';
import { inspectFile } from './intake/inspect.js';
import { toMediaInfo } from './media-info.js';
import { readPicture } from './pictures/read-picture.js';
import { withMessage } from './plan/salutation.js';
import { leftOutNote, leftOutPhotos, newlyLeftOut } from './plan/selection.js';
import type { StoredMedia } from './project.js';
import { stageUpload } from './staging.js';
import type { Transcripts } from './transcripts.js';

/**
 * How long upload_media waits for a voice recording's words before answering without them (the
 * transcription goes on, and get_state shows the words when it is done).
 * PocketSphinx needs about 0.2 CPU-s a second of speech here, so on an idle machine a recording
 * of a minute or so is heard in time.
 */
const TRANSCRIBE_WAIT_MS = 20_000;

/** The beats of a song, or none when they cannot be found (the letter then cuts where its pacing puts the changes). */
async function songBeats(engine: Engine, file: string, signal: AbortSignal): Promise<number[] | undefined> {
  try {
    return (await trackBeats(engine.ffmpeg.ffmpeg, file, signal)).times;
  } catch (err) {
    if (signal.aborted) throw err;
    engine.log.warn({ err }, 'the beats of a song could not be found');
    return undefined;
  }
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Checks an upload, stores it in its project (a new one when none is given), and hears a voice recording's words. */
export async function uploadMedia(
  engine: Engine,
  transcripts: Transcripts,
  input: UploadInput,
  ctx: CallContext,
): Promise<UploadResult> {
  const { store, log } = engine;
  const staged = await stageUpload(input, engine.config.home);
  try {
    const inspected = await inspectFile(staged.path, staged.fileName, engine.ffmpeg);
    // Faces, saliency, hash and sharpness are read once, here, and kept with the photo.
    const picture = inspected.kind === 'photo' ? await readPicture(staged.path, inspected.format, log) : undefined;
    const role = inspected.kind === 'audio' ? audioRole(staged.fileName, input.role) : undefined;
    // A song's beats are found once, here, so photo changes can land on them.
    const beats = role === 'music' ? await songBeats(engine, staged.path, ctx.signal) : undefined;
    // Only now, with the file known to be good, is a project created or changed.
    const projectId = input.projectId ?? (await store.create()).id;
    if (!input.projectId) engine.changed(projectId, 'created');
    const stored = await store.update(projectId, async (record) => {
      const id = newId('m');
      const storedAs = `${id}.${inspected.format}`;
      await copyFileAtomic(staged.path, path.join(store.mediaDir(projectId), storedAs));
      const { text, ...facts } = inspected;
      const media: StoredMedia = {
        id,
        fileName: staged.fileName,
        storedAs,
        uploadedAt: new Date().toISOString(),
        ...facts,
        ...(picture && { picture }),
        ...(role && { role }),
        ...(beats?.length && { beats }),
      };
      let letter = record.letter;
      let note: string | undefined;
      if (text !== undefined) {
        const framed = withMessage(letter, text);
        letter = framed.letter;
        note = ["The text became the letter's message.", framed.note].filter(Boolean).join(' ');
      }
      // A duplicate or blurred shot is set aside as it comes in (or the photo it betters is), and the person is told.
      const setAside = leftOutNote(
        newlyLeftOut(leftOutPhotos(letter, record.media), leftOutPhotos(letter, [...record.media, media])),
      );
      if (setAside) note = [note, setAside].filter(Boolean).join(' ');
      log.info({ projectId, mediaId: id, kind: media.kind, bytes: media.sizeBytes }, 'media stored');
      return {
        record: { ...record, media: [...record.media, media], letter },
        result: { projectId, media, ...(note && { note }), ...(role && { role }) },
      };
    });
    if (stored.role === 'voice') {
      ctx.progress({ percent: 50, message: 'Transcribing the voice recording' });
      // The agent is answered either way; a longer recording's words come later, in get_state.
      await Promise.race([transcripts.transcribe(projectId, stored.media), wait(TRANSCRIBE_WAIT_MS)]);
    }
    engine.changed(projectId, 'media');
    const record = await store.load(projectId);
    const media = record.media.find((m) => m.id === stored.media.id) ?? stored.media;
    return { ...stored, media: toMediaInfo(media, transcripts.pending(media.id), record.letter.message) };
  } finally {
    if (staged.temporary) await fs.rm(staged.path, { force: true });
  }
}
