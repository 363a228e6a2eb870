import type { McpServer } from '@modelcontextprotocol/server';
import type { Backend } from '../../core/backend.js';
import { registerMakeLetterPrompt } from './make-letter.js';
import { registerRefineLetterPrompt } from './refine-letter.js';

/** Prompts hosts show as slash commands. */
export function registerPrompts(server: McpServer, backend: Backend): void {
  registerMakeLetterPrompt(server);
  registerRefineLetterPrompt(server, backend);
}
