import type { SmallCopy } from './small-copy.js';
import { loadSharp } from '../../../libraries.js';

/** How much thinner (or wider) than the photo the probing crops are, so that sharp must choose along one axis. */
const SQUEEZE = 4;
const PROBE = 64;

/**
 * Where the eye goes in a photo, in 0..1 of its width and height: sharp's attention strategy
 * (luminance, saturation and skin tones, no model). sharp reports its focus only along the axis
 * it crops, so one crop much narrower than the photo finds x and one much wider finds y.
 */
export async function salientPoint(copy: SmallCopy): Promise<{ x: number; y: number }> {
  const sharp = await loadSharp();
  const aspect = copy.width / copy.height;
  const along = async (cropAspect: number, axis: 'x' | 'y') => {
    const width = Math.max(1, Math.round(cropAspect >= 1 ? PROBE * cropAspect : PROBE));
    const height = Math.max(1, Math.round(cropAspect >= 1 ? PROBE : PROBE / cropAspect));
    const { info } = await sharp(copy.data, {
      raw: { width: copy.width, height: copy.height, channels: copy.channels },
    })
      .resize(width, height, { fit: 'cover', position: sharp.strategy.attention })
      .raw()
      .toBuffer({ resolveWithObject: true });
    // The focus is given in the photo scaled to cover the crop, before cropping.
    const scale = Math.max(width / copy.width, height / copy.height);
    const at = axis === 'x' ? info.attentionX : info.attentionY;
    const span = axis === 'x' ? copy.width * scale : copy.height * scale;
    return at === undefined ? 0.5 : Math.round(clamp01(at / span) * 1000) / 1000;
  };
  return { x: await along(aspect / SQUEEZE, 'x'), y: await along(aspect * SQUEEZE, 'y') };
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
