import type { Response } from 'express';

/** JSON-RPC's own codes: -32700 the body is not JSON; -32000 upward are the server's. */
export const PARSE_ERROR = -32700;
export const SERVER_ERROR = -32000;
/** The SDK's code for an unknown session, answered with 404 so the client starts a new one. */
export const SESSION_NOT_FOUND = -32001;

/** An HTTP error as a JSON-RPC error object (id null), which MCP clients read and show. */
export function rpcError(
  res: Response,
  status: number,
  message: string,
  code = SERVER_ERROR,
  headers: Record<string, string> = {},
): void {
  res.status(status).set(headers).json({ jsonrpc: '2.0', error: { code, message }, id: null });
}
