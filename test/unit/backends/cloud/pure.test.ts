import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readRenderStatus } from '../../../../src/backends/cloud/client/api.js';
import { creeping } from '../../../../src/backends/cloud/orchestration/chat.js';
import { translateGuiReply } from '../../../../src/backends/cloud/translation/gui.js';
import { readCapped } from '../../../../src/backends/cloud/client/body.js';
import { parseEnvelope } from '../../../../src/backends/cloud/client/envelope.js';
import { languageOf } from '../../../../src/backends/cloud/translation/language.js';
import { composeInstruction } from '../../../../src/backends/cloud/translation/message.js';
import { parseMoov, readMp4Info } from '../../../../src/backends/cloud/orchestration/mp4info.js';
import { readAgentEvent, readAgentStream, ReplyText } from '../../../../src/backends/cloud/client/sse.js';
import { describeChanges, draftToTimeline } from '../../../../src/backends/cloud/translation/wire.js';
import { summarizeTimeline } from '../../../../src/core/timeline/summary.js';
import { agentText, DRAFT, smallMp4, sse, tempDir, toolCall, toolResult } from '../../../helpers/cloud/fixtures.js';

describe('ADK events', () => {
  it('reads text, tool calls, tool results, heartbeats and errors', () => {
    expect(readAgentEvent({ data: JSON.stringify(agentText('Hi')) })).toEqual([
      { kind: 'text', text: 'Hi', partial: false },
    ]);
    expect(readAgentEvent({ data: JSON.stringify(toolCall('add_bgm')) })).toEqual([{ kind: 'tool' }]);
    expect(readAgentEvent({ data: JSON.stringify(toolResult('add_bgm')) })).toEqual([{ kind: 'tool' }]);
    expect(readAgentEvent({ data: '' })).toEqual([{ kind: 'heartbeat' }]);
    expect(readAgentEvent({ event: 'heartbeat', data: '{}' })).toEqual([{ kind: 'heartbeat' }]);
    expect(readAgentEvent({ data: '{"errorCode":"2001","errorMessage":"no credits"}' })).toEqual([
      { kind: 'error', code: 2001, message: 'no credits' },
    ]);
    expect(readAgentEvent({ data: '{"code":1002,"message":"session not found","data":null}' })).toEqual([
      { kind: 'error', code: 1002, message: 'session not found' },
    ]);
    expect(
      readAgentEvent({
        data: JSON.stringify({ content: { role: 'model', parts: [{ text: 'hidden', thought: true }] } }),
      }),
    ).toEqual([{ kind: 'heartbeat' }]);
  });

  it('joins partial chunks, and lets the final event replace them', () => {
    const r = new ReplyText();
    r.add({ text: 'Added ', partial: true });
    r.add({ text: 'music.', partial: true });
    r.add({ text: 'Added music.', partial: false });
    r.add({ text: 'Anything else', partial: true });
    r.add({ text: '?', partial: true });
    expect(r.toString()).toBe('Added music.\n\nAnything else?');
  });

  it('reads a stream: text kept, tools internal, heartbeats ignored, "still working" on a timer', async () => {
    const body = sse([
      ': keep-alive\n\n',
      'data:\n\n',
      toolCall('edit'),
      toolResult('edit'),
      agentText('Done: ', true),
      agentText('music added.', true),
      agentText('Done: music added.'),
    ]);
    async function* slow() {
      for (const line of body.split(/(?<=\n\n)/)) {
        await new Promise((r) => setTimeout(r, 30));
        yield Buffer.from(line);
      }
    }
    let ticks = 0;
    const reply = await readAgentStream(slow(), { heartbeatMs: 40, onStillWorking: () => ticks++ });
    expect(reply).toEqual({ text: 'Done: music added.', toolCalls: 2, odd: [] });
    expect(ticks).toBeGreaterThanOrEqual(2);
  });

  it('ends with the LetterError of an error event', async () => {
    await expect(
      readAgentStream(Readable.from([sse([agentText('ok'), { errorCode: 2001, errorMessage: 'no credits' }])]), {
        heartbeatMs: 1000,
        onStillWorking: () => {},
      }),
    ).rejects.toMatchObject({ code: 'no_credits' });
  });
});

describe('progress while the agent works', () => {
  it('always grows and stays under 90%', () => {
    const values = Array.from({ length: 40 }, (_, i) => creeping(i + 1));
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThan(values[i - 1]!);
    expect(values[0]).toBe(18);
    expect(values.at(-1)!).toBeLessThan(90);
  });
});

