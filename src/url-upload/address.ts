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
  return parsed.range() === 'unicast';
}
