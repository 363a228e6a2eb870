import { constants as fsConstants, promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { LetterError } from '../../../../core/errors.js';
import type { MotionFilter } from '../compile/types.js';
import { recalled, remember, type LearnedBuild } from './ffmpeg-cache.js';
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

/** The program's path on PATH, found without starting a shell (as `command -v` would). */
async function onPath(name: string): Promise<string | undefined> {
  const file = process.platform === 'win32' ? `${name}.exe` : name;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, file);
    try {
      await fs.access(candidate, fsConstants.X_OK);
      if ((await fs.stat(candidate)).isFile()) return candidate;
    } catch {
      // Not in this folder.
    }
  }
  return undefined;
}

/** The static build an `npm install` brings (also what the benchmark measures as a fresh machine's). */
export function bundled(pkg: '@ffmpeg-installer/ffmpeg' | '@ffprobe-installer/ffprobe'): string | undefined {
  try {
    return (require(pkg) as { path: string }).path;
  } catch {
    return undefined;
  }
}

export interface FfmpegLookup {
  ffmpegPath?: string;
  ffprobePath?: string;
  /** Where what was learned about a build is kept between starts (ffmpeg-cache.ts); none: learn anew. */
  cacheFile?: string;
}

/** The lookup a server or worker makes: the configured binaries, and what it learned kept in its home. */
export const ffmpegLookupFor = (config: { ffmpegPath?: string; ffprobePath?: string; home: string }): FfmpegLookup => ({
  ffmpegPath: config.ffmpegPath,
  ffprobePath: config.ffprobePath,
  cacheFile: path.join(config.home, 'ffmpeg-build.json'),
});

/**
 * Finds ffmpeg and ffprobe in this order: FFMPEG_PATH/FFPROBE_PATH, a system ffmpeg on PATH that
 * has every filter and encoder we need, then the static binaries shipped in npm packages (a 2018
 * build that is always installable offline). An explicitly configured binary that lacks something
 * is an error, not a silent fallback: the person asked for that one.
 */
export async function locateFfmpeg(env: FfmpegLookup): Promise<FfmpegTools> {
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
    const known = env.cacheFile ? await recalled(env.cacheFile, c.ffmpeg, c.ffprobe) : undefined;
    if (known) return { ffmpeg: c.ffmpeg, ffprobe: c.ffprobe, ...known, filters: new Set(known.filters) };
    const examined = await examine(c.ffmpeg, c.ffprobe);
    if (typeof examined === 'string') {
      problems.push(examined);
      if (c.explicit) break;
      continue;
    }
    if (env.cacheFile) await remember(env.cacheFile, c.ffmpeg, c.ffprobe, examined);
    return { ffmpeg: c.ffmpeg, ffprobe: c.ffprobe, ...examined, filters: new Set(examined.filters) };
  }
  throw new LetterError(
    'ffmpeg_missing',
    `No usable ffmpeg was found. ${problems.join('; ') || 'None is on PATH and the bundled one is not installed.'} ` +
      `Install ffmpeg (for example "apt-get install ffmpeg"), run "npm install" to get the bundled build, ` +
      `or set FFMPEG_PATH and FFPROBE_PATH to binaries with libx264, aac and the perspective filter.`,
  );
}

/** What a build can do, or why it cannot make letters (a sentence). */
async function examine(ffmpeg: string, ffprobe: string): Promise<LearnedBuild | string> {
  let caps: Capabilities;
  try {
    caps = await readCapabilities(ffmpeg);
    await runProgram(ffprobe, ['-hide_banner', '-version']);
  } catch (e) {
    return `${ffmpeg} (or ${ffprobe}) could not be run: ${(e as Error).message.split('\n')[0]}`;
  }
  const missing = missingCapabilities(caps);
  if (missing.length > 0) return `${ffmpeg} lacks ${missing.join(', ')}`;
  return { version: caps.version, filters: [...caps.filters], motion: await motionFilterOf(ffmpeg) };
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
