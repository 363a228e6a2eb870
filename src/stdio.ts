import process from 'node:process';
import type { Readable, Writable } from 'node:stream';
import { deserializeMessage, serializeMessage, ProtocolErrorCode } from '@modelcontextprotocol/server';
import type { McpServer, Transport, JSONRPCMessage } from '@modelcontextprotocol/server';
import { serveStdio as serveEras } from '@modelcontextprotocol/server/stdio';
import type { Logger } from './log.js';

/**
 * The largest message read over stdio: the TypeScript SDK's own limit (its ReadBuffer), which
 * clients built on it also apply to what they read. The upload bound (STDIO_BASE64_MAX_CHARS)
 * stays under it.
 */
export const STDIO_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/** Bytes kept from each end of a message that is too large, to find its id. */
const EDGE = 512;
const ID = /"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")/g;

/** The last JSON-RPC id written in some text (the SDK writes it after the params, others before). */
function idIn(text: string): string | number | undefined {
  const found = [...text.matchAll(ID)].at(-1)?.[1];
  return found === undefined ? undefined : (JSON.parse(found) as string | number);
}

const mb = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/**
 * stdio, one JSON-RPC message a line, like the SDK's StdioServerTransport except for a message
 * over the limit: the SDK's reader throws and closes the connection (the server exits with no
 * word to anyone); this one skips that line and answers its request with an error saying the
 * limit, and the connection goes on.
 */
export class StdioLines implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;
  private line: Buffer[] = [];
  private lineBytes = 0;
  /** A line over the limit being skipped: its size so far and its two ends. */
  private skipped: { bytes: number; head: string; tail: Buffer } | undefined;

  constructor(
    private readonly log: Logger,
    private readonly stdin: Readable = process.stdin,
    private readonly stdout: Writable = process.stdout,
    private readonly maxBytes = STDIO_MAX_MESSAGE_BYTES,
  ) {}

  async start(): Promise<void> {
    this.stdin.on('data', this.read);
    this.stdin.on('error', this.failed);
  }

  private readonly failed = (error: Error) => this.onerror?.(error);

  private readonly read = (chunk: Buffer) => {
    for (let start = 0; ;) {
      const end = chunk.indexOf(10, start);
      this.take(chunk.subarray(start, end === -1 ? chunk.length : end));
      if (end === -1) return;
      this.lineEnded();
      start = end + 1;
    }
  };

  private take(piece: Buffer): void {
    if (piece.length === 0) return;
    if (this.skipped) {
      this.skipped.bytes += piece.length;
      this.skipped.tail = Buffer.concat([this.skipped.tail, piece]).subarray(-EDGE);
      return;
    }
    if (this.lineBytes + piece.length <= this.maxBytes) {
      this.line.push(piece);
      this.lineBytes += piece.length;
      return;
    }
    const sofar = Buffer.concat([...this.line, piece]);
    this.skipped = {
      bytes: sofar.length,
      head: sofar.subarray(0, EDGE).toString('utf8'),
      tail: Buffer.from(sofar.subarray(-EDGE)),
    };
    this.line = [];
    this.lineBytes = 0;
  }

  private lineEnded(): void {
    const skipped = this.skipped;
    this.skipped = undefined;
    if (skipped) return this.refuse(skipped);
    const text = Buffer.concat(this.line).toString('utf8').replace(/\r$/, '');
    this.line = [];
    this.lineBytes = 0;
    if (!text) return;
    try {
      this.onmessage?.(deserializeMessage(text));
    } catch (e) {
      this.onerror?.(e as Error);
    }
  }

  private refuse(skipped: { bytes: number; head: string; tail: Buffer }): void {
    const id = idIn(skipped.tail.toString('utf8')) ?? idIn(skipped.head);
    this.log.warn({ bytes: skipped.bytes, id }, 'a message over the stdio limit was skipped');
    if (id === undefined) return;
    void this.send({
      jsonrpc: '2.0',
      id,
      error: {
        code: ProtocolErrorCode.InvalidRequest,
        message: `This message is ${mb(skipped.bytes)}, more than the ${mb(this.maxBytes)} this server reads in one message over stdio, so it was not read. Send a large file by its path (upload_media with path), not as content_base64.`,
      },
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve) => {
      if (this.stdout.write(serializeMessage(message))) resolve();
      else this.stdout.once('drain', resolve);
    });
  }

  async close(): Promise<void> {
    this.stdin.off('data', this.read);
    this.stdin.off('error', this.failed);
    if (this.stdin.listenerCount('data') === 0) this.stdin.pause();
    this.line = [];
    this.skipped = undefined;
    this.onclose?.();
  }
}

/** How long a client that never asks for tools/list is given before `listed` runs anyway. */
const LIST_WAIT_MS = 2000;

/**
 * stdio: the default for Claude Desktop and Cursor. stdout carries only protocol messages. The SDK's
 * serveStdio picks the era from the client's opening (initialize: 2025; a per-request envelope:
 * 2026-07-28) and pins one server from `makeServer` to the connection. `listed` runs once the answer to the host's first tools/list is written (or, for a client that
 * asks none, LIST_WAIT_MS after connecting): what waits for it no longer delays that answer, which
 * a host waits for before it shows the tools.
 */
export function serveStdio(makeServer: () => McpServer, log: Logger, listed?: () => void): { close(): Promise<void> } {
  const transport = new StdioLines(log);
  const connection = serveEras(makeServer, {
    transport,
    onerror: (err) => log.warn({ err }, 'stdio connection error'),
  });
  if (listed) afterFirstToolList(transport, listed);
  return connection;
}

/** Watches the messages both ways (the server has set its reader by now) until tools/list is answered. */
function afterFirstToolList(transport: Transport, then: () => void): void {
  const { onmessage: receive, onclose: closed } = transport;
  const send = transport.send.bind(transport);
  let asked: string | number | undefined;
  const stop = () => {
    clearTimeout(unasked);
    Object.assign(transport, { onmessage: receive, send, onclose: closed });
  };
  const unasked = setTimeout(() => {
    stop();
    then();
  }, LIST_WAIT_MS);
  transport.onmessage = (message, extra) => {
    if (asked === undefined && 'method' in message && message.method === 'tools/list' && 'id' in message) {
      asked = message.id;
      clearTimeout(unasked);
    }
    receive?.(message, extra);
  };
  transport.send = async (message, options) => {
    await send(message, options);
    // Its answer: a result or an error with its id.
    if (asked === undefined || 'method' in message || !('id' in message) || message.id !== asked) return;
    stop();
    then();
  };
  transport.onclose = () => {
    stop();
    closed?.();
  };
}
