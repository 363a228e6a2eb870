import type { RequestHandler } from 'express';
import {
  getOAuthProtectedResourceMetadataUrl,
  requireBearerAuth,
  type OAuthTokenVerifier,
} from '@modelcontextprotocol/express';
import { OAuthError, OAuthErrorCode, type OAuthProtectedResourceMetadata } from '@modelcontextprotocol/server';
import type { People } from './people.js';

/**
 * This server is an OAuth 2.0 protected resource as the MCP authorization spec describes it: a
 * request without a valid bearer token gets 401 with `WWW-Authenticate: Bearer
 * resource_metadata="…"`, and that metadata (RFC 9728) is served at the well-known path. Tokens
 * are the configured per-person ones today; putting an OAuth provider in front later means
 * naming it in `authorization_servers` and verifying its tokens in `verifier`.
 */

/** The token's person becomes the AuthInfo's clientId; configured tokens do not expire. */
export function tokenVerifier(people: People): OAuthTokenVerifier {
  return {
    async verifyAccessToken(token) {
      const person = await people.verify(token);
      if (!person)
        throw new OAuthError(
          OAuthErrorCode.InvalidToken,
          'This token is not known here. Ask whoever runs this server for a token (video-letter-mcp people add <name>).',
        );
      return { token, clientId: person.id, scopes: [], expiresAt: Number.POSITIVE_INFINITY };
    },
  };
}

/** The MCP endpoint's resource identifier: its public URL, or the URL this request reached. */
export type ResourceUrl = (req: Parameters<RequestHandler>[0]) => URL;

export function bearerAuth(people: People, resourceUrl: ResourceUrl): RequestHandler {
  const verifier = tokenVerifier(people);
  return (req, res, next) =>
    requireBearerAuth({ verifier, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(resourceUrl(req)) })(
      req,
      res,
      next,
    );
}

export function resourceMetadata(resource: URL, authorizationServers: string[]): OAuthProtectedResourceMetadata {
  return {
    resource: resource.href,
    ...(authorizationServers.length > 0 && { authorization_servers: authorizationServers }),
    bearer_methods_supported: ['header'],
    resource_name: 'video-letter-mcp',
  };
}
