import type { Timeline } from '../src/core/timeline/model.js';
import type { BenchServer } from './server.js';

export interface LetterSpec {
  id: string;
  photos: string[];
  voice: string;
  message: string;
  aspect: '16:9' | '9:16';
}

export interface MadeLetter {
  projectId: string;
  timeline: Timeline;
  /** The engine put the uploaded voice recording on a track of its own. */
  voiceInRender: boolean;
}

export const TITLE = 'Dear Grandma';
export const CLOSING = 'With love, Anna';

/** Uploads the media and generates the letter through the tools, as an assistant would. */
export async function makeLetter(server: BenchServer, spec: LetterSpec): Promise<MadeLetter> {
  const [first, ...rest] = spec.photos;
  if (!first) throw new Error(`letter ${spec.id} has no photos`);
  const projectId = (await server.reply('upload_media', { path: first })).project_id as string;
  for (const photo of rest) await server.reply('upload_media', { project_id: projectId, path: photo });
  await server.reply('upload_media', { project_id: projectId, path: spec.voice });
  const reply = await server.reply('generate_letter', {
    project_id: projectId,
    message: spec.message,
    title: TITLE,
    closing: CLOSING,
    aspect: spec.aspect,
  });
  const timeline = reply.timeline as Timeline;
  const voiceInRender = timeline.tracks.some((t) => t.role === 'voice' && t.segments.length > 0);
  return { projectId, timeline, voiceInRender };
}

/** `count` photos taken from the distinct ones in turn: a long letter reuses the pictures. */
export function photosFor(count: number, distinct: readonly string[]): string[] {
  return Array.from({ length: count }, (_, i) => distinct[i % distinct.length] as string);
}
