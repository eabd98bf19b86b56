'use strict';
// The reference client for the transport conformance tests: runs one scenario with @grpc/grpc-js against a server of
// conformance.Conformance (ours, in the C# tests) and prints one JSON line with what it observed.
//
//   node client.js --address 127.0.0.1:port --scenario <name> [--ca ca.pem] [--cert client.pem --key client-key.pem]
//
// Exits 0 when every check of the scenario held, 1 when one failed (the JSON lists each failure in "problems"),
// 2 on bad usage. The C# tests assert the observed values again, so a wrong expectation here cannot hide a bug.

const fs = require('node:fs');
const { grpc, conformance, MESSAGE_LIMITS, ERROR_DETAIL_TYPE_URL, errorDetailsFor, pattern, sha256, decodeStatus } = require('./shared');

const args = parseArgs(process.argv.slice(2));
const problems = [];
const observed = {};

function check(condition, message) {
  if (!condition) problems.push(message);
}

function makeClient(extraOptions = {}) {
  let credentials;
  if (args.ca) {
    credentials = grpc.credentials.createSsl(
      fs.readFileSync(args.ca),
      args.key ? fs.readFileSync(args.key) : null,
      args.cert ? fs.readFileSync(args.cert) : null,
    );
  } else {
    credentials = grpc.credentials.createInsecure();
  }
  return new conformance.Conformance(args.address, credentials, { ...MESSAGE_LIMITS, ...extraOptions });
}

const token = () => `${args.scenario}-${process.pid}-${Date.now()}`;

// ---- promise wrappers ----

function unary(client, request, options = {}) {
  return new Promise((resolve) => {
    client.unary(request, new grpc.Metadata(), options, (error, response) => resolve({ error, response }));
  });
}

/** Reads a response stream to its end: { responses, error } (error is null on OK). */
function drain(call, onResponse) {
  return new Promise((resolve) => {
    const responses = [];
    call.on('data', (r) => {
      responses.push(r);
      if (onResponse) onResponse(r, responses.length);
    });
    call.on('error', (error) => resolve({ responses, error }));
    call.on('end', () => resolve({ responses, error: null }));
  });
}

function observeServer(client, callToken, event, waitMs = 5000) {
  return new Promise((resolve) => {
    client.observe({ token: callToken, event, waitMs }, (error, response) =>
      resolve(error ? [`observe failed: ${error.code} ${error.details}`] : response.events),
    );
  });
}

function recordError(error) {
  observed.code = error ? error.code : grpc.status.OK;
  observed.details = error ? error.details : '';
}

// ---- scenarios ----

function checkEcho(response, payload, index, label) {
  check(Buffer.compare(response.payload, payload) === 0, `${label}: echoed payload differs (${response.payload.length} bytes, expected ${payload.length})`);
  check(response.requestSha256 === sha256(payload), `${label}: server saw a payload with sha256 ${response.requestSha256}, sent ${sha256(payload)}`);
  check(response.requestLength === payload.length, `${label}: server saw ${response.requestLength} bytes, sent ${payload.length}`);
  check(response.index === index, `${label}: index ${response.index}, expected ${index}`);
}

async function unaryEcho(extraOptions, payload, encoding, deadline = Date.now() + 20000) {
  const client = makeClient(extraOptions);
  const { error, response } = await unary(client, { action: 'echo', payload, id: 42 }, { deadline });
  recordError(error);
  check(!error, `unary failed: ${error && error.code} ${error && error.details}`);
  if (response) {
    checkEcho(response, payload, 0, 'unary');
    check(response.id === 42, `id ${response.id}, expected 42`);
    observed.requestEncoding = response.requestEncoding;
    observed.payloadLength = response.payload.length;
    observed.clientCertificateCn = response.clientCertificateCn;
    check(response.requestEncoding === encoding, `server saw request encoding '${response.requestEncoding}', expected '${encoding}'`);
  }
  client.close();
}

async function serverStreamEcho(extraOptions, payload, encoding, deadline = Date.now() + 20000) {
  const client = makeClient(extraOptions);
  const call = client.serverStream({ action: 'echo', payload, count: 5 }, { deadline });
  const { responses, error } = await drain(call);
  recordError(error);
  check(!error, `stream failed: ${error && error.code} ${error && error.details}`);
  observed.responses = responses.length;
  check(responses.length === 5, `${responses.length} responses, expected 5`);
  responses.forEach((r, i) => checkEcho(r, payload, i, `response ${i}`));
  observed.clientCertificateCn = responses.length > 0 ? responses[0].clientCertificateCn : null;
  observed.requestEncoding = responses.length > 0 ? responses[0].requestEncoding : null;
  check(observed.requestEncoding === encoding, `server saw request encoding '${observed.requestEncoding}', expected '${encoding}'`);
  client.close();
}

