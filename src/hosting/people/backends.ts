import path from 'node:path';
import type { Backend } from '../../core/backend.js';
import type { BackendMaker } from '../../backends/index.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';

/**
 * One backend per person, each rooted at its own folder (`people/<id>/` under the home, with its
 * projects, media, caches and exports), made on first use. Every project lookup goes through the
 * person's own folder, so another person's project id is simply not found. All of them share one
 * ffmpeg and one render queue. Without people (one person on this machine, no tokens) there is
 * one backend at the home itself, the same letters stdio sees.
 */
export class PersonalBackends {
  private readonly backends = new Map<string, Backend>();

  constructor(
    private readonly config: Config,
    private readonly log: Logger,
    private readonly maker: BackendMaker,
  ) {}

  homeOf(person: string | undefined): string {
    return person === undefined ? this.config.home : path.join(this.config.home, 'people', person);
  }

  of(person: string | undefined): Backend {
    const key = person ?? '';
    let backend = this.backends.get(key);
    if (!backend) {
      const home = this.homeOf(person);
      const config =
        person === undefined ? this.config : { ...this.config, home, outputDir: path.join(home, 'exports') };
      backend = this.maker.make(config, person === undefined ? this.log : this.log.child({ person }));
      this.backends.set(key, backend);
    }
    return backend;
  }

  rendersIdle(): Promise<void> {
    return this.maker.rendersIdle();
  }

  async close(): Promise<void> {
    await Promise.all([...this.backends.values()].map((b) => b.close()));
    await this.maker.close();
  }
}
