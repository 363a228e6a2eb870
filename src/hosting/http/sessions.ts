import type { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';
import type { McpServer } from '@modelcontextprotocol/server';

export interface Session {
  id: string;
  /** Whose session it is; undefined when the server has one person and no tokens. */
  person: string | undefined;
  server: McpServer;
  transport: NodeStreamableHTTPServerTransport;
  lastSeen: number;
  /** Requests still being answered; a session with one open is never idle. */
  open: number;
}

/**
 * The MCP sessions this server holds: a cap on how many, and an end to the ones nobody has used
 * for a while (a client that went away never says goodbye). A session belongs to the person who
 * started it; to anyone else it does not exist.
 */
export class Sessions {
  private readonly byId = new Map<string, Session>();
  /** POSTs being answered (tool calls among them), which a graceful shutdown lets finish. */
  private calls = 0;
  private readonly callsDone = new Set<() => void>();

  constructor(
    private readonly max: number,
    private readonly idleMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.byId.size;
  }

  full(): boolean {
    return this.byId.size >= this.max;
  }

  /** How many sessions one person holds. */
  countOf(person: string | undefined): number {
    let n = 0;
    for (const s of this.byId.values()) if (s.person === person) n++;
    return n;
  }

  add(session: Omit<Session, 'lastSeen' | 'open'>): void {
    this.byId.set(session.id, { ...session, lastSeen: this.now(), open: 0 });
  }

  remove(id: string): void {
    this.byId.delete(id);
  }

  find(id: string, person: string | undefined): Session | undefined {
    const session = this.byId.get(id);
    return session && session.person === person ? session : undefined;
  }

  /** Runs one request of a session, keeping it from looking idle meanwhile. */
  async serve(session: Session, isCall: boolean, handle: () => Promise<void>): Promise<void> {
    session.open++;
    session.lastSeen = this.now();
    if (isCall) this.calls++;
    try {
      await handle();
    } finally {
      session.open--;
      session.lastSeen = this.now();
      if (isCall && --this.calls === 0) for (const done of this.callsDone) done();
    }
  }

  /** Closes sessions idle for longer than the limit; returns how many. */
  async closeIdle(): Promise<number> {
    const idle = [...this.byId.values()].filter((s) => s.open === 0 && this.now() - s.lastSeen > this.idleMs);
    await Promise.all(idle.map((s) => this.close(s)));
    return idle.length;
  }

  /** Resolves when no POST is being answered. */
  callsFinished(): Promise<void> {
    if (this.calls === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.callsDone.delete(done);
        resolve();
      };
      this.callsDone.add(done);
    });
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.byId.values()].map((s) => this.close(s)));
  }

  private async close(session: Session): Promise<void> {
    this.byId.delete(session.id);
    await session.server.close().catch(() => undefined);
  }
}