describe('GUI translation', () => {
  it('turns each GUI row into its API action and drops the GUI sentence', () => {
    const t = translateGuiReply(
      'I added the music. Click the Export button to download your video. You can open the media panel to see files.',
    );
    expect(t).toEqual({
      text: 'I added the music. You can open the media panel to see files.',
      actions: [{ kind: 'export' }],
    });
    expect(translateGuiReply('Open the timeline to check it.').actions).toEqual([{ kind: 'state' }]);
    expect(translateGuiReply('打开时间线看看。').actions).toEqual([{ kind: 'state' }]);
    expect(translateGuiReply('Preview it in the timeline.').actions).toEqual([{ kind: 'summary' }]);
    expect(translateGuiReply('已添加音乐。点击导出按钮。')).toEqual({
      text: '已添加音乐。',
      actions: [{ kind: 'export' }],
    });
    expect(translateGuiReply('All set!')).toEqual({ text: 'All set!', actions: [] });
  });

  it('reads a click by its button: export, credits, state, or the label sent as an edit', () => {
    expect(translateGuiReply('Click [Vertical] to fit a phone.').actions).toEqual([
      { kind: 'edit', instruction: 'Vertical' },
    ]);
    expect(translateGuiReply('Press the Add Music button.').actions).toEqual([
      { kind: 'edit', instruction: 'Add Music' },
    ]);
    expect(translateGuiReply('点击「竖屏」按钮。').actions).toEqual([{ kind: 'edit', instruction: '竖屏' }]);
    expect(translateGuiReply('Click "Download" now.').actions).toEqual([{ kind: 'export' }]);
    expect(translateGuiReply('Click Export to save your letter.').actions).toEqual([{ kind: 'export' }]);
    expect(translateGuiReply('Click [Credits] to see your balance.').actions).toEqual([{ kind: 'credits' }]);
    expect(translateGuiReply('点击「积分」查看。').actions).toEqual([{ kind: 'credits' }]);
    expect(translateGuiReply('Click here for details.').actions).toEqual([{ kind: 'state' }]);
  });

  it('words a drag as the move the person would ask for, and joins several into one edit', () => {
    expect(translateGuiReply('Drag the sunset photo to the start.').actions).toEqual([
      { kind: 'edit', instruction: 'Move the sunset photo to the start.' },
    ]);
    expect(translateGuiReply('请把sunset照片拖拽到开头。').actions).toEqual([
      { kind: 'edit', instruction: '把sunset照片移动到开头。' },
    ]);
    expect(translateGuiReply('Drag the title down. Then drop the music onto the end.').actions).toEqual([
      { kind: 'edit', instruction: 'Move the title down.\nMove the music onto the end.' },
    ]);
    expect(translateGuiReply('The music drops softly at the end.').actions).toEqual([]);
  });
});

describe('GUI translation: hints are shown, only instructions about the letter now are acted on', () => {
  it.each([
    'Tip: you can drag photos to reorder them.',
    'You can drag sunset.png to the start of the timeline.',
    'Pro tip — click Export whenever you are ready.',
    'If you want it vertical, click [Vertical].',
    'Once it is exported, you can download it from the Export panel.',
    'When you are happy, press the Export button.',
    "You'll be able to open the timeline later.",
    'Your letter will be ready to export in a moment.',
    'Note: clicking Export uses no credits.',
    'Tap a photo to see it full size.',
    'Tap Export to save it.',
    'Double-tap the title to edit it.',
    'The music has a gentle tap rhythm and drops softly at the end.',
    'Click [Save] to keep your changes.',
    'Select music to taste.',
    '视频导出后可以发给家人。',
    '提示：可以拖拽照片调整顺序。',
    '你可以把sunset.png拖拽到开头。',
    '如果想要竖屏，点击「竖屏」按钮。',
    '导出完成后就可以下载了。',
    '稍后您可以打开时间线查看。',
    '点击导出，视频会保存到相册。',
    '点击「保存」按钮保存修改。',
  ])('"%s" is shown as it is and asks for nothing', (sentence) => {
    expect(translateGuiReply(sentence)).toEqual({ text: sentence, actions: [] });
  });

  it.each([
    ['Click the Export button to download your letter.', { kind: 'export' }],
    ['Now, open the timeline to check the order.', { kind: 'state' }],
    ['All set: drag sunset.png to the start.', { kind: 'edit', instruction: 'Move sunset.png to the start.' }],
    ['Please preview it in the timeline.', { kind: 'summary' }],
    ['点击导出按钮下载。', { kind: 'export' }],
    ['好了，打开时间线看看。', { kind: 'state' }],
    ['请将sunset.png拖拽到开头。', { kind: 'edit', instruction: '将sunset.png移动到开头。' }],
  ] as const)('"%s" is an instruction: %j', (sentence, action) => {
    expect(translateGuiReply(sentence)).toEqual({ text: '', actions: [action] });
  });
});

