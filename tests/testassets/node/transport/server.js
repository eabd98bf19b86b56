'use strict';
// The reference server for the transport conformance tests: conformance.Conformance served by @grpc/grpc-js.
//
//   node server.js [--ca ca.pem --cert server.pem --key server-key.pem]
//
// Binds on 127.0.0.1 (ports chosen by the OS):
//   plain  h2c
//   tls    TLS with the given certificate            (only with --cert/--key)
//   mtls   TLS that requires a client certificate issued by --ca   (only with --ca/--cert/--key)
//   gzip   h2c, a hand-written node:http2 responder (NOT grpc-js) whose responses are gzip-compressed gRPC
//          messages: grpc-js 1.14 cannot compress responses (server-interceptors.js always writes the
//          compressed flag 0), so this is the only way to send our client compressed messages from Node.
// then prints one line:  LISTENING {"plain":p,"tls":p,"mtls":p,"gzip":p}

const fs = require('node:fs');
const http2 = require('node:http2');
const zlib = require('node:zlib');
const { grpc, conformance, MESSAGE_LIMITS, errorDetailsFor, pattern, sha256, encodeStatus } = require('./shared');

const args = parseArgs(process.argv.slice(2));

// ---- what the server observed, per call token, for Observe ----

const observations = new Map();

function record(token, event) {
  if (!token) return;
  let entry = observations.get(token);
  if (!entry) {
    entry = { events: [], waiters: [] };
    observations.set(token, entry);
  }
  entry.events.push(event);
  for (const waiter of entry.waiters.splice(0)) waiter();
}

function observe(call, callback) {
  const { token, waitMs, event } = call.request;
  let entry = observations.get(token);
  if (!entry) {
    entry = { events: [], waiters: [] };
    observations.set(token, entry);
  }
  const answer = () => callback(null, { events: entry.events.slice() });
  if (!event || entry.events.includes(event)) {
    answer();
    return;
  }
  const timer = setTimeout(() => {
    entry.waiters = entry.waiters.filter((w) => w !== check);
    answer();
  }, waitMs);
  const check = () => {
    if (entry.events.includes(event)) {
      clearTimeout(timer);
      answer();
    } else {
      entry.waiters.push(check);
    }
  };
  entry.waiters.push(check);
}

// ---- the test service ----

function response(call, request, payload, index) {
  const encoding = call.metadata.get('grpc-encoding');
  return {
    payload,
    requestSha256: sha256(request.payload),
    requestLength: request.payload.length,
    index,
    id: request.id,
    requestEncoding: encoding.length > 0 ? String(encoding[0]) : 'identity',
    peer: call.getPeer(),
    clientCertificateCn: clientCertificateCn(call),
  };
}

function clientCertificateCn(call) {
  const certificate = call.getAuthContext().sslPeerCertificate;
  return certificate && certificate.subject && certificate.subject.CN ? String(certificate.subject.CN) : '';
}

function errorStatus(request) {
  const metadata = new grpc.Metadata();
  metadata.set(
    'grpc-status-details-bin',
    encodeStatus(request.statusCode, request.statusMessage, errorDetailsFor(request.statusMessage)),
  );
  metadata.set('x-conformance', 'error-trailer');
  return { code: request.statusCode, details: request.statusMessage, metadata };
}

function watchCancel(call, token, onCancel) {
  call.on('cancelled', () => {
    record(token, 'cancelled');
    if (onCancel) onCancel();
  });
}

const ECHO_INITIAL = 'x-grpc-test-echo-initial';
const ECHO_TRAILING = 'x-grpc-test-echo-trailing-bin';

/** For the "metadata" action: sends the echoed response headers now and returns the trailers to end with. */
function echoMetadata(call) {
  const headers = new grpc.Metadata();
  for (const value of call.metadata.get(ECHO_INITIAL)) headers.add(ECHO_INITIAL, value);
  call.sendMetadata(headers);
  const trailers = new grpc.Metadata();
  for (const value of call.metadata.get(ECHO_TRAILING)) trailers.add(ECHO_TRAILING, value);
  return trailers;
}

