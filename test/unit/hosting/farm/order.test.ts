import { describe, expect, it } from 'vitest';
import { orderJobId, RenderOrder } from '../../../../src/hosting/farm/order.js';

const order: RenderOrder = {
  home: 'people/anna',
  outputDir: 'people/anna/exports',
  projectId: 'p_abcdefghij',
  key: 'k1',
  quality: 'final',
};

describe('the job id of a render on the shared queue', () => {
  it('is the same for the same letter at the same render key, so a second export attaches', () => {
    expect(orderJobId({ ...order })).toBe(orderJobId(order));
    expect(orderJobId(order)).toMatch(/^r_[0-9a-f]{12}$/);
  });

  it("differs when the letter changed, or it is another person's", () => {
    expect(orderJobId({ ...order, key: 'k2' })).not.toBe(orderJobId(order));
    expect(orderJobId({ ...order, home: 'people/ben' })).not.toBe(orderJobId(order));
  });

  it('travels as plain JSON and is read back the same', () => {
    expect(RenderOrder.parse(JSON.parse(JSON.stringify(order)))).toEqual(order);
  });
});
