import { LoggingLevelSchema } from '@modelcontextprotocol/core';
import type { McpServer, LoggingLevel } from '@modelcontextprotocol/server';
import type { LogRecord, LogRelay } from '../log.js';
import { sdkInternals } from './tools/sdk-internals.js';

/** pino's numeric levels as the MCP (syslog) levels. */
export function mcpLevel(pinoLevel: number): LoggingLevel {
  if (pinoLevel >= 60) return 'critical';
  if (pinoLevel >= 50) return 'error';
  if (pinoLevel >= 40) return 'warning';
  if (pinoLevel >= 30) return 'info';
  return 'debug';
}

const severity = (level: LoggingLevel) => LoggingLevelSchema.options.indexOf(level);

/** The message a client sees: what happened and its facts, without pino's bookkeeping. */
export function logMessage(record: LogRecord) {
  const { level, msg, time: _time, pid: _pid, hostname: _hostname, name: _name, ...facts } = record;
  return { level: mcpLevel(level), logger: 'video-letter-mcp', data: { message: msg ?? '', ...facts } };
}

/**
 * Passes the server's log (render milestones, warnings, errors) to the client as
 * `notifications/message`; stderr keeps its own level.
 * - A 2025 session gets it from `info` up until the client picks a level with `logging/setLevel`.
 * - A 2026-07-28 request sets its own level (`_meta` `io.modelcontextprotocol/logLevel`; none set
 *   means no log): the log written while a tool call runs goes with that call, through the SDK's
 *   per-request `log`, which applies the level.
 * Called once every tool is registered. Returns a function that stops it (when the session closes).
 */
export function forwardLogs(server: McpServer, relay: LogRelay): () => void {
  let threshold: LoggingLevel = 'info';
  server.server.setRequestHandler('logging/setLevel', async (request) => {
    threshold = request.params.level;
    return {};
  });
  const answerCall = sdkInternals(server).handler('tools/call') as (request: unknown, ctx: unknown) => Promise<never>;
  server.server.setRequestHandler('tools/call', async (request, ctx) => {
    if (!ctx.mcpReq.envelope) return answerCall(request, ctx);
    const stop = relay.listen((record) => {
      const { level, data, logger } = logMessage(record);
      void ctx.mcpReq.log(level, data, logger).catch(() => undefined);
    });
    try {
      return await answerCall(request, ctx);
    } finally {
      stop();
    }
  });
  return relay.listen((record) => {
    const message = logMessage(record);
    // Nothing goes out ahead of the client's initialize, nor below the level it asked for.
    if (severity(message.level) < severity(threshold) || !server.isConnected() || !server.server.getClientVersion())
      return;
    void server.sendLoggingMessage(message).catch(() => undefined);
  });
}
