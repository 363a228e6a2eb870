/**
 * `npm run bench`: renders reference letters through the built MCP server and measures each
 * export against x264's own floor for the same frames, then times the non-render tools. Prints
 * Markdown tables to stdout and writes bench/results/latest.json.
 *
 * `npm run bench -- --only=final-30s,preview-30s` runs a subset of the render cases while tuning;
 * `--only=transcribe-voice` measures only the speech-to-text of the voice recording among them.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { frames as frameCount } from '../backends/local/render/graph.js';
import { locateFfmpeg } from '../backends/local/render/ffmpeg.js';
import { CLOSING, TITLE, makeLetter, photosFor, type MadeLetter } from './letters.js';
import { describeMachine } from './machine.js';
import type { Measured } from './measure.js';
import { FLOOR_METHOD, measureFloor } from './floor.js';
import { MESSAGE_30_SECONDS, MESSAGE_80_WORDS, referenceMedia } from './media.js';
import { measureExport } from './render.js';
import { medianCase } from './repeat.js';
import type { BenchResults, RenderCase, Storyboard } from './results.js';
import { BenchServer } from './server.js';
import { measureStoryboard } from './storyboard.js';
import { measureTranscription } from './transcription.js';
import { checkTargets } from './targets.js';
import { formatTable, fixed, megabytes } from './table.js';
import { timeTools } from './tools.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const wanted = (id: RenderCase['id'] | 'transcribe-voice') => !only || only.includes(id);

/** Photos in the 30-second letter (3.5 s each plus the last crossfade) and the 3-minute one. */
const SHORT_PHOTOS = 8;
const LONG_PHOTOS = 51;
const TOOL_CALLS = 30;
/**
 * Runs of the 30 s first export, each a new letter with nothing cached: its row holds their
 * medians. On a shared 2-core machine one run of it varied by a quarter from minute to minute.
 */
const FIRST_EXPORT_RUNS = 3;

const started = new Date();
const machine = describeMachine();
const ffmpeg = await locateFfmpeg({ ffmpegPath: process.env.FFMPEG_PATH, ffprobePath: process.env.FFPROBE_PATH });
say(`${machine.cores} cores, ${machine.cpuModel}, load ${machine.loadAverage.toFixed(2)}; ${ffmpeg.version} (${ffmpeg.ffmpeg})`);
say('making the reference media (cached in bench/media)');
const media = await referenceMedia(path.join(root, 'bench', 'media'));
const home = await fs.mkdtemp(path.join(os.tmpdir(), 'vl-bench-'));
const server = await BenchServer.start(path.join(root, 'dist', 'cli.js'), {
  VIDEO_LETTER_HOME: home,
  VIDEO_LETTER_OUTPUT_DIR: path.join(home, 'exports'),
  // Renders are measured whole: the server holds the call until the MP4 is there.
  VIDEO_LETTER_EXPORT_WAIT_SECONDS: '3600',
  FFMPEG_PATH: ffmpeg.ffmpeg,
  FFPROBE_PATH: ffmpeg.ffprobe,
});

const cases: RenderCase[] = [];
const letters: BenchResults['letters'] = [];
const floors = new Map<string, Measured>();
/** Renders of the same size, quality and length share one floor. */
const floorKey = (c: Pick<RenderCase, 'width' | 'height' | 'quality' | 'frames'>) => `${c.width}x${c.height}-${c.quality}-${c.frames}`;

function noteLetter(id: string, made: MadeLetter, photos: number, message: string): void {
  letters.push({
    id, photos, messageWords: message.split(/\s+/).filter(Boolean).length, voiceUploaded: true,
    voiceInRender: made.voiceInRender, videoSeconds: made.timeline.duration,
  });
}

/**
 * Exports, then measures x264's floor for the same frames: once per size, quality and length, or
 * afresh for every run of a repeated case.
 */
async function measureCase(id: RenderCase['id'], label: string, made: MadeLetter, quality: 'final' | 'preview', freshFloor = false): Promise<RenderCase> {
  say(`${label}: exporting`);
  const m = await measureExport(server, made.projectId, quality);
  const frames = frameCount(made.timeline.duration);
  const key = floorKey({ width: m.width, height: m.height, quality, frames });
  let floor = freshFloor ? undefined : floors.get(key);
  if (!floor) {
    say(`${label}: ${m.wallSeconds.toFixed(1)} s; measuring the x264 floor for ${frames} frames at ${m.width}x${m.height}`);
    floor = await measureFloor(ffmpeg.ffmpeg, m.path, { width: m.width, height: m.height, frames, quality }, home);
    floors.set(key, floor);
  }
  const videoSeconds = made.timeline.duration;
  say(`${label}: ${m.wallSeconds.toFixed(1)} s wall, floor ${floor.wallSeconds.toFixed(1)} s`);
  return {
    id, label, quality, width: m.width, height: m.height, videoSeconds, frames,
    wallSeconds: m.wallSeconds, cpuSeconds: m.cpuSeconds, ffmpegPeakRssBytes: m.ffmpegPeakRssBytes, serverPeakRssBytes: m.serverPeakRssBytes,
    peakRssTogetherBytes: m.peakRssTogetherBytes,
    sizeBytes: m.sizeBytes, realTimeFactor: m.wallSeconds / videoSeconds, floor, floorRatio: m.wallSeconds / floor.wallSeconds,
  };
}

