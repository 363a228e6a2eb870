/**
 * `npm run bench`: renders reference letters through the built MCP server and measures each
 * export against x264's own floor for the same frames, then times the non-render tools. Prints
 * Markdown tables to stdout and writes bench/results/latest.json.
 *
 * The 30 s first export and preview are also rendered by a second server on the npm-bundled 2018
 * ffmpeg, what a machine without a system ffmpeg gets, alternating with this machine's ffmpeg in
 * the same minutes, each beside its own x264 floor.
 *
 * `npm run bench -- --only=final-30s,preview-30s` runs a subset of the render cases while tuning;
 * `--only=transcribe-voice` measures only the speech-to-text of the voice recording among them;
 * `--only=workers` times 4 letters at once on 1 and 2 render workers, and nothing else;
 * `--only=subjects` times reading photos at intake (faces, saliency, hash, sharpness), `--only=beats`
 * beat tracking of uploaded music and `--only=beat-cuts` how close a rendered letter's photo
 * changes land to the beats, and nothing else; `--only=speech` captions from a voice recording
 * by each recognizer (word error rate, caption start error, time per minute of audio).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { frames as frameCount } from '../src/backends/local/render/compile/graph.js';
import { bundled, locateFfmpeg, type FfmpegTools } from '../src/backends/local/render/run/locate-ffmpeg.js';
import { CLOSING, TITLE, makeLetter, photosFor, type MadeLetter } from './letters.js';
import { describeMachine } from './machine.js';
import type { Measured } from './measure.js';
import { FLOOR_METHOD, measureFloor } from './floor.js';
import { MESSAGE_30_SECONDS, MESSAGE_80_WORDS, referenceMedia } from './media.js';
import { measureExport } from './render.js';
import { comparePaths } from './paths.js';
import { medianCase } from './repeat.js';
import type { BenchResults, FfmpegBuild, RenderCase, Storyboard } from './results.js';
import { startBenchServer, type BenchServer } from './server.js';
import { measureStoryboard } from './storyboard.js';
import { measureTranscription } from './transcription.js';
import { benchBeats } from './beats.js';
import { benchBeatCuts } from './beat-cuts.js';
import { benchSubjects } from './subjects.js';
import { benchSpeech } from './speech.js';
import { checkTargets } from './targets.js';
import { formatTable, fixed, megabytes } from './table.js';
import { timeTools } from './tools.js';
import { benchWorkers, formatWorkersRuns } from './workers.js';
import { benchColdStart, type ColdStart } from './cold-start.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wanted = (id: RenderCase['id'] | 'transcribe-voice') => !only || only.includes(id);

/** The stdio start a host waits for (bench/cold-start.ts), as a table. */
const coldStartTable = (rows: ColdStart[]) =>
  formatTable(
    ['stdio start to tools/list', 'starts', 'p50 s', 'p95 s', 'first start in a new home, p50 s'],
    rows.map((r) => [r.build, r.starts, fixed(r.p50Seconds, 2), fixed(r.p95Seconds, 2), fixed(r.newHomeP50Seconds, 2)]),
  );

// `--only=cold-start`: the stdio start alone (and a checkout to compare with, see bench/cold-start.ts).
if (only?.includes('cold-start')) {
  process.stdout.write(`${coldStartTable(await benchColdStart(root, say))}\n`);
  process.exit(0);
}

// `--only=workers`: 4 letters at once on 1 and then 2 render workers (bench/workers.ts), on its own.
if (only?.includes('workers')) {
  process.stdout.write(`${formatWorkersRuns(await benchWorkers(root, say))}\n`);
  process.exit(0);
}

// `--only=speech`: captions from a voice recording by each recognizer (bench/speech.ts), on its own.
if (only?.includes('speech')) {
  process.stdout.write(`${await benchSpeech((await locateFfmpeg({})).ffmpeg)}\n`);
  process.exit(0);
}

