import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { HAND, fontList, loadFonts } from './fonts.js';

export interface Overlay {
  png: Buffer;
  /** Where the overlay's top-left corner goes in the frame. */
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Text keeps inside the middle 86% of the frame (title-safe area), whatever the aspect. */
const SAFE = 0.86;

/** Breaks text into rows that fit `maxWidth`: at spaces for most scripts, anywhere in CJK runs. */
export function wrapText(ctx: SKRSContext2D, text: string, maxWidth: number): string[] {
  const rows: string[] = [];
  for (const paragraph of text.split('\n')) {
    const tokens = paragraph.match(/[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]|[^\s\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]+|\s+/gu) ?? [];
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

function drawRows(ctx: SKRSContext2D, rows: string[], cx: number, top: number, lineHeight: number): void {
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  rows.forEach((row, i) => {
    const y = top + lineHeight * (i + 0.5);
    // A soft shadow keeps light text readable on a bright photo.
    ctx.shadowColor = 'rgba(0,0,0,0.55)';
    ctx.shadowBlur = lineHeight * 0.18;
    ctx.shadowOffsetY = lineHeight * 0.03;
    ctx.fillStyle = '#fffaf0';
    ctx.fillText(row, cx, y);
  });
  ctx.shadowColor = 'transparent';
}

function fitRows(ctx: SKRSContext2D, text: string, family: string, px: number, maxWidth: number, maxRows: number) {
  let size = px;
  for (;;) {
    ctx.font = fontList(family, size);
    const rows = wrapText(ctx, text, maxWidth);
    if (rows.length <= maxRows || size < px * 0.5) return { rows, size };
    size *= 0.9;
  }
}

/** A title over the first photo: large handwriting across a soft dark band in the middle. */
export async function titleCard(text: string, width: number, height: number): Promise<Overlay> {
  await loadFonts();
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const short = Math.min(width, height);
  const { rows, size } = fitRows(ctx, text, HAND, short * 0.13, width * SAFE, 3);
  const lineHeight = size * 1.15;
  const block = rows.length * lineHeight;
  const band = ctx.createLinearGradient(0, height / 2 - block, 0, height / 2 + block);
  band.addColorStop(0, 'rgba(0,0,0,0)');
  band.addColorStop(0.5, 'rgba(0,0,0,0.38)');
  band.addColorStop(1, 'rgba(0,0,0,0)');
  ctx.fillStyle = band;
  ctx.fillRect(0, height / 2 - block, width, block * 2);
  drawRows(ctx, rows, width / 2, height / 2 - block / 2, lineHeight);
  return { png: await canvas.encode('png'), x: 0, y: 0, width, height };
}

/** One line of the message in the lower part of the frame, on a gentle scrim sized to the text. */
export async function messageCaption(text: string, width: number, height: number): Promise<Overlay> {
  await loadFonts();
  const probe = createCanvas(8, 8).getContext('2d');
  const short = Math.min(width, height);
  const { rows, size } = fitRows(probe, text, HAND, short * 0.072, width * SAFE, 3);
  const lineHeight = size * 1.2;
  const pad = Math.round(size * 0.6);
  const boxHeight = Math.ceil(rows.length * lineHeight + pad * 2);
  const canvas = createCanvas(width, boxHeight);
  const ctx = canvas.getContext('2d');
  ctx.font = fontList(HAND, size);
  const scrim = ctx.createLinearGradient(0, 0, 0, boxHeight);
  scrim.addColorStop(0, 'rgba(0,0,0,0)');
  scrim.addColorStop(0.35, 'rgba(0,0,0,0.32)');
  scrim.addColorStop(1, 'rgba(0,0,0,0.32)');
  ctx.fillStyle = scrim;
  ctx.fillRect(0, 0, width, boxHeight);
  drawRows(ctx, rows, width / 2, pad, lineHeight);
  // Sit the caption above the bottom safe margin (vertical video keeps clear of app controls).
  const margin = height * (height > width ? 0.16 : 0.07);
  const y = Math.round(height - margin - boxHeight);
  return { png: await canvas.encode('png'), x: 0, y, width, height: boxHeight };
}

/** The closing card: the last photo dims and the signature appears in the middle. */
export async function closingCard(text: string, width: number, height: number): Promise<Overlay> {
  await loadFonts();
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = 'rgba(20,14,10,0.62)';
  ctx.fillRect(0, 0, width, height);
  const short = Math.min(width, height);
  const { rows, size } = fitRows(ctx, text, HAND, short * 0.1, width * SAFE, 4);
  const lineHeight = size * 1.2;
  drawRows(ctx, rows, width / 2, height / 2 - (rows.length * lineHeight) / 2, lineHeight);
  return { png: await canvas.encode('png'), x: 0, y: 0, width, height };
}