// A call that waits for cancellation must not hang the server forever if the client never cancels.
const SAFETY_MS = 30000;

function unary(call, callback) {
  const request = call.request;
  record(request.token, 'started');
  switch (request.action) {
    case 'echo':
      watchCancel(call, request.token);
      callback(null, response(call, request, request.payload, 0));
      record(request.token, 'completed');
      return;
    case 'metadata': {
      const trailers = echoMetadata(call);
      callback(null, response(call, request, request.payload, 0), trailers);
      return;
    }
    case 'large':
      watchCancel(call, request.token);
      callback(null, response(call, request, pattern(request.responseSize), 0));
      record(request.token, 'completed');
      return;
    case 'error':
      watchCancel(call, request.token);
      callback(errorStatus(request));
      return;
    case 'sleep': {
      const timer = setTimeout(() => {
        if (!call.cancelled) {
          callback(null, response(call, request, request.payload, 0));
          record(request.token, 'completed');
        }
      }, request.sleepMs);
      watchCancel(call, request.token, () => clearTimeout(timer));
      return;
    }
    case 'wait-cancel': {
      const timer = setTimeout(() => callback({ code: grpc.status.ABORTED, details: 'the client never cancelled' }), SAFETY_MS);
      watchCancel(call, request.token, () => clearTimeout(timer));
      return;
    }
    default:
      callback({ code: grpc.status.INVALID_ARGUMENT, details: `unknown action '${request.action}'` });
  }
}

function serverStream(call) {
  const request = call.request;
  record(request.token, 'started');
  switch (request.action) {
    case 'echo':
      watchCancel(call, request.token);
      for (let i = 0; i < request.count; i++) call.write(response(call, request, request.payload, i));
      call.end();
      record(request.token, 'completed');
      return;
    case 'metadata': {
      const trailers = echoMetadata(call);
      call.write(response(call, request, request.payload, 0));
      call.end(trailers);
      return;
    }
    case 'error':
      watchCancel(call, request.token);
      call.write(response(call, request, request.payload, 0));
      call.emit('error', errorStatus(request));
      return;
    case 'sleep': {
      const timer = setTimeout(() => {
        if (!call.cancelled) {
          call.write(response(call, request, request.payload, 0));
          call.end();
          record(request.token, 'completed');
        }
      }, request.sleepMs);
      watchCancel(call, request.token, () => clearTimeout(timer));
      return;
    }
    case 'wait-cancel': {
      call.write(response(call, request, request.payload, 0));
      const timer = setTimeout(() => call.emit('error', { code: grpc.status.ABORTED, details: 'the client never cancelled' }), SAFETY_MS);
      watchCancel(call, request.token, () => clearTimeout(timer));
      return;
    }
    default:
      call.emit('error', { code: grpc.status.INVALID_ARGUMENT, details: `unknown action '${request.action}'` });
  }
}

