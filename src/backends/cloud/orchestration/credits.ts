import type { CreditsReport } from '../../../core/backend.js';
import type { NemoApi } from '../client/api.js';
import type { Auth } from '../client/auth.js';
import { isNemoFailure, NEMO, noCreditsError } from '../client/failure.js';

/** NemoVideo's balance in words; anonymous users are told where to register for more. */
export async function creditsReport(api: NemoApi, auth: Auth, webUrl: string): Promise<CreditsReport> {
  const b = await api.credits().catch((e: unknown) => {
    if (isNemoFailure(e, NEMO.NO_CREDITS)) throw noCreditsError(auth.anonymous, webUrl, undefined);
    throw e;
  });
  const parts = [`NemoVideo credits: ${b.available ?? 'unknown'} available`];
  if (b.frozen) parts.push(`${b.frozen} held for running jobs`);
  if (b.total !== null) parts.push(`${b.total} in total`);
  const tail = auth.anonymous
    ? ` These are free anonymous credits; register at ${webUrl} to keep your work and get more.`
    : '';
  return {
    backend: 'cloud',
    unlimited: false,
    available: b.available,
    frozen: b.frozen,
    total: b.total,
    message: `${parts.join(', ')}. Edits use credits; exporting is free.${tail}`,
  };
}
