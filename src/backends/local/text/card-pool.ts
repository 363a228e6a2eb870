import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Overlay } from './cards.js';
import { CARDS, type CardArgs, type CardName, type CardOrder } from './card-kinds.js';

const ENTRY = fileURLToPath(new URL('./card-worker.js', import.meta.url));
/** Run from the TypeScript sources (the unit tests), there is no compiled thread to start: cards are drawn here. */
const APART = existsSync(ENTRY);
/** Threads are let go after this long with nothing to draw, and their fonts and canvases with them. */
const IDLE_MS = 30_000;

interface Waiting {
  resolve: (overlay: Overlay) => void;
  reject: (e: Error) => void;
}

interface Thread {
  worker: Worker;
  waiting: Map<number, Waiting>;
  idle?: NodeJS.Timeout;
}

/**
 * Draws title cards and caption lines on a few worker threads instead of the server's own: laying
 * out and encoding a card takes tens of milliseconds, and a letter's hundred lines on the main
 * thread held every other person's call for seconds. A thin wrapper: the threads call cards.ts's
 * drawing functions unchanged, so what a card looks like is decided there alone.
 */
export class CardPool {
  private readonly threads = new Map<number, Thread>();
  private next = 0;
  private ids = 0;

  constructor(private readonly size = Math.max(1, Math.min(2, availableParallelism() - 1))) {}

  draw<K extends CardName>(card: K, ...args: CardArgs<K>): Promise<Overlay> {
    if (!APART) return (CARDS[card] as (...a: CardArgs<K>) => Promise<Overlay>)(...args);
    const thread = this.thread();
    const id = ++this.ids;
    clearTimeout(thread.idle);
    return new Promise<Overlay>((resolve, reject) => {
      thread.waiting.set(id, { resolve, reject });
      thread.worker.postMessage({ id, card, args } satisfies CardOrder<K>);
    });
  }

  private thread(): Thread {
    const index = this.next++ % this.size;
    const existing = this.threads.get(index);
    if (existing) return existing;
    const thread: Thread = { worker: new Worker(ENTRY), waiting: new Map() };
    // A thread never keeps the server running; a closing server does not wait for it.
    thread.worker.unref();
    thread.worker.on('message', (m: { id: number; overlay?: Overlay; error?: string }) => {
      const waiting = thread.waiting.get(m.id);
      thread.waiting.delete(m.id);
      if (m.overlay) waiting?.resolve({ ...m.overlay, png: Buffer.from(m.overlay.png) });
      else waiting?.reject(new Error(`A card could not be drawn: ${m.error ?? 'unknown error'}`));
      if (thread.waiting.size === 0) thread.idle = setTimeout(() => void thread.worker.terminate(), IDLE_MS).unref();
    });
    const lost = (e: Error) => {
      if (this.threads.get(index) === thread) this.threads.delete(index);
      for (const w of thread.waiting.values()) w.reject(e);
      thread.waiting.clear();
    };
    thread.worker.on('error', lost);
    thread.worker.on('exit', () => lost(new Error('A card-drawing thread stopped before it finished.')));
    this.threads.set(index, thread);
    return thread;
  }
}

/** The process's one pool: every letter's cards share its few threads. */
export const cardPool = new CardPool();
