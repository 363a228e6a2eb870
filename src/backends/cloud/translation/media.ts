import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { MediaInfo } from '../../../core/backend.js';
import { AUDIO_FORMATS, PHOTO_FORMATS, VIDEO_FORMATS, type MediaKind } from '../../../core/media/formats.js';
import { asObject, fileNameOfUrl, pickNumber, pickString, type Obj } from '../client/read.js';

/**
 * Upload replies "list what was stored under `data` (file ids, names, URLs)": a list, or an
 * object holding one (`files`, `items`, `list`, `videos`), or a single object. The first entry
 * describes the file just sent.
 */
export function firstStored(data: unknown): Obj | undefined {
  if (Array.isArray(data)) return asObject(data[0]);
  const o = asObject(data);
  if (!o) return undefined;
  for (const key of ['files', 'items', 'list', 'videos', 'media', 'results']) {
    if (Array.isArray(o[key])) return asObject((o[key] as unknown[])[0]);
  }
  return o;
}

const ID_KEYS = ['id', 'file_id', 'fileId', 'media_id', 'mediaId', 'vid'] as const;
const NAME_KEYS = ['name', 'file_name', 'fileName', 'filename', 'title'] as const;

export function mediaFromUpload(
  data: unknown,
  sent: { fileName: string; format: string | undefined; sizeBytes: number },
): MediaInfo {
  const stored = firstStored(data);
  const format = sent.format ?? extOf(pickString(stored, NAME_KEYS) ?? sent.fileName) ?? 'unknown';
  return {
    id: pickString(stored, ID_KEYS) ?? `m_${randomUUID().slice(0, 8)}`,
    kind: kindOf(format),
    fileName: sent.fileName,
    format,
    sizeBytes: pickNumber(stored, ['size', 'file_size', 'fileSize', 'bytes']) ?? sent.sizeBytes,
    ...dimensions(stored),
  };
}

/** The letter's message uploaded as a .txt file, listed with the media though it stays with us. */
export function messageMedia(prepared: { fileName: string; sizeBytes: number }): MediaInfo {
  return {
    id: `m_${randomUUID().slice(0, 8)}`,
    kind: 'message',
    fileName: prepared.fileName,
    format: 'txt',
    sizeBytes: prepared.sizeBytes,
  };
}

/**
 * One entry of the state's `video_infos`. Durations: `duration_ms`/`d` are milliseconds (like the
 * draft), a plain `duration` is read as seconds.
 */
export function mediaFromInfo(raw: unknown, index: number): MediaInfo | undefined {
  const info = asObject(raw);
  if (!info) return undefined;
  const source = pickString(info, ['url', 'src', 'path', 'file_url']);
  const fileName = pickString(info, NAME_KEYS) ?? (source ? fileNameOfUrl(source) : undefined) ?? `media ${index + 1}`;
  const type = (pickString(info, ['type', 'kind', 'media_type']) ?? '').toLowerCase();
  const format = pickString(info, ['format', 'ext'])?.toLowerCase() ?? extOf(fileName) ?? 'unknown';
  const kind =
    type.includes('image') || type.includes('photo')
      ? 'photo'
      : type.includes('audio')
        ? 'audio'
        : type.includes('video')
          ? 'video'
          : kindOf(format);
  return {
    id: pickString(info, ID_KEYS) ?? `cloud_${index + 1}`,
    kind,
    fileName,
    format,
    sizeBytes: pickNumber(info, ['size', 'file_size', 'fileSize', 'bytes']) ?? 0,
    ...dimensions(info),
  };
}

/** What a file of this format is (photo, clip or recording); any other format counts as a photo. */
export function kindOf(format: string): Exclude<MediaKind, 'message'> {
  if ((PHOTO_FORMATS as readonly string[]).includes(format)) return 'photo';
  if ((AUDIO_FORMATS as readonly string[]).includes(format)) return 'audio';
  if ((VIDEO_FORMATS as readonly string[]).includes(format)) return 'video';
  return 'photo';
}

function dimensions(o: Obj | undefined): Pick<MediaInfo, 'width' | 'height' | 'durationSeconds'> {
  const out: Pick<MediaInfo, 'width' | 'height' | 'durationSeconds'> = {};
  const width = pickNumber(o, ['width', 'w']);
  const height = pickNumber(o, ['height', 'h']);
  const ms = pickNumber(o, ['duration_ms', 'd']);
  const seconds = pickNumber(o, ['duration']);
  if (width) out.width = width;
  if (height) out.height = height;
  if (ms !== undefined) out.durationSeconds = ms / 1000;
  else if (seconds !== undefined) out.durationSeconds = seconds;
  return out;
}

function extOf(name: string): string | undefined {
  const ext = path.extname(name).slice(1).toLowerCase();
  return ext ? (ext === 'jpeg' ? 'jpg' : ext) : undefined;
}
