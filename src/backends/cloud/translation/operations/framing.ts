import type { FRAMING_OPERATIONS, FocusPlace } from '../../../../core/timeline/operations.js';
import type { z } from 'zod';
import type { Table } from './shared.js';

type Op = z.infer<(typeof FRAMING_OPERATIONS)[number]>['op'];

const PLACES: Record<Exclude<FocusPlace, 'faces' | 'whole'>, { en: string; zh: string }> = {
  left: { en: 'the left', zh: '左边' },
  right: { en: 'the right', zh: '右边' },
  top: { en: 'the top', zh: '上方' },
  bottom: { en: 'the bottom', zh: '下方' },
  center: { en: 'the middle', zh: '中间' },
};

/**
 * Framing in NemoVideo's words: its agent crops from plain language, so a place, the faces or the
 * whole picture is a sentence. Its timeline records no crop, so nothing is checked afterwards; an
 * exact point has no words the agent would follow and is refused.
 */
export const FRAMING: Pick<Table, Op> = {
  focus: {
    words: (o, r) => {
      const who = { en: r.name(o.moment, 'en'), zh: r.name(o.moment, 'zh') };
      if (o.on === 'faces')
        return {
          en: `Frame ${who.en} so that every face in it stays whole in the picture.`,
          zh: `${who.zh}的构图要让每张脸都完整地留在画面里。`,
        };
      if (o.on === 'whole')
        return { en: `Show ${who.en} whole, without cropping it.`, zh: `完整显示${who.zh}，不要裁剪。` };
      if (o.on) {
        const place = PLACES[o.on];
        return {
          en: `Frame ${who.en} on ${place.en} of the picture.`,
          zh: `${who.zh}的构图对准画面${place.zh}。`,
        };
      }
      r.refuse(
        "NemoVideo's editor has no control for an exact focus point; ask for the faces, a side (left, right, top, bottom, center) or the whole picture",
      );
      return { en: '', zh: '' };
    },
  },
};
