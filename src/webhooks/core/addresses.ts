/**
 * Which IP addresses a webhook may reach. Anything that is not public unicast (loopback, private,
 * link-local such as the cloud metadata address 169.254.169.254, shared, reserved, multicast,
 * documentation ranges) is refused unless the server allows private targets, so a tenant cannot
 * use webhooks to probe or call the operator's internal network (server-side request forgery).
 */

type Range4 = readonly [base: number, prefix: number];

const v4 = (a: number, b: number, c: number, d: number): number => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;

const BLOCKED_V4: readonly Range4[] = [
  [v4(0, 0, 0, 0), 8], // "this network"
  [v4(10, 0, 0, 0), 8], // private
  [v4(100, 64, 0, 0), 10], // shared (carrier-grade NAT)
  [v4(127, 0, 0, 0), 8], // loopback
  [v4(169, 254, 0, 0), 16], // link-local, cloud metadata
  [v4(172, 16, 0, 0), 12], // private
  [v4(192, 0, 0, 0), 24], // IETF protocol assignments
  [v4(192, 0, 2, 0), 24], // documentation
  [v4(192, 88, 99, 0), 24], // 6to4 relay anycast
  [v4(192, 168, 0, 0), 16], // private
  [v4(198, 18, 0, 0), 15], // benchmarking
  [v4(198, 51, 100, 0), 24], // documentation
  [v4(203, 0, 113, 0), 24], // documentation
  [v4(224, 0, 0, 0), 4], // multicast
  [v4(240, 0, 0, 0), 4], // reserved, broadcast
];

const inRange = (ip: number, [base, prefix]: Range4): boolean => {
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return (ip & mask) >>> 0 === (base & mask) >>> 0;
};

/** Parses dotted-quad IPv4 ("10.0.0.1") into a number; null if it is not one. */
export const parseIPv4 = (s: string): number | null => {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  const [a = 0, b = 0, c = 0, d = 0] = parts;
  return v4(a, b, c, d);
};

const isBlockedV4 = (ip: number): boolean => BLOCKED_V4.some((r) => inRange(ip, r));

/** Parses an IPv6 address (compressed, with an optional dotted IPv4 tail or zone) into 8 groups. */
export const parseIPv6 = (input: string): number[] | null => {
  const s = input.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!/^[0-9a-fA-F:.]+$/.test(s) || s.split('::').length > 2) return null;
  const expand = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (g.includes('.')) {
        const tail = parseIPv4(g);
        if (tail === null) return null;
        out.push(tail >>> 16, tail & 0xffff);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) out.push(Number.parseInt(g, 16));
      else return null;
    }
    return out;
  };
  const [head = '', tail] = s.split('::');
  const left = expand(head);
  const right = tail === undefined ? [] : expand(tail);
  if (!left || !right) return null;
  if (tail === undefined) return left.length === 8 ? left : null;
  const fill = 8 - left.length - right.length;
  return fill < 1 ? null : [...left, ...new Array<number>(fill).fill(0), ...right];
};

const embeddedV4 = (g: readonly number[], at: number): number => (((g[at] ?? 0) << 16) | (g[at + 1] ?? 0)) >>> 0;

const isBlockedV6 = (g: readonly number[]): boolean => {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0] = g;
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroTo(5) && g5 === 0xffff) return isBlockedV4(embeddedV4(g, 6)); // IPv4-mapped
  if (zeroTo(6)) return true; // unspecified, loopback, IPv4-compatible
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return isBlockedV4(embeddedV4(g, 6)); // NAT64
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return true; // local-use NAT64
  if (g0 === 0x2002) return isBlockedV4(embeddedV4(g, 1)); // 6to4
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return true; // discard
  if (g0 === 0x2001 && (g1 === 0xdb8 || g1 === 0)) return true; // documentation, Teredo
  if ((g0 & 0xfe00) === 0xfc00) return true; // unique local
  if ((g0 & 0xffc0) === 0xfe80 || (g0 & 0xffc0) === 0xfec0) return true; // link-local, site-local
  return (g0 & 0xff00) === 0xff00; // multicast
};

export type AddressKind = 'public' | 'private' | 'not_an_ip';

/** Classifies an IP literal (IPv4, or IPv6 with or without brackets). */
export const classifyAddress = (s: string): AddressKind => {
  const ip4 = parseIPv4(s);
  if (ip4 !== null) return isBlockedV4(ip4) ? 'private' : 'public';
  const ip6 = s.includes(':') ? parseIPv6(s) : null;
  if (ip6 !== null) return isBlockedV6(ip6) ? 'private' : 'public';
  return 'not_an_ip';
};