// `--only=subjects,beats,beat-cuts`: reading photos at intake (bench/subjects.ts), beat tracking
// (bench/beats.ts) and cuts on the beat in rendered letters (bench/beat-cuts.ts), on their own.
if (only?.includes('subjects') || only?.includes('beats') || only?.includes('beat-cuts')) {
  if (only.includes('subjects')) process.stdout.write(`${await benchSubjects(root)}\n\n`);
  if (only.includes('beats')) process.stdout.write(`${await benchBeats((await locateFfmpeg({})).ffmpeg)}\n`);
  if (only.includes('beat-cuts'))
    process.stdout.write(`${await benchBeatCuts(root, (await locateFfmpeg({})).ffmpeg)}\n`);
  process.exit(0);
}

/** Photos in the 30-second letter (3.5 s each plus the last crossfade) and the 3-minute one. */
const SHORT_PHOTOS = 8;
const LONG_PHOTOS = 51;
const TOOL_CALLS = 30;
/**
 * Runs of the 30 s first export, each a new letter with nothing cached: its row holds their
 * medians. On a shared 2-core machine one run of it varied by a quarter from minute to minute.
 */
const FIRST_EXPORT_RUNS = 3;

/** A server rendering with one ffmpeg build, in a home of its own so nothing is shared between builds. */
interface Engine {
  server: BenchServer;
  ffmpeg: FfmpegTools;
  home: string;
  /** This engine's 30 s first export case. */
  finalId: RenderCase['id'];
  /** Added to the labels of its cases. */
  labelSuffix: string;
}

const describeBuild = (tools: FfmpegTools): FfmpegBuild => ({
  path: tools.ffmpeg,
  version: tools.version,
  motion: tools.motion,
});

async function startEngine(ffmpeg: FfmpegTools, finalId: RenderCase['id'], labelSuffix: string): Promise<Engine> {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'vl-bench-'));
  const server = await startBenchServer(path.join(root, 'dist', 'cli.js'), {
    VIDEO_LETTER_HOME: home,
    VIDEO_LETTER_OUTPUT_DIR: path.join(home, 'exports'),
    // Renders are measured whole: the server holds the call until the MP4 is there.
    VIDEO_LETTER_EXPORT_WAIT_SECONDS: '3600',
    FFMPEG_PATH: ffmpeg.ffmpeg,
    FFPROBE_PATH: ffmpeg.ffprobe,
  });
  return { server, ffmpeg, home, finalId, labelSuffix };
}

/**
 * The build a machine with Node alone renders with: the static ffmpeg inside the npm packages. Not
 * measured when it is not installed, or when it is already the build this machine's rows use.
 */
async function bundledBuild(chosen: FfmpegTools): Promise<FfmpegTools | { skipped: string }> {
  const ffmpegPath = bundled('@ffmpeg-installer/ffmpeg');
  const ffprobePath = bundled('@ffprobe-installer/ffprobe');
  if (!ffmpegPath || !ffprobePath)
    return { skipped: 'the bundled build (@ffmpeg-installer/ffmpeg, @ffprobe-installer/ffprobe) is not installed' };
  if (ffmpegPath === chosen.ffmpeg)
    return {
      skipped: 'this machine already renders with the bundled build: the rows above are the fresh-machine path',
    };
  return locateFfmpeg({ ffmpegPath, ffprobePath });
}

const started = new Date();
const machine = describeMachine();
const ffmpeg = await locateFfmpeg({ ffmpegPath: process.env.FFMPEG_PATH, ffprobePath: process.env.FFPROBE_PATH });
const freshBuild = await bundledBuild(ffmpeg);
say(
  `${machine.cores} cores, ${machine.cpuModel}, load ${machine.loadAverage.toFixed(2)}; ${ffmpeg.version} (${ffmpeg.ffmpeg}, motion by ${ffmpeg.motion})`,
);
say(
  'skipped' in freshBuild
    ? `fresh-machine path not measured: ${freshBuild.skipped}`
    : `fresh-machine path: ${freshBuild.version} (${freshBuild.ffmpeg}, motion by ${freshBuild.motion})`,
);
// First, while nothing else of the bench's runs.
const coldStart = only ? [] : await benchColdStart(root, say);
say('making the reference media (cached in bench/media)');
const media = await referenceMedia(path.join(root, 'bench', 'media'));
const system = await startEngine(ffmpeg, 'final-30s', '');
const server = system.server;
const fresh =
  'skipped' in freshBuild || !(wanted('fresh-final-30s') || wanted('fresh-preview-30s'))
    ? undefined
    : await startEngine(freshBuild, 'fresh-final-30s', ', bundled 2018 ffmpeg');

