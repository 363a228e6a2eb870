import type { ExportQuality } from '../../../../core/render.js';
import type { LoudnessMeasurement } from './mix.js';

/** Files the renderer needs, prepared at the output size before compiling. */
export interface RenderAssets {
  /** Photo media id → a picture already fitted to exactly width x height. */
  photos: Record<string, string>;
  /** Clip media id → the stored video file, fitted to the frame by ffmpeg while rendering. */
  clips: Record<string, string>;
  /** Text pictures (title, message lines, closing card) with where and when they show. */
  overlays: { path: string; start: number; end: number; x: number; y: number }[];
  /** Background music already fitted to the letter's length, at MUSIC_LUFS. */
  music?: { path: string; volume: number };
  /** The voice recordings evened out to -16 LUFS (prepared once per recording), each with when it starts. */
  voices?: { path: string; start: number; volume: number }[];
  /** The first loudness pass over the sound, from which the final stage takes its gain. */
  loudness?: LoudnessMeasurement;
}

/**
 * How photos move: `scale`, exact whole-pixel crops and resizes chosen per frame (see motion.ts),
 * needs an ffmpeg whose scale filter knows the frame number (not the bundled 2018 build); `perspective` works
 * everywhere and costs about three times the CPU.
 */
export type MotionFilter = 'scale' | 'perspective';

export interface RenderTarget {
  path: string;
  width: number;
  height: number;
  quality: ExportQuality;
  motion: MotionFilter;
}
