import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { CALL, localBackendIn } from '../../../helpers/local-backend.js';
import { SAMPLES } from '../../../helpers/server.js';

const PHOTOS = ['mountains.jpg', 'sunset.jpg', 'friends.jpg'].map((f) => path.join(SAMPLES, f));

describe('a still of one moment', () => {
  it('shows the photo at full size with its own caption, as a JPEG under 500 KB', async () => {
    const { backend } = await localBackendIn('vl-still-');
    let projectId: string | undefined;
    for (const file of PHOTOS) projectId = (await backend.upload({ projectId, path: file }, CALL)).projectId;
    const id = projectId as string;
    await backend.generate(
      id,
      {
        title: 'Happy 90th, Grandpa',
        edits: [
          { op: 'caption', moment: { file: 'sunset' }, text: 'Our evening walks' },
          { op: 'text_look', target: 'captions', colour: '#ff8fb1', size: { to: 1.6 } },
        ],
      },
      CALL,
    );
    const state = await backend.state(id);
    expect(state.timeline?.tracks.find((t) => t.role === 'message')?.segments[0]).toMatchObject({
      text: 'Our evening walks',
    });
    const still = await backend.momentStill(id, { file: 'sunset.jpg' });
    expect(still.label).toMatch(/^2\. sunset\.jpg at /);
    expect(still.jpeg.length).toBeLessThan(500_000);
    const { data, info } = await sharp(still.jpeg).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([1920, 1080]);
    let pink = 0;
    for (let i = 0; i < data.length; i += info.channels) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      if (Math.abs(r - 0xff) < 40 && Math.abs(g - 0x8f) < 40 && Math.abs(b - 0xb1) < 40) pink++;
    }
    // The caption's words, in their colour, are in the still.
    expect(pink / (info.width * info.height)).toBeGreaterThan(0.002);
    await backend.close();
  }, 120_000);

  it('names the moments there are when the one asked for is not in the letter', async () => {
    const { backend } = await localBackendIn('vl-still-');
    const { projectId } = await backend.upload({ path: PHOTOS[0] as string }, CALL);
    await expect(backend.momentStill(projectId, { file: 'volcano.jpg' })).rejects.toThrow(
      /No photo or clip at "volcano.jpg".*mountains\.jpg/,
    );
    await backend.close();
  });
});
