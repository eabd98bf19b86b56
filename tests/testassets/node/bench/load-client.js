'use strict';

// Load client on @grpc/grpc-js for the transport comparison in tests/FabricEvidence.Benchmarks (compare mode).
// It drives the benchmark echo service with the same scenarios and the same measuring window as the .NET load
// runner (LoadRunner.cs), and prints one JSON line with what it counted.
//
// Usage: node load-client.js --port <port> --scenario unary|server-stream|bidi
//          [--concurrency 1] [--payload 100] [--stream-messages 1000]
//          [--warmup-seconds 2] [--seconds 5] [--max-ops 50000000]
//
// The target is always 127.0.0.1: this is a loopback benchmark and must never load another machine.

const grpc = require('@grpc/grpc-js');

const SERVICE = '/fabricevidence.bench.Echo/';
const LIMITS = {
  concurrency: [1, 1024],
  payload: [0, 1024 * 1024],
  streamMessages: [1, 1000000],
  warmupSeconds: [0, 600],
  seconds: [0.1, 600],
  maxOps: [1, 1000000000],
};

function fail(message) {
  process.stdout.write(JSON.stringify({ error: message }) + '\n');
  process.exit(1);
}

function parseArgs(argv) {
  const options = {
    port: 0,
    scenario: '',
    concurrency: 1,
    payload: 100,
    streamMessages: 1000,
    warmupSeconds: 2,
    seconds: 5,
    maxOps: 50000000,
  };
  const names = {
    '--port': 'port',
    '--scenario': 'scenario',
    '--concurrency': 'concurrency',
    '--payload': 'payload',
    '--stream-messages': 'streamMessages',
    '--warmup-seconds': 'warmupSeconds',
    '--seconds': 'seconds',
    '--max-ops': 'maxOps',
  };
  for (let i = 0; i < argv.length; i += 2) {
    const key = names[argv[i]];
    if (key === undefined || i + 1 >= argv.length) {
      fail(`unknown or incomplete argument '${argv[i]}'`);
    }
    if (key === 'scenario') {
      options.scenario = argv[i + 1];
      continue;
    }
    const value = Number(argv[i + 1]);
    if (!Number.isFinite(value)) {
      fail(`${argv[i]} needs a number, got '${argv[i + 1]}'`);
    }
    options[key] = value;
  }
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) {
    fail(`--port must be between 1 and 65535, got ${options.port}`);
  }
  if (!['unary', 'server-stream', 'bidi'].includes(options.scenario)) {
    fail(`--scenario must be unary, server-stream or bidi, got '${options.scenario}'`);
  }
  for (const [key, [min, max]] of Object.entries(LIMITS)) {
    if (options[key] < min || options[key] > max) {
      fail(`${key} must be between ${min} and ${max}, got ${options[key]}`);
    }
  }
  return options;
}

// The measuring window: results before warm-up ends are discarded, counting stops when the window closes or when
// max-ops is reached, whichever is first. Every worker asks the window before it starts more work.
class Window {
  constructor(warmupSeconds, seconds, maxOps) {
    const now = process.hrtime.bigint();
    this.measureStart = now + BigInt(Math.round(warmupSeconds * 1e9));
    this.measureEnd = this.measureStart + BigInt(Math.round(seconds * 1e9));
    this.maxOps = maxOps;
    this.count = 0;
    this.stoppedAt = null;
    this.cpuAtStart = null;
    this.cpuAtEnd = null;
    // CPU time of this process over the window, sampled by timers at its edges (as LoadRunner.cs does): the rate
    // above depends on what else the machine runs, the CPU cost per operation much less so.
    const toMs = (ns) => Math.max(0, Number(ns / 1000000n));
    this.startTimer = setTimeout(() => { this.cpuAtStart = process.cpuUsage(); }, toMs(this.measureStart - now));
    this.endTimer = setTimeout(() => this.stop(this.measureEnd), toMs(this.measureEnd - now));
  }

  // Microseconds of CPU (user + system) this process used inside the window.
  get cpuMicros() {
    clearTimeout(this.startTimer);
    clearTimeout(this.endTimer);
    if (this.cpuAtStart === null || this.cpuAtEnd === null) {
      return null;
    }
    return this.cpuAtEnd.user + this.cpuAtEnd.system;
  }

  stop(at) {
    if (this.stoppedAt === null) {
      this.stoppedAt = at;
      if (this.cpuAtStart !== null && this.cpuAtEnd === null) {
        this.cpuAtEnd = process.cpuUsage(this.cpuAtStart);
      }
    }
  }

  record(n) {
    if (this.stoppedAt !== null) {
      return;
    }
    const now = process.hrtime.bigint();
    if (now < this.measureStart) {
      return;
    }
    if (now >= this.measureEnd) {
      this.stop(this.measureEnd);
      return;
    }
    this.count += n;
    if (this.count >= this.maxOps) {
      this.stop(now);
    }
  }

