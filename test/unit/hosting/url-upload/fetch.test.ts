import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublicAddress } from '../../../../src/hosting/url-upload/address.js';
import { downloadToFile, type UrlPolicy } from '../../../../src/hosting/url-upload/fetch.js';
import { tempDir } from '../../../helpers/server.js';

/** A file server on 127.0.0.1 that the injected policy lets through, and nothing else on the machine. */
const policy: UrlPolicy = { protocols: ['http:'], isAllowedAddress: (address) => address === '127.0.0.1' };
const MB = 1024 * 1024;
let server: http.Server;
let base: string;
const dir = tempDir();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const port = (server.address() as AddressInfo).port;
    switch (req.url) {
      case '/small.txt':
        return void res.writeHead(200, { 'content-type': 'text/plain' }).end('Dear Grandma');
      case '/hop':
        return void res.writeHead(302, { location: '/small.txt' }).end();
      case '/to-other-loopback':
        return void res.writeHead(301, { location: `http://127.0.0.2:${port}/small.txt` }).end();
      case '/declared-big':
        res.writeHead(200, { 'content-length': String(3 * MB) });
        return void res.end(Buffer.alloc(3 * MB));
      case '/trickle': {
        // A byte every 200 ms: never idle long enough for a timeout, only the overall deadline stops it.
        res.writeHead(200, { 'content-type': 'video/mp4' });
        const timer = setInterval(() => res.write(Buffer.alloc(1)), 200);
        return void res.on('close', () => clearInterval(timer));
      }
      case '/endless':
        // No Content-Length: the size is only known by counting.
        res.writeHead(200, { 'content-type': 'video/mp4' });
        for (let i = 0; i < 3; i++) res.write(Buffer.alloc(MB));
        return void res.end();
      default:
        return void res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server?.close();
});

const fetchTo = (url: string, name: string, maxBytes = 2 * MB) =>
  downloadToFile(url, path.join(dir, name), { maxBytes, policy, signal: AbortSignal.timeout(30_000) });

describe('fetching an upload by link', () => {
  it('follows a redirect and names the file after the final address', async () => {
    const got = await fetchTo(`${base}/hop`, 'hop');
    expect(got).toEqual({ fileName: 'small.txt', bytes: 12 });
    expect(readFileSync(path.join(dir, 'hop'), 'utf8')).toBe('Dear Grandma');
  });

  it('stops a link that trickles at the overall deadline, with a sentence', async () => {
    const slow = downloadToFile(`${base}/trickle`, path.join(dir, 'trickle'), {
      maxBytes: MB,
      policy,
      signal: new AbortController().signal,
      deadlineMs: 1500,
    });
    await expect(slow).rejects.toMatchObject({
      message: expect.stringContaining('The link took longer than'),
    });
  });

  it('refuses a link written as an IPv4-compatible IPv6 address, [::127.0.0.1]', async () => {
    const port = new URL(base).port;
    await expect(
      downloadToFile(`https://[::127.0.0.1]:${port}/small.txt`, path.join(dir, 'v6'), {
        maxBytes: MB,
        policy: { protocols: ['https:'], isAllowedAddress: isPublicAddress },
        signal: AbortSignal.timeout(10_000),
      }),
    ).rejects.toMatchObject({ code: 'invalid_request', message: expect.stringContaining('non-public address') });
  });

  it('checks the address again at every redirect', async () => {
    await expect(fetchTo(`${base}/to-other-loopback`, 'other')).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('leads to 127.0.0.2'),
    });
  });

  it('refuses a file whose declared size is over the limit before reading it', async () => {
    await expect(fetchTo(`${base}/declared-big`, 'declared')).rejects.toMatchObject({
      code: 'file_too_large',
      message: expect.stringContaining('over the 2 MB limit'),
    });
    expect(existsSync(path.join(dir, 'declared'))).toBe(false);
  });

  it('stops a download without a declared size as soon as it passes the limit', async () => {
    await expect(fetchTo(`${base}/endless`, 'endless')).rejects.toMatchObject({ code: 'file_too_large' });
  });

  it('says so when the link answers with an error status', async () => {
    await expect(fetchTo(`${base}/missing`, 'missing')).rejects.toMatchObject({
      code: 'file_not_found',
      message: expect.stringContaining('HTTP 404'),
    });
  });
});

describe('which addresses a link may reach', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.10',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '64:ff9b::a00:1',
    '::127.0.0.1',
    '::7f00:1',
    '::10.0.0.1',
    '::808:808',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'allows the public address %s',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );
});
