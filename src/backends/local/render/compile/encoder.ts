import type { RenderTarget } from './types.js';

/**
 * x264 settings by quality target: the preview trades size and detail for speed. The final
 * letter searches motion with x264's diamond instead of veryfast's hexagon: a Ken Burns photo
 * moves a fraction of a pixel a frame, which the smallest search finds as well. Measured on 109
 * frames of a rendered letter, real photos and the benchmark's grainy ones alike: 5 to 8% less
 * x264 CPU, the same size within 0.4% and the same PSNR within 0.01 dB.
 */
export function encoderSettings(quality: RenderTarget['quality']): string[] {
  return quality === 'preview'
    ? ['-preset', 'ultrafast', '-crf', '26']
    : ['-preset', 'veryfast', '-crf', '20', '-profile:v', 'high', '-x264-params', 'me=dia'];
}

/**
 * AAC stereo at 48 kHz, the sound of every letter. ffmpeg's `fast` coder, not its default
 * `twoloop`: at this bitrate its author found it sounds as good or better for far less CPU
 * (FFmpeg commit fcb681ac), and it encodes a 30 s letter's sound in 0.3 s instead of 0.8.
 */
export const AUDIO_SETTINGS = [
  '-c:a',
  'aac',
  '-aac_coder',
  'fast',
  '-b:a',
  '160k',
  '-ar',
  '48000',
  '-ac',
  '2',
] as const;
