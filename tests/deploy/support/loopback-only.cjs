'use strict';

// Preloaded (NODE_OPTIONS=--require) into `serverless deploy` and `remove` by the deploy-path test: every
// outgoing TCP connection must go to loopback. Any other is refused and recorded in LOOPBACK_GUARD_LOG.
const { appendFileSync } = require('node:fs');
const net = require('node:net');

const isLoopback = (host) =>
  host === undefined ||
  host === 'localhost' ||
  host === '::1' ||
  /^127\./.test(host) ||
  /^::ffff:127\./.test(host);

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  // net.connect() passes its normalised arguments as one array; socket.connect() takes (options) or (port, host).
  const [first] = Array.isArray(args[0]) ? args[0] : args;
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
  if (options.path === undefined && !isLoopback(options.host)) {
    appendFileSync(process.env.LOOPBACK_GUARD_LOG, `${options.host}:${options.port}\n`);
    throw new Error(`deploy-path test: refused a connection to ${options.host}:${options.port}`);
  }
  return originalConnect.apply(this, args);
};