function bidi(call) {
  let index = 0;
  let pending = 0;
  let inputEnded = false;
  let finished = false;
  let trailers;
  const timers = [];
  const tokens = new Set();
  const finish = () => {
    if (!finished && inputEnded && pending === 0) {
      finished = true;
      call.end(trailers);
      for (const t of tokens) record(t, 'completed');
    }
  };
  call.on('cancelled', () => {
    for (const t of timers) clearTimeout(t);
    for (const t of tokens) record(t, 'cancelled');
  });
  call.on('data', (request) => {
    if (finished) return;
    if (request.token && !tokens.has(request.token)) {
      tokens.add(request.token);
      record(request.token, 'started');
    }
    switch (request.action) {
      case 'echo':
        call.write(response(call, request, request.payload, index++));
        return;
      case 'metadata':
        if (!trailers) trailers = echoMetadata(call);
        call.write(response(call, request, request.payload, index++));
        return;
      case 'error':
        call.write(response(call, request, request.payload, index++));
        finished = true;
        call.emit('error', errorStatus(request));
        return;
      case 'sleep':
        pending++;
        timers.push(setTimeout(() => {
          pending--;
          if (!call.cancelled) {
            call.write(response(call, request, request.payload, index++));
            finish();
          }
        }, request.sleepMs));
        return;
      case 'wait-cancel':
        call.write(response(call, request, request.payload, index++));
        pending++;
        timers.push(setTimeout(() => {
          finished = true;
          call.emit('error', { code: grpc.status.ABORTED, details: 'the client never cancelled' });
        }, SAFETY_MS));
        return;
      default:
        finished = true;
        call.emit('error', { code: grpc.status.INVALID_ARGUMENT, details: `unknown action '${request.action}'` });
    }
  });
  call.on('end', () => {
    inputEnded = true;
    finish();
  });
  // A client that resets the stream makes grpc-js emit 'error' on the duplex; the cancellation is recorded above.
  call.on('error', () => {});
}

// ---- the gzip responder (plain node:http2, see the header comment) ----

function startGzipResponder() {
  const server = http2.createServer();
  server.on('stream', (stream, headers) => {
    const path = headers[':path'];
    const copies = { '/conformance.Compressed/Unary': 1, '/conformance.Compressed/ServerStream': 3, '/conformance.Compressed/Bidi': 1 }[path];
    if (!copies) {
      stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '12', 'grpc-message': `unknown method ${path}` }, { endStream: true });
      return;
    }
    stream.respond(
      { ':status': 200, 'content-type': 'application/grpc', 'grpc-encoding': 'gzip', 'grpc-accept-encoding': 'identity,gzip' },
      { waitForTrailers: true },
    );
    stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
    let buffered = Buffer.alloc(0);
    stream.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 5) {
        const length = buffered.readUInt32BE(1);
        if (buffered.length < 5 + length) break;
        const compressedIn = buffered[0] === 1;
        const message = buffered.subarray(5, 5 + length);
        buffered = buffered.subarray(5 + length);
        const plain = compressedIn ? zlib.gunzipSync(message) : message;
        const compressed = zlib.gzipSync(plain);
        const frame = Buffer.alloc(5);
        frame[0] = 1;
        frame.writeUInt32BE(compressed.length, 1);
        for (let i = 0; i < copies; i++) stream.write(Buffer.concat([frame, compressed]));
      }
    });
    stream.on('end', () => stream.end());
    stream.on('error', () => {});
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

// ---- start ----

function bind(server, credentials) {
  return new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', credentials, (error, port) => (error ? reject(error) : resolve(port))),
  );
}

async function main() {
  const server = new grpc.Server(MESSAGE_LIMITS);
  server.addService(conformance.Conformance.service, {
    unary,
    serverStream,
    bidi,
    observe,
  });
  const ports = {};
  ports.plain = await bind(server, grpc.ServerCredentials.createInsecure());
  if (args.cert && args.key) {
    const keyPair = [{ cert_chain: fs.readFileSync(args.cert), private_key: fs.readFileSync(args.key) }];
    ports.tls = await bind(server, grpc.ServerCredentials.createSsl(null, keyPair, false));
    if (args.ca) {
      ports.mtls = await bind(server, grpc.ServerCredentials.createSsl(fs.readFileSync(args.ca), keyPair, true));
    }
  }
  ports.gzip = await startGzipResponder();
  console.log('LISTENING ' + JSON.stringify(ports));
  // The test host kills us; closing stdin (the host went away) ends us too.
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}

function parseArgs(argv) {
  const result = {};
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i];
    if (!name.startsWith('--') || i + 1 >= argv.length) {
      throw new Error(`usage: node server.js [--ca ca.pem] [--cert server.pem --key server-key.pem]; bad argument '${name}'`);
    }
    result[name.slice(2)] = argv[i + 1];
  }
  return result;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
