// Reference for the JSON that JavaScript contracts write: reads a JSON array of cases on stdin and prints, one per
// line, what JSON.stringify writes for each. Cases: {"number": "<16 hex digits of the IEEE 754 bits>"},
// {"string": [UTF-16 code units]}, {"canonical": <any JSON value>} (RFC 8785: members sorted by UTF-16 code units,
// primitives as JSON.stringify writes them).
'use strict';

function canonical(value) {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return '[' + value.map(canonical).join(',') + ']';
  }
  // Array.prototype.sort without a comparator compares UTF-16 code units, as RFC 8785 requires.
  return '{' + Object.keys(value).sort().map((k) => JSON.stringify(k) + ':' + canonical(value[k])).join(',') + '}';
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const out = JSON.parse(input).map((c) => {
    if ('number' in c) {
      return JSON.stringify(Buffer.from(c.number, 'hex').readDoubleBE(0));
    }
    if ('string' in c) {
      return JSON.stringify(String.fromCharCode(...c.string));
    }
    return canonical(c.canonical);
  });
  process.stdout.write(out.map((line) => JSON.stringify(line)).join('\n') + '\n');
});
