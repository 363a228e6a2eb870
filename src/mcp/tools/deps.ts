import type { McpServer, ToolAnnotations } from '@modelcontextprotocol/server';
import type { Backend } from '../../core/backend.js';
import type { Logger } from '../../log.js';
import type { CallerPolicy } from '../caller-policy.js';
import type { ConfirmSetting } from '../ask-before-spending.js';

export interface ToolDeps {
  backend: Backend;
  log: Logger;
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
