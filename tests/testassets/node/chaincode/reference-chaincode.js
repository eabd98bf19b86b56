'use strict';
// The reference chaincode on Hyperledger's Node shim (fabric-shim, low-level ChaincodeInterface), served as a
// chaincode-as-a-service. The C# twin is tests/FabricEvidence.Chaincode.ProtocolPeer/ReferenceChaincode.cs: both
// implement the same functions the same way, so the protocol test peer can compare their conversations message by
// message. Usage: node reference-chaincode.js <port> <chaincode-id>; prints "LISTENING <port>" when ready.

const shim = require('fabric-shim');

const text = (buffer) => (buffer ? Buffer.from(buffer).toString('utf8') : '');

async function collect(iterable, describe) {
    const parts = [];
    for await (const record of iterable) {
        parts.push(describe(record));
    }
    return parts.join(';');
}

// Reads a paginated result the way the C# page does: all records of the page, no CLOSE (the peer closed it).
async function page(promise, describe) {
    const {iterator, metadata} = await promise;
    const parts = [];
    for (;;) {
        const next = await iterator.next();
        if (next.done) {
            break;
        }
        parts.push(describe(next.value));
    }
    return `${metadata.fetchedRecordsCount}|${metadata.bookmark}|${parts.join(';')}`;
}

function splitKey(stub, key) {
    const {objectType, attributes} = stub.splitCompositeKey(key);
    return `${objectType}:${attributes.join(',')}`;
}

const kv = (r) => `${r.key}=${text(r.value)}`;

// A full garbage collection without starting node with --expose-gc (only the benchmark's "stats gc" calls it).
function collectGarbage() {
    require('v8').setFlagsFromString('--expose_gc');
    require('vm').runInNewContext('gc')();
}

class ReferenceChaincode {
    async Init(stub) {
        return this.dispatch(stub);
    }

    async Invoke(stub) {
        return this.dispatch(stub);
    }

    async dispatch(stub) {
        try {
            const {fcn, params: a} = stub.getFunctionAndParameters();
            const payload = await this.run(stub, fcn, a);
            return shim.success(Buffer.from(payload === undefined ? '' : payload));
        } catch (err) {
            return shim.error(err.message);
        }
    }

    async run(stub, fcn, a) {
        switch (fcn) {
            case 'put':
                await stub.putState(a[0], Buffer.from(a[1]));
                return '';
            case 'get':
                return text(await stub.getState(a[0]));
            case 'del':
                await stub.deleteState(a[0]);
                return '';
            case 'getput': {
                const old = text(await stub.getState(a[0]));
                await stub.putState(a[0], Buffer.from(a[1]));
                return old;
            }
            case 'range':
                return collect(stub.getStateByRange(a[0], a[1]), kv);
            case 'rangeFirst': {
                const n = Number(a[2]);
                const keys = [];
                for await (const r of stub.getStateByRange(a[0], a[1])) {
                    keys.push(r.key);
                    if (keys.length >= n) {
                        break;
                    }
                }
                return keys.join(';');
            }
            case 'rangePage':
                return page(stub.getStateByRangeWithPagination(a[0], a[1], Number(a[2]), a[3]), kv);
            case 'composite': {
                const key = stub.createCompositeKey(a[0], a.slice(1));
                await stub.putState(key, Buffer.from('v'));
                return splitKey(stub, key);
            }
            case 'partial':
                return collect(stub.getStateByPartialCompositeKey(a[0], a.slice(1)), (r) => splitKey(stub, r.key));
            case 'partialPage':
                return page(stub.getStateByPartialCompositeKeyWithPagination(a[0], a.slice(3), Number(a[1]), a[2]), (r) => splitKey(stub, r.key));
            case 'query':
                return collect(stub.getQueryResult(a[0]), kv);
            case 'queryPage':
                return page(stub.getQueryResultWithPagination(a[0], Number(a[1]), a[2]), kv);
            case 'history':
                return collect(stub.getHistoryForKey(a[0]), (m) => `${m.txId}:${m.isDelete}:${text(m.value)}`);
            case 'pput':
                await stub.putPrivateData(a[0], a[1], Buffer.from(a[2]));
                return '';
            case 'pget':
                return text(await stub.getPrivateData(a[0], a[1]));
            case 'pdel':
                await stub.deletePrivateData(a[0], a[1]);
                return '';
            case 'ppurge':
                await stub.purgePrivateData(a[0], a[1]);
                return '';
            case 'phash':
                return Buffer.from(await stub.getPrivateDataHash(a[0], a[1])).toString('hex');
            case 'prange':
                return collect(stub.getPrivateDataByRange(a[0], a[1], a[2]), kv);
            case 'ppartial':
                return collect(stub.getPrivateDataByPartialCompositeKey(a[0], a[1], a.slice(2)), (r) => splitKey(stub, r.key));
            case 'pquery':
                return collect(stub.getPrivateDataQueryResult(a[0], a[1]), kv);
            case 'sbeset':
                await stub.setStateValidationParameter(a[0], Buffer.from(a[1], 'hex'));
                return '';
            case 'sbeget': {
                const policy = await stub.getStateValidationParameter(a[0]);
                return policy ? Buffer.from(policy).toString('hex') : '';
            }
            case 'psbeset':
                await stub.setPrivateDataValidationParameter(a[0], a[1], Buffer.from(a[2], 'hex'));
                return '';
            case 'psbeget': {
                const policy = await stub.getPrivateDataValidationParameter(a[0], a[1]);
                return policy ? Buffer.from(policy).toString('hex') : '';
            }
            case 'event':
                stub.setEvent('first', Buffer.from('overwritten'));
                stub.setEvent(a[0], Buffer.from(a[1]));
                return '';
            case 'invoke': {
                const response = await stub.invokeChaincode(a[0], a.slice(2), a[1]);
                return `${response.status}|${response.message}|${text(response.payload)}`;
            }
            case 'fail':
                throw new Error(a[0]);
            case 'txinfo': {
                const transient = [...stub.getTransient().keys()].sort().map((k) => `${k}=${text(stub.getTransient().get(k))}`).join(',');
                return [stub.getTxID(), stub.getChannelID(), stub.getCreator().mspid, transient,
                    stub.getTxTimestamp().seconds.toString(), stub.getBinding(), stub.getMspID(), stub.getArgs().join(',')].join('|');
            }
            case 'concurrent': {
                const values = await Promise.all(a.map((k) => stub.getState(k)));
                return values.map(text).join(';');
            }
            case 'stats': {
                // For the benchmark: resident set size, live heap and CPU time (user + system, microseconds) of this
                // process; with "gc", after a full collection, so the heap is what is live.
                if (a[0] === 'gc') {
                    collectGarbage();
                }
                const memory = process.memoryUsage();
                const cpu = process.cpuUsage();
                return `rss=${memory.rss}|heap=${memory.heapUsed}|cpu=${cpu.user + cpu.system}`;
            }
            default:
                throw new Error(`unknown function ${fcn}`);
        }
    }
}

async function main() {
    const [port, ccid] = process.argv.slice(2);
    if (!port || !ccid) {
        console.error('usage: node reference-chaincode.js <port> <chaincode-id>');
        process.exit(2);
    }
    const server = shim.server(new ReferenceChaincode(), {ccid, address: `127.0.0.1:${port}`});
    await server.start();
    console.log(`LISTENING ${port}`);
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
