import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * scripts/test-setup.sh, npm's pretest, on machines it cannot be tried on for real: dpkg-query,
 * apt-get, sudo and id are small stand-ins, the only programs on PATH with `env`, that say what the
 * machine has and write down what they were asked to do. The system's own packages are never touched.
 */
const SCRIPT = path.resolve(import.meta.dirname, '../../../scripts/test-setup.sh');
const PACKAGES = [
  'ffmpeg',
  'chromium',
  'pocketsphinx',
  'pocketsphinx-en-us',
  'festival',
  'festvox-us-slt-hts',
  'redis-server',
];

interface Machine {
  /** Packages dpkg knows as installed; none and no dpkg or apt-get at all off Debian and Ubuntu. */
  installed: string[] | 'not-debian';
  root: boolean;
  /** sudo: absent, or present and answering without a password, or present and asking for one. */
  sudo: 'absent' | 'no-password' | 'password';
}

function run(machine: Machine) {
  const bin = mkdtempSync(path.join(os.tmpdir(), 'vl-test-setup-'));
  const calls = path.join(bin, 'calls.log');
  writeFileSync(calls, '');
  const tool = (name: string, body: string) => {
    writeFileSync(path.join(bin, name), `#!/bin/bash\n${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  };
  // As dpkg-query -W -f='${Package}=${db:Status-Status} ' does: known packages only, exit 1 if any is unknown.
  if (machine.installed !== 'not-debian') {
    const known = machine.installed.map((p) => `${p}=installed `).join('');
    tool('dpkg-query', `printf '%s' '${known}'; exit ${machine.installed.length === PACKAGES.length ? 0 : 1}`);
    tool('apt-get', `echo "apt-get $*" >> ${calls}`);
  }
  tool('id', `echo ${machine.root ? 0 : 1000}`);
  if (machine.sudo !== 'absent')
    tool(
      'sudo',
      machine.sudo === 'password'
        ? 'exit 1'
        : `[[ "$1" == -n ]] && shift; [[ "$1" == true ]] && exit 0; echo "sudo $*" >> ${calls}; "$@"`,
    );
  symlinkSync('/usr/bin/env', path.join(bin, 'env'));
  const result = spawnSync('/bin/bash', [SCRIPT], { encoding: 'utf8', env: { PATH: bin, HOME: bin } });
  const log = readFileSync(calls, 'utf8').trim();
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, calls: log ? log.split('\n') : [] };
}

const command = 'apt-get install -y -qq --no-install-recommends chromium festvox-us-slt-hts';
const half = PACKAGES.filter((p) => p !== 'chromium' && p !== 'festvox-us-slt-hts');

describe('npm test on a machine that already has every package', () => {
  it('installs nothing and says so on stderr', () => {
    const { status, stdout, stderr, calls } = run({ installed: PACKAGES, root: false, sudo: 'absent' });
    expect(status).toBe(0);
    expect(calls).toEqual([]);
    expect(stdout).toBe('');
    expect(stderr).toContain('the system packages the tests use are installed');
  });
});

describe('npm test on a machine missing some packages', () => {
  it('as root: updates the package lists first, then installs exactly the missing ones', () => {
    const { status, calls, stderr } = run({ installed: half, root: true, sudo: 'absent' });
    expect(status).toBe(0);
    expect(calls).toEqual(['apt-get update -qq', command]);
    expect(stderr).toContain('installing chromium festvox-us-slt-hts');
  });

  it('through sudo when it needs no password', () => {
    const { status, calls } = run({ installed: half, root: false, sudo: 'no-password' });
    expect(status).toBe(0);
    expect(calls).toEqual([
      'sudo apt-get update -qq',
      'apt-get update -qq',
      `sudo env DEBIAN_FRONTEND=noninteractive ${command}`,
      command,
    ]);
  });

  it('stops at once with the exact sudo command when sudo asks for a password', () => {
    const { status, calls, stdout, stderr } = run({ installed: half, root: false, sudo: 'password' });
    expect(status).toBe(1);
    expect(calls).toEqual([]);
    expect(stdout).toBe('');
    expect(stderr).toContain(`  sudo apt-get update && sudo ${command}\n`);
  });

  it('names the su command where there is no sudo at all', () => {
    const { status, calls, stderr } = run({ installed: [], root: false, sudo: 'absent' });
    expect(status).toBe(1);
    expect(calls).toEqual([]);
    expect(stderr).toContain(
      `  su -c 'apt-get update && apt-get install -y -qq --no-install-recommends ${PACKAGES.join(' ')}'\n`,
    );
  });
});

describe('npm test off Debian and Ubuntu', () => {
  it('names the packages to install and stops', () => {
    const { status, stderr } = run({ installed: 'not-debian', root: true, sudo: 'absent' });
    expect(status).toBe(1);
    expect(stderr).toContain(`  ${PACKAGES.join(' ')}\n`);
  });
});
