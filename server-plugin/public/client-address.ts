/**
 * The address a throttle counts a client by. One IPv6 client commonly holds a whole /64
 * (SLAAC, privacy addresses), so counting full IPv6 addresses would give it 2^64 fresh
 * allowances: IPv6 clients are counted per /64. IPv4-mapped IPv6 (`::ffff:192.0.2.1`, what
 * a dual-stack socket reports for IPv4) counts as the IPv4 address.
 */
import { isIPv4, isIPv6 } from 'node:net';

const MAPPED_IPV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * @example
 * throttleAddress('2001:db8:1:2:aaaa::1'); // '2001:db8:1:2::/64'
 * throttleAddress('::ffff:203.0.113.9');   // '203.0.113.9'
 * throttleAddress('203.0.113.9');          // '203.0.113.9'
 */
export function throttleAddress(ip: string): string {
  const mapped = MAPPED_IPV4.exec(ip)?.[1];
  if (mapped && isIPv4(mapped)) return mapped;
  if (!isIPv6(ip)) return ip;
  return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
}

/** The eight hextets of an IPv6 address, without leading zeros (`2001:db8:0:0:…`). */
function expandIPv6(ip: string): string[] {
  const withoutZone = ip.split('%')[0]!;
  // An embedded IPv4 tail (`::1.2.3.4`) fills the last two hextets.
  const ipv4Tail = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(withoutZone);
  const hexOnly = ipv4Tail
    ? withoutZone.replace(ipv4Tail[0], hextetsOf(ipv4Tail.slice(1).map(Number) as [number, number, number, number]))
    : withoutZone;
  const [head = '', tail] = hexOnly.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail === undefined ? [] : tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - headParts.length - tailParts.length).fill('0');
  return [...headParts, ...zeros, ...tailParts].map((part) => parseInt(part, 16).toString(16));
}

function hextetsOf([a, b, c, d]: [number, number, number, number]): string {
  return `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}
