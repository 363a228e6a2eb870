import { locateFfmpeg } from '../../src/backends/local/render/run/locate-ffmpeg.js';

/**
 * The ffmpeg and ffprobe the server itself would use, found by its own resolver (FFMPEG_PATH,
 * then a capable system ffmpeg, then the npm-bundled build). Tests never call a bare `ffmpeg`:
 * CI runs them with the system one hidden, where only what `npm install` brought exists.
 */
export const tools = await locateFfmpeg({ ffmpegPath: process.env.FFMPEG_PATH, ffprobePath: process.env.FFPROBE_PATH });
export const FFMPEG = tools.ffmpeg;
export const FFPROBE = tools.ffprobe;

/** Tests start ffmpeg, ffprobe and the speech synthesizer the way the product does, through its one runner. */
export { runProgram } from '../../src/backends/local/render/run/ffmpeg-runner.js';
