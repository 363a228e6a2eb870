/** What people may upload, shared by both backends so they accept and refuse the same files. */
export const PHOTO_FORMATS = ['jpg', 'png', 'gif', 'webp'] as const;
/**
 * iPhone photos. The local engine decodes them itself with heic-decode (sharp's prebuilt binaries
 * and ffmpeg cannot); the NemoVideo service does not take them.
 */
export const HEIF_FORMATS = ['heic', 'heif'] as const;
export const LOCAL_PHOTO_FORMATS = [...PHOTO_FORMATS, ...HEIF_FORMATS] as const;
export const VIDEO_FORMATS = ['mp4', 'mov', 'avi', 'webm', 'mkv'] as const;
export const AUDIO_FORMATS = ['mp3', 'wav', 'm4a', 'aac'] as const;
export const ACCEPTED_FORMATS = [...VIDEO_FORMATS, ...PHOTO_FORMATS, ...AUDIO_FORMATS] as const;
export type AcceptedFormat = (typeof ACCEPTED_FORMATS)[number];

export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
/**
 * The most pixels a photo may have: sharp's own safety limit (16383 x 16383, 268 megapixels). Phone
 * and camera photos are 12 to 200 megapixels; beyond that a file is a scan of a poster or a
 * decompression bomb, and decoding it would take gigabytes.
 */
export const MAX_PHOTO_PIXELS = 0x3fff * 0x3fff;

const acceptedSentence = (photos: readonly string[]) =>
  `Accepted: photos (${photos.join(', ')}), video clips (${VIDEO_FORMATS.join(', ')}), ` +
  `audio (${AUDIO_FORMATS.join(', ')}) up to 200 MB, or a .txt file with the letter's message.`;

export const ACCEPTED_SENTENCE = acceptedSentence(PHOTO_FORMATS);
/** The local engine's sentence: it also takes HEIC/HEIF photos. */
export const LOCAL_ACCEPTED_SENTENCE = acceptedSentence(LOCAL_PHOTO_FORMATS);

export type { MediaKind } from './record.js';
