import type { MediaInfo, PictureFacts } from '../../core/media/record.js';

const third = (v: number, low: string, middle: string, high: string) => (v < 1 / 3 ? low : v > 2 / 3 ? high : middle);

/** Where a point of a photo is, in words: "top left", "centre", "bottom". */
export function placeWords(x: number, y: number): string {
  const row = third(y, 'top', '', 'bottom');
  const column = third(x, 'left', '', 'right');
  return [row, column].filter(Boolean).join(' ') || 'centre';
}

function pictureWords(p: PictureFacts): string {
  const faces = p.faces.map((f) => placeWords(f.x + f.width / 2, f.y + f.height / 2));
  const subject = faces.length
    ? `${faces.length} face${faces.length === 1 ? '' : 's'} (${faces.join(', ')})`
    : `no face; the eye goes to the ${placeWords(p.saliency.x, p.saliency.y)}`;
  return `${subject}, sharpness ${Math.round(p.sharpness)}`;
}

/** One line per photo for get_state: what intake saw in it. Photos read before intake did so have none. */
export function describePictures(media: readonly MediaInfo[]): string[] {
  return media.flatMap((m) =>
    m.kind === 'photo' && m.picture ? [`Photo ${m.fileName}: ${pictureWords(m.picture)}.`] : [],
  );
}
