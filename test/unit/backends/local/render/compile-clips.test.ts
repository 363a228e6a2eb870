import { describe, expect, it } from 'vitest';
import { compile } from '../../../../../src/backends/local/render/compile/compile.js';
import type { RenderAssets } from '../../../../../src/backends/local/render/compile/types.js';
import { finalTarget, graphOf, twoShotAssets, twoShotLetter } from '../../../../helpers/letter-fixture.js';

const timeline = twoShotLetter({
  start: 4.5,
  end: 10,
  label: 'walk.mov',
  mediaId: 'm_c',
  kind: 'clip',
  fit: 'contain',
  volume: 0.8,
});
const assets: RenderAssets = {
  ...twoShotAssets(),
  photos: { m_a: '/p/a.jpg' },
  clips: { m_c: '/media/m_c.mov' },
  overlays: [],
};
const target = finalTarget();

describe('compile: clips', () => {
  it('opens a clip once for picture and sound, decoding only what the shot plays', () => {
    const args = compile(timeline, assets, target);
    expect(args.filter((a) => a === '/media/m_c.mov')).toHaveLength(1);
    expect(args.slice(args.indexOf('/media/m_c.mov') - 3, args.indexOf('/media/m_c.mov') + 1)).toEqual([
      '-t',
      '5.5333',
      '-i',
      '/media/m_c.mov',
    ]);
  });

  it('makes the clip constant 30 fps by timestamp and starts it on its shot’s frame', () => {
    const graph = graphOf(compile(timeline, assets, target));
    expect(graph).toContain('[1:v]trim=duration=5.5,setpts=PTS-STARTPTS,fps=30[clip1src]');
    expect(graph).toContain('format=yuva420p,settb=1/30,setpts=N+135[clip1]');
  });

  it('fits a contained clip over a blurred, darkened copy of itself', () => {
    const graph = graphOf(compile(timeline, assets, target));
    expect(graph).toContain('[clip1src]split[clip1srcback][clip1srcfront]');
    expect(graph).toMatch(
      /\[clip1srcback\]scale=240:136:force_original_aspect_ratio=increase,crop=240:136,boxblur=4:2,lutyuv=y=val\*0.55,scale=1920:1080/,
    );
    expect(graph).toContain('[clip1srcblur][clip1srcsharp]overlay=(W-w)/2:(H-h)/2[clip1srcfit]');
  });

  it('holds a clip’s last frame rather than showing what is under it', () => {
    expect(graphOf(compile(timeline, assets, target))).toContain('[v0][shot1]overlay=eof_action=repeat');
  });

  it('plays the clip’s sound at its volume from where its picture starts, as its own stream', () => {
    const graph = graphOf(compile(timeline, assets, target));
    expect(graph).toContain(
      '[1:a]atrim=duration=5.5,asetpts=PTS-STARTPTS,aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,volume=0.8,adelay=4500|4500,apad,atrim=0:10[clipsound0]',
    );
    expect(graph).toContain('[clipsound0]anull[clipsound]');
  });

  it('ducks the music under the clip sound and mixes them at unity gain (amix halves, volume doubles back)', () => {
    const graph = graphOf(compile(timeline, assets, target));
    expect(graph).toContain('[clipsound]asplit=2[fg0][key0]');
    expect(graph).toContain('[bed][key0]sidechaincompress=');
    expect(graph).toContain('[ducked][fg0]amix=inputs=2:duration=first:dropout_transition=0,volume=2[premix]');
  });
});
