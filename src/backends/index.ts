import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Backend } from './backend.js';
import { createCloudBackend } from './cloud/cloud.js';
import { createLocalBackend } from './local/local.js';

/** The backend named by configuration: the offline local engine unless the cloud is asked for. */
export async function createBackend(config: Config, log: Logger): Promise<Backend> {
  switch (config.backend) {
    case 'local':
      return createLocalBackend(config, log);
    case 'cloud':
      return createCloudBackend(config, log);
  }
}
