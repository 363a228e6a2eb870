import type { RequestHandler } from 'express';
import { rpcError } from './rpc-error.js';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/**
 * Browsers send an Origin header; a web page on another site must not drive this server (DNS
 * rebinding), so only local origins and configured ones pass. Clients that are not browsers send
 * no Origin and are allowed.
 */
export function originAllowed(origin: string | undefined, allowed: string[]): boolean {
  return origin === undefined || LOCAL_ORIGIN.test(origin) || allowed.includes(origin);
}

/** The Host names this server answers to: loopback names, configured ones and the public URL's. */
export function allowedHostNames(extra: string[], publicUrl: string | undefined): string[] {
  return [...LOOPBACK_NAMES, ...extra.map((h) => h.toLowerCase()), ...(publicUrl ? [new URL(publicUrl).hostname] : [])];
}

/** The Host header's name, port aside (IPv6 keeps its brackets, as URL writes it). */
function hostName(host: string | undefined): string | undefined {
  if (!host) return undefined;
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}

/**
 * A DNS-rebinding page reaches this server under its own domain name, so a request whose Host is
 * not one of ours is refused before anything else is read.
 */
export function hostGuard(names: string[]): RequestHandler {
  return (req, res, next) => {
    const name = hostName(req.headers.host);
    if (name && names.includes(name)) return next();
    rpcError(
      res,
      403,
      `Host "${req.headers.host ?? ''}" is not served here. This server answers to ${names.join(', ')}; add a name with VIDEO_LETTER_ALLOWED_HOSTS or VIDEO_LETTER_PUBLIC_URL.`,
    );
  };
}

export function originGuard(allowed: string[]): RequestHandler {
  return (req, res, next) => {
    if (originAllowed(req.headers.origin, allowed)) return next();
    rpcError(
      res,
      403,
      `Origin ${req.headers.origin} is not allowed to use this server. Add it to VIDEO_LETTER_ALLOWED_ORIGINS if it is yours.`,
    );
  };
}

/** Loopback addresses and names: anything else is reachable from other machines. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
