import ipaddr from 'ipaddr.js';

/**
 * Whether an address is on the public internet. Loopback, private (RFC 1918, unique local),
 * link-local (cloud metadata lives at 169.254.169.254), multicast, carrier-grade NAT, reserved and
 * the IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4, Teredo) are all refused:
 * a URL upload must never reach into the server's own network. ipaddr.js keeps the IANA
 * special-purpose registries; only what it calls plain "unicast" passes.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    return isPublicAddress((parsed as ipaddr.IPv6).toIPv4Address().toString());
  }
  // IPv4-compatible addresses (::a.b.c.d, deprecated by RFC 4291): ipaddr.js calls them unicast,
  // yet [::127.0.0.1] names this machine on some stacks; none is a public address today.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0)) return false;
  return parsed.range() === 'unicast';
}
