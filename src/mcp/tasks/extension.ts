import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  CLIENT_CAPABILITIES_META_KEY,
  MissingRequiredClientCapabilityError,
  ProtocolError,
  ProtocolErrorCode,
  type CallToolResult,
  type McpServer,
  type ServerContext,
} from '@modelcontextprotocol/server';
import type { Backend } from '../../core/backend.js';
import type { Logger } from '../../log.js';
import { sdkInternals } from '../tools/sdk-internals.js';

/**
 * The `io.modelcontextprotocol/tasks` extension (SEP-2663) for 2026-07-28 clients, kept in this one
 * module until the SDK implements it (typescript-sdk issue #2189). It uses only the SDK's entry
 * points for custom methods (an `extensions` capability, request handlers with explicit schemas),
 * so no other part of the server knows the wire shape of a task:
 * - a client that declares the extension in a request's `_meta` client capabilities and calls a
 *   tool that runs as a task (export_video) gets a CreateTaskResult at once, flat:
 *   `{resultType:"task", taskId, status, createdAt, lastUpdatedAt, ttlMs, pollIntervalMs}`;
 * - `tasks/get` answers the task, with the tool's own result under `result` once it is completed
 *   (a tool that ran and failed is `completed` with `result.isError`; `failed` with `error` is
 *   kept for a fault of the server), and `statusMessage` with the progress while it works;
 * - `tasks/cancel` stops the work and answers an empty result, also for a task already ended;
 *   an unknown task id is -32602;
 * - a request without the extension gets -32021 for tasks/*, and every tool answers as usual.
 * Tasks are found by the person (their backend: one per token over HTTP, the one of this computer
 * on stdio) and the task id, never by a connection or session: 2026-07-28 HTTP has none. They live
 * in this process's memory: after a restart the task is gone, while the render itself and its MP4
 * are kept and export_video picks them up.
 */
export const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';

/** How long an ended task can still be read; how often a client is asked to poll. */
const TASK_TTL_MS = 60 * 60_000;
const POLL_INTERVAL_MS = 1000;

/** What a task's work is told while it runs. */
export interface TaskRun {
  /** Says how the work is going (the task's statusMessage). */
  report(message: string): void;
  /** True once tasks/cancel arrived: the work stops as soon as it notices. */
  cancelled(): boolean;
}

/** A tool that can run as a task: whether this call does, and the work that follows it to its end. */
export interface TaskTool {
  asTask(args: Record<string, unknown>): boolean;
  /** The tool's result, or undefined when the work stopped because the task was cancelled. */
  work(args: Record<string, unknown>, run: TaskRun): Promise<CallToolResult | undefined>;
}

type Status = 'working' | 'completed' | 'failed' | 'cancelled';

interface LetterTask {
  taskId: string;
  status: Status;
  statusMessage?: string;
  createdAt: string;
  lastUpdatedAt: string;
  ttlMs: number;
  pollIntervalMs: number;
  result?: CallToolResult;
  error?: { code: number; message: string };
}

/** Each person's tasks, by id; a person is their backend (see above). */
const tasksOf = new WeakMap<Backend, Map<string, LetterTask>>();

function tasksFor(backend: Backend): Map<string, LetterTask> {
  let tasks = tasksOf.get(backend);
  if (!tasks) tasksOf.set(backend, (tasks = new Map<string, LetterTask>()));
  return tasks;
}

/** Whether this request's client declared the extension (2026-07-28: per request, in `_meta`). */
function declared(ctx: ServerContext): boolean {
  const envelope = ctx.mcpReq.envelope as Record<string, { extensions?: Record<string, unknown> }> | undefined;
  const capabilities = envelope?.[CLIENT_CAPABILITIES_META_KEY];
  return capabilities?.extensions?.[TASKS_EXTENSION] !== undefined;
}

function requireDeclared(ctx: ServerContext): void {
  if (!declared(ctx))
    throw new MissingRequiredClientCapabilityError(
      { requiredCapabilities: { extensions: { [TASKS_EXTENSION]: {} } } },
      `Tasks are part of the ${TASKS_EXTENSION} extension: declare it in the request's client capabilities.`,
    );
}

