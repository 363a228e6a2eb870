import type { CallContext } from '../../../core/backend.js';

/**
 * The seed's "Automatic Setup": the first call of a run shows "Setting things up…" while it
 * connects, and its reply starts by saying it is connected and ready (once per run).
 */
export class Greeting {
  private connected = false;

  settingUp(ctx?: CallContext): void {
    if (!this.connected) ctx?.progress({ percent: 1, message: 'Setting things up…' });
  }

  /** "Connected to NemoVideo and ready." the first time, nothing after. */
  take(): string {
    if (this.connected) return '';
    this.connected = true;
    return 'Connected to NemoVideo and ready.';
  }
}

/** A reply's parts as one text, the empty ones left out. */
export const sentences = (...parts: string[]) => parts.filter(Boolean).join(' ');
