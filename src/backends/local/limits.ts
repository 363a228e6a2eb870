/**
 * The product's limits, each with the sentence a person reads when they meet it. A letter is a few
 * minutes of photos, clips, a voice and a message of a page or two: nothing a person sends may make
 * the server plan, draw or render hours of video, or hold the others up while it tries.
 * docs/limits.md lists every limit.
 */

const minutes = (seconds: number) => `${Math.round(seconds / 60)} minutes`;

/** The longest letter planned, whatever the message, voice, clips or asked length. */
export const MAX_LETTER_SECONDS = 20 * 60;
export const letterTooLong = (seconds: number) =>
  `This letter would be ${minutes(seconds)} long, and a letter can be at most ${minutes(MAX_LETTER_SECONDS)}. ` +
  'Shorten the message, use a shorter voice recording, or leave some clips out, then try again.';

/** The longest voice recording, song or clip taken (it must fit in a letter with its title and closing). */
export const MAX_MEDIA_SECONDS = 15 * 60;
export const mediaTooLong = (fileName: string) =>
  `"${fileName}" is longer than the ${minutes(MAX_MEDIA_SECONDS)} a recording or clip may be, since a letter is at most ` +
  `${minutes(MAX_LETTER_SECONDS)}. Trim it to the part you want, then upload it again.`;

/**
 * Below this many bytes a second, a duration read from a file's header is not believed and the
 * sound or picture is decoded to measure it (a 16 KB MP3 whose header claims 2^31 frames). Real
 * voice memos and songs carry at least 2 KB a second (16 kbit/s); a file under the floor is not
 * refused for it, only measured, so a very quiet or very still recording still gets in.
 */
export const MIN_BYTES_PER_SECOND = 2000;

/** The longest message: pages, not a book (about 1,700 words, ten minutes of reading). */
export const MAX_MESSAGE_CHARS = 10_000;
/** An instruction may carry a whole new message ("change the message to ..."), and a little more. */
export const MAX_INSTRUCTION_CHARS = MAX_MESSAGE_CHARS + 1000;
export const instructionTooLong = (length?: number) =>
  `The instruction is ${length === undefined ? 'too long' : `${length.toLocaleString('en')} characters`}; an instruction can be at most ` +
  `${MAX_INSTRUCTION_CHARS.toLocaleString('en')} (a message of up to ${MAX_MESSAGE_CHARS.toLocaleString('en')} and a few words more). ` +
  'Shorten it, or upload a long message as a .txt file, then try again; nothing was changed.';
/** A title fills at most three rows of the title card; a closing card four. */
export const MAX_TITLE_CHARS = 150;
export const MAX_CLOSING_CHARS = 300;
const TEXT_LIMITS = { message: MAX_MESSAGE_CHARS, title: MAX_TITLE_CHARS, closing: MAX_CLOSING_CHARS } as const;
export type LetterText = keyof typeof TEXT_LIMITS;
export const textLimit = (what: LetterText) => TEXT_LIMITS[what];
export const textTooLong = (what: LetterText, length: number) =>
  `The ${what} is ${length.toLocaleString('en')} characters; a letter's ${what} can be at most ` +
  `${TEXT_LIMITS[what].toLocaleString('en')} characters${what === 'message' ? ' (a page or two, about ten minutes of reading)' : ''}. ` +
  `Shorten it, then try again; nothing was changed.`;

/** Photos and clips: no side longer than this (sharp's own decoding limit; 8K video is 7680 wide). */
export const MAX_PHOTO_SIDE = 16_383;
export const MAX_CLIP_SIDE = 8_192;
/** No side shorter than this: a picture a few pixels wide is a strip, not a photo. */
export const MIN_SIDE = 16;
/** At most this many times wider than tall, or taller than wide (a phone panorama is about 5:1). */
export const MAX_ASPECT = 10;
export const PICTURE_RULES =
  `Accepted: photos up to ${MAX_PHOTO_SIDE.toLocaleString('en')} pixels a side and 268 megapixels, clips up to ` +
  `${MAX_CLIP_SIDE.toLocaleString('en')} pixels a side (8K), at least ${MIN_SIDE} pixels a side, and no more than ` +
  `${MAX_ASPECT} times wider than tall or taller than wide.`;

/** The longest file name kept for an upload (most file systems allow 255 bytes). */
export const MAX_FILE_NAME_CHARS = 200;
