import { LetterError } from '../../../../errors.js';
import type { LetterSettings, StoredMedia } from '../../project.js';
import { orderedShots } from '../shots.js';
import type { EditResult, EditRule } from './rule.js';

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const CHINESE_DIGITS = '一二三四五六七八九十';
const PHOTO = '(?:photos?|pictures?|pics?|images?|shots?|clips?|videos?|ones?)';

/** 1-based number from "3", "3rd", "third" or "三". */
function numberFrom(word: string): number | undefined {
  const lower = word.toLowerCase();
  const ordinal = ORDINALS.indexOf(lower);
  if (ordinal >= 0) return ordinal + 1;
  const digits = /^(\d+)/.exec(lower);
  if (digits) return Number(digits[1]);
  if (/^[一二三四五六七八九十]+$/.test(word)) {
    // 一..十, 十一..十九, 二十: enough for the photos of one letter.
    if (word.length === 1) return CHINESE_DIGITS.indexOf(word) + 1;
    if (word.startsWith('十')) return 10 + CHINESE_DIGITS.indexOf(word[1]!) + 1;
    return (CHINESE_DIGITS.indexOf(word[0]!) + 1) * 10 + (word[2] ? CHINESE_DIGITS.indexOf(word[2]) + 1 : 0);
  }
  return undefined;
}

interface PhotoRef {
  id: string;
  /** Where the reference ends in the instruction, so the rest can say where it goes. */
  end: number;
  start: number;
}

/** Words of a file name a person might use: "beach-day.jpg" → ["beach-day", "beach", "day"]. */
function nameWords(fileName: string): string[] {
  const stem = fileName.toLowerCase().replace(/\.[^.]+$/, '');
  return [stem, ...stem.split(/[^a-z0-9\u3400-\u9fff]+/).filter((w) => w.length >= 3)];
}

