// An undici connector that resolves the host itself, refuses forbidden addresses, then connects to the
// very address it checked. Wrapping the connector rather than passing a `lookup` to it gives the policy
// the port (tests allow exactly one loopback server) and pins the checked IP, so DNS rebinding between
// the check and the connect cannot pass.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { buildConnector } from 'undici';
import { checkAddress, forbiddenHostname, RefusedAddressError, type GuardOptions } from './ssrf.ts';

/** Resolves a host name to all its addresses (injectable so tests can simulate hostile DNS). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));

export function guardedConnector(opts: GuardOptions & { connectTimeoutMs: number; resolver?: Resolver; ca?: string | Buffer }): buildConnector.connector {
  const base = buildConnector({ timeout: opts.connectTimeoutMs, ...(opts.ca ? { ca: opts.ca } : {}) });
  const resolver = opts.resolver ?? systemResolver;
  return (connectOpts, callback) => {
    const hostname = connectOpts.hostname.replace(/^\[|\]$/g, '');
    const port = Number(connectOpts.port) || (connectOpts.protocol === 'https:' ? 443 : 80);
    const connectWith = (address: string) => {
      // Keep the name for TLS (SNI and certificate check) while connecting to the checked address.
      const servername = connectOpts.protocol === 'https:' && !isIP(hostname) ? (connectOpts.servername ?? hostname) : connectOpts.servername;
      base({ ...connectOpts, hostname: address, servername }, callback);
    };
    if (opts.allowPrivateNetworks) return base(connectOpts, callback);
    if (isIP(hostname)) {
      const reason = checkAddress(opts, { address: hostname, port, host: hostname });
      return reason ? callback(new RefusedAddressError(reason), null) : connectWith(hostname);
    }
    const named = forbiddenHostname(hostname);
    if (named) return callback(new RefusedAddressError(named), null);
    let done = false;
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      callback(Object.assign(new Error(`DNS lookup of ${hostname} timed out`), { code: 'UND_ERR_CONNECT_TIMEOUT' }), null);
    }, opts.connectTimeoutMs);
    resolver(hostname).then(
      (addresses) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (addresses.length === 0) return callback(new Error(`${hostname} has no address`), null);
        // Refuse when ANY address is forbidden: a name mixing public and private answers is a rebinding trick.
        for (const a of addresses) {
          const reason = checkAddress(opts, { address: a.address, port, host: hostname });
          if (reason) return callback(new RefusedAddressError(`${hostname} resolves to ${reason}`), null);
        }
        connectWith(addresses[0].address);
      },
      (err: Error) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        callback(err, null);
      },
    );
  };
}