async function bidiEcho(extraOptions, payloadOf, encoding, deadline = Date.now() + 20000) {
  const client = makeClient(extraOptions);
  const call = client.bidi({ deadline });
  const done = drain(call);
  const sent = [];
  for (let i = 1; i <= 5; i++) {
    const payload = payloadOf(i);
    sent.push(payload);
    call.write({ action: 'echo', payload, id: i });
  }
  call.end();
  const { responses, error } = await done;
  recordError(error);
  check(!error, `bidi failed: ${error && error.code} ${error && error.details}`);
  observed.responses = responses.length;
  check(responses.length === 5, `${responses.length} responses, expected 5`);
  responses.forEach((r, i) => {
    checkEcho(r, sent[i], i, `response ${i}`);
    check(r.id === i + 1, `response ${i}: id ${r.id}, expected ${i + 1}`);
  });
  observed.clientCertificateCn = responses.length > 0 ? responses[0].clientCertificateCn : null;
  observed.requestEncodings = [...new Set(responses.map((r) => r.requestEncoding))];
  check(observed.requestEncodings.length === 1 && observed.requestEncodings[0] === encoding,
    `server saw request encodings ${JSON.stringify(observed.requestEncodings)}, expected ['${encoding}']`);
  client.close();
}

async function expectUnavailable(kind) {
  const client = makeClient();
  const request = { action: 'echo', payload: Buffer.from('hello') };
  const options = { deadline: Date.now() + 10000 };
  let result;
  if (kind === 'unary') {
    const r = await unary(client, request, options);
    result = { error: r.error, responses: r.response ? [r.response] : [] };
  } else if (kind === 'server-stream') {
    result = await drain(client.serverStream({ ...request, count: 1 }, options));
  } else {
    const call = client.bidi(options);
    const done = drain(call);
    call.write(request);
    call.end();
    result = await done;
  }
  recordError(result.error);
  observed.received = result.responses.length;
  check(result.error && result.error.code === grpc.status.UNAVAILABLE, `expected UNAVAILABLE, got ${result.error ? result.error.code + ' ' + result.error.details : 'OK'}`);
  check(result.responses.length === 0, `received ${result.responses.length} responses over a connection that should have been refused`);
  client.close();
}

async function deadline(kind) {
  const client = makeClient();
  // Connect before the timed call, so a loaded machine cannot spend the whole deadline on the handshakes and leave
  // the server nothing to observe.
  await unary(client, { action: 'echo', payload: Buffer.from('warm-up') }, { deadline: Date.now() + 20000 });
  const callToken = token();
  observed.token = callToken;
  const started = Date.now();
  const options = { deadline: started + 1000 };
  const request = { action: 'sleep', sleepMs: 10000, token: callToken, payload: Buffer.from('late') };
  let error;
  let received = 0;
  if (kind === 'unary') {
    ({ error } = await unary(client, request, options));
  } else if (kind === 'server-stream') {
    const result = await drain(client.serverStream(request, options));
    error = result.error;
    received = result.responses.length;
  } else {
    const call = client.bidi(options);
    const done = drain(call);
    call.write(request);
    const result = await done;
    error = result.error;
    received = result.responses.length;
  }
  observed.elapsedMs = Date.now() - started;
  observed.received = received;
  recordError(error);
  check(error && error.code === grpc.status.DEADLINE_EXCEEDED, `expected DEADLINE_EXCEEDED, got ${error ? error.code + ' ' + error.details : 'OK'}`);
  check(received === 0, `received ${received} responses before the deadline, expected none`);
  observed.serverEvents = await observeServer(client, callToken, 'cancelled');
  check(observed.serverEvents.includes('cancelled'), `the server did not observe the cancellation: ${JSON.stringify(observed.serverEvents)}`);
  client.close();
}

