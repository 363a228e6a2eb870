import { openPhoto } from '../intake/picture.js';

/** A photo's pixels, upright (EXIF orientation applied), shrunk to fit a square, row by row. */
export interface SmallCopy {
  data: Buffer;
  width: number;
  height: number;
  /** 3 for colour (RGB), 1 for grey. */
  channels: 1 | 3;
}

/** The photo at `longSide` pixels on its longer side, upright, in colour or grey. */
export async function smallCopy(
  filePath: string,
  format: string,
  longSide: number,
  colour: 'rgb' | 'grey',
): Promise<SmallCopy> {
  const photo = (await openPhoto(filePath, format)).rotate().resize(longSide, longSide, { fit: 'inside' });
  const shaped = colour === 'grey' ? photo.greyscale() : photo.removeAlpha().toColourspace('srgb');
  const { data, info } = await shaped.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: colour === 'grey' ? 1 : 3 };
}