  get running() {
    if (this.stoppedAt !== null) {
      return false;
    }
    if (process.hrtime.bigint() >= this.measureEnd) {
      this.stop(this.measureEnd);
      return false;
    }
    return true;
  }

  get elapsedMs() {
    const end = this.stoppedAt ?? this.measureEnd;
    return Number(end - this.measureStart) / 1e6;
  }
}

const identity = (b) => b;

function unaryOnce(client, payload) {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(SERVICE + 'Unary', identity, identity, payload, (err, response) => {
      if (err) {
        reject(err);
      } else if (response.length !== payload.length) {
        reject(new Error(`echo returned ${response.length} bytes, expected ${payload.length}`));
      } else {
        resolve();
      }
    });
  });
}

async function unaryWorker(client, window, payload) {
  while (window.running) {
    await unaryOnce(client, payload);
    window.record(1);
  }
}

function streamRequest(count, size) {
  const request = Buffer.alloc(8);
  request.writeUInt32BE(count, 0);
  request.writeUInt32BE(size, 4);
  return request;
}

function serverStreamOnce(client, window, count, size) {
  return new Promise((resolve, reject) => {
    const call = client.makeServerStreamRequest(SERVICE + 'ServerStream', identity, identity, streamRequest(count, size));
    let received = 0;
    call.on('data', (message) => {
      if (message.length !== size) {
        call.cancel();
        reject(new Error(`stream message of ${message.length} bytes, expected ${size}`));
        return;
      }
      received++;
      window.record(1);
    });
    call.on('error', reject);
    call.on('status', (status) => {
      if (status.code !== grpc.status.OK) {
        reject(new Error(`server stream ended with ${status.code}: ${status.details}`));
      } else if (received !== count) {
        reject(new Error(`server stream delivered ${received} of ${count} messages`));
      } else {
        resolve();
      }
    });
  });
}

async function serverStreamWorker(client, window, options) {
  while (window.running) {
    await serverStreamOnce(client, window, options.streamMessages, options.payload);
  }
}

function bidiOnce(client, window, count, payload) {
  return new Promise((resolve, reject) => {
    const call = client.makeBidiStreamRequest(SERVICE + 'Bidi', identity, identity);
    let received = 0;
    let failed = false;
    const failWith = (error) => {
      if (!failed) {
        failed = true;
        reject(error);
      }
    };
    call.on('data', (message) => {
      if (message.length !== payload.length) {
        call.cancel();
        failWith(new Error(`echo of ${message.length} bytes, expected ${payload.length}`));
        return;
      }
      received++;
      window.record(1);
    });
    call.on('error', failWith);
    call.on('status', (status) => {
      if (status.code !== grpc.status.OK) {
        failWith(new Error(`bidi stream ended with ${status.code}: ${status.details}`));
      } else if (received !== count) {
        failWith(new Error(`bidi stream echoed ${received} of ${count} messages`));
      } else if (!failed) {
        resolve();
      }
    });

    // Write as fast as the stream accepts, honouring back-pressure, then half-close.
    let sent = 0;
    const pump = () => {
      while (sent < count) {
        sent++;
        if (!call.write(payload)) {
          call.once('drain', pump);
          return;
        }
      }
      call.end();
    };
    pump();
  });
}

async function bidiWorker(client, window, options, payload) {
  while (window.running) {
    await bidiOnce(client, window, options.streamMessages, payload);
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const client = new grpc.Client(`127.0.0.1:${options.port}`, grpc.credentials.createInsecure(), {
    'grpc.max_receive_message_length': 4 * 1024 * 1024,
  });
  const payload = Buffer.alloc(options.payload, 0x5a);
  const window = new Window(options.warmupSeconds, options.seconds, options.maxOps);

  const workers = [];
  for (let i = 0; i < options.concurrency; i++) {
    switch (options.scenario) {
      case 'unary':
        workers.push(unaryWorker(client, window, payload));
        break;
      case 'server-stream':
        workers.push(serverStreamWorker(client, window, options));
        break;
      case 'bidi':
        workers.push(bidiWorker(client, window, options, payload));
        break;
    }
  }

  try {
    await Promise.all(workers);
  } catch (err) {
    client.close();
    fail(`${options.scenario} failed: ${err.message}`);
  }

  client.close();
  process.stdout.write(JSON.stringify({
    client: 'grpc-js',
    version: require('@grpc/grpc-js/package.json').version,
    scenario: options.scenario,
    concurrency: options.concurrency,
    count: window.count,
    elapsedMs: window.elapsedMs,
    cpuMicros: window.cpuMicros,
  }) + '\n');
}

main().catch((err) => fail(err.stack || String(err)));
