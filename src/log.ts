import pino from 'pino';

/**
 * stdout is the MCP channel, so every log line goes to stderr (fd 2). Anything that looks like a
 * credential is redacted wherever it sits in a logged object.
 */
export const REDACTED_KEYS = ['token', 'authorization', 'Authorization', 'NEMO_TOKEN', 'password', 'secret'];

export function createLogger(level: string = process.env.VIDEO_LETTER_LOG_LEVEL ?? 'info'): pino.Logger {
  return pino(
    {
      name: 'video-letter-mcp',
      level,
      redact: {
        paths: [...REDACTED_KEYS, ...REDACTED_KEYS.map((k) => `*.${k}`), ...REDACTED_KEYS.map((k) => `*.*.${k}`)],
        censor: '[redacted]',
      },
    },
    pino.destination({ fd: 2, sync: true }),
  );
}

export type Logger = pino.Logger;
