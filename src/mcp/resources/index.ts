import type { McpServer } from '@modelcontextprotocol/server';
import type { Backend } from '../../core/backend.js';
import type { CallerPolicy } from '../caller-policy.js';
import { registerExportResources } from './exports.js';
import { registerStateResource } from './state.js';
import { registerStoryboardResource } from './storyboard.js';

export { followLetters } from './subscriptions.js';
export { letterUri } from './letters.js';

/** Every letter as resources: state, storyboard (engines that draw one), exports' videos and captions. */
export function registerLetterResources(server: McpServer, backend: Backend, policy: CallerPolicy): void {
  registerStateResource(server, backend, policy);
  registerStoryboardResource(server, backend);
  registerExportResources(server, backend);
}
