'use strict';
// Pieces the conformance server and client share: loading the test service, the deterministic payload pattern, and a
// minimal protobuf codec for google.rpc.Status / google.protobuf.Any / gateway.ErrorDetail, written here from the
// protobuf wire-format rules so the detail trailer is built and checked independently of our C# code.

const crypto = require('node:crypto');
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const definition = protoLoader.loadSync(path.join(__dirname, 'conformance.proto'), {
  longs: Number,
  defaults: true,
});
const conformance = grpc.loadPackageDefinition(definition).conformance;

// Neither side's default limit (4 MiB in grpc-js) admits the 50 MiB messages of the large-message scenarios.
const MESSAGE_LIMITS = {
  'grpc.max_receive_message_length': 100 * 1024 * 1024,
  'grpc.max_send_message_length': 100 * 1024 * 1024,
};

const ERROR_DETAIL_TYPE_URL = 'type.googleapis.com/gateway.ErrorDetail';

/** The two gateway.ErrorDetail entries every "error" response carries; the C# tests expect exactly these. */
function errorDetailsFor(message) {
  return [
    { address: 'peer0.org1.example.com:7051', mspId: 'Org1MSP', message },
    { address: 'peer1.org2.example.com:9051', mspId: 'Org2MSP', message: 'second endorser: ' + message },
  ];
}

/** Byte i of every generated payload is (i * 31 + 7) mod 251: cheap to produce, and a shifted byte changes the hash. */
function pattern(length) {
  const buffer = Buffer.allocUnsafe(length);
  let value = 7;
  for (let i = 0; i < length; i++) {
    buffer[i] = value;
    value += 31;
    if (value >= 251) value -= 251;
  }
  return buffer;
}

function sha256(buffer) {
  return crypto.createHash('sha256').update(buffer).digest('hex');
}

// ---- protobuf wire format (just what the status trailer needs) ----

function varint(value) {
  const bytes = [];
  let v = value >>> 0;
  if (value < 0) {
    // int32 negatives are sign-extended to 10 bytes; status codes are never negative, so refuse rather than guess.
    throw new Error('negative varint not supported');
  }
  while (v >= 0x80) {
    bytes.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  bytes.push(v);
  return Buffer.from(bytes);
}

function tag(field, wireType) {
  return varint((field << 3) | wireType);
}

function lengthDelimited(field, bytes) {
  const data = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8');
  return Buffer.concat([tag(field, 2), varint(data.length), data]);
}

function encodeErrorDetail(detail) {
  const parts = [];
  if (detail.address) parts.push(lengthDelimited(1, detail.address));
  if (detail.mspId) parts.push(lengthDelimited(2, detail.mspId));
  if (detail.message) parts.push(lengthDelimited(3, detail.message));
  return Buffer.concat(parts);
}

function encodeAny(typeUrl, value) {
  return Buffer.concat([lengthDelimited(1, typeUrl), lengthDelimited(2, value)]);
}

/** google.rpc.Status { int32 code = 1; string message = 2; repeated google.protobuf.Any details = 3; } */
function encodeStatus(code, message, details) {
  const parts = [];
  if (code) parts.push(tag(1, 0), varint(code));
  if (message) parts.push(lengthDelimited(2, message));
  for (const d of details) {
    parts.push(lengthDelimited(3, encodeAny(ERROR_DETAIL_TYPE_URL, encodeErrorDetail(d))));
  }
  return Buffer.concat(parts);
}

/** Splits a message into its fields: [{ field, wireType, value }] where value is a number or a Buffer. */
function decodeFields(buffer) {
  const fields = [];
  let offset = 0;
  const readVarint = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (offset >= buffer.length) throw new Error('truncated varint');
      const b = buffer[offset++];
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
      if (shift > 63) throw new Error('varint too long');
    }
  };
  while (offset < buffer.length) {
    const key = readVarint();
    const field = Math.floor(key / 8);
    const wireType = key & 7;
    if (wireType === 0) {
      fields.push({ field, wireType, value: readVarint() });
    } else if (wireType === 2) {
      const length = readVarint();
      if (offset + length > buffer.length) throw new Error('truncated length-delimited field');
      fields.push({ field, wireType, value: buffer.subarray(offset, offset + length) });
      offset += length;
    } else {
      throw new Error(`unexpected wire type ${wireType} for field ${field}`);
    }
  }
  return fields;
}

function decodeStatus(buffer) {
  const status = { code: 0, message: '', details: [] };
  for (const f of decodeFields(buffer)) {
    if (f.field === 1 && f.wireType === 0) status.code = f.value;
    else if (f.field === 2 && f.wireType === 2) status.message = f.value.toString('utf8');
    else if (f.field === 3 && f.wireType === 2) {
      const any = { typeUrl: '', value: Buffer.alloc(0) };
      for (const a of decodeFields(f.value)) {
        if (a.field === 1) any.typeUrl = a.value.toString('utf8');
        else if (a.field === 2) any.value = a.value;
      }
      const entry = { typeUrl: any.typeUrl };
      if (any.typeUrl === ERROR_DETAIL_TYPE_URL) {
        entry.address = '';
        entry.mspId = '';
        entry.message = '';
        for (const d of decodeFields(any.value)) {
          if (d.field === 1) entry.address = d.value.toString('utf8');
          else if (d.field === 2) entry.mspId = d.value.toString('utf8');
          else if (d.field === 3) entry.message = d.value.toString('utf8');
        }
      }
      status.details.push(entry);
    }
  }
  return status;
}

module.exports = {
  grpc,
  conformance,
  MESSAGE_LIMITS,
  ERROR_DETAIL_TYPE_URL,
  errorDetailsFor,
  pattern,
  sha256,
  encodeStatus,
  decodeStatus,
};
