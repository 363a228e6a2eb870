import { createRequire } from 'node:module';
import { LetterError } from '../../../../errors.js';
import type { MotionFilter } from '../compile/types.js';
import { runProgram } from './ffmpeg-runner.js';
const require = createRequire(import.meta.url);

/**
 * What the renderer uses; a binary missing any of these cannot make a letter. Kept in step with
 * the graphs the engine compiles by test/unit/backends/local/render/required-filters.test.ts.
 */
export const REQUIRED_FILTERS = [
  'perspective',
  'overlay',
  'fade',
  'loop',
  'settb',
  'setpts',
  'format',
  'color',
  'scale',
  'anullsrc',
  'amix',
  'volume',
  'afade',
  'aresample',
  'atrim',
  'apad',
  'adelay',
  // Clips: trimmed, made constant-rate, fitted over a blurred backdrop, their sound placed.
  'trim',
  'fps',
  'crop',
  'split',
  'boxblur',
  'lutyuv',
  'setsar',
  'asetpts',
  'aformat',
  'anull',
  'null',
  // Sound: voice evened out, music ducking under it, loudness; colour looks.
  'asplit',
  'acrossfade',
  'sidechaincompress',
  'loudnorm',
  'ebur128',
  'alimiter',
  'colorchannelmixer',
  'eq',
  'curves',
  'vignette',
] as const;
export const REQUIRED_ENCODERS = ['libx264', 'aac'] as const;

export interface FfmpegTools {
  ffmpeg: string;
  ffprobe: string;
  /** First line of `ffmpeg -version`, for logs and benchmark reports. */
  version: string;
  filters: ReadonlySet<string>;
  /** How this build moves photos: the fast exact resizes when it can, else `perspective`. */
  motion: MotionFilter;
}

export interface Capabilities {
  version: string;
  filters: Set<string>;
  encoders: Set<string>;
}

export async function readCapabilities(ffmpeg: string): Promise<Capabilities> {
  const [version, filters, encoders] = await Promise.all([
    runProgram(ffmpeg, ['-hide_banner', '-version']),
    runProgram(ffmpeg, ['-hide_banner', '-filters']),
    runProgram(ffmpeg, ['-hide_banner', '-encoders']),
  ]);
  return {
    version: version.stdout.split('\n')[0]?.trim() ?? 'ffmpeg',
    filters: listedNames(filters.stdout),
    encoders: listedNames(encoders.stdout),
  };
}

/** `-filters` and `-encoders` print "<flags> <name> <description>" rows. */
export function listedNames(listing: string): Set<string> {
  const names = new Set<string>();
  for (const line of listing.split('\n')) {
    const m = /^\s*[A-Z.|]{2,}\s+(\S+)\s/.exec(line);
    if (m?.[1]) names.add(m[1]);
  }
  return names;
}

export function missingCapabilities(caps: Capabilities): string[] {
  return [
    ...REQUIRED_FILTERS.filter((f) => !caps.filters.has(f)).map((f) => `filter "${f}"`),
    ...REQUIRED_ENCODERS.filter((e) => !caps.encoders.has(e)).map((e) => `encoder "${e}"`),
  ];
}

async function onPath(name: string): Promise<string | undefined> {
  try {
    const { stdout } = await runProgram('sh', ['-c', `command -v ${name}`]);
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The static build an `npm install` brings (also what the benchmark measures as a fresh machine's). */
export function bundled(pkg: '@ffmpeg-installer/ffmpeg' | '@ffprobe-installer/ffprobe'): string | undefined {
  try {
    return (require(pkg) as { path: string }).path;
  } catch {
    return undefined;
  }
}

/**
 * Finds ffmpeg and ffprobe in this order: FFMPEG_PATH/FFPROBE_PATH, a system ffmpeg on PATH that
 * has every filter and encoder we need, then the static binaries shipped in npm packages (a 2018
 * build that is always installable offline). An explicitly configured binary that lacks something
 * is an error, not a silent fallback: the person asked for that one.
 */
export async function locateFfmpeg(env: { ffmpegPath?: string; ffprobePath?: string }): Promise<FfmpegTools> {
  const candidates: { ffmpeg: string; ffprobe: string; explicit: boolean }[] = [];
  if (env.ffmpegPath) {
    candidates.push({
      ffmpeg: env.ffmpegPath,
      ffprobe: env.ffprobePath ?? siblingProbe(env.ffmpegPath),
      explicit: true,
    });
  } else {
    const system = await onPath('ffmpeg');
    const systemProbe = await onPath('ffprobe');
    if (system && systemProbe)
      candidates.push({ ffmpeg: system, ffprobe: env.ffprobePath ?? systemProbe, explicit: false });
    const pkgFfmpeg = bundled('@ffmpeg-installer/ffmpeg');
    const pkgProbe = bundled('@ffprobe-installer/ffprobe');
    if (pkgFfmpeg && pkgProbe)
      candidates.push({ ffmpeg: pkgFfmpeg, ffprobe: env.ffprobePath ?? pkgProbe, explicit: false });
  }
  const problems: string[] = [];
  for (const c of candidates) {
    let caps: Capabilities;
    try {
      caps = await readCapabilities(c.ffmpeg);
      await runProgram(c.ffprobe, ['-hide_banner', '-version']);
    } catch (e) {
      problems.push(`${c.ffmpeg} (or ${c.ffprobe}) could not be run: ${(e as Error).message.split('\n')[0]}`);
      if (c.explicit) break;
      continue;
    }
    const missing = missingCapabilities(caps);
    if (missing.length === 0)
      return {
        ffmpeg: c.ffmpeg,
        ffprobe: c.ffprobe,
        version: caps.version,
        filters: caps.filters,
        motion: await motionFilterOf(c.ffmpeg),
      };
    problems.push(`${c.ffmpeg} lacks ${missing.join(', ')}`);
    if (c.explicit) break;
  }
  throw new LetterError(
    'ffmpeg_missing',
    `No usable ffmpeg was found. ${problems.join('; ') || 'None is on PATH and the bundled one is not installed.'} ` +
      `Install ffmpeg (for example "apt-get install ffmpeg"), run "npm install" to get the bundled build, ` +
      `or set FFMPEG_PATH and FFPROBE_PATH to binaries with libx264, aac and the perspective filter.`,
  );
}

/** The scale motion's own filters on tiny frames: a build that runs this moves photos with `scale`. */
export const SCALE_MOTION_PROBE =
  "pad=20:20:2:2,fillborders=left=2:right=2:top=2:bottom=2:mode=smear,crop=16:16:x='2*n':y=2,scale=w='16+2*n':h=16:eval=frame:flags=bicubic";

/**
 * `scale` resizes to a size computed from the frame number only in newer builds (the bundled 2018
 * one cannot); running the motion's own filters on two tiny frames is the reliable test.
 */
async function motionFilterOf(ffmpeg: string): Promise<MotionFilter> {
  try {
    await runProgram(ffmpeg, [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'color=s=16x16:r=30:d=0.07',
      '-vf',
      SCALE_MOTION_PROBE,
      '-f',
      'null',
      '-',
    ]);
    return 'scale';
  } catch {
    return 'perspective';
  }
}

function siblingProbe(ffmpegPath: string): string {
  return ffmpegPath.replace(/ffmpeg(\.exe)?$/, 'ffprobe$1');
}
