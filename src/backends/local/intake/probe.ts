import { runProgram } from '../render/run/ffmpeg-runner.js';

export interface Probe {
  durationSeconds?: number;
  video?: { width: number; height: number; rotation: number; codec: string };
  audio?: { codec: string; sampleRate: number; channels: number };
}

interface FfprobeJson {
  format?: { duration?: string };
  streams?: {
    codec_type?: string;
    codec_name?: string;
    width?: number;
    height?: number;
    sample_rate?: string;
    channels?: number;
    tags?: { rotate?: string };
    side_data_list?: { rotation?: number }[];
    disposition?: { attached_pic?: number };
  }[];
}

/** ffprobe's view of a file; throws when ffprobe cannot read it at all. */
export async function probeMedia(ffprobe: string, filePath: string): Promise<Probe> {
  const { stdout } = await runProgram(ffprobe, [
    '-v',
    'error',
    '-print_format',
    'json',
    '-show_format',
    '-show_streams',
    filePath,
  ]);
  return parseProbe(JSON.parse(stdout) as FfprobeJson);
}

export function parseProbe(json: FfprobeJson): Probe {
  const streams = json.streams ?? [];
  // Album art in an MP3 shows up as a one-frame "video"; it is not a clip.
  const v = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const a = streams.find((s) => s.codec_type === 'audio');
  const duration = Number(json.format?.duration);
  const probe: Probe = {};
  if (Number.isFinite(duration) && duration > 0) probe.durationSeconds = duration;
  if (v?.width && v.height) {
    const rotation = Number(v.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? v.tags?.rotate ?? 0);
    probe.video = {
      width: v.width,
      height: v.height,
      rotation: ((rotation % 360) + 360) % 360,
      codec: v.codec_name ?? '',
    };
  }
  if (a) probe.audio = { codec: a.codec_name ?? '', sampleRate: Number(a.sample_rate ?? 0), channels: a.channels ?? 0 };
  return probe;
}

/**
 * Decodes a file's first sound stream (`a`) or picture stream (`v`), up to `limitSeconds` when
 * given, and answers what ffmpeg's progress last said: how many seconds and frames really came out.
 * The decoder only ever sees the frames that are there, whatever the header claims.
 */
async function decoded(
  ffmpeg: string,
  filePath: string,
  stream: 'a' | 'v',
  limitSeconds?: number,
): Promise<{ seconds: number; frames: number }> {
  const said = { seconds: 0, frames: 0 };
  await runProgram(
    ffmpeg,
    [
      ...['-nostdin', '-v', 'error', '-i', filePath, '-map', `0:${stream}:0`],
      ...(limitSeconds === undefined ? [] : ['-t', String(limitSeconds)]),
      ...['-progress', 'pipe:1', '-f', 'null', '-'],
    ],
    {
      onStdoutLine: (line) => {
        const [key, value] = line.trim().split('=');
        if (key === 'out_time_us' && /^\d+$/.test(value ?? '')) said.seconds = Number(value) / 1e6;
        if (key === 'frame' && /^\d+$/.test(value ?? '')) said.frames = Number(value);
      },
    },
  ).catch(() => undefined);
  return said;
}

/** How many seconds of sound (`a`) or picture (`v`) a file really holds, by decoding it; undefined when nothing decodes. */
export async function measureSeconds(
  ffmpeg: string,
  filePath: string,
  stream: 'a' | 'v',
  limitSeconds?: number,
): Promise<number | undefined> {
  const { seconds } = await decoded(ffmpeg, filePath, stream, limitSeconds);
  return seconds > 0 ? seconds : undefined;
}

/** Whether a clip's first second of picture really decodes (a header may describe frames that are not there). */
export async function firstPictureDecodes(ffmpeg: string, filePath: string): Promise<boolean> {
  return (await decoded(ffmpeg, filePath, 'v', 1)).frames > 0;
}
