import { describe, expect, it } from 'vitest';
import { routeIntent } from '../../src/intent/route.js';

describe('routeIntent', () => {
  it.each([
    ['export the video', 'export'], ['导出', 'export'], ['download it', 'export'], ['send me the video', 'export'],
    ['how many credits do I have', 'credits'], ['积分', 'credits'], ['balance?', 'credits'], ['余额', 'credits'],
    ['status', 'state'], ['状态', 'state'], ['show tracks', 'state'],
    ['upload this', 'upload'], ['上传', 'upload'],
    ['make it warmer', 'edit'], ['add background music', 'edit'],
  ])('"%s" → %s', (request, intent) => {
    expect(routeIntent(request, false)).toBe(intent);
  });

  it('treats attached files as an upload', () => {
    expect(routeIntent('here are the photos', true)).toBe('upload');
  });
});