async function cancel(kind) {
  const client = makeClient();
  const callToken = token();
  observed.token = callToken;
  const request = { action: 'wait-cancel', token: callToken, payload: Buffer.from('wait for me') };
  const options = { deadline: Date.now() + 20000 };
  let result;
  if (kind === 'unary') {
    const promise = new Promise((resolve) => {
      const call = client.unary(request, new grpc.Metadata(), options, (error) => resolve({ error, responses: [] }));
      // A unary call has no response to wait for, so ask the server when the handler is running.
      observeServer(client, callToken, 'started').then((events) => {
        observed.serverEventsBeforeCancel = events;
        call.cancel();
      });
    });
    result = await promise;
  } else {
    const call = kind === 'server-stream' ? client.serverStream(request, options) : client.bidi(options);
    const done = drain(call, () => call.cancel());
    if (kind === 'bidi') call.write(request);
    result = await done;
  }
  recordError(result.error);
  observed.received = result.responses.length;
  check(result.error && result.error.code === grpc.status.CANCELLED, `expected CANCELLED, got ${result.error ? result.error.code + ' ' + result.error.details : 'OK'}`);
  if (kind !== 'unary') check(result.responses.length === 1, `received ${result.responses.length} responses before cancelling, expected 1`);
  observed.serverEvents = await observeServer(client, callToken, 'cancelled');
  check(observed.serverEvents.includes('cancelled'), `the server did not observe the cancellation: ${JSON.stringify(observed.serverEvents)}`);
  client.close();
}

const ECHO_INITIAL = 'x-grpc-test-echo-initial';
const ECHO_TRAILING = 'x-grpc-test-echo-trailing-bin';
// One text value: HTTP lets repeated text headers be joined with ", ", and grpc-js itself does not keep them apart.
const INITIAL_VALUES = ['test_initial_metadata_value'];
// Three bytes encode to base64 without padding, one byte needs "==": both forms must survive.
const TRAILING_VALUES = ['ababab', '01'];

async function metadataEcho(kind) {
  const client = makeClient();
  const metadata = new grpc.Metadata();
  for (const v of INITIAL_VALUES) metadata.add(ECHO_INITIAL, v);
  for (const v of TRAILING_VALUES) metadata.add(ECHO_TRAILING, Buffer.from(v, 'hex'));
  const request = { action: 'metadata', payload: Buffer.from('with metadata'), count: 1 };
  const options = { deadline: Date.now() + 20000 };
  let responses = [];
  const call = kind === 'unary'
    ? client.unary(request, metadata, options, (e, r) => { if (r) responses.push(r); })
    : kind === 'server-stream' ? client.serverStream(request, metadata, options) : client.bidi(metadata, options);
  let headers = null;
  call.on('metadata', (m) => { headers = m; });
  const status = new Promise((resolve) => call.on('status', resolve));
  if (kind !== 'unary') {
    const done = drain(call);
    if (kind === 'bidi') {
      call.write(request);
      call.end();
    }
    responses = (await done).responses;
  }
  const final = await status;
  observed.code = final.code;
  observed.details = final.details;
  observed.received = responses.length;
  check(responses.length === 1, `${responses.length} responses, expected 1`);
  observed.initial = headers ? headers.get(ECHO_INITIAL).map(String) : null;
  observed.trailing = final.metadata.get(ECHO_TRAILING).map((b) => Buffer.from(b).toString('hex'));
  check(final.code === grpc.status.OK, `call failed: ${final.code} ${final.details}`);
  check(JSON.stringify(observed.initial) === JSON.stringify(INITIAL_VALUES), `response headers ${ECHO_INITIAL}: ${JSON.stringify(observed.initial)}, expected ${JSON.stringify(INITIAL_VALUES)}`);
  check(JSON.stringify(observed.trailing) === JSON.stringify(TRAILING_VALUES), `trailers ${ECHO_TRAILING}: ${JSON.stringify(observed.trailing)}, expected ${JSON.stringify(TRAILING_VALUES)}`);
  client.close();
}

const ERROR_CODE = grpc.status.FAILED_PRECONDITION;
// Non-ASCII and '%' exercise grpc-message percent-encoding in both directions.
const ERROR_MESSAGE = 'asset "Beweisstück-42" not found: 100% sure';

