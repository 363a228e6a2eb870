import { writeFileAtomic } from '../../../../files.js';
import type { Timeline } from '../../../../core/timeline/model.js';
import { captionsSrt } from '../compile/captions.js';

/** Writes the letter's captions beside its MP4 (`letter.mp4` → `letter.srt`); returns the path, or undefined when there are no words. */
export async function writeCaptions(timeline: Timeline, videoPath: string): Promise<string | undefined> {
  const srt = captionsSrt(timeline);
  if (!srt) return undefined;
  const target = videoPath.replace(/\.mp4$/i, '') + '.srt';
  await writeFileAtomic(target, srt);
  return target;
}
