import { FFPROBE, runProgram } from './binaries.js';

export { FFPROBE };

export interface ProbedVideo {
  width: number;
  height: number;
  videoCodec: string;
  audioCodec: string;
  pixFmt: string;
  fps: string;
  sampleRate: number;
  duration: number;
}

/** ffprobe's verdict on a rendered file, as a person checking the MP4 would read it. */
export async function probeVideo(file: string): Promise<ProbedVideo> {
  const json = JSON.parse(
    (await runProgram(FFPROBE, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file])).stdout,
  ) as { format: { duration: string }; streams: Record<string, string | number>[] };
  const v = json.streams.find((s) => s.codec_type === 'video') ?? {};
  const a = json.streams.find((s) => s.codec_type === 'audio') ?? {};
  return {
    width: Number(v.width),
    height: Number(v.height),
    videoCodec: String(v.codec_name),
    pixFmt: String(v.pix_fmt),
    fps: String(v.r_frame_rate),
    audioCodec: String(a.codec_name),
    sampleRate: Number(a.sample_rate),
    duration: Number(json.format.duration),
  };
}
