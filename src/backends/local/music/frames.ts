/** How the music is read for beat tracking: mono samples at RATE, in windows of WINDOW samples, one every HOP. */
export const RATE = 11025;
/** 128 samples at 11025 Hz: an onset is placed within 12 ms. */
export const HOP = 128;
export const WINDOW = 256;
