import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadCanvas } from '../../../libraries.js';
import {
  ARABIC_FILES,
  CJK_FILES,
  EMOJI_FILES,
  HAND_FILE,
  HEBREW_FILES,
  SANS_BOLD_FILE,
  SANS_FILE,
  SANS_ITALIC_FILE,
  type FaceFile,
  type SubsetFiles,
} from './font-files.js';

const require = createRequire(import.meta.url);

/** A handwriting face for the letter itself, a clean sans for small print. */
export const HAND = 'Caveat';
export const SANS = 'Inter';
/** Faces a person can choose for the cards and captions (see FontName). */
export const SANS_BOLD = 'Inter Bold';
export const SANS_ITALIC = 'Inter Italic';
export const EMOJI = 'Noto Color Emoji';
/** Chinese (and Japanese kana, which Noto Sans SC also draws), Arabic and Hebrew, for words Caveat and Inter do not have. */
export const CJK = 'Noto Sans SC';
export const ARABIC = 'Noto Naskh Arabic';
export const HEBREW = 'Noto Sans Hebrew';

/**
 * Where canvas looks for a character, in order: the chosen face, then colour emoji, then the
 * faces for other scripts. Emoji come before the CJK face so a heart is the red emoji, not a
 * black dingbat.
 */
export const FALLBACKS = [EMOJI, CJK, ARABIC, HEBREW] as const;

function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

async function registerFace({ pkg, file }: FaceFile, family: string): Promise<void> {
  const { GlobalFonts } = await loadCanvas();
  GlobalFonts.registerFromPath(path.join(packageDir(pkg), file), family);
}

/** Registers every subset file of a Fontsource package under one family (they are unicode-range subsets). */
async function registerSubsets({ pkg, ending }: SubsetFiles, family: string): Promise<void> {
  const { GlobalFonts } = await loadCanvas();
  const dir = path.join(packageDir(pkg), 'files');
  for (const file of await fs.readdir(dir)) {
    if (file.endsWith(ending)) GlobalFonts.registerFromPath(path.join(dir, file), family);
  }
}

/**
 * Characters only the colour emoji face draws: pictographs, flags, keycaps, skin tones, joiners
 * (ASCII digits, `#` and `*` are emoji components too, but every face has them).
 */
const EMOJI_CHARACTER = /(?![#*0-9])[\p{Emoji}\p{Emoji_Component}]/u;

let loaded: Promise<void> | undefined;
let emojiLoaded: Promise<void> | undefined;

/**
 * Registers the fonts shipped through npm, once per process, the colour emoji face only once some
 * text has an emoji: canvas loads every face in a font list it draws with, and that one alone
 * holds ~75 MB, which a long-lived server should not keep for letters without emoji.
 */
export async function loadFonts(text = ''): Promise<void> {
  loaded ??= (async () => {
    await Promise.all([
      registerFace(HAND_FILE, HAND),
      registerFace(SANS_FILE, SANS),
      registerFace(SANS_BOLD_FILE, SANS_BOLD),
      registerFace(SANS_ITALIC_FILE, SANS_ITALIC),
      registerSubsets(CJK_FILES, CJK),
      registerSubsets(ARABIC_FILES, ARABIC),
      registerSubsets(HEBREW_FILES, HEBREW),
    ]);
  })();
  if (EMOJI_CHARACTER.test(text)) emojiLoaded ??= registerSubsets(EMOJI_FILES, EMOJI);
  await Promise.all([loaded, emojiLoaded]);
}

/** A CSS font list with the fallback chain, as canvas's `font` property wants it. */
export function fontList(family: string, px: number): string {
  return `${Math.round(px)}px ${[family, ...FALLBACKS].map((f) => `"${f}"`).join(', ')}, sans-serif`;
}

/** Right-to-left when the first letter with a direction is Hebrew or Arabic, so mixed lines read in the right order. */
export function textDirection(text: string): 'rtl' | 'ltr' {
  const strong = /[\p{Script=Hebrew}\p{Script=Arabic}]|[\p{L}]/u.exec(text)?.[0] ?? '';
  return /[\p{Script=Hebrew}\p{Script=Arabic}]/u.test(strong) ? 'rtl' : 'ltr';
}
