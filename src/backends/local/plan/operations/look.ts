import { aspectInWords } from '../../../../core/timeline/aspect.js';
import { TextLook } from '../../../../core/timeline/model.js';
import { COLOUR_WORDS, type EditOperation } from '../../../../core/timeline/operations.js';
import type { LetterSettings, TextLooks } from '../../project.js';
import { clamp, findMoment, round2, withMoment, type OperationContext, type OperationResult } from './context.js';
import { THEMES } from './themes.js';
import { planLetter } from '../plan.js';

type Op<K extends EditOperation['op']> = Extract<EditOperation, { op: K }>;

const SIZE_STEP = 0.25;
const PACE_STEP = 0.2;
const LENGTH_STEP = 5;
const FADE_SECONDS = 1.5;

const TARGETS = {
  title: ['title'],
  closing: ['closing'],
  captions: ['captions'],
  all: ['title', 'closing', 'captions'],
} as const;
const TARGET_WORDS = {
  title: 'The title card',
  closing: 'The closing card',
  captions: 'The captions',
  all: 'All words',
};

export function textLook(op: Op<'text_look'>, { settings }: OperationContext): OperationResult {
  const looks: TextLooks = { ...settings.looks };
  for (const target of TARGETS[op.target]) {
    const now = looks[target];
    const size = op.size
      ? round2(
          clamp(op.size.to ?? now.size + (op.size.by ?? SIZE_STEP) * (op.size.change === 'smaller' ? -1 : 1), 0.6, 2.5),
        )
      : now.size;
    const colour = op.colour
      ? (COLOUR_WORDS[op.colour as keyof typeof COLOUR_WORDS] ?? op.colour.toLowerCase())
      : now.colour;
    looks[target] = TextLook.parse({
      ...now,
      size,
      colour,
      ...(op.font && { font: op.font }),
      ...(op.backing && { backing: op.backing }),
    });
  }
  const shown = looks[TARGETS[op.target][0]];
  const parts = [
    op.size && `size ${Math.round(shown.size * 100)}% of usual`,
    op.font && `${op.font} font`,
    op.colour && `colour ${op.colour}`,
    op.backing && `${op.backing} behind the words`,
  ].filter(Boolean);
  return {
    settings: { ...settings, looks },
    sentence: `${TARGET_WORDS[op.target]}: ${parts.join(', ') || 'unchanged'}.`,
  };
}

export function transition(op: Op<'transition'>, ctx: OperationContext): OperationResult {
  const { settings } = ctx;
  if (op.moment === 'all') {
    const moments = Object.fromEntries(
      Object.entries(settings.moments).map(([id, m]) => [id, { ...m, transitionIn: undefined }]),
    );
    return {
      settings: {
        ...settings,
        moments,
        transitions: { style: op.style, seconds: op.seconds ?? settings.transitions.seconds },
      },
      sentence:
        op.style === 'cut'
          ? 'Moments change with a straight cut.'
          : `Moments crossfade over ${op.seconds ?? settings.transitions.seconds} s (shorter between short moments).`,
    };
  }
  const moment = findMoment(op.moment, ctx);
  return {
    settings: withMoment(settings, moment.id, { transitionIn: op.style }),
    sentence: `${moment.fileName} comes in with a ${op.style === 'cut' ? 'straight cut' : 'crossfade'}.`,
  };
}

export function fade(op: Op<'fade'>, { settings }: OperationContext): OperationResult {
  const seconds = op.on ? (op.seconds ?? FADE_SECONDS) : 0;
  const fades = {
    start: op.at === 'end' ? settings.fades.start : seconds,
    end: op.at === 'start' ? settings.fades.end : seconds,
  };
  const where = { start: 'from black at the start', end: 'to black at the end', both: 'from black and back to black' }[
    op.at
  ];
  return {
    settings: { ...settings, fades },
    sentence: op.on
      ? `The letter fades ${where} over ${seconds} s.`
      : `No fade ${where.replace('from black and back to black', 'at either end')}.`,
  };
}

export function theme(op: Op<'theme'>, { settings }: OperationContext): OperationResult {
  if (op.theme === 'none')
    return { settings: { ...settings, theme: null }, sentence: 'Theme taken off; the look stays as it is.' };
  const t = THEMES[op.theme];
  const looks = {
    title: TextLook.parse({ ...settings.looks.title, ...t.cards }),
    closing: TextLook.parse({ ...settings.looks.closing, ...t.cards }),
    captions: TextLook.parse({ ...settings.looks.captions, ...t.captions }),
  };
  const next: LetterSettings = {
    ...settings,
    theme: op.theme,
    looks,
    music: {
      ...settings.music,
      mood: t.mood,
      ...(settings.music.mediaId === undefined || settings.music.mediaId === null ? { mediaId: null } : {}),
    },
    pace: t.pace,
    style: t.style,
    fades: t.fades,
  };
  return { settings: next, sentence: `Dressed for ${op.theme.replace('-', ' ')}: ${t.said}.` };
}

export function aspect(op: Op<'aspect'>, { settings }: OperationContext): OperationResult {
  return { settings: { ...settings, aspect: op.aspect }, sentence: `Aspect set to ${aspectInWords(op.aspect)}.` };
}

export function pace(op: Op<'pace'>, { settings }: OperationContext): OperationResult {
  const value = round2(
    clamp(op.to ?? settings.pace + (op.by ?? PACE_STEP) * (op.change === 'faster' ? -1 : 1), 0.5, 2),
  );
  return {
    settings: { ...settings, pace: value },
    sentence: `Pace set to ${Math.round(value * 100)}% of the usual reading time.`,
  };
}

export function length(op: Op<'length'>, ctx: OperationContext): OperationResult {
  const { settings } = ctx;
  if (op.to === null)
    return { settings: { ...settings, lengthSeconds: null }, sentence: 'Length follows the words and voice again.' };
  const now = settings.lengthSeconds ?? planLetter(settings, ctx.media).duration;
  const to = round2(clamp(op.to ?? now + (op.by ?? LENGTH_STEP) * (op.change === 'shorter' ? -1 : 1), 6, 600));
  return {
    settings: { ...settings, lengthSeconds: to },
    sentence: `Letter length set to about ${to} s (never shorter than its words and voice need).`,
  };
}

export function style(op: Op<'style'>, { settings }: OperationContext): OperationResult {
  return { settings: { ...settings, style: op.style }, sentence: `Look set to ${op.style.replace(/-/g, ' ')}.` };
}

export function textPosition(op: Op<'text_position'>, { settings }: OperationContext): OperationResult {
  return {
    settings: { ...settings, textPosition: op.position },
    sentence: `Captions sit at the ${op.position} of the frame.`,
  };
}