/** Photos the instruction names, by position ("the second photo", "photo 3", "第二张", "the last photo") or file name. */
export function photoRefs(text: string, photos: StoredMedia[]): PhotoRef[] {
  const refs: PhotoRef[] = [];
  const at = (n: number, start: number, end: number) => {
    const p = photos[n - 1];
    if (!p) {
      throw new LetterError(
        'invalid_request',
        `The letter has ${photos.length} photo${photos.length === 1 ? '' : 's'}, so there is no photo ${n}. Count from 1 in the order they appear.`,
      );
    }
    refs.push({ id: p.id, start, end });
  };
  const patterns: [RegExp, (m: RegExpExecArray) => number | undefined][] = [
    [new RegExp(`\\b(${ORDINALS.join('|')}|\\d+(?:st|nd|rd|th))\\s+${PHOTO}\\b`, 'gi'), (m) => numberFrom(m[1]!)],
    [/\b(?:photo|picture|pic|image|clip|video)s?\s*(?:#|no\.?\s*|number\s*)?(\d+)\b/gi, (m) => numberFrom(m[1]!)],
    [/第\s*([一二三四五六七八九十\d]+)\s*张/g, (m) => numberFrom(m[1]!)],
    [new RegExp(`\\blast\\s+${PHOTO}\\b|最后一张`, 'gi'), () => photos.length],
  ];
  for (const [re, toNumber] of patterns) {
    for (const m of text.matchAll(re)) {
      const n = toNumber(m);
      if (n !== undefined) at(n, m.index, m.index + m[0].length);
    }
  }
  const lower = text.toLowerCase();
  for (const p of photos) {
    if (refs.some((r) => r.id === p.id)) continue;
    for (const word of nameWords(p.fileName)) {
      const i = lower.search(new RegExp(`(?<![a-z0-9])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![a-z0-9])`));
      if (i >= 0) {
        refs.push({ id: p.id, start: i, end: i + word.length });
        break;
      }
    }
  }
  return refs.sort((a, b) => a.start - b.start);
}

const label = (photos: StoredMedia[], id: string) => photos.find((p) => p.id === id)?.fileName ?? id;
/** Photos and clips as they appear, which is how people count them. */
const visible = (settings: LetterSettings, media: StoredMedia[]) => orderedShots(settings, media).map((s) => s.media);

export const removePhotoRule: EditRule = {
  help: 'remove a photo: "remove the second photo" / "delete beach.jpg" / "删除第二张"',
  apply(text, settings, media) {
    if (!/\b(remove|delete|drop|take out|get rid of|cut|lose|leave out)\b|删除|删掉|去掉|拿掉|不要/i.test(text))
      return null;
    const photos = visible(settings, media);
    const refs = photoRefs(text, photos);
    if (refs.length === 0) return null;
    const gone = [...new Set(refs.map((r) => r.id))];
    if (gone.length >= photos.length) {
      throw new LetterError(
        'invalid_request',
        'A letter needs at least one photo, so the last one cannot be removed. Upload another photo first, or remove a different one.',
      );
    }
    const order = photos.map((p) => p.id).filter((id) => !gone.includes(id));
    return {
      settings: { ...settings, photoOrder: order, removedPhotos: [...settings.removedPhotos, ...gone] },
      change: `Removed ${gone.map((id) => label(photos, id)).join(', ')} from the letter.`,
    };
  },
};

/** Where a moved photo goes, from the words after the photo: 0-based, or -1 for the end. */
function targetIn(rest: string, count: number): number | undefined {
  if (/\b(last|to the end|at the end|to the back)\b|最后|末尾|结尾/i.test(rest)) return -1;
  if (/\b(first|to the (front|start|beginning|top)|at the (start|beginning|front))\b|最前|开头|第一/i.test(rest))
    return 0;
  const m = new RegExp(
    `\\b(?:position|place|spot|slot|number)\\s*(\\d+)\\b|\\b(\\d+(?:st|nd|rd|th)|${ORDINALS.join('|')})\\b|第\\s*([一二三四五六七八九十\\d]+)`,
    'i',
  ).exec(rest);
  const n = m ? numberFrom((m[1] ?? m[2] ?? m[3])!) : undefined;
  return n === undefined ? undefined : Math.min(count, Math.max(1, n)) - 1;
}

export const movePhotoRule: EditRule = {
  help:
    'reorder photos: "put the beach photo first", "move photo 3 to the end", "make sunset.jpg the second photo", ' +
    '"swap photos 1 and 2", "把第三张放到最前面"',
  apply(text, settings, media) {
    const photos = visible(settings, media);
    const ids = photos.map((p) => p.id);
    const swap = /\b(swap|switch|exchange)\b|交换|互换|对调/i.test(text);
    const move = /\b(move|put|make|place|bring|set|show|start with|end with|open with)\b|把|放|移/i.test(text);
    if (!swap && !move) return null;
    const refs = photoRefs(text, photos);
    const first = refs[0];
    if (!first) return null;
    let order: string[];
    let change: string;
    if (swap) {
      // "swap photos 1 and 2" names the second one by a bare number.
      const other =
        refs[1]?.id ??
        photos[
          (numberFrom(
            /\band\s+(\d+)\b|和\s*([一二三四五六七八九十\d]+)/i.exec(text.slice(first.end))?.slice(1).find(Boolean) ??
              '',
          ) ?? 0) - 1
        ]?.id;
      if (!other || other === first.id) return null;
      order = ids.map((id) => (id === first.id ? other : id === other ? first.id : id));
      change = `Swapped ${label(photos, first.id)} and ${label(photos, other)}.`;
    } else {
      let target = /\b(start|open) with\b/i.test(text)
        ? 0
        : /\bend with\b/i.test(text)
          ? -1
          : targetIn(text.slice(first.end), photos.length);
      if (target === undefined) return null;
      const rest = ids.filter((id) => id !== first.id);
      if (target < 0 || target > rest.length) target = rest.length;
      order = [...rest.slice(0, target), first.id, ...rest.slice(target)];
      change = `Moved ${label(photos, first.id)} to position ${target + 1} of ${ids.length}.`;
    }
    return { settings: { ...settings, photoOrder: order }, change } satisfies EditResult;
  },
};
