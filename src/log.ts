import pino from 'pino';

/**
 * stdout is the MCP channel, so every log line goes to stderr (fd 2). Anything that looks like a
 * credential is redacted wherever it sits in a logged object.
 */
export const REDACTED_KEYS = ['token', 'authorization', 'Authorization', 'NEMO_TOKEN', 'password', 'secret'];

/** One log record as pino wrote it (already redacted): numeric level, `msg` and the logged fields. */
export type LogRecord = { level: number; msg?: string } & Record<string, unknown>;

/**
 * Hands every record from debug up to whoever listens (the MCP sessions, which pass them on to
 * their clients as log messages), whatever level stderr is set to.
 */
export class LogRelay {
  private readonly listeners = new Set<(record: LogRecord) => void>();

  readonly stream: pino.DestinationStream = {
    write: (line: string) => {
      if (this.listeners.size === 0) return;
      const record = JSON.parse(line) as LogRecord;
      for (const listener of this.listeners) listener(record);
    },
  };

  listen(listener: (record: LogRecord) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}

export function createLogger(
  level: string = process.env.VIDEO_LETTER_LOG_LEVEL ?? 'info',
  relay?: LogRelay,
): pino.Logger {
  const options: pino.LoggerOptions = {
    name: 'video-letter-mcp',
    level,
    redact: {
      paths: [...REDACTED_KEYS, ...REDACTED_KEYS.map((k) => `*.${k}`), ...REDACTED_KEYS.map((k) => `*.*.${k}`)],
      censor: '[redacted]',
    },
  };
  const stderr = pino.destination({ fd: 2, sync: true });
  if (!relay) return pino(options, stderr);
  const lowest =
    pino.levels.values[level] !== undefined && pino.levels.values[level] < pino.levels.values.debug! ? level : 'debug';
  return pino(
    { ...options, level: lowest },
    pino.multistream([
      { level, stream: stderr },
      { level: 'debug', stream: relay.stream },
    ]),
  );
}

export type Logger = pino.Logger;
