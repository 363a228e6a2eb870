import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { Backend } from '../../core/backend.js';
import type { Logger } from '../../log.js';
import type { LetterTaskStore } from '../tasks/store.js';
import type { CallerPolicy } from '../caller-policy.js';
import type { ConfirmSetting } from '../ask-before-spending.js';

export interface ToolDeps {
  backend: Backend;
  log: Logger;
  /** The session's MCP tasks (export_video can run as one). */
  tasks: LetterTaskStore;
  /** What this caller may name, fetch and see (stdio, or HTTP for one person or for people with tokens). */
  policy: CallerPolicy;
  /** How the person is asked before an export spends credits. */
  confirm: ConfirmSetting;
}

export type Registrar = (server: McpServer, deps: ToolDeps) => void;

/** The cloud backend talks to an outside service; the local engine touches only this computer. */
export function annotations(deps: ToolDeps, a: Omit<ToolAnnotations, 'openWorldHint'>): ToolAnnotations {
  return { ...a, openWorldHint: deps.backend.name === 'cloud' };
}
