import { describe, expect, it } from 'vitest';
import { routeIntent } from '../../src/intent/route.js';

describe('routeIntent', () => {
  it.each([
    ['export the video', 'export'], ['导出', 'export'], ['download it', 'export'], ['send me the video', 'export'],
    ['how many credits do I have', 'credits'], ['积分', 'credits'], ['balance?', 'credits'], ['余额', 'credits'],
    ['status', 'state'], ['show me the storyboard', 'state'], ['看看分镜', 'state'], ['is it ready?', 'state'], ['好了吗', 'state'], ['状态', 'state'], ['show tracks', 'state'],
    ['cancel the export', 'cancel'], ['取消导出', 'cancel'], ['upload this', 'upload'], ['上传', 'upload'],
    ['make it warmer', 'edit'], ['add background music', 'edit'],
  ])('"%s" → %s', (request, intent) => {
    expect(routeIntent(request, false)).toBe(intent);
  });

  it('treats attached files as an upload', () => {
    expect(routeIntent('here are the photos', true)).toBe('upload');
  });
});
