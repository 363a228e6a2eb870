import { InMemoryTaskStore, type CreateTaskOptions } from '@modelcontextprotocol/sdk/experimental/tasks';
import type { Request, RequestId, Result, Task } from '@modelcontextprotocol/sdk/types.js';

/**
 * The session's tasks (MCP 2025-11-25 tasks utility), in memory. It also remembers which tasks
 * stand for a plain tools/call: for a tool that supports tasks optionally, the SDK turns a call
 * without `task` into a task it waits on itself, and that caller expects today's answer (the file,
 * or "still rendering" within the usual wait), not a render followed to its end.
 */
export class LetterTaskStore extends InMemoryTaskStore {
  private readonly plainCalls = new Set<string>();
  /** Tasks of plain calls: the caller never asked for a task, so tasks/list does not show them. */
  private readonly unlisted = new Set<string>();

  override async createTask(
    options: CreateTaskOptions,
    requestId: RequestId,
    request: Request,
    sessionId?: string,
  ): Promise<Task> {
    const task = await super.createTask(options, requestId, request, sessionId);
    if (!(request.params as { task?: unknown } | undefined)?.task) {
      this.plainCalls.add(task.taskId);
      this.unlisted.add(task.taskId);
    }
    return task;
  }

  override async listTasks(cursor?: string, sessionId?: string): Promise<{ tasks: Task[]; nextCursor?: string }> {
    let page = await super.listTasks(cursor, sessionId);
    let tasks = page.tasks.filter((t) => !this.unlisted.has(t.taskId));
    // A page of only unlisted tasks is skipped, so a client never sees an empty page in the middle.
    while (tasks.length === 0 && page.nextCursor) {
      page = await super.listTasks(page.nextCursor, sessionId);
      tasks = page.tasks.filter((t) => !this.unlisted.has(t.taskId));
    }
    return { tasks, ...(page.nextCursor && { nextCursor: page.nextCursor }) };
  }

  /** True when the task was made by the SDK for a tools/call that did not ask for a task. */
  isPlainCall(taskId: string): boolean {
    return this.plainCalls.has(taskId);
  }

  override async storeTaskResult(
    taskId: string,
    status: 'completed' | 'failed',
    result: Result,
    sessionId?: string,
  ): Promise<void> {
    this.plainCalls.delete(taskId);
    await super.storeTaskResult(taskId, status, result, sessionId);
  }
}
