import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';

/**
 * A client transport that also keeps every message the server sent, as it came. The SDK client
 * cannot read a tools/call answered with a task (`resultType: "task"`, the tasks extension it does
 * not implement yet, typescript-sdk issue #2189) and rejects the call; the test reads the answer
 * from here instead.
 */
export function keepingMessages<T extends Transport>(inner: T): { transport: T; received: JSONRPCMessage[] } {
  const received: JSONRPCMessage[] = [];
  const transport = new Proxy(inner, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
    set(target, key, value: unknown) {
      if (key !== 'onmessage' || typeof value !== 'function') return Reflect.set(target, key, value, target);
      const deliver = value as NonNullable<Transport['onmessage']>;
      target.onmessage = (message, extra) => {
        received.push(message);
        deliver(message, extra);
      };
      return true;
    },
  });
  return { transport, received };
}
