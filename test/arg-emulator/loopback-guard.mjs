// Preloaded (NODE_OPTIONS=--import) into CLI processes under test: any attempt to reach a host
// other than loopback (login.microsoftonline.com, 169.254.169.254, a proxy) is refused and logged,
// so a test can prove that authentication and queries never left 127.0.0.1.
import dns from 'node:dns';
import net from 'node:net';

const isLoopback = (host) => host === 'localhost' || host === '::1' || /^127\./.test(host);

function refuse(host) {
  process.stderr.write(`loopback-guard: refused ${host}\n`);
  throw new Error(`loopback-guard: ${host} is not loopback`);
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  let opts = args[0];
  if (Array.isArray(opts)) opts = opts[0];
  if (typeof opts === 'number') opts = { port: opts, host: typeof args[1] === 'string' ? args[1] : 'localhost' };
  if (opts && typeof opts === 'object' && !opts.path) {
    const host = opts.host ?? 'localhost';
    if (!isLoopback(host)) refuse(host);
  }
  return connect.apply(this, args);
};

const lookup = dns.lookup;
dns.lookup = function (host, ...rest) {
  if (!isLoopback(host)) refuse(host);
  return lookup.call(this, host, ...rest);
};
const lookupAsync = dns.promises.lookup;
dns.promises.lookup = function (host, ...rest) {
  if (!isLoopback(host)) refuse(host);
  return lookupAsync.call(this, host, ...rest);
};