const cases: RenderCase[] = [];
const letters: BenchResults['letters'] = [];
const floors = new Map<string, Measured>();
/** Renders of the same size, quality and length by the same build share one floor, measured with that build's x264. */
const floorKey = (engine: Engine, c: Pick<RenderCase, 'width' | 'height' | 'quality' | 'frames'>) =>
  `${engine.ffmpeg.ffmpeg}-${c.width}x${c.height}-${c.quality}-${c.frames}`;

function noteLetter(id: string, made: MadeLetter, photos: number, message: string): void {
  letters.push({
    id,
    photos,
    messageWords: message.split(/\s+/).filter(Boolean).length,
    voiceUploaded: true,
    voiceInRender: made.voiceInRender,
    videoSeconds: made.timeline.duration,
  });
}

/**
 * Exports, then measures x264's floor for the same frames: once per size, quality and length, or
 * afresh for every run of a repeated case.
 */
async function measureCase(
  engine: Engine,
  id: RenderCase['id'],
  label: string,
  made: MadeLetter,
  quality: 'final' | 'preview',
  freshFloor = false,
): Promise<RenderCase> {
  say(`${label}: exporting`);
  const m = await measureExport(engine.server, made.projectId, quality);
  const frames = frameCount(made.timeline.duration);
  const key = floorKey(engine, { width: m.width, height: m.height, quality, frames });
  let floor = freshFloor ? undefined : floors.get(key);
  if (!floor) {
    say(
      `${label}: ${m.wallSeconds.toFixed(1)} s; measuring the x264 floor for ${frames} frames at ${m.width}x${m.height}`,
    );
    floor = await measureFloor(
      engine.ffmpeg.ffmpeg,
      m.path,
      { width: m.width, height: m.height, frames, quality },
      engine.home,
    );
    floors.set(key, floor);
  }
  const videoSeconds = made.timeline.duration;
  say(`${label}: ${m.wallSeconds.toFixed(1)} s wall, floor ${floor.wallSeconds.toFixed(1)} s`);
  return {
    id,
    label,
    quality,
    width: m.width,
    height: m.height,
    videoSeconds,
    frames,
    wallSeconds: m.wallSeconds,
    cpuSeconds: m.cpuSeconds,
    ffmpegPeakRssBytes: m.ffmpegPeakRssBytes,
    serverPeakRssBytes: m.serverPeakRssBytes,
    peakRssTogetherBytes: m.peakRssTogetherBytes,
    sizeBytes: m.sizeBytes,
    realTimeFactor: m.wallSeconds / videoSeconds,
    floor,
    floorRatio: m.wallSeconds / floor.wallSeconds,
  };
}

async function renderCase(
  engine: Engine,
  id: RenderCase['id'],
  label: string,
  made: MadeLetter,
  quality: 'final' | 'preview',
): Promise<void> {
  cases.push(await measureCase(engine, id, `${label}${engine.labelSuffix}`, made, quality));
}

/**
 * The 30 s letter, exported first FIRST_EXPORT_RUNS times by each engine, each time as a new
 * letter with the engine's shared cache (the built-in music) emptied, so every run is a first
 * export. The engines take turns, first one then the other leading, so their runs share the
 * machine's mood of the same minutes. Returns each engine's last letter, whose parts are cached
 * for the re-export cases.
 */
