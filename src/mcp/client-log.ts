import { LoggingLevelSchema } from '@modelcontextprotocol/core';
import type { McpServer, LoggingLevel } from '@modelcontextprotocol/server';
import type { LogRecord, LogRelay } from '../log.js';

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
 * Passes the server's log (render milestones, warnings, errors) to one client session as
 * `notifications/message`, from `info` up until the client picks a level with `logging/setLevel`.
 * stderr keeps its own level. Returns a function that stops it (when the session closes).
 */
export function forwardLogs(server: McpServer, relay: LogRelay): () => void {
  let threshold: LoggingLevel = 'info';
  server.server.setRequestHandler('logging/setLevel', async (request) => {
    threshold = request.params.level;
    return {};
  });
  return relay.listen((record) => {
    const message = logMessage(record);
    // Nothing goes out ahead of the client's initialize, nor below the level it asked for.
    if (severity(message.level) < severity(threshold) || !server.isConnected() || !server.server.getClientVersion())
      return;
    void server.sendLoggingMessage(message).catch(() => undefined);
  });
}
