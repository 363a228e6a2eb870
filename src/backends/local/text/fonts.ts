import { GlobalFonts } from '@napi-rs/canvas';
import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** A handwriting face for the letter itself, a clean sans for small print, colour emoji for both. */
export const HAND = 'Caveat';
export const SANS = 'Inter';
export const EMOJI = 'Noto Color Emoji';

function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

let loaded: Promise<void> | undefined;

/** Registers the fonts shipped through npm, once per process. */
export function loadFonts(): Promise<void> {
  loaded ??= (async () => {
    const caveat = packageDir('@expo-google-fonts/caveat');
    const inter = packageDir('@expo-google-fonts/inter');
    GlobalFonts.registerFromPath(path.join(caveat, '600SemiBold', 'Caveat_600SemiBold.ttf'), HAND);
    GlobalFonts.registerFromPath(path.join(inter, '500Medium', 'Inter_500Medium.ttf'), SANS);
    // Noto Color Emoji ships as unicode-range subsets; registering every subset gives the whole set.
    const emojiDir = path.join(packageDir('@fontsource/noto-color-emoji'), 'files');
    for (const file of await fs.readdir(emojiDir)) {
      if (file.endsWith('.woff2')) GlobalFonts.registerFromPath(path.join(emojiDir, file), EMOJI);
    }
  })();
  return loaded;
}

/** A CSS font list with emoji fallback, as canvas's `font` property wants it. */
export function fontList(family: string, px: number): string {
  return `${Math.round(px)}px "${family}", "${EMOJI}", sans-serif`;
}
