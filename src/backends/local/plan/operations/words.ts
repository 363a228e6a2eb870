import type { EditOperation } from '../../../../core/timeline/operations.js';
import type { LetterSettings } from '../../project.js';
import { captionsFrom } from '../captions-source.js';
import {
  findLine,
  findMoment,
  messageLines,
  refuse,
  withMoment,
  type OperationContext,
  type OperationResult,
} from './context.js';

type Op<K extends EditOperation['op']> = Extract<EditOperation, { op: K }>;

/** The message rewritten as one line per row, which splits back into exactly these lines. */
function withLines(settings: LetterSettings, lines: string[]): LetterSettings {
  return { ...settings, message: lines.join('\n') };
}

export function setTitle(op: Op<'title'>, { settings }: OperationContext): OperationResult {
  const text = op.text.trim();
  return {
    settings: { ...settings, title: text },
    sentence: text ? `Title set to "${text}".` : 'Title removed.',
  };
}

export function setClosing(op: Op<'closing'>, { settings }: OperationContext): OperationResult {
  const text = op.text.trim();
  return {
    settings: { ...settings, closing: text },
    sentence: text ? `Closing card set to "${text}".` : 'Closing card removed.',
  };
}

export function setMessage(op: Op<'message'>, { settings }: OperationContext): OperationResult {
  const text = op.text.trim();
  // Pins follow their words: a line that is no longer in the message has nothing to pin.
  const kept = new Set(messageLines({ ...settings, message: text }));
  return {
    settings: { ...settings, message: text, pins: settings.pins.filter((p) => kept.has(p.line)) },
    sentence: text ? `Message set (${kept.size} line${kept.size === 1 ? '' : 's'}).` : 'Message removed.',
  };
}

export function replaceLine(op: Op<'replace_line'>, { settings }: OperationContext): OperationResult {
  const index = findLine(op.line, settings);
  const lines = messageLines(settings);
  const old = lines[index] as string;
  const text = op.text.trim();
  lines[index] = text;
  const pins = settings.pins.map((p) => (p.line === old ? { ...p, line: text } : p));
  return {
    settings: { ...withLines(settings, lines), pins },
    sentence: `Line ${index + 1} "${old}" now reads "${text}".`,
  };
}

export function addLine(op: Op<'add_line'>, { settings }: OperationContext): OperationResult {
  const lines = messageLines(settings);
  const at = op.at === 'end' ? lines.length : op.at === 'start' ? 0 : Math.min(op.at - 1, lines.length);
  const text = op.text.trim();
  lines.splice(at, 0, text);
  return { settings: withLines(settings, lines), sentence: `Line ${at + 1} added: "${text}".` };
}

export function removeLine(op: Op<'remove_line'>, { settings }: OperationContext): OperationResult {
  const index = findLine(op.line, settings);
  const lines = messageLines(settings);
  const [old] = lines.splice(index, 1);
  return {
    settings: { ...withLines(settings, lines), pins: settings.pins.filter((p) => p.line !== old) },
    sentence: `Line ${index + 1} "${old}" removed from the message.`,
  };
}

export function pinLine(op: Op<'pin_line'>, ctx: OperationContext): OperationResult {
  const { settings } = ctx;
  const line = messageLines(settings)[findLine(op.line, settings)] as string;
  const others = settings.pins.filter((p) => p.line !== line);
  if (!op.moment)
    return { settings: { ...settings, pins: others }, sentence: `"${line}" is paced with the other lines again.` };
  const moment = findMoment(op.moment, ctx);
  return {
    settings: { ...settings, pins: [...others, { line, mediaId: moment.id }] },
    sentence: `"${line}" shows while ${moment.fileName} is on screen.`,
  };
}

export function caption(op: Op<'caption'>, ctx: OperationContext): OperationResult {
  const moment = findMoment(op.moment, ctx);
  const text = op.text.trim();
  return {
    settings: withMoment(ctx.settings, moment.id, { caption: text || undefined }),
    sentence: text
      ? `${moment.fileName} shows "${text}" while it is on screen.`
      : `Caption removed from ${moment.fileName}.`,
  };
}

export function captionsSource(op: Op<'captions_source'>, { settings, media }: OperationContext): OperationResult {
  const chosen = captionsFrom(op.from, settings, media);
  // captionsFrom answers a sentence without changing anything when there is nothing to take captions from.
  if (chosen.settings === settings && settings.captions !== op.from) refuse(chosen.change);
  return { settings: chosen.settings, sentence: chosen.change };
}

export function narration(op: Op<'narration'>, { settings }: OperationContext): OperationResult {
  return {
    settings: { ...settings, narration: op.on },
    sentence: op.on
      ? 'The message is read aloud by a synthesized voice, each line while it is on screen.'
      : 'The message is no longer read aloud.',
  };
}
