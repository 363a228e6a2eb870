import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { CallContext, MediaInfo, UploadInput, UploadResult } from '../../../core/backend.js';
import { writePrivateFile } from '../client/private-file.js';
import { languageOf } from '../translation/language.js';
import { mediaFromUpload, messageMedia } from '../translation/media.js';
import { prepareUpload, type Sendable } from './intake.js';
import { sentences, type Greeting } from './reply.js';
import type { Sessions } from './sessions.js';
import type { CloudProject, MediaSource, ProjectStore } from './store.js';

export interface UploadDeps {
  store: ProjectStore;
  sessions: Sessions;
  greeting: Greeting;
  /** `<VIDEO_LETTER_HOME>/cloud`: base64 uploads are kept under its `media/` folder. */
  cloudHome: string;
}

/**
 * upload_media in the cloud: the file is checked, a project (and its session) is made at the
 * first upload, and the file goes to NemoVideo; a .txt file becomes the letter's message instead.
 */
export async function uploadMedia(deps: UploadDeps, input: UploadInput, ctx: CallContext): Promise<UploadResult> {
  const { store, sessions, greeting } = deps;
  // Every check on the file happens before a session is created or a byte is sent.
  const prepared = await prepareUpload(input);
  greeting.settingUp(ctx);
  // Only the person's own words tell their language: a message, never a file name ("IMG_2041.jpg").
  // Without one the session opens in English and the first instruction may reopen it (generate.ts).
  const spoken = 'kind' in prepared && prepared.kind === 'message' ? languageOf(prepared.text) : undefined;
  const project = input.projectId ? store.get(input.projectId) : await sessions.newProject(spoken);
  if ('kind' in prepared && prepared.kind === 'message') {
    project.message = prepared.text;
    const media = messageMedia(prepared);
    project.media.push(media);
    await store.save();
    const note = sentences(
      greeting.take(),
      await sessions.takeNotice(project),
      "The text became the letter's message; it goes to NemoVideo with the next generate_letter.",
    );
    return { projectId: project.projectId, media, note };
  }
  ctx.progress({ percent: 10, message: `Uploading ${prepared.fileName} to NemoVideo…` });
  const data = await sessions.run(project, (sid) => sessions.send(sid, prepared));
  const sent = 'url' in prepared ? { fileName: prepared.fileName, format: prepared.format, sizeBytes: 0 } : prepared;
  const media: MediaInfo = mediaFromUpload(data, sent);
  project.media.push({ ...media, source: await keepSource(deps.cloudHome, project, input, prepared) });
  await store.save();
  ctx.progress({ percent: 100, message: `Uploaded ${media.fileName}.` });
  const note = sentences(greeting.take(), await sessions.takeNotice(project));
  return { projectId: project.projectId, media, ...(note && { note }) };
}

/** Where a file can be fetched again after a lost session; base64 content is kept in a private copy. */
async function keepSource(
  cloudHome: string,
  project: CloudProject,
  input: UploadInput,
  source: Sendable,
): Promise<MediaSource> {
  if ('url' in source) return { url: source.url };
  if (input.path) return { path: path.resolve(input.path) };
  const copy = path.join(cloudHome, 'media', project.projectId, `${randomUUID()}${path.extname(source.fileName)}`);
  await writePrivateFile(copy, Buffer.from(await source.blob.arrayBuffer()));
  return { path: copy };
}
