import type { ClientCapabilities, Implementation, Server } from '@modelcontextprotocol/server';
import type { Extra } from './tools/reply.js';

/**
 * How a person is asked before an action spends credits (VIDEO_LETTER_CONFIRM):
 * - `auto` (the default): with a form (elicitation) only on clients known to show one; everywhere
 *   else the tool answers with the cost and is called again with `confirm: true`. Declaring
 *   elicitation is not enough: Claude Desktop declares it and never shows the form, so the call
 *   would hang until the host gives up on it.
 * - `elicitation`: with a form on every client that declares form elicitation.
 * - `two-step`: always the tool's answer with the cost, never a form.
 */
export type ConfirmSetting = 'auto' | 'elicitation' | 'two-step';

/** How this call's question reaches the person. */
export type AskWay = 'elicitation' | 'two-step';

/** What the person answered: yes, no, or nothing (the form was dismissed or could not be shown). */
export type Consent = 'yes' | 'no' | 'unanswered';

/** What spending would cost: the credits, and the balance when it is known. */
export interface SpendQuestion {
  cost: number;
  available: number | null;
}

/** Puts the question to the person and waits for their answer. */
export type AskPerson = (question: SpendQuestion) => Promise<Consent>;

/**
 * Clients known to show an elicitation form to the person, by the name they give in
 * `initialize` (clientInfo.name). VS Code shows form elicitation since 1.102.
 */
const SHOWS_FORMS = new Set(['Visual Studio Code', 'Visual Studio Code - Insiders']);

/** How long the person has to answer the form: reading a cost and deciding takes a moment. */
const ANSWER_WAIT_MS = 10 * 60_000;

/**
 * The one place that decides how the person is asked. A 2025 client is asked with a form when it
 * declares form elicitation and the setting allows it, otherwise by the tool's two-step answer.
 * (The 2026-07-28 protocol's multi round-trip input, `input_required`, is another way to add here.)
 */
export function howToAsk(
  client: { capabilities: ClientCapabilities | undefined; info: Implementation | undefined },
  setting: ConfirmSetting,
): AskWay {
  if (setting === 'two-step' || !client.capabilities?.elicitation?.form) return 'two-step';
  if (setting === 'elicitation') return 'elicitation';
  return SHOWS_FORMS.has(client.info?.name ?? '') ? 'elicitation' : 'two-step';
}

/**
 * The asker for one tool call: a yes/no form sent with the call (so over HTTP it travels on the
 * call's own stream), or undefined when the question goes back in the tool's answer instead.
 */
export function askerFor(server: Server, extra: Extra, setting: ConfirmSetting): AskPerson | undefined {
  const way = howToAsk({ capabilities: server.getClientCapabilities(), info: server.getClientVersion() }, setting);
  if (way === 'two-step') return undefined;
  return async ({ cost, available }) => {
    const credits = `${cost} credit${cost === 1 ? '' : 's'}`;
    const have = available === null ? '' : ` (${available} available)`;
    try {
      const answer = await server.elicitInput(
        {
          mode: 'form',
          message: `Exporting this video letter on NemoVideo uses ${credits}${have}. Nothing has been started yet: export it?`,
          requestedSchema: {
            type: 'object',
            properties: {
              spend: {
                type: 'boolean',
                title: `Spend ${credits} to export`,
                description: `Yes starts the export on NemoVideo and uses ${credits}; no starts nothing.`,
                default: false,
              },
            },
            required: ['spend'],
          },
        },
        { relatedRequestId: extra.mcpReq.id, signal: extra.mcpReq.signal, timeout: ANSWER_WAIT_MS },
      );
      if (answer.action === 'accept') return answer.content?.spend === true ? 'yes' : 'no';
      return answer.action === 'decline' ? 'no' : 'unanswered';
    } catch {
      // Not shown, timed out or refused by the client: the tool's answer asks instead.
      return 'unanswered';
    }
  };
}
