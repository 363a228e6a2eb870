import type { LookStyle } from '../../../../core/timeline/model.js';

/**
 * Colour looks as ffmpeg filters that every supported ffmpeg has (the 2018 static build too):
 * warm lifts red and trims blue, black and white drops saturation with a touch of contrast,
 * vintage uses the curves preset with softer colour and a gentle vignette.
 */
const LOOKS: Record<LookStyle, string | undefined> = {
  natural: undefined,
  warm: 'colorchannelmixer=rr=1.05:rg=0.03:gg=1:bb=0.88:bg=0.02,eq=saturation=1.08',
  'black-and-white': 'eq=saturation=0:contrast=1.08',
  vintage: 'curves=preset=vintage,eq=saturation=0.8,vignette=angle=PI/4.5',
};

/** The filter chain for a look, or undefined for the photos' own colours. */
export function lookFilter(style: LookStyle | undefined): string | undefined {
  return LOOKS[style ?? 'natural'];
}
