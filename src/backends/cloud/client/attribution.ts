import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Platform = 'clawhub' | 'cursor' | 'unknown';

/**
 * Where the skill was installed tells NemoVideo which host uses it: a path under `.clawhub/` is
 * ClawHub, under `.cursor/` is Cursor. Both separators count so a Windows install path works too.
 */
export function detectPlatform(installPath: string): Platform {
  const p = installPath.replaceAll('\\', '/');
  if (p.includes('/.clawhub/')) return 'clawhub';
  if (p.includes('/.cursor/')) return 'cursor';
  return 'unknown';
}

/** Our own version, read once from package.json (four levels up from both src/ and dist/). */
export function packageVersion(): string {
  const raw = readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8');
  const version = (JSON.parse(raw) as { version?: unknown }).version;
  return typeof version === 'string' ? version : '0.0.0';
}

/**
 * The three headers NemoVideo requires on every request; without them export fails with HTTP 402.
 * An explicit platform (NEMO_PLATFORM) wins over detection.
 */
export function attributionHeaders(
  override: Platform | undefined,
  installPath: string = fileURLToPath(import.meta.url),
  version: string = packageVersion(),
): Record<string, string> {
  return {
    'x-skill-source': 'best-video-letter-maker',
    'x-skill-version': version,
    'x-skill-platform': override ?? detectPlatform(installPath),
  };
}
