import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../../helpers/server.js';

/**
 * The icons in assets/icons/ are the drawings of scripts/render-icons.mjs as they are now: drawn
 * again into a scratch folder, the same files come out (SVGs to the byte, PNGs to the pixel, give
 * or take one step of anti-aliasing). After changing a drawing, run the script.
 */
const committed = path.join(ROOT, 'assets', 'icons');

describe('the committed icons', () => {
  it('are what scripts/render-icons.mjs draws', async () => {
    const fresh = tempDir('vl-icons-');
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'render-icons.mjs'), fresh], { stdio: 'ignore' });
    expect(readdirSync(committed).sort()).toEqual(readdirSync(fresh).sort());
    for (const file of readdirSync(fresh)) {
      if (file.endsWith('.svg')) {
        expect(readFileSync(path.join(committed, file), 'utf8'), file).toBe(
          readFileSync(path.join(fresh, file), 'utf8'),
        );
        continue;
      }
      const [was, now] = await Promise.all(
        [committed, fresh].map((dir) => sharp(path.join(dir, file)).raw().toBuffer({ resolveWithObject: true })),
      );
      expect(was!.info, file).toEqual(now!.info);
      const worst = was!.data.reduce((max, value, i) => Math.max(max, Math.abs(value - now!.data[i]!)), 0);
      expect(worst, file).toBeLessThanOrEqual(8);
    }
  });
});
