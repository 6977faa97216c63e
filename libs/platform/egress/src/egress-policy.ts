import { isIP } from 'node:net';
import * as ipaddr from 'ipaddr.js';

/** Why an address or URL may not be reached, in words an operator can act on. */
export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };
export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };
/** Resolves a hostname to every address it has (A and AAAA). */
export type HostResolver = (host: string) => Promise<string[]>;

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type AddressRange = [Address, number];

/**
 * Destinations that may be reached although they are private, loopback or plain http: exact
 * hostnames (case-insensitive), IP addresses and CIDR ranges, comma-separated. Meant for tests and
 * local receivers; empty in production.
 */
export class EgressAllowList {
  static readonly EMPTY = new EgressAllowList(new Set(), []);

  private constructor(
    private readonly hostnames: ReadonlySet<string>,
    private readonly ranges: readonly AddressRange[],
  ) {}

  static parse(raw: string): EgressAllowList {
    const hostnames = new Set<string>();
    const ranges: AddressRange[] = [];
    for (const entry of raw.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
      const bare = stripBrackets(entry);
      if (bare.includes('/')) {
        if (!ipaddr.isValidCIDR(bare)) throw new Error(`Egress allow-list entry "${entry}" is not a valid CIDR range`);
        ranges.push(ipaddr.parseCIDR(bare));
      } else if (ipaddr.isValid(bare)) {
        // ipaddr reads 127.1, 0x7f.0.0.1 and 0177.0.0.1 the way WHATWG URL does, so entries match URL hosts.
        const address = ipaddr.parse(bare);
        ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
      } else if (HOSTNAME.test(normaliseHostname(entry))) {
        hostnames.add(normaliseHostname(entry));
      } else {
        throw new Error(`Egress allow-list entry "${entry}" is neither a hostname, an IP address nor a CIDR range`);
      }
    }
    return new EgressAllowList(hostnames, ranges);
  }

  get isEmpty(): boolean {
    return this.hostnames.size === 0 && this.ranges.length === 0;
  }

  /** A URL host (name or IP literal, brackets allowed) listed as such or inside a listed range. */
  allowsHost(host: string): boolean {
    const bare = stripBrackets(host);
    if (isIP(bare)) return this.allowsAddress(bare);
    return this.hostnames.has(normaliseHostname(bare));
  }

  allowsAddress(ip: string): boolean {
    const address = parseAddress(ip);
    if (!address) return false;
    // ::ffff:10.0.0.1 reaches 10.0.0.1, so it matches an IPv4 entry too.
    const forms: Address[] = [address];
    if (address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress()) forms.push(address.toIPv4Address());
    return forms.some((form) =>
      this.ranges.some(([network, bits]) => network.kind() === form.kind() && form.match(network, bits)),
    );
  }
}

/**
 * Whether an IP address may be connected to: only public unicast passes. Addresses that embed an
 * IPv4 address (IPv4-mapped, NAT64, 6to4) are judged by the address they embed.
 */
export function classifyAddress(ip: string): AddressVerdict {
  const address = parseAddress(ip);
  if (!address) return { allowed: false, reason: `${ip} is not an IP address` };
  const text = address.toString();
  if (address instanceof ipaddr.IPv4) {
    const reason = text === '169.254.169.254' ? 'the cloud metadata address' : IPV4_REFUSALS[address.range()];
    return reason === undefined ? { allowed: true } : { allowed: false, reason: `${text} is ${reason}` };
  }

  const embedded = embeddedIPv4(address);
  if (embedded) {
    const inner = classifyAddress(embedded.toString());
    return inner.allowed ? inner : { allowed: false, reason: `${text} embeds an IPv4 address, and ${inner.reason}` };
  }
  if (address.parts.slice(0, 6).every((part) => part === 0) && !address.match(IPV6_UNSPECIFIED_OR_LOOPBACK)) {
    return { allowed: false, reason: `${text} is a deprecated IPv4-compatible address` };
  }
  const range = address.range();
  if (range === 'unicast') return { allowed: true };
  if (address.match(AWS_METADATA_V6)) return { allowed: false, reason: `${text} is the cloud metadata address` };
  return { allowed: false, reason: `${text} is ${IPV6_REFUSALS[range] ?? `a special-purpose address (${range})`}` };
}

/**
 * Synchronous checks on a destination URL: https only, no credentials, no internal names, no
 * non-public IP literals — unless the host is allow-listed. Hostnames still need resolving
 * (`vetDestination`, or the client's pinned lookup at connection time).
 */
export function vetUrl(raw: string, allow: EgressAllowList): UrlVerdict {
  let url: URL;
  try {
    // WHATWG URL turns 2130706433, 0x7f.0.0.1, 0177.0.0.1 and 127.1 into 127.0.0.1 before we look.
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a valid absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `scheme ${url.protocol} is not allowed; use https` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'credentials in the URL are not allowed' };
  }
  const host = stripBrackets(url.hostname);
  if (allow.allowsHost(host)) return { ok: true, url };
  const refusal = isIP(host) ? refuseAddressLiteral(host) : refuseInternalName(host);
  if (refusal) return { ok: false, reason: refusal };
  if (url.protocol === 'http:') return { ok: false, reason: `plain http is not allowed to ${host}; use https` };
  return { ok: true, url };
}