async function firstExports(engines: Engine[], photos: string[]): Promise<Map<Engine, MadeLetter>> {
  const runs = new Map<Engine, RenderCase[]>(engines.map((e) => [e, []]));
  const last = new Map<Engine, MadeLetter>();
  const rounds = engines.some((e) => wanted(e.finalId)) ? FIRST_EXPORT_RUNS : 1;
  for (let run = 1; run <= rounds; run++) {
    for (const engine of run % 2 === 1 ? engines : [...engines].reverse()) {
      await fs.rm(path.join(engine.home, 'cache'), { recursive: true, force: true });
      const made = await makeLetter(engine.server, {
        id: `short-${run}`,
        photos,
        voice: media.voice,
        message: MESSAGE_30_SECONDS,
        aspect: '16:9',
      });
      last.set(engine, made);
      if (wanted(engine.finalId))
        runs
          .get(engine)
          ?.push(
            await measureCase(
              engine,
              engine.finalId,
              `30 s 1080p 16:9, first export${engine.labelSuffix}`,
              made,
              'final',
              true,
            ),
          );
    }
  }
  for (const engine of engines) {
    const engineRuns = runs.get(engine) ?? [];
    if (engineRuns.length === 0) continue;
    const row = medianCase(engineRuns);
    cases.push(row);
    // The re-exports of this letter are measured against the median floor.
    floors.set(floorKey(engine, row), row.floor);
  }
  return last;
}

let transcription: BenchResults['transcription'] = null;
if (wanted('transcribe-voice')) {
  say('transcribing the 20 s voice recording');
  transcription = await measureTranscription(media.voice, 20, ffmpeg.ffmpeg);
}

let storyboard: Storyboard = { available: false, wallSeconds: null, note: 'n/a: not run' };
let tools: BenchResults['tools'] = [];
let narration: BenchResults['narration'] = null;
try {
  const shortPhotos = photosFor(SHORT_PHOTOS, media.photos);
  const shortLetters = await firstExports(fresh ? [system, fresh] : [system], shortPhotos);
  const short = shortLetters.get(system) as MadeLetter;
  noteLetter('30 s letter', short, SHORT_PHOTOS, MESSAGE_30_SECONDS);
  storyboard = await measureStoryboard(server, short.projectId);

  const edit = async (args: Record<string, unknown>): Promise<MadeLetter> => {
    const reply = await server.reply('generate_letter', { project_id: short.projectId, ...args });
    return { ...short, timeline: reply.timeline as MadeLetter['timeline'] };
  };
  if (wanted('text-edit-30s')) {
    // One line reworded at the same length: the planner paces lines by their word count, so a
    // longer or shorter line would move every line after it (and every part showing one).
    const message = MESSAGE_30_SECONDS.replace('We miss you every day.', 'We miss you so much.');
    const edited = await edit({ message, title: TITLE, closing: CLOSING });
    await renderCase(system, 'text-edit-30s', '30 s 1080p, re-export after rewording a line', edited, 'final');
  }
  if (wanted('music-edit-30s')) {
    const edited = await edit({ music: { mood: 'gentle' } });
    await renderCase(system, 'music-edit-30s', '30 s 1080p, re-export after a music change', edited, 'final');
  }
  if (wanted('preview-30s')) await renderCase(system, 'preview-30s', '30 s 540p preview', await edit({}), 'preview');
  const freshShort = fresh && shortLetters.get(fresh);
  if (fresh && freshShort && wanted('fresh-preview-30s'))
    await renderCase(fresh, 'fresh-preview-30s', '30 s 540p preview', freshShort, 'preview');

  if (wanted('vertical-30s')) {
    const vertical = await makeLetter(server, {
      id: 'vertical',
      photos: shortPhotos,
      voice: media.voice,
      message: MESSAGE_30_SECONDS,
      aspect: '9:16',
    });
    await renderCase(system, 'vertical-30s', '30 s 1080x1920 9:16, first export', vertical, 'final');
  }
  if (wanted('narrated-30s')) {
    // A new 30 s letter, then "read it aloud": that call speaks the message (nothing cached).
    const made = await makeLetter(server, {
      id: 'narrated',
      photos: shortPhotos,
      voice: media.voice,
      message: MESSAGE_30_SECONDS,
      aspect: '16:9',
    });
    await fs.rm(path.join(system.home, 'cache', 'speech'), { recursive: true, force: true });
    const asked = performance.now();
    const reply = await server.reply('generate_letter', { project_id: made.projectId, narration: true });
    const generateSeconds = (performance.now() - asked) / 1000;
    // Read aloud, the message takes the recording's place in the render.
    const narrated = { ...made, timeline: reply.timeline as MadeLetter['timeline'], voiceInRender: false };
    const spoken = narrated.timeline.tracks.find((t) => t.role === 'voice')?.segments ?? [];
    narration = { generateSeconds, speechSeconds: spoken.reduce((sum, s) => sum + s.end - s.start, 0) };
    say(`narration: ${narration.speechSeconds.toFixed(1)} s of speech made in ${generateSeconds.toFixed(2)} s`);
    noteLetter('30 s letter read aloud', narrated, SHORT_PHOTOS, MESSAGE_30_SECONDS);
    await renderCase(system, 'narrated-30s', '30 s 1080p read aloud, first export', narrated, 'final');
  }
  if (wanted('final-3min')) {
    const long = await makeLetter(server, {
      id: 'long',
      photos: photosFor(LONG_PHOTOS, media.photos),
      voice: media.voice,
      message: MESSAGE_80_WORDS,
      aspect: '16:9',
    });
    noteLetter('3 min letter', long, LONG_PHOTOS, MESSAGE_80_WORDS);
    await renderCase(system, 'final-3min', '3 min 1080p 16:9, first export', long, 'final');
  }

  say(`timing the non-render tools (${TOOL_CALLS} calls each)`);
  tools = await timeTools(server, media.bigPhoto, (await fs.stat(media.bigPhoto)).size, TOOL_CALLS);
} finally {
  for (const engine of fresh ? [system, fresh] : [system]) {
    await engine.server.close();
    await fs.rm(engine.home, { recursive: true, force: true });
  }
}

