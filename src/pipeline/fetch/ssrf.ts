// The SSRF guard: which network addresses Lede may connect to. Checked on literal IP hosts before a
// request, and on the resolved address inside the connector (see connector.ts), on every redirect hop.
import { BlockList, isIP } from 'node:net';

/** Lets a caller allow exact addresses the guard would refuse (tests allow one loopback server). */
export type AddressPolicy = (target: { address: string; port: number; host: string }) => boolean;

export interface GuardOptions {
  /** Turns the guard off: only for the demo and tests. */
  allowPrivateNetworks: boolean;
  allowAddress?: AddressPolicy;
}

const blockedV4 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // CGNAT (also Alibaba's metadata 100.100.100.200)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata 169.254.169.254 / 169.254.170.2
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments (Oracle metadata 192.0.0.192)
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
] as const) blockedV4.addSubnet(net, prefix, 'ipv4');

const blockedV6 = new BlockList();
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local (AWS metadata fd00:ec2::254 lies here)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // old site-local
  ['ff00::', 8], // multicast
] as const) blockedV6.addSubnet(net, prefix, 'ipv6');

/** Host names of cloud metadata services, refused even before they resolve. */
const blockedHostnames = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal']);

/** Expands an IPv6 address to its 8 groups (handles `::` and a trailing dotted IPv4 part). */
function ipv6Groups(address: string): number[] | null {
  let a = address.toLowerCase();
  const zone = a.indexOf('%');
  if (zone >= 0) a = a.slice(0, zone);
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (dotted) {
    const parts = dotted[1].split('.').map(Number);
    a = a.slice(0, dotted.index) + ((parts[0] << 8) | parts[1]).toString(16) + ':' + ((parts[2] << 8) | parts[3]).toString(16);
  }
  const [head, tail] = a.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const missing = 8 - h.length - t.length;
  if (a.includes('::') ? missing < 1 : missing !== 0) return null;
  const groups = [...h, ...Array(a.includes('::') ? missing : 0).fill('0'), ...t].map((g) => parseInt(g, 16));
  return groups.some((g) => Number.isNaN(g) || g < 0 || g > 0xffff) ? null : groups;
}

const v4 = (hi: number, lo: number): string => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;

/** The IPv4 address hidden in an IPv6 form (mapped, compatible, NAT64, 6to4), if any. */
export function embeddedIPv4(address: string): string | null {
  const g = ipv6Groups(address);
  if (!g) return null;
  const zeros = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeros(5) && g[5] === 0xffff) return v4(g[6], g[7]); // ::ffff:a.b.c.d (IPv4-mapped)
  if (zeros(4) && g[4] === 0xffff && g[5] === 0) return v4(g[6], g[7]); // ::ffff:0:a.b.c.d (IPv4-translated)
  if (zeros(6) && (g[6] !== 0 || g[7] > 1)) return v4(g[6], g[7]); // ::a.b.c.d (IPv4-compatible, deprecated)
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return v4(g[6], g[7]); // NAT64
  if (g[0] === 0x2002) return v4(g[1], g[2]); // 6to4
  return null;
}

/** Why an IP address is refused, or null when it is a public unicast address. */
export function forbiddenReason(address: string): string | null {
  const family = isIP(address);
  if (family === 4) return blockedV4.check(address, 'ipv4') ? `${address} is a private, loopback, link-local or reserved address` : null;
  if (family === 6) {
    const inner = embeddedIPv4(address);
    if (inner && blockedV4.check(inner, 'ipv4')) return `${address} embeds the non-public IPv4 address ${inner}`;
    const g = ipv6Groups(address);
    const plain = g ? g.map((x) => x.toString(16)).join(':') : address;
    return blockedV6.check(plain, 'ipv6') ? `${address} is a loopback, link-local, unique-local or reserved IPv6 address` : null;
  }
  return `${address} is not an IP address`;
}

/** Refusal reason for a host name before any DNS lookup (metadata names), or null. */
export function forbiddenHostname(hostname: string): string | null {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return blockedHostnames.has(h) ? `${h} is a cloud metadata host` : null;
}

/** Applies the guard options: null when the connection may go ahead, else the reason for refusal. */
export function checkAddress(opts: GuardOptions, target: { address: string; port: number; host: string }): string | null {
  if (opts.allowPrivateNetworks) return null;
  if (opts.allowAddress?.(target)) return null;
  return forbiddenReason(target.address);
}

/** Marks a refusal raised deep in the connector so the fetcher can report `fetch_refused`. */
export class RefusedAddressError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'RefusedAddressError';
  }
}