function refuseAddressLiteral(ip: string): string | undefined {
  const verdict = classifyAddress(ip);
  return verdict.allowed ? undefined : verdict.reason;
}

function refuseInternalName(host: string): string | undefined {
  const name = normaliseHostname(host);
  if (name === 'localhost' || name.endsWith('.localhost')) return `${host} is a localhost name`;
  const internalSuffix = INTERNAL_SUFFIXES.find((suffix) => name.endsWith(suffix));
  if (internalSuffix) return `${host} is an internal name (${internalSuffix})`;
  // A dotless name goes through the resolver's search domains, i.e. to internal services.
  if (!name.includes('.')) return `${host} is a single-label name`;
  return undefined;
}

/**
 * Full check of a destination before it is stored: `vetUrl`, then the hostname's addresses. One
 * non-public address is enough to refuse, since any of them may be the one connected to.
 */
export async function vetDestination(raw: string, allow: EgressAllowList, resolve: HostResolver): Promise<UrlVerdict> {
  const verdict = vetUrl(raw, allow);
  if (!verdict.ok) return verdict;
  const host = stripBrackets(verdict.url.hostname);
  if (isIP(host) || allow.allowsHost(host)) return verdict;
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch (error: unknown) {
    return { ok: false, reason: `${host} could not be resolved (${errorCode(error)})` };
  }
  const resolved = vetResolvedAddresses(host, addresses, allow);
  return resolved.allowed ? verdict : { ok: false, reason: resolved.reason };
}

/** Every address a hostname resolved to must be public or allow-listed. */
export function vetResolvedAddresses(
  host: string,
  addresses: readonly string[],
  allow: EgressAllowList,
): AddressVerdict {
  if (addresses.length === 0) return { allowed: false, reason: `${host} resolved to no address` };
  if (allow.allowsHost(host)) return { allowed: true };
  for (const address of addresses) {
    if (allow.allowsAddress(address)) continue;
    const verdict = classifyAddress(address);
    if (!verdict.allowed) {
      return { allowed: false, reason: `${host} resolves to a non-public address: ${verdict.reason}` };
    }
  }
  return { allowed: true };
}

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;
const INTERNAL_SUFFIXES = ['.internal', '.local', '.localdomain', '.home.arpa'];

const IPV4_REFUSALS: Partial<Record<ReturnType<ipaddr.IPv4['range']>, string>> = {
  unspecified: 'an unspecified address (0.0.0.0/8)',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address (169.254.0.0/16)',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address (100.64.0.0/10)',
  private: 'a private address',
  reserved: 'a reserved, documentation or benchmarking address',
  benchmarking: 'a benchmarking address',
  as112: 'a special-purpose address (AS112)',
  amt: 'a special-purpose address (AMT)',
};

const IPV6_REFUSALS: Partial<Record<ReturnType<ipaddr.IPv6['range']>, string>> = {
  unspecified: 'the unspecified address',
  loopback: 'a loopback address',
  linkLocal: 'a link-local address (fe80::/10)',
  uniqueLocal: 'a unique local address (fc00::/7)',
  multicast: 'a multicast address',
  reserved: 'a reserved or documentation address',
  benchmarking: 'a benchmarking address',
  teredo: 'a Teredo tunnel address',
  rfc6052: 'a local-use NAT64 address',
};

const IPV6_UNSPECIFIED_OR_LOOPBACK = ipaddr.IPv6.parseCIDR('::/127');
const AWS_METADATA_V6 = ipaddr.IPv6.parseCIDR('fd00:ec2::254/128');
const NAT64 = ipaddr.IPv6.parseCIDR('64:ff9b::/96');
const IPV4_TRANSLATED = ipaddr.IPv6.parseCIDR('::ffff:0:0:0/96');
const SIX_TO_FOUR = ipaddr.IPv6.parseCIDR('2002::/16');

/** The IPv4 address an IPv6 address stands for, where connecting to it reaches that IPv4 host. */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const [, a, b, , , , c, d] = address.parts;
  if (address.isIPv4MappedAddress() || address.match(NAT64) || address.match(IPV4_TRANSLATED)) {
    return fromHalves(c, d);
  }
  if (address.match(SIX_TO_FOUR)) return fromHalves(a, b);
  return undefined;
}

function fromHalves(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

function parseAddress(ip: string): Address | undefined {
  const bare = stripBrackets(ip);
  // net.isIP first: ipaddr alone would also read "1" or "0x7f" as IPv4, which no resolver returns.
  if (!isIP(bare.split('%')[0])) return undefined;
  try {
    return ipaddr.parse(bare);
  } catch {
    return undefined;
  }
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Lower case without the trailing root dot, so "LOCALHOST." and "localhost" compare equal. */
function normaliseHostname(host: string): string {
  return host.toLowerCase().replace(/\.$/, '');
}

function errorCode(error: unknown): string {
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message;
  return String(error);
}