describe('draft → Timeline', () => {
  it('decodes t/tt/sg/d/m into the shared model and summary', () => {
    const t = draftToTimeline(DRAFT)!;
    expect(t.aspect).toBe('16:9');
    expect(t.duration).toBe(10);
    expect(t.tracks.map((x) => [x.role, x.name])).toEqual([
      ['video', 'Video'],
      ['music', 'BGM'],
      ['title', 'Title'],
    ]);
    expect(summarizeTimeline(t)).toBe(
      'Timeline (3 tracks): 1. Video: 2 photos (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: "Dear Mom" (0-3s)',
    );
  });

  it('accepts variants: JSON strings, long names, sequential segments, percent volumes, size-derived aspect, voice and clips', () => {
    const draft = JSON.stringify({
      tracks: [
        {
          type: 'video',
          segments: [
            { duration: 4000, url: 'https://x/a/city.mp4' },
            { duration: 2000, m: { name: 'b.png' } },
          ],
        },
        { tt: 1, m: { role: 'voiceover' }, sg: [{ d: 6000, m: { name: 'me.m4a', vol: 80 } }] },
        { tt: 3, sg: [{ d: 1000 }] },
        { tt: 7, m: { role: 'closing' }, sg: [{ st: 5000, d: 1000, m: { text: 'Love, Ann' } }] },
      ],
      m: { w: 1080, h: 1920 },
    });
    const t = draftToTimeline(draft)!;
    expect(t.aspect).toBe('9:16');
    expect(t.duration).toBe(6);
    expect(t.tracks.map((x) => x.role)).toEqual(['video', 'voice', 'closing']);
    expect(t.tracks[0]!.segments.map((s) => [s.start, s.end, s.label, s.kind])).toEqual([
      [0, 4, 'city.mp4', 'clip'],
      [4, 6, 'b.png', 'photo'],
    ]);
    expect(t.tracks[1]!.segments[0]!.volume).toBe(0.8);
    expect(summarizeTimeline(t)).toBe(
      'Timeline (3 tracks): 1. Video: 1 photo + 1 clip (0-6s) 2. Voice: me.m4a (0-6s, 80%) 3. Closing: "Love, Ann" (5-6s)',
    );
  });

  it('returns null for no draft', () => {
    expect(draftToTimeline(null)).toBeNull();
    expect(draftToTimeline('not json')).toBeNull();
  });

  it('describes what changed', () => {
    const before = draftToTimeline({ t: [DRAFT.t[0]], d: 10_000 });
    const after = draftToTimeline({ ...DRAFT, m: { ratio: '9:16' } });
    expect(describeChanges(before, after)).toEqual([
      'Aspect set to 9:16 (vertical).',
      'Added BGM: Lo-fi 0-10s, 35%.',
      'Added Title: "Dear Mom" 0-3s.',
    ]);
    expect(describeChanges(after, after)).toEqual([]);
    expect(describeChanges(after, null)).toEqual(['Removed Video.', 'Removed BGM.', 'Removed Title.']);
  });
});

describe('render status', () => {
  it('reads status, link and progress at the top level or inside data', () => {
    expect(
      readRenderStatus(parseEnvelope('{"code":0,"data":{"status":"completed","output":{"url":"https://x/v.mp4"}}}')!),
    ).toEqual({ status: 'completed', progress: null, url: 'https://x/v.mp4', error: undefined });
    expect(readRenderStatus(parseEnvelope('{"status":"processing","progress":40}')!)).toMatchObject({
      status: 'running',
      progress: 0.4,
    });
    expect(readRenderStatus(parseEnvelope('{"code":0,"data":{"status":"failed","error":"bad draft"}}')!)).toMatchObject(
      { status: 'failed', error: 'bad draft' },
    );
  });
});

