/** Runs work one at a time per key (a project), in call order. */
export type KeyedQueue = <T>(key: string, work: () => Promise<T>) => Promise<T>;

export function keyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const run = (tails.get(key) ?? Promise.resolve()).catch(() => undefined).then(work);
    tails.set(key, run);
    void run
      .catch(() => undefined)
      .then(() => {
        if (tails.get(key) === run) tails.delete(key);
      });
    return run;
  };
}