async function error(kind) {
  const client = makeClient();
  const request = { action: 'error', statusCode: ERROR_CODE, statusMessage: ERROR_MESSAGE, payload: Buffer.from('before the error') };
  const options = { deadline: Date.now() + 20000 };
  let result;
  if (kind === 'unary') {
    const r = await unary(client, request, options);
    result = { error: r.error, responses: r.response ? [r.response] : [] };
  } else if (kind === 'server-stream') {
    result = await drain(client.serverStream(request, options));
  } else {
    const call = client.bidi(options);
    const done = drain(call);
    call.write(request);
    result = await done;
  }
  const e = result.error;
  recordError(e);
  observed.received = result.responses.length;
  check(e && e.code === ERROR_CODE, `expected code ${ERROR_CODE}, got ${e ? e.code : 'OK'}`);
  check(e && e.details === ERROR_MESSAGE, `expected details ${JSON.stringify(ERROR_MESSAGE)}, got ${JSON.stringify(e && e.details)}`);
  check(result.responses.length === (kind === 'unary' ? 0 : 1), `received ${result.responses.length} responses before the error`);
  if (e && e.metadata) {
    const custom = e.metadata.get('x-conformance');
    observed.customTrailer = custom.length > 0 ? String(custom[0]) : null;
    const raw = e.metadata.get('grpc-status-details-bin');
    if (raw.length === 0) {
      problems.push('no grpc-status-details-bin trailer');
    } else {
      const status = decodeStatus(raw[0]);
      observed.statusDetails = status;
      check(status.code === ERROR_CODE, `details: code ${status.code}, expected ${ERROR_CODE}`);
      check(status.message === ERROR_MESSAGE, `details: message ${JSON.stringify(status.message)}`);
      const expected = errorDetailsFor(ERROR_MESSAGE).map((d) => ({ typeUrl: ERROR_DETAIL_TYPE_URL, ...d }));
      check(JSON.stringify(status.details) === JSON.stringify(expected), `details: ${JSON.stringify(status.details)}, expected ${JSON.stringify(expected)}`);
    }
  } else {
    problems.push('the error carries no metadata');
  }
  client.close();
}

async function unimplemented() {
  const client = makeClient();
  const path = '/conformance.Conformance/DoesNotExist';
  const identity = (b) => b;
  const error = await new Promise((resolve) =>
    client.makeUnaryRequest(path, identity, identity, Buffer.from('x'), new grpc.Metadata(), { deadline: Date.now() + 10000 }, (e) => resolve(e)),
  );
  recordError(error);
  check(error && error.code === grpc.status.UNIMPLEMENTED, `expected UNIMPLEMENTED, got ${error ? error.code + ' ' + error.details : 'OK'}`);
  check(error && error.details.includes(path), `details ${JSON.stringify(error && error.details)} do not name ${path}`);
  client.close();
}

const LARGE_REQUEST = 50 * 1024 * 1024;
const LARGE_RESPONSE = 50 * 1024 * 1024 + 17;

async function large() {
  const client = makeClient();
  // Offset by one so the request differs from the server's pattern: an echo would not pass for a generated response.
  const payload = pattern(LARGE_REQUEST + 1).subarray(1);
  const { error, response } = await unary(client, { action: 'large', payload, responseSize: LARGE_RESPONSE }, { deadline: Date.now() + 60000 });
  recordError(error);
  check(!error, `large call failed: ${error && error.code} ${error && error.details}`);
  if (response) {
    observed.sentSha256 = sha256(payload);
    observed.serverSawSha256 = response.requestSha256;
    observed.serverSawLength = response.requestLength;
    observed.responseLength = response.payload.length;
    observed.responseSha256 = sha256(response.payload);
    check(observed.serverSawSha256 === observed.sentSha256, 'the server received different bytes than were sent');
    check(observed.serverSawLength === LARGE_REQUEST, `the server received ${observed.serverSawLength} bytes`);
    check(observed.responseLength === LARGE_RESPONSE, `response of ${observed.responseLength} bytes, expected ${LARGE_RESPONSE}`);
    check(observed.responseSha256 === sha256(pattern(LARGE_RESPONSE)), 'the response bytes differ from the pattern');
  }
  client.close();
}

