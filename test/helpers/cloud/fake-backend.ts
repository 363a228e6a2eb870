import { afterEach, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Backend } from '../../../src/core/backend.js';
import { createCloudBackend, type CloudDeps } from '../../../src/backends/cloud/cloud.js';
import type { FakeNemo } from './fake-nemo.js';
import { PNG_1x1, tempDir, testConfig } from './fixtures.js';
import { captureLogger } from './msw-bridge.js';

/**
 * A cloud backend talking to the local fake, with the seed's 30-second waits shortened (the
 * waits themselves stay) and the given settings; every backend made here is closed by `closeAll`.
 */
export function fakeBackends(fake: () => FakeNemo) {
  const open: Backend[] = [];
  return {
    make(env: Record<string, string> = {}, deps: CloudDeps = {}): Backend {
      const config = testConfig(fake().url, env);
      const backend = createCloudBackend(config, captureLogger().logger, {
        clientIdFile: path.join(config.home, 'client_id'),
        rateLimitWaitMs: 1,
        recoveryWaitMs: 1,
        ...deps,
      });
      open.push(backend);
      return backend;
    },
    async closeAll(): Promise<void> {
      await Promise.all(open.splice(0).map((b) => b.close()));
    },
  };
}

/** A photo file on disk with the given name. */
export function photo(name = 'mom.png'): string {
  const file = path.join(tempDir(), name);
  writeFileSync(file, PNG_1x1);
  return file;
}

/** The fake's chat messages since `from`, as sent. */
export const chatsSince = (fake: FakeNemo, from: number) => fake.chats.slice(from).map((c) => c.text);

/** The fake's render requests (start, not status polls). */
export const renderStarts = (fake: FakeNemo) =>
  fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/render/proxy/lambda');

/**
 * fakeBackends for tests that start their own fake: after each test its backends are closed, the
 * fake is checked for handler errors and stopped.
 */
export function fakeBackendsPerTest(fake: () => FakeNemo) {
  const backends = fakeBackends(fake);
  afterEach(async () => {
    await backends.closeAll();
    expect(
      fake()
        .handlerErrors.splice(0)
        .map((e) => e.message),
    ).toEqual([]);
    await fake().close();
  });
  return backends;
}
