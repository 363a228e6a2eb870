import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

/** The Python MCP SDK's limit on one server-sent event, the strictest of the clients probed. */
export const ONE_MIB = 1024 * 1024;

/**
 * Passes bytes through while counting each server-sent event (text up to a blank line), and fails
 * the stream as soon as one is larger than `cap`, as a client with that limit would.
 */
function capEvents(cap: number, seen: { largest: number }): TransformStream<Uint8Array, Uint8Array> {
  let event = 0;
  let previous = -1;
  return new TransformStream({
    transform(chunk, controller) {
      for (const byte of chunk) {
        if (byte === 13) continue;
        // "\n\n" ends an event (carriage returns are skipped above).
        if (byte === 10 && previous === 10) {
          event = 0;
        } else {
          event++;
          seen.largest = Math.max(seen.largest, event);
          if (event > cap) {
            controller.error(new Error(`a server-sent event is over ${cap} bytes`));
            return;
          }
        }
        previous = byte;
      }
      controller.enqueue(chunk);
    },
  });
}

/**
 * The SDK's real Client over Streamable HTTP with a fetch that refuses any message larger than
 * 1 MiB (an SSE event or a JSON body), as the Python SDK does. `largest` is the largest seen.
 */
export async function connectCapped(
  url: string,
  token?: string,
  cap = ONE_MIB,
): Promise<{ client: Client; largest: () => number }> {
  const seen = { largest: 0 };
  const capped: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (!response.body) return response;
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('application/json')) {
      const body = new Uint8Array(await response.arrayBuffer());
      seen.largest = Math.max(seen.largest, body.length);
      if (body.length > cap) throw new Error(`a JSON answer is over ${cap} bytes`);
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    }
    if (!type.includes('text/event-stream')) return response;
    return new Response(response.body.pipeThrough(capEvents(cap, seen)), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  const client = new Client({ name: 'capped-http-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      fetch: capped,
      ...(token && { requestInit: { headers: { Authorization: `Bearer ${token}` } } }),
    }),
  );
  return { client, largest: () => seen.largest };
}
