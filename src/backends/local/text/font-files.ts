/**
 * The font files the text cards draw with, as data: fonts.ts registers exactly these, and the
 * Claude Desktop bundle (scripts/bundle-mcpb.mjs) keeps exactly these of the font packages, which
 * ship every weight in several formats (Noto Sans SC alone is 76 MB).
 */

/** One TrueType face of a package: its path inside the package. */
export interface FaceFile {
  pkg: string;
  file: string;
}

/** A Fontsource package's unicode-range subsets: every file in its `files/` ending so. */
export interface SubsetFiles {
  pkg: string;
  ending: string;
}

export const HAND_FILE: FaceFile = { pkg: '@expo-google-fonts/caveat', file: '600SemiBold/Caveat_600SemiBold.ttf' };
export const SANS_FILE: FaceFile = { pkg: '@expo-google-fonts/inter', file: '500Medium/Inter_500Medium.ttf' };
export const SANS_BOLD_FILE: FaceFile = { pkg: '@expo-google-fonts/inter', file: '700Bold/Inter_700Bold.ttf' };
export const SANS_ITALIC_FILE: FaceFile = {
  pkg: '@expo-google-fonts/inter',
  file: '500Medium_Italic/Inter_500Medium_Italic.ttf',
};

export const CJK_FILES: SubsetFiles = { pkg: '@fontsource/noto-sans-sc', ending: '-500-normal.woff2' };
export const ARABIC_FILES: SubsetFiles = { pkg: '@fontsource/noto-naskh-arabic', ending: '-arabic-600-normal.woff2' };
export const HEBREW_FILES: SubsetFiles = { pkg: '@fontsource/noto-sans-hebrew', ending: '-hebrew-500-normal.woff2' };
/** Read as woff2 only: their woff twins would double the download. */
export const EMOJI_FILES: SubsetFiles = { pkg: '@fontsource/noto-color-emoji', ending: '.woff2' };

export const FACE_FILES: FaceFile[] = [HAND_FILE, SANS_FILE, SANS_BOLD_FILE, SANS_ITALIC_FILE];
export const SUBSET_FILES: SubsetFiles[] = [CJK_FILES, ARABIC_FILES, HEBREW_FILES, EMOJI_FILES];
