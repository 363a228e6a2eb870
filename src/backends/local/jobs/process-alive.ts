/**
 * Whether the process `pid` is running on this machine: how a server tells the files and locks of
 * a live one (another host's server on this home) from those a killed one left behind.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, as another user's process.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