describe('instruction', () => {
  it('sends every structured field, and an empty title or closing as "remove it"', () => {
    const text = composeInstruction(
      {
        instruction: 'Make it gentle',
        title: '',
        closing: '',
        voice: false,
        pace: 1.25,
        lengthSeconds: 45,
        style: 'vintage',
        textPosition: 'center',
        clips: { maxSeconds: 8, volume: 0 },
      },
      undefined,
      (id) => id,
    );
    expect(text.split('\n')).toEqual([
      'Make it gentle',
      'No title card.',
      'No closing card.',
      'Leave my voice recording out.',
      'Reading pace 1.25x: each line stays longer on screen (about 144 words a minute).',
      'Make the letter 45 seconds long.',
      'Colour look: vintage.',
      'Put the message text at the centre of the frame.',
      'Play each video clip for at most 8 seconds.',
      "Mute the clips' own sound.",
    ]);
    expect(
      composeInstruction({ voice: true, lengthSeconds: null, clips: { volume: 0.5 } }, undefined, (id) => id)
        .split('\n')
        .slice(1),
    ).toEqual([
      'Play my voice recording in the letter.',
      'Let the text and voice decide the length.',
      "Clips' own sound at 50% volume.",
    ]);
  });

  it('turns the structured request into plain sentences, ids into file names', () => {
    const text = composeInstruction(
      { title: 'Dear Mom', photoOrder: ['f2', 'f1'], music: { volume: 0.35, mood: 'warm' }, aspect: '9:16' },
      'Happy birthday!',
      (id) => ({ f1: 'mom.jpg', f2: 'dad.jpg' })[id] ?? id,
    );
    expect(text).toBe(
      'Turn my written message and photos into a heartfelt video letter with background music.\nThe letter\'s message: "Happy birthday!"\nTitle card: "Dear Mom"\nShow the photos in this order: dad.jpg, mom.jpg.\nBackground music, warm mood at 35% volume.\nAspect ratio 9:16 (vertical).',
    );
  });
});

describe('reading what the service sends, within bounds', () => {
  const box = (type: string, body: Buffer, size = body.length + 8) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(size, 0);
    head.write(type, 4, 'latin1');
    return Buffer.concat([head, body]);
  };
  const file = (bytes: Buffer) => {
    const f = path.join(tempDir(), 'x.mp4');
    writeFileSync(f, bytes);
    return f;
  };
  const ftyp = box('ftyp', Buffer.from('isom\0\0\0\0isom'));

  it('reads a real MP4', async () => {
    expect(await readMp4Info(file(await smallMp4()))).toMatchObject({ width: 320, height: 240 });
  });

  it('refuses boxes that claim more than the file holds, before allocating', async () => {
    // 32-bit size of almost 4 GB; a 64-bit size of 2^60; a box past the end after a real one.
    expect(await readMp4Info(file(Buffer.concat([ftyp, box('moov', Buffer.alloc(16), 0xfffffff0)])))).toBeNull();
    const huge = Buffer.alloc(16);
    huge.writeUInt32BE(1, 0);
    huge.write('moov', 4, 'latin1');
    huge.writeBigUInt64BE(2n ** 60n, 8);
    expect(await readMp4Info(file(Buffer.concat([ftyp, huge])))).toBeNull();
    expect(await readMp4Info(file(Buffer.concat([ftyp, box('free', Buffer.alloc(4), 4000)])))).toBeNull();
  });

  it('skips an mvhd or tkhd too short for its fields instead of reading past it', () => {
    expect(parseMoov(box('mvhd', Buffer.alloc(10)))).toBeNull();
    expect(
      parseMoov(Buffer.concat([box('mvhd', Buffer.alloc(100)), box('trak', box('tkhd', Buffer.alloc(4)))])),
    ).toBeNull();
  });

  it('stops an SSE line that never ends at 1 MB', async () => {
    async function* endless() {
      yield 'data: {"content":"';
      for (;;) yield 'x'.repeat(64 * 1024);
    }
    await expect(readAgentStream(endless(), { heartbeatMs: 1000, onStillWorking: () => {} })).rejects.toMatchObject({
      code: 'cloud_error',
      message: expect.stringMatching(/more than 1 MB/),
    });
  });

  it('keeps long SSE streams of short lines, and at most 20,000 characters of reply', async () => {
    const chunks = Array.from({ length: 2000 }, () => sse([agentText('y'.repeat(100), true)]));
    const reply = await readAgentStream(Readable.from(chunks), { heartbeatMs: 1000, onStillWorking: () => {} });
    expect(reply.text.length).toBe(20_000);
  });

  it('reads a body up to its bound: refused past it, or cut for an error body', async () => {
    const body = () => Readable.from([Buffer.alloc(600, 97), Buffer.alloc(600, 97)]);
    expect(await readCapped(body(), 2000)).toBe('a'.repeat(1200));
    await expect(readCapped(body(), 1000)).rejects.toMatchObject({ code: 'cloud_error' });
    expect(await readCapped(body(), 1000, 'truncate')).toBe('a'.repeat(1000));
  });
});

describe("the person's language", () => {
  it('comes from the script of their words, English for Latin letters, nothing for no letters', () => {
    expect(languageOf('给妈妈做一封视频信')).toBe('zh');
    expect(languageOf('おばあちゃんへ')).toBe('ja');
    expect(languageOf('할머니께')).toBe('ko');
    expect(languageOf('Dear Grandma')).toBe('en');
    expect(languageOf('2024-05-01.jpg')).toBe('en');
    expect(languageOf('1234 !!')).toBeUndefined();
    expect(languageOf(undefined)).toBeUndefined();
  });
});
