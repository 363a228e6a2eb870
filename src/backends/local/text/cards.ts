import type { SKRSContext2D } from '@napi-rs/canvas';
import { loadCanvas } from '../../../libraries.js';
import { TextLook, type FontName, type TextPosition } from '../../../core/timeline/model.js';
import { HAND, SANS, SANS_BOLD, SANS_ITALIC, fontList, loadFonts, textDirection } from './fonts.js';

/** The face each font name draws with. */
const FACES: Record<FontName, string> = { handwriting: HAND, plain: SANS, bold: SANS_BOLD, italic: SANS_ITALIC };
/** Inter's letters are wider than Caveat's: the same size in Inter reads a fifth larger. */
const FACE_SCALE: Record<FontName, number> = { handwriting: 1, plain: 0.8, bold: 0.78, italic: 0.8 };
const USUAL_LOOK = TextLook.parse({});

export interface Overlay {
  png: Buffer;
  /** Where the overlay's top-left corner goes in the frame. */
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Text keeps inside the middle 86% of the frame's width (title-safe area), whatever the aspect. */
export const SAFE = 0.86;

/**
 * Space kept clear at the top and bottom of the frame. Vertical video keeps well clear of the
 * app's own controls and captions (stories and reels draw over the bottom sixth and the top tenth).
 */
export function verticalMargins(width: number, height: number): { top: number; bottom: number } {
  return height > width ? { top: height * 0.12, bottom: height * 0.16 } : { top: height * 0.07, bottom: height * 0.07 };
}

const CJK_CHAR = '\\u3040-\\u30ff\\u3400-\\u9fff\\uf900-\\ufaff\\uac00-\\ud7af\\uff00-\\uffef\\u3000-\\u303f';
/** Punctuation that may not start a row (Chinese and Japanese line-breaking rules): it stays with the character before it. */
const NO_ROW_START = '、。，．！？：；」』）〕】〉》ー～…\\u3063\\u30c3';
const TOKENS = new RegExp(`[${CJK_CHAR}][${NO_ROW_START}]*|[^\\s${CJK_CHAR}]+|\\s+`, 'gu');

/** Breaks text into rows that fit `maxWidth`: at spaces for most scripts, between characters in CJK runs. */
export function wrapText(ctx: SKRSContext2D, text: string, maxWidth: number): string[] {
  const rows: string[] = [];
  for (const paragraph of text.split('\n')) {
    const tokens = paragraph.match(TOKENS) ?? [];
    let row = '';
    for (const token of tokens) {
      const candidate = row + token;
      if (row.trim() && ctx.measureText(candidate.trimEnd()).width > maxWidth) {
        rows.push(row.trim());
        row = token.trimStart();
      } else {
        row = candidate;
      }
    }
    if (row.trim()) rows.push(row.trim());
  }
  return rows;
}

/**
 * Centred rows in the look's colour with a soft shadow, which keeps them readable on a bright
 * photo; with an outline, each letter also gets a dark edge.
 */
function drawRows(
  ctx: SKRSContext2D,
  rows: string[],
  cx: number,
  top: number,
  lineHeight: number,
  look: TextLook = USUAL_LOOK,
): void {
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  rows.forEach((row, i) => {
    const y = top + lineHeight * (i + 0.5);
    ctx.direction = textDirection(row);
    ctx.shadowColor = look.backing === 'shadow' ? 'rgba(0,0,0,0.85)' : 'rgba(0,0,0,0.6)';
    ctx.shadowBlur = lineHeight * (look.backing === 'shadow' ? 0.3 : 0.2);
    ctx.shadowOffsetY = lineHeight * 0.03;
    if (look.backing === 'outline') {
      ctx.strokeStyle = 'rgba(0,0,0,0.9)';
      ctx.lineWidth = Math.max(2, lineHeight * 0.09);
      ctx.lineJoin = 'round';
      ctx.strokeText(row, cx, y);
      ctx.shadowColor = 'transparent';
    }
    ctx.fillStyle = look.colour;
    ctx.fillText(row, cx, y);
  });
  ctx.shadowColor = 'transparent';
}

function fitRows(ctx: SKRSContext2D, text: string, family: string, px: number, maxWidth: number, maxRows: number) {
  let size = px;
  for (;;) {
    ctx.font = fontList(family, size);
    const rows = wrapText(ctx, text, maxWidth);
    const widest = Math.max(0, ...rows.map((r) => ctx.measureText(r).width));
    // One unbreakable word wider than the safe area shrinks too, so nothing runs off the frame.
    if ((rows.length <= maxRows && widest <= maxWidth) || size < px * 0.4)
      return { rows: balanced(ctx, text, rows, maxWidth), size };
    size *= 0.9;
  }
}

/** Narrows the rows while their number stays the same, so a caption never ends on one orphaned word. */
function balanced(ctx: SKRSContext2D, text: string, rows: string[], maxWidth: number): string[] {
  let best = rows;
  for (let width = maxWidth * 0.95; rows.length > 1 && width > maxWidth * 0.4; width *= 0.95) {
    const narrower = wrapText(ctx, text, width);
    if (narrower.length !== rows.length) break;
    best = narrower;
  }
  return best;
}

/** A vertical band of shade, clear at its ends, densest at `peak`, so there is no hard edge on the photo. */
function shadeBand(
  ctx: SKRSContext2D,
  top: number,
  bottom: number,
  width: number,
  peak: number,
  ramp: 'both' | 'down' | 'up',
): void {
  const band = ctx.createLinearGradient(0, top, 0, bottom);
  const clear = 'rgba(0,0,0,0)';
  const shade = `rgba(0,0,0,${peak})`;
  band.addColorStop(0, ramp === 'up' ? shade : clear);
  band.addColorStop(ramp === 'down' ? 0.4 : 0.3, shade);
  band.addColorStop(ramp === 'up' ? 0.6 : 0.7, shade);
  band.addColorStop(1, ramp === 'down' ? shade : clear);
  ctx.fillStyle = band;
  ctx.fillRect(0, top, width, bottom - top);
}

/** Text centred in a full-frame card over a soft band; shared by the title and closing cards. */
async function centredCard(
  text: string,
  width: number,
  height: number,
  card: { size: number; leading: number; maxRows: number; band: number; dim?: string },
  look: TextLook = USUAL_LOOK,
): Promise<Overlay> {
  await loadFonts(text);
  const { createCanvas } = await loadCanvas();
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (card.dim) {
    ctx.fillStyle = card.dim;
    ctx.fillRect(0, 0, width, height);
  }
  const px = Math.min(width, height) * card.size * look.size * FACE_SCALE[look.font];
  const { rows, size } = fitRows(ctx, text, FACES[look.font], px, width * SAFE, card.maxRows);
  const lineHeight = size * card.leading;
  const block = rows.length * lineHeight;
  if (look.backing === 'band') shadeBand(ctx, height / 2 - block, height / 2 + block, width, card.band, 'both');
  drawRows(ctx, rows, width / 2, height / 2 - block / 2, lineHeight, look);
  return { png: await canvas.encode('png'), x: 0, y: 0, width, height };
}

/** A title over the first photo: large handwriting across a soft dark band in the middle. */
export function titleCard(text: string, width: number, height: number, look?: TextLook): Promise<Overlay> {
  return centredCard(text, width, height, { size: 0.13, leading: 1.15, maxRows: 3, band: 0.4 }, look);
}

/**
 * One line of the message on a gentle scrim sized to the text: above the bottom safe margin,
 * below the top one, or in the middle of the frame. At the bottom or the top the scrim runs on to
 * that edge of the frame: ending at the safe margin, it drew a hard line across the photo.
 */
export async function messageCaption(
  text: string,
  width: number,
  height: number,
  position: TextPosition = 'bottom',
  look: TextLook = USUAL_LOOK,
): Promise<Overlay> {
  await loadFonts(text);
  const { createCanvas } = await loadCanvas();
  const probe = createCanvas(8, 8).getContext('2d');
  const short = Math.min(width, height);
  const face = FACES[look.font];
  const { rows, size } = fitRows(probe, text, face, short * 0.072 * look.size * FACE_SCALE[look.font], width * SAFE, 3);
  const lineHeight = size * 1.2;
  const pad = Math.round(size * 0.7);
  const boxHeight = Math.ceil(rows.length * lineHeight + pad * 2);
  const margin = verticalMargins(width, height);
  const boxTop = Math.round(
    position === 'top'
      ? margin.top
      : position === 'center'
        ? (height - boxHeight) / 2
        : height - margin.bottom - boxHeight,
  );
  const top = position === 'top' ? 0 : boxTop;
  const bottom = position === 'bottom' ? height : boxTop + boxHeight;
  const canvas = createCanvas(width, bottom - top);
  const ctx = canvas.getContext('2d');
  ctx.font = fontList(face, size);
  if (look.backing === 'band')
    shadeBand(ctx, 0, bottom - top, width, 0.4, position === 'bottom' ? 'down' : position === 'top' ? 'up' : 'both');
  drawRows(ctx, rows, width / 2, boxTop - top + pad, lineHeight, look);
  return { png: await canvas.encode('png'), x: 0, y: top, width, height: bottom - top };
}

/**
 * The closing card: the last photo dims and the signature appears in the middle, on a darker band
 * so the handwriting stands out however bright the photo is.
 */
export function closingCard(text: string, width: number, height: number, look?: TextLook): Promise<Overlay> {
  return centredCard(
    text,
    width,
    height,
    { size: 0.1, leading: 1.2, maxRows: 4, band: 0.35, dim: 'rgba(20,14,10,0.55)' },
    look,
  );
}