async function renderCase(id: RenderCase['id'], label: string, made: MadeLetter, quality: 'final' | 'preview'): Promise<void> {
  cases.push(await measureCase(id, label, made, quality));
}

/**
 * The 30 s letter, exported first FIRST_EXPORT_RUNS times, each time as a new letter with the
 * shared cache (the built-in music) emptied, so every run is a first export. Returns the last
 * letter, whose parts are cached for the re-export cases.
 */
async function firstExports(photos: string[]): Promise<MadeLetter> {
  const runs: RenderCase[] = [];
  let made: MadeLetter | undefined;
  for (let run = 1; run <= (wanted('final-30s') ? FIRST_EXPORT_RUNS : 1); run++) {
    await fs.rm(path.join(home, 'cache'), { recursive: true, force: true });
    made = await makeLetter(server, { id: `short-${run}`, photos, voice: media.voice, message: MESSAGE_30_SECONDS, aspect: '16:9' });
    if (wanted('final-30s')) runs.push(await measureCase('final-30s', '30 s 1080p 16:9, first export', made, 'final', true));
  }
  if (runs.length > 0) {
    const row = medianCase(runs);
    cases.push(row);
    // The re-exports of this letter are measured against the median floor.
    floors.set(floorKey(row), row.floor);
  }
  return made as MadeLetter;
}

let transcription: BenchResults['transcription'] = null;
if (wanted('transcribe-voice')) {
  say('transcribing the 20 s voice recording');
  transcription = await measureTranscription(media.voice, 20, ffmpeg.ffmpeg);
}

let storyboard: Storyboard = { available: false, wallSeconds: null, note: 'n/a: not run' };
let tools: BenchResults['tools'] = [];
try {
  const shortPhotos = photosFor(SHORT_PHOTOS, media.photos);
  const short = await firstExports(shortPhotos);
  noteLetter('30 s letter', short, SHORT_PHOTOS, MESSAGE_30_SECONDS);
  storyboard = await measureStoryboard(server, short.projectId);

  const edit = async (args: Record<string, unknown>): Promise<MadeLetter> => {
    const reply = await server.call('generate_letter', { project_id: short.projectId, ...args });
    return { ...short, timeline: reply.timeline as MadeLetter['timeline'] };
  };
  if (wanted('text-edit-30s')) {
    // One line reworded at the same length: the planner paces lines by their word count, so a
    // longer or shorter line would move every line after it (and every part showing one).
    const message = MESSAGE_30_SECONDS.replace('We miss you every day.', 'We miss you so much.');
    const edited = await edit({ message, title: TITLE, closing: CLOSING });
    await renderCase('text-edit-30s', '30 s 1080p, re-export after rewording a line', edited, 'final');
  }
  if (wanted('music-edit-30s')) {
    const edited = await edit({ music: { mood: 'gentle' } });
    await renderCase('music-edit-30s', '30 s 1080p, re-export after a music change', edited, 'final');
  }
  if (wanted('preview-30s')) await renderCase('preview-30s', '30 s 540p preview', await edit({}), 'preview');

  if (wanted('vertical-30s')) {
    const vertical = await makeLetter(server, { id: 'vertical', photos: shortPhotos, voice: media.voice, message: MESSAGE_30_SECONDS, aspect: '9:16' });
    await renderCase('vertical-30s', '30 s 1080x1920 9:16, first export', vertical, 'final');
  }
  if (wanted('final-3min')) {
    const long = await makeLetter(server, { id: 'long', photos: photosFor(LONG_PHOTOS, media.photos), voice: media.voice, message: MESSAGE_80_WORDS, aspect: '16:9' });
    noteLetter('3 min letter', long, LONG_PHOTOS, MESSAGE_80_WORDS);
    await renderCase('final-3min', '3 min 1080p 16:9, first export', long, 'final');
  }

  say(`timing the non-render tools (${TOOL_CALLS} calls each)`);
  tools = await timeTools(server, media.bigPhoto, (await fs.stat(media.bigPhoto)).size, TOOL_CALLS);
} finally {
  await server.close();
  await fs.rm(home, { recursive: true, force: true });
}

