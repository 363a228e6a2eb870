import { describe, expect, it } from 'vitest';
import { PART_OUTPUT, partHere, partJobId, PartOrder, partOrder } from '../../../../src/hosting/farm/part-order.js';

const home = '/srv/letters';
const cache = `${home}/people/anna/projects/p_1/cache`;
const file = `${cache}/parts/1920x1080-final-0123456789abcdef0123.mp4`;
const args = [
  '-i',
  `${cache}/photos/beach.png`,
  '-i',
  '/opt/video-letter-mcp/assets/grain.png',
  '-filter_complex',
  '[0:v]scale=1920:1080[video]',
  '-threads',
  '1',
  PART_OUTPUT,
];

describe('a letter part shared with other workers', () => {
  it('names every file in the shared folder relative to it, and keeps the rest as they are', () => {
    const order = partOrder(home, 'r_abc', file, args, 4);

    expect(order).toEqual({
      letterJobId: 'r_abc',
      file: { home: 'people/anna/projects/p_1/cache/parts/1920x1080-final-0123456789abcdef0123.mp4' },
      // The photo named in the shared folder, the program's own file and the rest as they were.
      args: ['-i', { home: 'people/anna/projects/p_1/cache/photos/beach.png' }, ...args.slice(2)],
      seconds: 4,
    });
  });

  it('is rendered by a worker that mounts the shared folder elsewhere, from its own files, into its own temp file', () => {
    const order = PartOrder.parse(JSON.parse(JSON.stringify(partOrder(home, 'r_abc', file, args, 4))));
    const here = partHere('/mnt/letters', order);

    expect(here.file).toBe(
      '/mnt/letters/people/anna/projects/p_1/cache/parts/1920x1080-final-0123456789abcdef0123.mp4',
    );
    const partial = '/mnt/letters/people/anna/projects/p_1/cache/parts/.part.tmp';
    expect(here.argsFor(partial)).toEqual([
      '-i',
      '/mnt/letters/people/anna/projects/p_1/cache/photos/beach.png',
      ...args.slice(2, -1),
      partial,
    ]);
  });

  it('comes back to the same files on a worker with the same mount', () => {
    const here = partHere(home, partOrder(home, 'r_abc', file, args, 4));

    expect(here.file).toBe(file);
    expect(here.argsFor(PART_OUTPUT)).toEqual(args);
  });

  it('cannot be shared when its file is outside the shared folder, where no other worker could write it', () => {
    expect(() => partOrder(home, 'r_abc', '/tmp/part.mp4', args, 4)).toThrow(/inside VIDEO_LETTER_HOME/);
    expect(() => partOrder(home, 'r_abc', '/srv/letters-old/part.mp4', args, 4)).toThrow(/inside VIDEO_LETTER_HOME/);
  });

  it("has a job id made of its letter's job and its file, without the ':' BullMQ refuses", () => {
    const id = partJobId('r_abc', file);

    expect(id).toBe('r_abc-1920x1080-final-0123456789abcdef0123');
    expect(partJobId('r_abc', file)).toBe(id);
    expect(partJobId('r_def', file)).not.toBe(id);
  });
});
