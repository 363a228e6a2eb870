import { describe, expect, it } from 'vitest';
import { routeRequest, type Intent } from '../../../../src/core/intent/route.js';

const intents = (request: string, hasAttachments = false): Intent[] =>
  routeRequest(request, hasAttachments).map((s) => s.intent);

describe('routeRequest: the requests people make by name', () => {
  it.each([
    ['export the video', 'export'],
    ['导出', 'export'],
    ['download it', 'export'],
    ['send me the video', 'export'],
    ['Please render it', 'export'],
    ['can you export a preview?', 'export'],
    ['把视频导出来', 'export'],
    ['发给我视频', 'export'],
    ['how many credits do I have', 'credits'],
    ['积分', 'credits'],
    ['balance?', 'credits'],
    ['余额', 'credits'],
    ['我还有多少积分', 'credits'],
    ['status', 'state'],
    ['show me the storyboard', 'state'],
    ['看看分镜', 'state'],
    ['is it ready?', 'state'],
    ['好了吗', 'state'],
    ['状态', 'state'],
    ['show tracks', 'state'],
    ['Is the video ready yet?', 'state'],
    ['渲染好了吗？', 'state'],
    ['what does the timeline look like?', 'state'],
    ['cancel the export', 'cancel'],
    ['取消导出', 'cancel'],
    ['stop rendering', 'cancel'],
    ['停止渲染', 'cancel'],
    ['upload this', 'upload'],
    ['上传', 'upload'],
    ['make it warmer', 'edit'],
    ['add background music', 'edit'],
    ['竖屏', 'edit'],
  ])('"%s" → %s', (request, intent) => {
    expect(intents(request)).toEqual([intent]);
  });
});

describe('routeRequest: an export that names its quality or format is still an export', () => {
  it.each([
    'export 1080p MP4',
    'Export 1080p mp4 please',
    'export it as an MP4',
    'export the video in 1080p',
    'download it in 1080p',
    'download the video as a 1080p mp4',
    'render it in full HD',
    'send me the video in 1080p',
    'export a preview in 720p',
    '导出1080p',
    '导出 1080p MP4',
    '导出高清视频',
    '下载1080p的视频',
    '把视频导出成1080p',
    '请帮我导出1080p',
  ])('"%s" → export', (request) => {
    expect(intents(request)).toEqual(['export']);
  });

  it.each([
    ['make it 1080p and export it', ['edit', 'export']],
    ['render the title in gold', ['edit']],
    ['export quality does not matter, just make it square', ['edit']],
    ["don't export it in 1080p yet", ['edit']],
  ] as const)('"%s" → %j', (request, expected) => {
    expect(intents(request)).toEqual(expected);
  });
});

describe('routeRequest: a keyword inside an edit does not change what is asked', () => {
  it.each([
    'stop the music at the end of the video',
    'make the timeline shorter',
    'render the title in gold',
    'put the video clip after the second photo',
    "add end credits with everyone's names",
    'balance the music against my voice',
    'show the title over the first photo',
    'change the status line to say Happy Birthday',
    'cancel the music',
    'make the video vertical',
    'render the whole clip',
    'make the render look vintage',
    'stop rendering the captions in the middle',
    'send me a sad song instead of the music',
    'move download.jpg to the front',
    'use the uploaded song as the music',
    'export quality does not matter, just make it square',
    '把时间线缩短一点',
    '把标题渲染成金色',
    '视频结尾停掉音乐',
    '取消背景音乐',
    '把导出的视频改成竖屏',
    '在视频开头加上标题',
    '状态栏的文字改成生日快乐',
    '把上传的歌当背景音乐',
    '下载的那张照片放到最前面',
    '视频静音',
    'title "Send me the video, Grandma"',
    'roll the credits at the end',
  ])('"%s" is an edit', (request) => {
    expect(intents(request)).toEqual(['edit']);
  });

  it('passes the whole sentence to the edit, joining words and all', () => {
    expect(routeRequest('swap photos 1 and 2', false)).toEqual([{ intent: 'edit', text: 'swap photos 1 and 2' }]);
    expect(routeRequest('再慢一点', false)).toEqual([{ intent: 'edit', text: '再慢一点' }]);
  });
});

describe('routeRequest: negation and ambiguity go to the safe side', () => {
  it.each([
    ["don't export yet", ['edit']],
    ['先别导出', ['edit']],
    ["don't cancel the export", ['edit']],
    ['不要取消导出', ['edit']],
    ['the video', ['edit']],
    ['what about the render?', ['edit']],
    ['cancel it', ['edit']],
  ] as const)('"%s" → %j, never cancel or export', (request, expected) => {
    expect(intents(request)).toEqual(expected);
  });

  it('drops a negated export and keeps the edit beside it', () => {
    expect(routeRequest("don't export yet, make the music quieter", false)).toEqual([
      { intent: 'edit', text: 'make the music quieter' },
    ]);
  });
});

describe('routeRequest: several requests in one sentence', () => {
  it('edits before it exports, each with its own words', () => {
    expect(routeRequest('make it vertical and send me the video', false)).toEqual([
      { intent: 'edit', text: 'make it vertical' },
      { intent: 'export', text: 'send me the video' },
    ]);
  });

  it('keeps words without a verb of their own inside the edit they follow', () => {
    expect(routeRequest('swap photos 1 and 2, then export it', false)).toEqual([
      { intent: 'edit', text: 'swap photos 1 and 2' },
      { intent: 'export', text: 'export it' },
    ]);
  });

  it('never cuts quoted text into requests', () => {
    expect(routeRequest('sign it "Love, Anna", then download it', false)).toEqual([
      { intent: 'edit', text: 'sign it "Love, Anna"' },
      { intent: 'export', text: 'download it' },
    ]);
  });

  it('reads Chinese clauses the same way', () => {
    expect(intents('音乐小一点，然后导出')).toEqual(['edit', 'export']);
  });
});

describe('routeRequest: attached files are stored first', () => {
  it('uploads, then exports, when files come with "send me the video"', () => {
    expect(intents('Here are the photos for Grandma, please send me the video', true)).toEqual(['upload', 'export']);
  });

  it('uploads, then edits, when files come with an edit', () => {
    expect(intents('make it vertical', true)).toEqual(['upload', 'edit']);
  });

  it('only uploads when the sentence is about the files', () => {
    expect(intents('here are the photos', true)).toEqual(['upload']);
    expect(intents('这些是奶奶的照片', true)).toEqual(['upload']);
  });

  it('asks for files when told to upload without any', () => {
    expect(intents('upload these photos', false)).toEqual(['upload']);
  });
});