const results: BenchResults = {
  startedAt: started.toISOString(),
  benchSeconds: (Date.now() - started.getTime()) / 1000,
  machine,
  loadAverageAtEnd: os.loadavg()[0] ?? 0,
  ffmpeg: { path: ffmpeg.ffmpeg, version: ffmpeg.version },
  letters,
  cases,
  storyboard,
  transcription,
  tools,
  targets: checkTargets(cases, storyboard, tools),
  methods: {
    wall: 'client-side clock around export_video (called again while it answers "rendering")',
    cpu: "user + system seconds of the server process and of its waited-for children (ffmpeg, ffprobe), from /proc/<pid>/stat",
    serverPeakRss: 'VmHWM of the server, reset before each export through /proc/<pid>/clear_refs',
    peakRssTogether: 'VmRSS of the server plus all its children, summed at each 100 ms sample; the largest sum',
    ffmpegPeakRss: "the server's ffmpeg children together: the largest sum of their VmHWM over the ones alive at once, sampled every 100 ms",
    floor: FLOOR_METHOD,
    voice: letters.some((l) => l.voiceInRender)
      ? 'the 20 s voice recording was uploaded and is part of the render'
      : 'the 20 s voice recording was uploaded, but this build of the engine does not put it in the letter: not part of the render',
  },
};

await fs.mkdir(path.join(root, 'bench', 'results'), { recursive: true });
await fs.writeFile(path.join(root, 'bench', 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);

const out = (text: string) => process.stdout.write(`${text}\n`);
out(`\nMachine: ${machine.cores} cores, ${machine.cpuModel}, ${Math.round(machine.ramBytes / 2 ** 30)} GiB RAM; ` +
  `load average ${machine.loadAverage.toFixed(2)} at start, ${results.loadAverageAtEnd.toFixed(2)} at end. ${ffmpeg.version.replace(/ Copyright.*$/, '')} (${ffmpeg.ffmpeg}).\n`);
out(formatTable(
  ['case', 'size', 'video s', 'wall s', 'CPU s', 'RTF', 'x264 floor s', 'wall/floor', 'ffmpeg peak MB', 'server peak MB', 'together MB', 'MP4 MB'],
  cases.map((c) => [
    c.label, `${c.width}x${c.height}`, fixed(c.videoSeconds, 1), fixed(c.wallSeconds, 1), fixed(c.cpuSeconds, 1), fixed(c.realTimeFactor, 2),
    fixed(c.floor.wallSeconds, 1), `${fixed(c.floorRatio, 2)}x`, megabytes(c.ffmpegPeakRssBytes), megabytes(c.serverPeakRssBytes),
    megabytes(c.peakRssTogetherBytes), megabytes(c.sizeBytes),
  ]),
));
for (const c of cases.filter((k) => k.runs)) {
  const list = (values: number[], digits: number, unit: string) => `${values.map((v) => v.toFixed(digits)).join(', ')}${unit}`;
  const runs = c.runs ?? [];
  out(`\n${c.label}: the median of ${runs.length} runs, each a new letter with nothing cached. Wall ${list(runs.map((r) => r.wallSeconds), 1, ' s')}; ` +
    `x264 floor ${list(runs.map((r) => r.floorSeconds), 1, ' s')}; wall/floor ${list(runs.map((r) => r.floorRatio), 2, 'x')}.`);
}
out(`\nStoryboard: ${storyboard.wallSeconds === null ? 'n/a' : `${storyboard.wallSeconds.toFixed(2)} s`} (${storyboard.note}).`);
out(`Voice: ${results.methods.voice}.`);
if (transcription) {
  const t = transcription;
  out(`Transcription (speech-to-text of the ${t.audioSeconds} s voice recording, ${t.status}, ${t.words} words): ${t.wallSeconds.toFixed(1)} s wall, ` +
    `${t.cpuSeconds.toFixed(1)} CPU-s, RTF ${t.realTimeFactor.toFixed(2)}, recognizer peak ${megabytes(t.peakRssBytes)} MB.`);
}
out('');
out(formatTable(['tool', 'calls', 'p50 ms', 'p95 ms', 'what'], tools.map((t) => [t.tool, t.calls, fixed(t.p50Ms, 1), fixed(t.p95Ms, 1), t.note])));
out('');
out(formatTable(['target', 'measured', 'met'], results.targets.map((t) => [t.target, t.measured, t.met === null ? 'n/a' : t.met ? 'yes' : 'no'])));
out(`\nWritten to bench/results/latest.json (${results.benchSeconds.toFixed(0)} s).`);
