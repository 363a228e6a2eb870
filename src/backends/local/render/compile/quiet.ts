import type { FilterGraph } from './graph.js';

/** How every render-like ffmpeg run starts: quiet, never asking, overwriting, progress lines on stdout. */
export const QUIET_WITH_PROGRESS = [
  '-hide_banner',
  '-nostdin',
  '-y',
  '-loglevel',
  'error',
  '-progress',
  'pipe:1',
  '-nostats',
];

/** The start of every run of one filter graph: quiet, `options` (before the inputs), the graph's inputs, the graph. */
export const graphCommand = (g: FilterGraph, options: string[] = []): string[] => [
  ...QUIET_WITH_PROGRESS,
  ...options,
  ...g.inputs,
  '-filter_complex',
  g.toString(),
];
