import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Every temporary folder of a test run, and of the servers, workers and installs it starts, goes
 * in one folder made here and erased at the end. Tests make folders freely (a packed install is
 * 700 MB); one run used to leave gigabytes behind, and a machine running CI many times filled up.
 */
export default function setup(): () => void {
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'vl-test-run-'));
  // os.tmpdir() reads these on every call; the test workers and every child process inherit them.
  for (const name of ['TMPDIR', 'TMP', 'TEMP']) process.env[name] = runDir;
  return () => rmSync(runDir, { recursive: true, force: true });
}
