import type { Client } from '@modelcontextprotocol/client';

/**
 * Reads a finished letter's video as a client does: the video's URI gives the URIs of its parts
 * (text/uri-list), each read in turn and joined. Returns the bytes and each message's size.
 */
export async function readVideoParts(client: Client, uri: string): Promise<{ bytes: Buffer; partBase64: number[] }> {
  const { contents } = await client.readResource({ uri });
  const list = contents[0] as { mimeType?: string; text?: string };
  if (list.mimeType !== 'text/uri-list' || list.text === undefined)
    throw new Error(`${uri} is not a list of parts: ${JSON.stringify(list).slice(0, 200)}`);
  const parts = list.text.split(/\r?\n/).filter((line) => line && !line.startsWith('#'));
  const chunks: Buffer[] = [];
  const partBase64: number[] = [];
  for (const part of parts) {
    const blob = ((await client.readResource({ uri: part })).contents[0] as { blob: string }).blob;
    partBase64.push(blob.length);
    chunks.push(Buffer.from(blob, 'base64'));
  }
  return { bytes: Buffer.concat(chunks), partBase64 };
}