async function concurrent() {
  const client = makeClient();
  const count = 1000;
  const calls = [];
  for (let i = 0; i < count; i++) {
    const payload = Buffer.from(`request ${i} `.repeat(1 + (i % 7)));
    calls.push(unary(client, { action: 'echo', payload, id: i }, { deadline: Date.now() + 60000 }).then(({ error, response }) => ({ i, payload, error, response })));
  }
  const results = await Promise.all(calls);
  let succeeded = 0;
  const peers = new Set();
  const failures = [];
  for (const { i, payload, error, response } of results) {
    if (error) {
      failures.push(`${i}: ${error.code} ${error.details}`);
      continue;
    }
    if (response.id !== i || Buffer.compare(response.payload, payload) !== 0) {
      failures.push(`${i}: response for id ${response.id}`);
      continue;
    }
    succeeded++;
    peers.add(response.peer);
  }
  observed.calls = count;
  observed.succeeded = succeeded;
  observed.distinctPeers = [...peers];
  observed.failures = failures.slice(0, 5);
  check(succeeded === count, `${succeeded} of ${count} calls succeeded; first failures: ${failures.slice(0, 5).join('; ')}`);
  check(peers.size === 1, `calls arrived over ${peers.size} connections, expected 1`);
  client.close();
}

const YEAR_MS = 365 * 24 * 3600 * 1000;
const GZIP = { 'grpc.default_compression_algorithm': 2 };
// Repetitive enough that gzip shrinks it to a few percent, so a compressed frame is clearly not the raw bytes.
const compressible = (n) => Buffer.from('evidence item 0001; chain of custody intact. '.repeat(Math.ceil(n / 45)).slice(0, n));

const scenarios = {
  'echo-unary': () => unaryEcho({}, pattern(10000), 'identity'),
  'echo-server-stream': () => serverStreamEcho({}, pattern(3000), 'identity'),
  'echo-bidi': () => bidiEcho({}, (i) => pattern(i * 1000), 'identity'),
  'unavailable-unary': () => expectUnavailable('unary'),
  'unavailable-server-stream': () => expectUnavailable('server-stream'),
  'unavailable-bidi': () => expectUnavailable('bidi'),
  // A year away: grpc-js sends grpc-timeout "31536000S", beyond what a .NET timer can wait (about 49.7 days).
  'long-deadline-unary': () => unaryEcho({}, pattern(100), 'identity', Date.now() + YEAR_MS),
  'long-deadline-server-stream': () => serverStreamEcho({}, pattern(100), 'identity', Date.now() + YEAR_MS),
  'long-deadline-bidi': () => bidiEcho({}, (i) => pattern(i * 10), 'identity', Date.now() + YEAR_MS),
  'deadline-unary': () => deadline('unary'),
  'deadline-server-stream': () => deadline('server-stream'),
  'deadline-bidi': () => deadline('bidi'),
  'cancel-unary': () => cancel('unary'),
  'cancel-server-stream': () => cancel('server-stream'),
  'cancel-bidi': () => cancel('bidi'),
  'metadata-unary': () => metadataEcho('unary'),
  'metadata-server-stream': () => metadataEcho('server-stream'),
  'metadata-bidi': () => metadataEcho('bidi'),
  'error-unary': () => error('unary'),
  'error-server-stream': () => error('server-stream'),
  'error-bidi': () => error('bidi'),
  'unimplemented-unary': unimplemented,
  'large-unary': large,
  'concurrent-unary': concurrent,
  'gzip-unary': () => unaryEcho(GZIP, compressible(256 * 1024), 'gzip'),
  'gzip-server-stream': () => serverStreamEcho(GZIP, compressible(64 * 1024), 'gzip'),
  'gzip-bidi': () => bidiEcho(GZIP, (i) => compressible(i * 20000), 'gzip'),
};

function parseArgs(argv) {
  const result = {};
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i];
    if (!name.startsWith('--') || i + 1 >= argv.length) usage(`bad argument '${name}'`);
    result[name.slice(2)] = argv[i + 1];
  }
  if (!result.address || !result.scenario) usage('--address and --scenario are required');
  return result;
}

function usage(message) {
  console.error(`${message}\nusage: node client.js --address host:port --scenario <name> [--ca ca.pem] [--cert client.pem --key client-key.pem]`);
  process.exit(2);
}

const run = scenarios[args.scenario];
if (!run) usage(`unknown scenario '${args.scenario}'; known: ${Object.keys(scenarios).join(', ')}`);

run()
  .catch((e) => problems.push(`threw: ${e && e.stack ? e.stack : e}`))
  .then(() => {
    console.log(JSON.stringify({ scenario: args.scenario, ok: problems.length === 0, problems, observed }));
    process.exit(problems.length === 0 ? 0 : 1);
  });
