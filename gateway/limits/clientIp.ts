import { isIP } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';

/** The parts of a Fastify (or Node) request the client address is read from. */
export interface AddressedRequest {
  headers: IncomingHttpHeaders;
  socket: { remoteAddress?: string | undefined };
}

/**
 * The client's IP address. Without a trusted proxy it is the TCP peer; X-Forwarded-For is
 * ignored, since any client can send it. Behind Tongban's own proxy (TRUST_PROXY) it is the last
 * X-Forwarded-For entry: the address that proxy saw, which it appends (nginx
 * `$proxy_add_x_forwarded_for`) or sets. Entries further left came from the client and prove
 * nothing. With several proxies in a row, the one nearest the gateway must set the header to
 * the client address it trusts.
 */
export function clientIp(request: AddressedRequest, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const header = request.headers['x-forwarded-for'];
    const entries = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
    const forwarded = parseAddress(entries[entries.length - 1] ?? '');
    if (forwarded) return forwarded;
  }
  return parseAddress(request.socket.remoteAddress ?? '');
}

/** An address without port or brackets, IPv4-mapped IPv6 as plain IPv4; undefined if not an IP. */
function parseAddress(raw: string): string | undefined {
  let address = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) address = mapped[1]!;
  return isIP(address) ? address.toLowerCase() : undefined;
}

/**
 * The rate-limit bucket of an address: the address itself for IPv4, its /64 network for IPv6.
 * One IPv6 subscriber is normally given a whole /64, so counting single addresses would let a
 * client change address per request and never be limited.
 */
export function ipBucket(address: string | undefined): string {
  if (!address) return 'unknown';
  if (isIP(address) !== 6) return address;
  const [head = '', tail] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail === undefined ? [] : tail ? tail.split(':') : [];
  // An embedded IPv4 tail (always the last 32 bits) is two groups wide.
  const tailWidth = tailGroups.reduce((width, group) => width + (group.includes('.') ? 2 : 1), 0);
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array(8 - headGroups.length - tailWidth).fill('0'), ...tailGroups];
  const network = groups.slice(0, 4).map((group) => parseInt(group, 16).toString(16));
  return `${network.join(':')}::/64`;
}