const TaskParams = z.object({ taskId: z.string() });
const TaskAnswer = z.looseObject({});

/** Adds the extension to a server whose tools are registered; `tools` are those that run as tasks. */
export function offerTasks(server: McpServer, backend: Backend, log: Logger, tools: Record<string, TaskTool>): void {
  const tasks = tasksFor(backend);
  server.server.registerCapabilities({ extensions: { [TASKS_EXTENSION]: {} } });

  const change = (task: LetterTask, to: Partial<LetterTask>) => {
    if (task.status !== 'working') return;
    Object.assign(task, to, { lastUpdatedAt: new Date().toISOString() });
    if (task.status !== 'working') setTimeout(() => tasks.delete(task.taskId), task.ttlMs).unref();
  };

  const start = (tool: TaskTool, args: Record<string, unknown>): LetterTask => {
    const now = new Date().toISOString();
    const task: LetterTask = {
      taskId: randomUUID(),
      status: 'working',
      createdAt: now,
      lastUpdatedAt: now,
      ttlMs: TASK_TTL_MS,
      pollIntervalMs: POLL_INTERVAL_MS,
    };
    tasks.set(task.taskId, task);
    const run: TaskRun = {
      report: (statusMessage) => change(task, { statusMessage }),
      cancelled: () => task.status === 'cancelled',
    };
    tool.work(args, run).then(
      (result) => result && change(task, { status: 'completed', result }),
      (e: unknown) => {
        log.error({ err: e, taskId: task.taskId }, 'a task stopped on a fault of the server');
        const message = `The server could not finish this task: ${(e as Error).message}`;
        change(task, { status: 'failed', error: { code: ProtocolErrorCode.InternalError, message } });
      },
    );
    return task;
  };

  const find = (taskId: string): LetterTask => {
    const task = tasks.get(taskId);
    if (!task)
      throw new ProtocolError(
        ProtocolErrorCode.InvalidParams,
        `There is no task "${taskId}" for you here (an ended task is kept for an hour).`,
      );
    return task;
  };

  const { tools: registered, handler } = sdkInternals(server);
  const answerCall = handler('tools/call') as (request: unknown, ctx: ServerContext) => Promise<unknown>;
  server.server.setRequestHandler('tools/call', async (request, ctx) => {
    const { name, arguments: given } = request.params;
    const tool = Object.hasOwn(tools, name) ? tools[name] : undefined;
    const args = tool && declared(ctx) && registered[name]?.inputSchema?.safeParse(given ?? {});
    if (!tool || !args || !args.success || !tool.asTask(args.data as Record<string, unknown>))
      return (await answerCall(request, ctx)) as CallToolResult;
    const { taskId, status, createdAt, lastUpdatedAt, ttlMs, pollIntervalMs } = start(
      tool,
      args.data as Record<string, unknown>,
    );
    // A flat CreateTaskResult: the SDK passes a tools/call resultType other than "complete" through
    // (adding an empty content list, which the extension allows).
    const created = { resultType: 'task', taskId, status, createdAt, lastUpdatedAt, ttlMs, pollIntervalMs };
    return created as unknown as CallToolResult;
  });

  server.server.setRequestHandler('tasks/get', { params: TaskParams, result: TaskAnswer }, ({ taskId }, ctx) => {
    requireDeclared(ctx);
    return { ...find(taskId) };
  });
  server.server.setRequestHandler('tasks/cancel', { params: TaskParams, result: TaskAnswer }, ({ taskId }, ctx) => {
    requireDeclared(ctx);
    change(find(taskId), { status: 'cancelled', statusMessage: 'Cancelled.' });
    return {};
  });
  server.server.setRequestHandler(
    'tasks/update',
    // Its inputResponses are lifted out of the params by the SDK (ctx.mcpReq.inputResponses).
    { params: TaskParams, result: TaskAnswer },
    ({ taskId }, ctx) => {
      requireDeclared(ctx);
      find(taskId);
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Task "${taskId}" asks for no input.`);
    },
  );
}
