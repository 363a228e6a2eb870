import {
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  inputRequired,
  inputResponse,
  type ClientCapabilities,
  type ElicitRequestFormParams,
  type Implementation,
  type InputRequiredResult,
  type Server,
} from '@modelcontextprotocol/server';
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
export type AskWay = 'elicitation' | 'input-required' | 'two-step';

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

/** The client of one request: a 2025 client from `initialize`, a 2026-07-28 one from the request's `_meta`. */
export interface AskedClient {
  capabilities: ClientCapabilities | undefined;
  info: Implementation | undefined;
  /** A 2026-07-28 request (no session: a question goes back in the answer and the call is retried). */
  modern?: boolean;
}

/**
 * The one place that decides how the person is asked.
 * - A 2026-07-28 client that declares elicitation is asked by multi round-trip input: the call
 *   answers `input_required` with the form and is retried with the person's answer. Nothing waits
 *   on the server meanwhile, so no host can leave a call hanging, and `auto` asks every such client.
 * - A 2025 client is asked with a form when it declares form elicitation and the setting allows it.
 * - Otherwise, and always with `two-step`, by the tool's two-step answer.
 */
export function howToAsk(client: AskedClient, setting: ConfirmSetting): AskWay {
  if (setting === 'two-step') return 'two-step';
  if (client.modern) return client.capabilities?.elicitation ? 'input-required' : 'two-step';
  if (!client.capabilities?.elicitation?.form) return 'two-step';
  if (setting === 'elicitation') return 'elicitation';
  return SHOWS_FORMS.has(client.info?.name ?? '') ? 'elicitation' : 'two-step';
}

/** The yes/no form: the cost in credits, and nothing started until the person says yes. */
function spendForm({ cost, available }: SpendQuestion): ElicitRequestFormParams {
  const credits = `${cost} credit${cost === 1 ? '' : 's'}`;
  const have = available === null ? '' : ` (${available} available)`;
  return {
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
  };
}

/** The person's answer to the form, as the client gave it back. */
function consentOf(answer: { action: string; content?: Record<string, unknown> }): Consent {
  if (answer.action === 'accept') return answer.content?.spend === true ? 'yes' : 'no';
  return answer.action === 'decline' ? 'no' : 'unanswered';
}

/** How one tool call asks: `ask` for the tool, and the round trip to answer with instead of its result. */
export interface Asking {
  ask?: AskPerson;
  /** On 2026-07-28: the form to send back (`input_required`) when the person has not answered yet. */
  roundTrip(): InputRequiredResult | undefined;
}

const INPUT_KEY = 'spend';

/** A 2026-07-28 call: the person's answer comes with the retried call; without one, the form goes back. */
function askByRoundTrip(extra: Extra): Asking {
  let form: ElicitRequestFormParams | undefined;
  const answer = inputResponse(extra.mcpReq.inputResponses, INPUT_KEY);
  return {
    ask: (question) => {
      if (answer.kind === 'elicit') return Promise.resolve(consentOf(answer));
      form = spendForm(question);
      return Promise.resolve('unanswered');
    },
    roundTrip: () => form && inputRequired({ inputRequests: { [INPUT_KEY]: inputRequired.elicit(form) } }),
  };
}

/**
 * How one tool call asks the person: by multi round-trip input (2026-07-28), by a yes/no form sent
 * with the call (2025; over HTTP it travels on the call's own stream), or not at all when the
 * question goes back in the tool's two-step answer instead.
 */
export function askerFor(server: Server, extra: Extra, setting: ConfirmSetting): Asking {
  const envelope = extra.mcpReq.envelope as Record<string, unknown> | undefined;
  const client: AskedClient = envelope
    ? {
        modern: true,
        capabilities: envelope[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined,
        info: envelope[CLIENT_INFO_META_KEY] as Implementation | undefined,
      }
    : { capabilities: server.getClientCapabilities(), info: server.getClientVersion() };
  const way = howToAsk(client, setting);
  if (way === 'input-required') return askByRoundTrip(extra);
  if (way === 'two-step') return { roundTrip: () => undefined };
  return {
    roundTrip: () => undefined,
    ask: async (question) => {
      try {
        const answer = await server.elicitInput(spendForm(question), {
          relatedRequestId: extra.mcpReq.id,
          signal: extra.mcpReq.signal,
          timeout: ANSWER_WAIT_MS,
        });
        return consentOf(answer);
      } catch {
        // Not shown, timed out or refused by the client: the tool's answer asks instead.
        return 'unanswered';
      }
    },
  };
}