const results: BenchResults = {
  startedAt: started.toISOString(),
  benchSeconds: (Date.now() - started.getTime()) / 1000,
  machine,
  loadAverageAtEnd: os.loadavg()[0] ?? 0,
  ffmpeg: describeBuild(ffmpeg),
  freshMachine: 'skipped' in freshBuild ? freshBuild : describeBuild(freshBuild),
  comparisons: comparePaths(cases),
  letters,
  cases,
  storyboard,
  transcription,
  tools,
  coldStart,
  targets: checkTargets(cases, storyboard, tools),
  narration,
  methods: {
    wall: 'client-side clock around export_video (called again while it answers "rendering")',
    cpu: 'user + system seconds of the server process and of its waited-for children (ffmpeg, ffprobe), from /proc/<pid>/stat',
    serverPeakRss: 'VmHWM of the server, reset before each export through /proc/<pid>/clear_refs',
    peakRssTogether: 'VmRSS of the server plus all its children, summed at each 100 ms sample; the largest sum',
    ffmpegPeakRss:
      "the server's ffmpeg children together: the largest sum of their VmHWM over the ones alive at once, sampled every 100 ms",
    floor: `${FLOOR_METHOD} A fresh-machine case's floor is measured with the bundled build's own x264.`,
    freshMachine:
      'the 30 s first export and preview by a second server with FFMPEG_PATH/FFPROBE_PATH set to the npm-bundled build, ' +
      "in a home of its own; its first exports alternate with this machine's in the same rounds, and bundled/system is the median of each round's own ratio",
    voice: letters.some((l) => l.voiceInRender)
      ? 'the 20 s voice recording was uploaded and is part of the render'
      : 'the 20 s voice recording was uploaded, but this build of the engine does not put it in the letter: not part of the render',
  },
};

