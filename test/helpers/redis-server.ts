import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Starts Debian's redis-server in the background on a loopback port, its data in `dir` kept in an
 * append-only file, so one started again on the same port and folder finds its jobs.
 */
export function startRedisServer(port: number | string, dir: string): void {
  execFileSync('redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--appendonly',
    'yes',
    '--save',
    '',
    '--daemonize',
    'yes',
    '--logfile',
    path.join(dir, 'redis.log'),
  ]);
}
