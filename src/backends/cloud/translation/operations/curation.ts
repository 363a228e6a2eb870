import type { CURATION_OPERATIONS } from '../../../../core/timeline/operations.js';
import type { z } from 'zod';
import { findAgain, momentsOf } from '../moments.js';
import type { Table } from './shared.js';

type Op = z.infer<(typeof CURATION_OPERATIONS)[number]>['op'];

/**
 * Curation in NemoVideo's words: bringing a photo back is adding it again; its agent neither sets
 * aside duplicates nor picks the best photos for a length, so those are refused.
 */
export const CURATION: Pick<Table, Op> = {
  bring_back: {
    words: (o, r) => ({
      en: `Add ${r.name(o.moment, 'en')} back into the video.`,
      zh: `把${r.name(o.moment, 'zh')}加回视频。`,
    }),
    check: (o, r, after) => findAgain(r.moment(o.moment), momentsOf(after)) !== undefined,
  },
  curate: {
    refused: "NemoVideo's editor does not set aside duplicate or blurred photos; every photo uploaded plays there",
  },
  fit_length: {
    refused:
      "NemoVideo's editor does not pick the best photos for a length; say which photos to remove, or ask for a length",
  },
};
