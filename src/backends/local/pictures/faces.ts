import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fork, type ChildProcess } from 'node:child_process';
import type { PhotoBox } from '../../../core/media/record.js';
import type { SmallCopy } from './small-copy.js';
import { loadSharp } from '../../../libraries.js';

export interface FaceRequest {
  id: number;
  pixels: Uint8Array;
  width: number;
  height: number;
}
export type FaceReply = { id: number; faces: PhotoBox[] } | { id: number; error: string };

/**
 * One face finder per server, in a helper process of its own: the model and TensorFlow.js hold
 * about 210 MB, which a thread would add to the server's own memory for good (a 20-person load
 * took it past 500 MB). The process starts on the first photo, stays while photos come, and is
 * stopped after IDLE_MS without one, giving all of it back; a crash in WebAssembly costs the
 * photo its faces, never the server.
 */
const IDLE_MS = 60_000;
let finder:
  { child: ChildProcess; waiting: Map<number, (reply: FaceReply) => void>; idle?: NodeJS.Timeout } | undefined;
let nextId = 0;

function startFinder() {
  // Built, the finder is face-worker.js beside this file; run from the sources (tests), it is the
  // .ts file, loaded through tsx. Typed arrays travel as they are ('advanced' serialization).
  const built = fileURLToPath(new URL('./face-worker.js', import.meta.url));
  const fromSources = !existsSync(built);
  const child = fork(fromSources ? fileURLToPath(new URL('./face-worker.ts', import.meta.url)) : built, [], {
    serialization: 'advanced',
    // stdout belongs to MCP: whatever TensorFlow.js prints goes to stderr.
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    execArgv: fromSources ? ['--import', 'tsx'] : [],
  });
  child.stdout?.pipe(process.stderr);
  const waiting = new Map<number, (reply: FaceReply) => void>();
  const current = { child, waiting, idle: undefined as NodeJS.Timeout | undefined };
  child.on('message', (reply: FaceReply) => {
    waiting.get(reply.id)?.(reply);
    waiting.delete(reply.id);
    if (waiting.size === 0) idle(current);
  });
  const fail = (why: string) => {
    for (const [id, answer] of waiting) answer({ id, error: why });
    waiting.clear();
    clearTimeout(current.idle);
    if (finder === current) finder = undefined;
  };
  child.on('error', (e) => fail(e.message));
  child.on('exit', (code) => fail(`the face finder stopped (exit ${code})`));
  return current;
}

/** An idle finder never keeps the server running, and is stopped if no photo comes for a while. */
function idle(current: NonNullable<typeof finder>) {
  current.child.unref();
  current.child.channel?.unref();
  clearTimeout(current.idle);
  current.idle = setTimeout(() => current.child.kill(), IDLE_MS).unref();
}

/**
 * The faces in an RGB copy of a photo, as boxes in 0..1 of it. Throws when the face finder
 * cannot run (the caller falls back to saliency).
 */
export async function findFaces(copy: SmallCopy): Promise<PhotoBox[]> {
  if (copy.channels !== 3) throw new Error('the face finder needs a colour copy');
  // The detector letterboxes its input into a square at the bottom right, and missed faces at
  // the right edge of portrait photos beside that padding: the copy is centred in a grey square.
  const side = Math.max(copy.width, copy.height);
  const left = Math.floor((side - copy.width) / 2);
  const top = Math.floor((side - copy.height) / 2);
  const sharp = await loadSharp();
  const square = await sharp(copy.data, { raw: { width: copy.width, height: copy.height, channels: 3 } })
    .extend({ left, top, right: side - copy.width - left, bottom: side - copy.height - top, background: '#808080' })
    .raw()
    .toBuffer();
  const boxes = await detect({ pixels: square, width: side, height: side });
  return boxes.map((b) => {
    const x = clamp01((b.x * side - left) / copy.width);
    const y = clamp01((b.y * side - top) / copy.height);
    const right = clamp01(((b.x + b.width) * side - left) / copy.width);
    const bottom = clamp01(((b.y + b.height) * side - top) / copy.height);
    return { x: round(x), y: round(y), width: round(right - x), height: round(bottom - y) };
  });
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const round = (v: number) => Math.round(v * 1000) / 1000;

/**
 * A detection takes well under a second once the finder has started (several seconds the first
 * time on a busy machine); past this an upload goes on without faces rather than wait.
 */
const DETECT_TIMEOUT_MS = 60_000;

async function detect(picture: Omit<FaceRequest, 'id'>): Promise<PhotoBox[]> {
  finder ??= startFinder();
  const { child, waiting } = finder;
  clearTimeout(finder.idle);
  const id = nextId++;
  let timer: NodeJS.Timeout | undefined;
  const reply = await new Promise<FaceReply>((resolve) => {
    waiting.set(id, resolve);
    timer = setTimeout(() => {
      waiting.delete(id);
      if (waiting.size === 0 && finder) idle(finder);
      resolve({ id, error: `no answer from the face finder in ${DETECT_TIMEOUT_MS / 1000} s` });
    }, DETECT_TIMEOUT_MS);
    child.ref();
    child.channel?.ref();
    child.send({ id, ...picture } satisfies FaceRequest);
  }).finally(() => clearTimeout(timer));
  if ('error' in reply) throw new Error(reply.error);
  return reply.faces;
}
