import { LetterError } from '../../../core/errors.js';
import type { Logger } from '../../../log.js';
import type { CallContext } from '../../../core/backend.js';
import type { NemoApi } from '../client/api.js';
import { failureFor, mayHaveArrived, readCode } from '../client/failure.js';
import { MAX_ERROR_BYTES, readCapped } from '../client/body.js';
import { parseEnvelope } from '../client/envelope.js';
import { readAgentStream } from '../client/sse.js';

export interface ChatOptions {
  api: NemoApi;
  logger: Logger;
  heartbeatMs: number;
  /** The longest a stream may stay open (15 minutes by the spec). */
  capMs: number;
  /** After a dropped stream: the wait before each state check (30 s), and how many checks. */
  recoveryWaitMs: number;
  recoveryPolls: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface ChatTurn {
  sessionId: string;
  text: string;
  ctx: CallContext;
  /** A fingerprint of the project's state before the edit, and a way to take it again. */
  baseline: string;
  fingerprint: () => Promise<string>;
}

export interface ChatOutcome {
  /** The agent's words (untranslated); empty when it said nothing. */
  text: string;
  /** True when the stream dropped and the edit was confirmed by polling the state instead. */
  recovered: boolean;
  /** What the stream held that could not be read, in words. */
  odd: string[];
  /** How long the edit took, in ms, when it outlasted one "still working" interval (else 0). */
  longMs: number;
}

/**
 * One edit through `/run_sse`: opens the stream, reads it to the end, and owns its limits.
 * The caller's AbortSignal and the 15-minute cap both close the stream. If the connection drops,
 * the edit may still land on NemoVideo's side, so the state is checked every `recoveryWaitMs`
 * until it changes; `recoveryPolls` checks without a change mean the edit is lost.
 */
export async function runChat(options: ChatOptions, turn: ChatTurn): Promise<ChatOutcome> {
  const controller = new AbortController();
  const cancel = () => controller.abort(turn.ctx.signal.reason);
  turn.ctx.signal.addEventListener('abort', cancel, { once: true });
  let capped = false;
  const cap = setTimeout(() => {
    capped = true;
    controller.abort(new Error('15-minute cap'));
  }, options.capMs);
  cap.unref();
  try {
    if (turn.ctx.signal.aborted) throw cancelled();
    let ticks = 0;
    const started = Date.now();
    const reply = await options.api.chat(turn.sessionId, turn.text, controller.signal, async (response) => {
      const type = String(response.headers['content-type'] ?? '');
      if (type.includes('application/json')) {
        // A JSON reply instead of a stream: an envelope, possibly carrying an error code.
        const envelope = parseEnvelope(await readCapped(response.body, MAX_ERROR_BYTES, 'truncate'));
        const code = readCode(envelope?.code);
        if (code !== null && code !== 0) throw failureFor(response.status, code, envelope?.message);
        return { text: '', toolCalls: 0, odd: [] };
      }
      return readAgentStream(response.body, {
        heartbeatMs: options.heartbeatMs,
        onStillWorking: () =>
          turn.ctx.progress({ percent: creeping(++ticks), message: 'Still working: NemoVideo is editing the letter…' }),
      });
    });
    options.logger.debug({ toolCalls: reply.toolCalls, chars: reply.text.length }, 'nemo chat finished');
    return { text: reply.text, recovered: false, odd: reply.odd, longMs: ticks > 0 ? Date.now() - started : 0 };
  } catch (e) {
    if (turn.ctx.signal.aborted) throw cancelled();
    if (capped) {
      throw new LetterError(
        'cloud_unavailable',
        'NemoVideo was still editing after 15 minutes, so the connection was closed. Call get_state to see what was applied, then send a shorter instruction.',
      );
    }
    // A refusal, or a connection that failed before the request left: nothing was done, say so.
    // Any other failure came after the message was sent (a reset or time-out before the answer's
    // headers, a stream cut short): NemoVideo may have applied and charged the edit, so the state
    // decides, and the message is never sent a second time.
    if (e instanceof LetterError && !mayHaveArrived(e)) throw e;
    options.logger.warn({ err: (e as Error).message }, 'nemo chat connection lost after sending; checking the state');
    return { text: '', recovered: await recoverAfterDrop(options, turn), odd: [], longMs: 0 };
  } finally {
    clearTimeout(cap);
    turn.ctx.signal.removeEventListener('abort', cancel);
  }
}

/**
 * After a lost connection: the state is checked at once (an edit applied before the drop shows
 * already), then every `recoveryWaitMs` (30 s, the spec's wait), `recoveryPolls` times in all.
 */
async function recoverAfterDrop(options: ChatOptions, turn: ChatTurn): Promise<true> {
  for (let poll = 1; poll <= options.recoveryPolls; poll++) {
    try {
      if (poll > 1) await options.sleep(options.recoveryWaitMs, turn.ctx.signal);
    } catch {
      throw cancelled();
    }
    turn.ctx.progress({
      percent: creeping(poll),
      message: `The connection dropped; checking whether NemoVideo applied the edit (${poll}/${options.recoveryPolls})…`,
    });
    const now = await turn.fingerprint().catch((e: unknown) => {
      options.logger.warn({ err: (e as Error).message }, 'state check after a drop failed');
      return turn.baseline;
    });
    if (now !== turn.baseline) return true;
  }
  throw new LetterError(
    'cloud_unavailable',
    `The connection to NemoVideo dropped after the edit was sent, and after ${options.recoveryPolls} checks of the project it had not changed, so NemoVideo most likely did not apply it. It was not sent again on its own: call get_state to see the letter, then send the instruction again if it is still needed.`,
  );
}

/**
 * MCP progress must grow with every notification, but an edit's length is unknown: each tick
 * closes a tenth of the remaining way from 10% to 90%, so it always grows and never reaches 100.
 */
export function creeping(tick: number): number {
  return Math.round((90 - 80 * 0.9 ** tick) * 10) / 10;
}

function cancelled(): LetterError {
  return new LetterError(
    'cloud_error',
    'The edit was cancelled and its connection closed. NemoVideo may still apply it: call get_state to see the timeline.',
  );
}
