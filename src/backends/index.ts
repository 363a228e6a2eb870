import type { Config } from '../config.js';
import { LetterError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Backend } from './backend.js';
import { createLocalBackend } from './local/local.js';

/** The backend named by configuration: the offline local engine unless the cloud is asked for. */
export async function createBackend(config: Config, log: Logger): Promise<Backend> {
  switch (config.backend) {
    case 'local':
      return createLocalBackend(config, log);
    case 'cloud':
      throw new LetterError('cloud_unavailable', 'VIDEO_LETTER_BACKEND=cloud is not available in this version yet; unset it to use the local engine.');
  }
}
