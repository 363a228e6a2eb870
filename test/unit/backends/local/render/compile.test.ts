import { describe, expect, it } from 'vitest';
import { compile } from '../../../../../src/backends/local/render/compile/compile.js';
import { perspectiveFilter } from '../../../../../src/backends/local/render/compile/pictures.js';
import { finalTarget, graphOf, twoShotAssets, twoShotLetter } from '../../../../helpers/letter-fixture.js';

const timeline = twoShotLetter();
const assets = twoShotAssets();
const target = finalTarget();

describe('compile (timeline → ffmpeg arguments)', () => {
  it('decodes each photo, text card and music file once, as plain inputs', () => {
    const args = compile(timeline, assets, target);
    const inputs = args.flatMap((a, i) => (a === '-i' ? [args[i + 1]] : []));
    expect(inputs).toEqual(['/p/a.jpg', '/p/b.jpg', '/t/title.png', '/m/warm.wav']);
    expect(args).not.toContain('-loop');
  });

  it('moves photos with whole-pixel crops and resizes chosen per frame, never zoompan', () => {
    const graph = graphOf(compile(timeline, assets, { ...target, motion: 'scale' }));
    expect(graph.match(/fillborders=.*?:mode=smear,loop=/g)).toHaveLength(2);
    expect(graph.match(/scale=if\(lt\(n\\,/g)).toHaveLength(4);
    expect(graph.match(/:eval=frame:flags=bicublin/g)).toHaveLength(4);
    expect(graph).not.toContain('zoompan');
    expect(graph).not.toContain('perspective');
  });

  it('resamples the moving photos bicubic (bilinear colour) in the final letter and bilinear in a quick preview', () => {
    expect(graphOf(compile(timeline, assets, { ...target, motion: 'scale' }))).not.toContain('flags=bilinear');
    const preview = graphOf(compile(timeline, assets, { ...target, motion: 'scale', quality: 'preview' }));
    expect(preview.match(/:eval=frame:flags=bilinear/g)).toHaveLength(4);
  });

  it('moves photos with perspective on an ffmpeg whose scale cannot change size per frame', () => {
    const graph = graphOf(compile(timeline, assets, target));
    expect(graph.match(/perspective=/g)).toHaveLength(2);
    expect(graph).not.toContain('zoompan');
    expect(graph).toContain('interpolation=linear:eval=frame');
  });

  it('lays the first photo as the bottom layer, fading in from black, with no black base under it', () => {
    const graph = graphOf(compile(timeline, assets, target));
    expect(graph).not.toContain('color=c=black');
    expect(graph).toMatch(/loop=loop=135:size=1:start=164,setpts=N\+0,fade=t=in:st=0:d=0\.6\[v0\]/);
  });

  it('keeps a black base where the shots leave a gap', () => {
    const gap = twoShotLetter({ start: 6, end: 10, label: 'b.jpg', mediaId: 'm_b' });
    expect(graphOf(compile(gap, assets, target))).toContain('color=c=black:s=1920x1080:r=30:d=10,format=yuv420p[base]');
  });

  it('crossfades the second photo in over the first with an alpha fade starting where it starts', () => {
    const graph = graphOf(compile(timeline, assets, target));
    expect(graph).toContain('setpts=N+135,');
    expect(graph).toContain('fade=t=in:st=4.5:d=1:alpha=1[shot1]');
  });

  it('writes H.264 yuv420p at 30 fps, AAC 48 kHz, faststart, exactly the letter length in frames', () => {
    const args = compile(timeline, assets, target).join(' ');
    expect(args).toContain('-c:v libx264 -preset veryfast');
    expect(args).toContain('-pix_fmt yuv420p -r 30 -frames:v 300');
    expect(args).toContain('-c:a aac -aac_coder fast -b:a 160k -ar 48000');
    expect(args).toContain('-movflags +faststart');
    expect(args.endsWith('/out/letter.mp4')).toBe(true);
  });

  it('plays the music for the whole letter at its volume (35%: -16 LUFS, as in a letter with music only; +4 dB over the -20 LUFS music)', () => {
    const graph = graphOf(compile(timeline, assets, target));
    expect(graph).toContain(
      '[3:a]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,apad,atrim=0:10[music]',
    );
    expect(graph).toContain('[music]volume=1.5849[ducked]');
  });

  it('uses silence, without loudness normalization, when the letter has no music or voice', () => {
    const { music: _m, ...silent } = assets;
    const graph = graphOf(compile(timeline, silent, target));
    expect(graph).toContain('anullsrc=channel_layout=stereo:sample_rate=48000,atrim=0:10[premix]');
    expect(graph).toContain('[premix]atrim=0:10[audio]');
    expect(graph).not.toContain('alimiter');
  });

  it('picks fast x264 settings for a preview', () => {
    expect(compile(timeline, assets, { ...target, quality: 'preview' }).join(' ')).toContain(
      '-preset ultrafast -crf 26',
    );
  });
});

describe('perspectiveFilter', () => {
  it('starts with the whole frame and ends on the zoomed window (ffmpeg numbers the first frame in=1)', () => {
    const f = perspectiveFilter({ fromZoom: 1, toZoom: 2, fromX: 0.5, fromY: 0.5, toX: 0.5, toY: 0.5 }, 11, 100, 50);
    const x0 = /x0=([^:]+)/.exec(f)?.[1] ?? '';
    const evalAt = (expr: string, frame: number) =>
      Function('frame', `return ${expr.replace(/\bin\b/g, '(frame + 1)')}`)(frame) as number;
    expect(evalAt(x0, 0)).toBeCloseTo(0);
    expect(evalAt(x0, 10)).toBeCloseTo(25);
  });
});
