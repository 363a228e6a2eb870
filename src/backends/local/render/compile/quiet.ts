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
