import { describe, expect, it } from 'vitest';
import { LetterSettings } from '../../../../../src/backends/local/project.js';
import { planLetter } from '../../../../../src/backends/local/plan/plan.js';
import { RENDERER, renderKey } from '../../../../../src/backends/local/jobs/key.js';
import { VERSION } from '../../../../../src/version.js';
import { storedPhoto } from '../../../../helpers/stored-media.js';

const photo = (id: string) => storedPhoto(id);
const media = [photo('a'), photo('b')];
const timeline = planLetter(LetterSettings.parse({ title: 'Dear Mom' }), media);
const DEBIAN = 'ffmpeg version 5.1.6-0+deb12u1 Copyright (c) 2000-2024 the FFmpeg developers';
const BUNDLED =
  'ffmpeg version N-47683-g0e8eb07980-static https://johnvansickle.com/ffmpeg/  Copyright (c) 2000-2018 the FFmpeg developers';

describe('render key (a second export of the same letter attaches to the first)', () => {
  it('is the same for the same letter, quality, renderer and ffmpeg', () => {
    expect(renderKey(timeline, media, 'final', DEBIAN)).toBe(
      renderKey(structuredClone(timeline), [...media].reverse(), 'final', DEBIAN),
    );
  });

  it('changes with the letter and with the quality', () => {
    const retitled = planLetter(LetterSettings.parse({ title: 'Dear Dad' }), media);
    expect(renderKey(retitled, media, 'final', DEBIAN)).not.toBe(renderKey(timeline, media, 'final', DEBIAN));
    expect(renderKey(timeline, media, 'preview', DEBIAN)).not.toBe(renderKey(timeline, media, 'final', DEBIAN));
  });

  it('changes when ffmpeg is upgraded or swapped, so an old MP4 is not handed back', () => {
    expect(renderKey(timeline, media, 'final', BUNDLED)).not.toBe(renderKey(timeline, media, 'final', DEBIAN));
  });

  it('changes with the renderer, which is this package version and its style', () => {
    expect(RENDERER).toContain(VERSION);
    expect(renderKey(timeline, media, 'final', DEBIAN, `9.9.9/${RENDERER}`)).not.toBe(
      renderKey(timeline, media, 'final', DEBIAN),
    );
  });
});
