import { isIPv4, isIPv6 } from 'node:net';

/**
 * How many leading bits of an IPv6 address name one client for the rate
 * limit: a /56, what express-rate-limit 8 counts as one client by default.
 * A home or office line is given a /64 to a /48 (RIPE-690 recommends a /56
 * or a /48), and a host on it may use any of its 2^64 addresses, each
 * different: counted one by one, a single machine rotating its addresses
 * had the form send a confirmation email to every address it typed.
 */
const IPV6_CLIENT_BITS = 56;

/**
 * The client a rate limit counts for a request from `address`: an IPv4
 * address as it is (an IPv4-mapped IPv6 one, `::ffff:192.0.2.7`, as its
 * IPv4 address), an IPv6 address as its /56 network (`2001:db8:1:200::/56`,
 * its zone left out); anything else (`unknown`, a proxy's odd entry) as it is.
 * A port some proxies write after the address (`192.0.2.7:50312`,
 * `[2001:db8::1]:443`: Azure's Application Gateway) is left out: the
 * client picks it anew for each connection.
 */
export function clientNetwork(address: string): string {
  const bare = withoutPort(address).replace(/%.*$/, '');
  if (isIPv4(bare)) return bare;
  if (!isIPv6(bare)) return address;
  const groups = ipv6Groups(bare);
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (mapped) return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
  const kept = groups.map((group, i) => {
    const bits = Math.min(16, Math.max(0, IPV6_CLIENT_BITS - 16 * i));
    return bits === 0 ? 0 : group & (0xffff << (16 - bits)) & 0xffff;
  });
  return `${kept.map((group) => group.toString(16)).join(':')}/${IPV6_CLIENT_BITS}`;
}

/** `address` without a port after it (`192.0.2.7:50312`, `[2001:db8::1]:443`), and an IPv6 address without its brackets. */
function withoutPort(address: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) return bracketed[1]!;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(address);
  return v4 ? v4[1]! : address;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, an IPv4 tail as two groups). */
function ipv6Groups(address: string): number[] {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const parse = (part: string | undefined): number[] => {
    if (!part) return [];
    return part.split(':').flatMap((piece) => {
      if (!isIPv4(piece)) return [parseInt(piece, 16)];
      const [a, b, c, d] = piece.split('.').map(Number) as [number, number, number, number];
      return [(a << 8) | b, (c << 8) | d];
    });
  };
  const start = parse(head);
  const end = parse(tail);
  return [...start, ...Array<number>(8 - start.length - end.length).fill(0), ...end];
}
