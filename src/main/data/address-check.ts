// Whether a URL's host is a private, loopback or link-local address (or a name that resolves to
// one): where a download may be started by the user, but never sent by a redirect, since a
// server on the internet must not steer the lab at the machines behind its network.
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const PRIVATE = new BlockList();
for (const [net, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) PRIVATE.addSubnet(net, bits, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const plain = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(plain)?.[1];
  if (mapped) return isPrivateAddress(mapped);
  const family = isIP(plain);
  if (family === 0) return false;
  return PRIVATE.check(plain, family === 4 ? 'ipv4' : 'ipv6');
}

/** The private address `hostname` is or resolves to, or null; a name that does not resolve is null (the download then fails on its own). */
export async function privateAddressOf(hostname: string): Promise<string | null> {
  const plain = hostname.replace(/^\[|\]$/g, '');
  if (isIP(plain)) return isPrivateAddress(plain) ? plain : null;
  if (plain.toLowerCase() === 'localhost' || plain.toLowerCase().endsWith('.localhost')) return plain;
  try {
    const addresses = await lookup(plain, { all: true });
    return addresses.find((a) => isPrivateAddress(a.address))?.address ?? null;
  } catch {
    return null;
  }
}
