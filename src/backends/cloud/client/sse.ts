import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { LetterError } from '../../../core/errors.js';
import { failureFor, readCode, saidPart } from './failure.js';
import { asObject, pickString, shapeOf, type Obj } from './read.js';

/**
 * What one SSE message means to us. The `/run_sse` body is the request of Google's Agent
 * Development Kit API server, so each `data:` line is read as an ADK event:
 * `{"author":"nemo_agent","content":{"role":"model","parts":[…]},"partial":false}`.
 */
export type AgentItem =
  | { kind: 'heartbeat' }
  | { kind: 'text'; text: string; partial: boolean }
  /** A functionCall or functionResponse part: the agent's own work, never shown to people. */
  | { kind: 'tool' }
  | { kind: 'error'; code: number | null; message: string | undefined }
  /** Something that is neither an ADK event nor a variant we know: `what` names it in words. */
  | { kind: 'odd'; what: string };

export function readAgentEvent(message: EventSourceMessage): AgentItem[] {
  const data = message.data.trim();
  if (message.event === 'heartbeat' || data === '' || data === '[DONE]') return [{ kind: 'heartbeat' }];
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    // A non-JSON line is not an ADK event; plain text is the only sensible reading of it.
    return message.event === 'error'
      ? [{ kind: 'error', code: null, message: data }]
      : [{ kind: 'text', text: data, partial: false }];
  }
  const event = asObject(parsed);
  if (!event) return [{ kind: 'odd', what: `${shapeOf(parsed)} where an event belongs` }];
  if (event.type === 'heartbeat' || 'heartbeat' in event || event.type === 'ping') return [{ kind: 'heartbeat' }];

  // Errors come as ADK `errorCode`/`errorMessage`, or as our envelope with a non-zero `code`.
  if (event.errorCode !== undefined || event.error_code !== undefined || message.event === 'error') {
    return [
      {
        kind: 'error',
        code: readCode(event.errorCode ?? event.error_code),
        message: pickString(event, ['errorMessage', 'error_message', 'message']),
      },
    ];
  }
  const envelopeCode = readCode(event.code);
  if (envelopeCode !== null && envelopeCode !== 0 && !('content' in event)) {
    return [{ kind: 'error', code: envelopeCode, message: pickString(event, ['message', 'msg']) }];
  }

  const partial = event.partial === true;
  // Variants beside ADK's shape: the words at the top (`text`, `content` as text, `delta.text`).
  const plain = [event.text, event.content, asObject(event.delta)?.text, asObject(event.delta)?.content].find(
    (v): v is string => typeof v === 'string',
  );
  if (plain !== undefined) return plain ? [{ kind: 'text', text: plain, partial }] : [{ kind: 'heartbeat' }];
  // ADK's content, or its parts sent without the wrapper.
  const content = asObject(event.content) ?? (Array.isArray(event.parts) ? event : undefined);
  if (!content) {
    // ADK events that carry no words (state deltas, usage, turn ends) and envelopes that only
    // acknowledge are quiet; anything else is reported, never silently dropped.
    return Object.keys(event).some((k) => QUIET_KEYS.has(k))
      ? [{ kind: 'heartbeat' }]
      : [{ kind: 'odd', what: fieldsOf(event, 'an event') }];
  }
  if (!Array.isArray(content.parts))
    return [{ kind: 'odd', what: `an event whose parts are ${shapeOf(content.parts)}` }];
  // The user's own message and function responses come back with role "user": not the agent's words.
  if (content.role === 'user') return content.parts.map(() => ({ kind: 'tool' }) as const);
  const items: AgentItem[] = content.parts.map(readPart(partial));
  return items.length > 0 ? items : [{ kind: 'heartbeat' }];
}

const readPart =
  (partial: boolean) =>
  (raw: unknown): AgentItem => {
    const part = asObject(raw);
    if (!part) return { kind: 'odd', what: `${shapeOf(raw)} where a part belongs` };
    if (part.functionCall || part.functionResponse || part.function_call || part.function_response)
      return { kind: 'tool' };
    // Thought parts are the model's private reasoning, not a reply.
    if (part.thought === true) return { kind: 'heartbeat' };
    if (typeof part.text === 'string')
      return part.text ? { kind: 'text', text: part.text, partial } : { kind: 'heartbeat' };
    return { kind: 'odd', what: fieldsOf(part, 'a part') };
  };

/** Fields of ADK events (and of bare envelopes) that carry no words for the person. */
const QUIET_KEYS = new Set([
  'author',
  'actions',
  'invocationId',
  'invocation_id',
  'id',
  'turnComplete',
  'turn_complete',
  'usageMetadata',
  'usage_metadata',
  'timestamp',
  'code',
  'status',
  'type',
  'done',
]);

