import type { MomentView, LetterView } from './view.js';
import { has, keyOf, type Token } from './tokens.js';

/**
 * Moments a request points at: by position ("the second photo", "photo 3", "第二张", "the last
 * clip", "the first two photos", "前两张"), by a word of the file name ("the beach one" for
 * beach-day.jpg), all of them ("each photo", "每张照片"), or "the clip" when there is just one.
 */
export interface MomentMention {
  /** The moments meant, in the order named. Empty when `missing` says why none could be. */
  ids: string[];
  all?: boolean;
  /** A name that fits several moments: each is one reading. */
  several?: string[];
  /** Why the mention points at nothing ("there is no photo 7"). */
  missing?: string;
  /** Named by an ordinal or number alone, so it may be a place rather than a moment ("make it the second photo"). */
  positional?: boolean;
  /** Named only as "the clip" or "the photo", the one of its kind, or "the photos", all of them. */
  bare?: boolean;
  plural?: boolean;
  /** Token indexes it spans. */
  from: number;
  to: number;
}

type Kind = 'photo' | 'clip' | 'any';
const NOUNS: Record<string, Kind> = { photo: 'photo', clip: 'clip', video: 'clip', moment: 'any' };
const nounKind = (t: Token | undefined): Kind | undefined => {
  const key = t && keyOf(t, 'object');
  return key ? NOUNS[key] : undefined;
};

const ofKind = (view: LetterView, kind: Kind) => view.moments.filter((m) => kind === 'any' || m.kind === kind);
const noun = (kind: Kind) => (kind === 'clip' ? 'clip' : kind === 'photo' ? 'photo' : 'moment');

/** Words of a file name a person might use: "beach-day.jpg" → beach-day, beach, day. */
function nameWords(m: MomentView): string[] {
  const stem = m.fileName.toLowerCase().replace(/\.[^.]+$/, '');
  const parts = stem
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3 && !/^\d+$/.test(w) && !/^(img|dsc|pxl|photo|image|video|clip|mov|vid)$/.test(w));
  return [stem, m.fileName.toLowerCase(), ...parts];
}

function byPositions(
  view: LetterView,
  kind: Kind,
  positions: (number | 'last')[],
  from: number,
  to: number,
): MomentMention {
  const pool = ofKind(view, kind);
  const ids: string[] = [];
  for (const p of positions) {
    const m = p === 'last' ? pool.at(-1) : pool[p - 1];
    if (!m) {
      const count = `${pool.length} ${noun(kind)}${pool.length === 1 ? '' : 's'}`;
      return { ids: [], missing: `the letter has ${count}, so there is no ${noun(kind)} ${p}`, from, to };
    }
    ids.push(m.id);
  }
  return { ids, positional: true, from, to };
}

/** Every mention of a moment in the tokens, in order. */
export function momentMentions(tokens: Token[], view: LetterView): MomentMention[] {
  const found: MomentMention[] = [];
  const used = new Set<number>();
  const take = (m: MomentMention) => {
    found.push(m);
    for (let k = m.from; k <= m.to; k++) used.add(k);
  };
  for (let i = 0; i < tokens.length; i++) {
    if (used.has(i)) continue;
    const t = tokens[i]!;
    // "each photo", "all the clips", "每张照片"
    if (has(t, 'quant', 'each')) {
      const j = tokens[i + 1] && nounKind(tokens[i + 1]) ? i + 1 : has(t, 'object', 'photo') ? i : -1;
      const kind = j >= 0 ? (nounKind(tokens[j]) ?? 'photo') : undefined;
      if (kind) {
        take({
          ids: ofKind(view, kind).map((m) => m.id),
          all: kind === 'any' || ofKind(view, kind).length === view.moments.length,
          from: i,
          to: j,
        });
        continue;
      }
    }
    // "the first two photos", "前两张", "first 2 clips"
    if (
      (has(t, 'quant', 'first-n') || has(t, 'ordinal', '1')) &&
      tokens[i + 1]?.value !== undefined &&
      nounKind(tokens[i + 2])
    ) {
      const n = tokens[i + 1]!.value!;
      const kind = nounKind(tokens[i + 2])!;
      take(
        byPositions(
          view,
          kind,
          Array.from({ length: n }, (_, k) => k + 1),
          i,
          i + 2,
        ),
      );
      continue;
    }
    // "the second photo", "the last clip", "第二张", "最后一张"
    const ordinal = t.entries.find((e) => e.cat === 'ordinal');
    if (ordinal) {
      let j = i + 1;
      if (tokens[j] && has(tokens[j]!, 'number', '1') && !nounKind(tokens[j])) j++;
      const kind = nounKind(tokens[j]);
      if (kind) {
        take(byPositions(view, kind, [ordinal.key === 'last' ? 'last' : Number(ordinal.key)], i, j));
        continue;
      }
    }
    // "photo 3", "photos 1 and 3", "clip #2"
    const kind = nounKind(t);
    if (kind && tokens[i + 1]?.kind === 'number') {
      const positions: number[] = [];
      let j = i + 1;
      while (tokens[j]?.kind === 'number') {
        positions.push(tokens[j]!.value!);
        j +=
          tokens[j + 1] &&
          (has(tokens[j + 1]!, 'conj', 'and') || tokens[j + 1]!.text === ',') &&
          tokens[j + 2]?.kind === 'number'
            ? 2
            : 1;
      }
      take(byPositions(view, kind, positions, i, j - 1));
      continue;
    }
    // A word of a file name, with the noun after it if there is one: "the beach photo", "beach.jpg".
    if (t.kind !== 'number' && t.kind !== 'quote' && t.kind !== 'punct' && !has(t, 'filler')) {
      const named = view.moments.filter(
        (m) =>
          nameWords(m).includes(t.norm) ||
          (/[\u3400-\u9fff]/u.test(t.norm) && t.norm.length >= 2 && m.fileName.includes(t.norm)),
      );
      if (
        named.length > 0 &&
        (t.kind === 'word' || nounKind(tokens[i + 1]) || (named.length === 1 && t.norm.length >= 4))
      ) {
        const j = nounKind(tokens[i + 1]) ? i + 1 : i;
        take(
          named.length === 1
            ? { ids: [named[0]!.id], from: i, to: j }
            : { ids: [], several: named.map((m) => m.id), from: i, to: j },
        );
        continue;
      }
    }
  }
  // "the clip", "the video", "the photo" alone: the only one of its kind; "the photos": all of them.
  tokens.forEach((t, i) => {
    const kind = nounKind(t);
    if (!kind || kind === 'any' || used.has(i)) return;
    const pool = ofKind(view, kind);
    if (/[^s]s$/i.test(t.text) && t.text.length > 3)
      take({
        ids: pool.map((m) => m.id),
        bare: true,
        plural: true,
        all: pool.length === view.moments.length,
        from: i,
        to: i,
      });
    else if (pool.length === 1) take({ ids: [pool[0]!.id], bare: true, from: i, to: i });
  });
  return found.sort((a, b) => a.from - b.from);
}
