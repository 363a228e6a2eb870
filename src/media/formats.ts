/** What people may upload, shared by both backends so they accept and refuse the same files. */
/** HEIC/HEIF (iPhone photos) are decoded by heic-decode, since sharp's prebuilt binaries cannot. */
export const PHOTO_FORMATS = ['jpg', 'png', 'gif', 'webp', 'heic', 'heif'] as const;
export const VIDEO_FORMATS = ['mp4', 'mov', 'avi', 'webm', 'mkv'] as const;
export const AUDIO_FORMATS = ['mp3', 'wav', 'm4a', 'aac'] as const;
export const ACCEPTED_FORMATS = [...VIDEO_FORMATS, ...PHOTO_FORMATS, ...AUDIO_FORMATS] as const;
export type AcceptedFormat = (typeof ACCEPTED_FORMATS)[number];

export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

export const ACCEPTED_SENTENCE =
  `Accepted: photos (${PHOTO_FORMATS.join(', ')}), video clips (${VIDEO_FORMATS.join(', ')}), ` +
  `audio (${AUDIO_FORMATS.join(', ')}) up to 200 MB, or a .txt file with the letter's message.`;

export type MediaKind = 'photo' | 'video' | 'audio' | 'message';
