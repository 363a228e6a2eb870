import sharp from 'sharp';
import { HELPER_TASKS, type HelperOrder } from './helper-tasks.js';

/**
 * A helper process (see runInHelper): reads one order from stdin, does it, printing the index of
 * each file it has written on stdout, and exits. On failure it prints only the reason on stderr,
 * for the server to pass on.
 */
async function main(): Promise<void> {
  // Each photo is read once here: a cache would only hold memory. Photos are fitted as many at
  // once as there are cores, one libvips thread each: more threads cost CPU and memory, not time.
  sharp.cache(false);
  sharp.concurrency(1);
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  const order = JSON.parse(text) as HelperOrder;
  // Each finished file's index goes to the server on its own line, so it can use the file at once.
  const done = (index: number) => process.stdout.write(`${index}\n`);
  await (HELPER_TASKS[order.task] as (input: unknown, files: string[], done: (index: number) => void) => Promise<void>)(
    order.input,
    order.files,
    done,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
