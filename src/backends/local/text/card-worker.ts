import { parentPort } from 'node:worker_threads';
import { CARDS, type CardOrder } from './card-kinds.js';

/** A card-drawing thread (see card-pool.ts): draws each card it is sent with the ordinary drawing functions. */
parentPort?.on('message', (order: CardOrder) => {
  const draw = CARDS[order.card] as (...args: unknown[]) => ReturnType<(typeof CARDS)[typeof order.card]>;
  draw(...order.args).then(
    (overlay) => parentPort?.postMessage({ id: order.id, overlay }),
    (e: unknown) => parentPort?.postMessage({ id: order.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
