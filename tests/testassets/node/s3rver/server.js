'use strict';
// A real S3 API server for the S3 object store tests: s3rver on 127.0.0.1 at a free port, one bucket, the data in a
// directory the test owns. Prints "LISTENING <port>" when ready; stops when stdin closes or on SIGTERM.
// Usage: node server.js <directory> <bucket>   (credentials: S3RVER / S3RVER)
const S3rver = require('s3rver');

const [directory, bucket] = process.argv.slice(2);
if (!directory || !bucket) {
  console.error('usage: node server.js <directory> <bucket>');
  process.exit(2);
}

const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory,
  configureBuckets: [{ name: bucket }],
  // Path-style requests only, as the store is configured against it.
  vhostBuckets: false,
});

server.run().then(({ port }) => {
  console.log(`LISTENING ${port}`);
}, err => {
  console.error(err);
  process.exit(1);
});

const stop = () => server.close().finally(() => process.exit(0));
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