await fs.mkdir(path.join(root, 'bench', 'results'), { recursive: true });
await fs.writeFile(path.join(root, 'bench', 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);

const out = (text: string) => process.stdout.write(`${text}\n`);
const buildName = (build: FfmpegTools) =>
  `${build.version.replace(/ Copyright.*$/, '')} (${build.ffmpeg}, motion by ${build.motion})`;
out(
  `\nMachine: ${machine.cores} cores, ${machine.cpuModel}, ${Math.round(machine.ramBytes / 2 ** 30)} GiB RAM; ` +
    `load average ${machine.loadAverage.toFixed(2)} at start, ${results.loadAverageAtEnd.toFixed(2)} at end. ${buildName(ffmpeg)}.`,
);
out(
  'skipped' in freshBuild
    ? `Fresh-machine path not measured: ${freshBuild.skipped}.\n`
    : `Fresh-machine path (no system ffmpeg): ${buildName(freshBuild)}.\n`,
);
out(
  formatTable(
    [
      'case',
      'size',
      'video s',
      'wall s',
      'CPU s',
      'RTF',
      'x264 floor s',
      'wall/floor',
      'ffmpeg peak MB',
      'server peak MB',
      'together MB',
      'MP4 MB',
    ],
    cases.map((c) => [
      c.label,
      `${c.width}x${c.height}`,
      fixed(c.videoSeconds, 1),
      fixed(c.wallSeconds, 1),
      fixed(c.cpuSeconds, 1),
      fixed(c.realTimeFactor, 2),
      fixed(c.floor.wallSeconds, 1),
      `${fixed(c.floorRatio, 2)}x`,
      megabytes(c.ffmpegPeakRssBytes),
      megabytes(c.serverPeakRssBytes),
      megabytes(c.peakRssTogetherBytes),
      megabytes(c.sizeBytes),
    ]),
  ),
);
for (const c of cases.filter((k) => k.runs)) {
  const list = (values: number[], digits: number, unit: string) =>
    `${values.map((v) => v.toFixed(digits)).join(', ')}${unit}`;
  const runs = c.runs ?? [];
  out(
    `\n${c.label}: the median of ${runs.length} runs, each a new letter with nothing cached. Wall ${list(
      runs.map((r) => r.wallSeconds),
      1,
      ' s',
    )}; ` +
      `x264 floor ${list(
        runs.map((r) => r.floorSeconds),
        1,
        ' s',
      )}; wall/floor ${list(
        runs.map((r) => r.floorRatio),
        2,
        'x',
      )}.`,
  );
}
if (results.comparisons.length > 0) {
  out('');
  out(
    formatTable(
      [
        'case',
        'system wall s',
        'bundled wall s',
        'bundled/system wall',
        'system CPU s',
        'bundled CPU s',
        'bundled/system CPU',
        'wall/floor, system',
        'wall/floor, bundled',
      ],
      results.comparisons.map((c) => [
        c.label,
        fixed(c.systemWallSeconds, 1),
        fixed(c.bundledWallSeconds, 1),
        `${fixed(c.bundledOverSystem, 2)}x`,
        fixed(c.systemCpuSeconds, 1),
        fixed(c.bundledCpuSeconds, 1),
        `${fixed(c.bundledCpuOverSystem, 2)}x`,
        `${fixed(c.systemFloorRatio, 2)}x`,
        `${fixed(c.bundledFloorRatio, 2)}x`,
      ]),
    ),
  );
}
out(
  `\nStoryboard: ${storyboard.wallSeconds === null ? 'n/a' : `${storyboard.wallSeconds.toFixed(2)} s`} (${storyboard.note}).`,
);
out(`Voice: ${results.methods.voice}.`);
if (narration) {
  out(
    `Narration: generate_letter with narration: true spoke ${narration.speechSeconds.toFixed(1)} s of speech in ${narration.generateSeconds.toFixed(2)} s ` +
      `(real-time factor ${(narration.generateSeconds / narration.speechSeconds).toFixed(2)}, espeak-ng in a helper process, nothing cached).`,
  );
}
if (transcription) {
  const t = transcription;
  out(
    `Transcription (speech-to-text of the ${t.audioSeconds} s voice recording, ${t.status}, ${t.words} words): ${t.wallSeconds.toFixed(1)} s wall, ` +
      `${t.cpuSeconds.toFixed(1)} CPU-s, RTF ${t.realTimeFactor.toFixed(2)}, recognizer peak ${megabytes(t.peakRssBytes)} MB.`,
  );
}
out('');
out(
  formatTable(
    ['tool', 'calls', 'p50 ms', 'p95 ms', 'what'],
    tools.map((t) => [t.tool, t.calls, fixed(t.p50Ms, 1), fixed(t.p95Ms, 1), t.note]),
  ),
);
if (coldStart.length > 0) out(`\n${coldStartTable(coldStart)}`);
out('');
out(
  formatTable(
    ['target', 'measured', 'met'],
    results.targets.map((t) => [t.target, t.measured, t.met === null ? 'n/a' : t.met ? 'yes' : 'no']),
  ),
);
out(`\nWritten to bench/results/latest.json (${results.benchSeconds.toFixed(0)} s).`);
