import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

/** The binary the server would use: its env override, the system one on PATH, else the npm-bundled build. */
function locate(name: 'ffmpeg' | 'ffprobe', override: string | undefined, pkg: string): string {
  if (override) return override;
  const bundled = () => (createRequire(import.meta.url)(pkg) as { path: string }).path;
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || bundled();
  } catch {
    return bundled();
  }
}

export const FFMPEG = locate('ffmpeg', process.env.FFMPEG_PATH, '@ffmpeg-installer/ffmpeg');
export const FFPROBE = locate('ffprobe', process.env.FFPROBE_PATH, '@ffprobe-installer/ffprobe');