/** "an event with the fields "foo" and "bar"": the shape of something odd, never its content. */
function fieldsOf(o: Obj, what: string): string {
  const names = Object.keys(o)
    .slice(0, 4)
    .map((k) => (/^[\w.-]{1,30}$/.test(k) ? `"${k}"` : 'an unnamed one'));
  if (names.length === 0) return `${what} with no fields`;
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
  return `${what} with the field${names.length > 1 ? 's' : ''} ${list}${Object.keys(o).length > 4 ? ' and more' : ''}`;
}

/**
 * Joins the agent's words. ADK streams a reply as partial chunks and then repeats the whole text
 * in one final (non-partial) event, so a final event replaces the chunks gathered since the last
 * final one; chunks left over when the stream ends (no final event) are kept as they are.
 */
export class ReplyText {
  private readonly done: string[] = [];
  private chunks = '';
  private kept = 0;

  add(item: { text: string; partial: boolean }): void {
    if (item.partial) {
      if (this.kept + this.chunks.length < MAX_REPLY_CHARS) this.chunks += item.text;
      return;
    }
    this.chunks = '';
    // A reply is a few sentences; past the bound the rest is dropped, never gathered without end.
    if (this.kept >= MAX_REPLY_CHARS) return;
    const text = item.text.slice(0, MAX_REPLY_CHARS - this.kept);
    this.done.push(text);
    this.kept += text.length;
  }

  toString(): string {
    const all = this.chunks ? [...this.done, this.chunks] : this.done;
    return all
      .map((t) => t.trim())
      .filter(Boolean)
      .join('\n\n');
  }
}

/** The most kinds of odd events named in one reply. */
const MAX_ODD = 3;

/** The most of the agent's words kept for one reply. */
export const MAX_REPLY_CHARS = 20_000;
/**
 * The longest SSE line accepted. An event is one line of JSON (a few KB; a draft inside a tool
 * result maybe a few hundred KB); a line that never ends would otherwise grow in memory forever.
 */
export const MAX_LINE_CHARS = 1024 * 1024;

export interface AgentReply {
  text: string;
  toolCalls: number;
  /** What the stream held that could not be read, in words (at most a few, each once). */
  odd: string[];
}

export interface StreamOptions {
  /** How often to tell the person we are still working while the stream is open. */
  heartbeatMs: number;
  onStillWorking: () => void;
}

/**
 * Reads an open `/run_sse` body to its end. Heartbeats (comments, empty `data:` lines) only keep
 * the connection alive; a timer reports "still working" every `heartbeatMs` for as long as the
 * stream stays open. An error event ends the read with the matching LetterError. A broken
 * connection rejects with the transport's own error, which the caller treats as a drop.
 */
export async function readAgentStream(
  body: AsyncIterable<Uint8Array | string>,
  options: StreamOptions,
): Promise<AgentReply> {
  const reply = new ReplyText();
  let toolCalls = 0;
  const odd = new Set<string>();
  let failure: LetterError | undefined;
  const parser = createParser({
    onEvent(message) {
      for (const item of readAgentEvent(message)) {
        if (item.kind === 'text') reply.add(item);
        else if (item.kind === 'tool') toolCalls++;
        else if (item.kind === 'error' && !failure) failure = agentError(item.code, item.message);
        else if (item.kind === 'odd' && odd.size < MAX_ODD) odd.add(item.what);
      }
    },
  });
  const timer = setInterval(options.onStillWorking, options.heartbeatMs);
  timer.unref();
  const decoder = new TextDecoder();
  let lineChars = 0;
  try {
    for await (const chunk of body) {
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
      lineChars = lastBreak === -1 ? lineChars + text.length : text.length - lastBreak - 1;
      if (lineChars > MAX_LINE_CHARS) {
        failure = new LetterError(
          'cloud_error',
          "NemoVideo sent a line of more than 1 MB without ending it, so the edit's connection was closed. Call get_state to see what was applied, then try the request again.",
        );
        break;
      }
      parser.feed(text);
      if (failure) break;
    }
    parser.reset({ consume: true });
  } finally {
    clearInterval(timer);
  }
  if (failure) throw failure;
  return { text: reply.toString(), toolCalls, odd: [...odd] };
}

function agentError(code: number | null, message: string | undefined): LetterError {
  if (code !== null) return failureFor(200, code, message);
  return new LetterError(
    'cloud_error',
    `The NemoVideo editor stopped with an error${saidPart(message)}. Try the request again, worded more simply.`,
  );
}
