import { describe, expect, it } from 'vitest';
import { logMessage } from '../../src/mcp/client-log.js';

describe("the server's log as MCP log messages", () => {
  it('maps pino levels to MCP levels: warn is a warning, fatal is critical, trace and debug are debug', () => {
    const levels = [10, 20, 30, 40, 50, 60].map((level) => logMessage({ level, msg: 'x' }).level);
    expect(levels).toEqual(['debug', 'debug', 'info', 'warning', 'error', 'critical']);
  });

  it("keeps the message and its facts, and drops pino's time, pid, hostname and name", () => {
    const record = {
      level: 30,
      time: 1,
      pid: 2,
      hostname: 'h',
      name: 'video-letter-mcp',
      msg: 'letter rendered',
      projectId: 'p_1',
      seconds: 4.2,
    };
    expect(logMessage(record)).toEqual({
      level: 'info',
      logger: 'video-letter-mcp',
      data: { message: 'letter rendered', projectId: 'p_1', seconds: 4.2 },
    });
  });
});
