using System.Security.Cryptography;
using System.Text;
using FabricEvidence.Protocol.Ledger.Rwset;
using FabricEvidence.Protocol.Ledger.Rwset.KvRwset;
using Google.Protobuf;
using KvVersion = FabricEvidence.Protocol.Ledger.Rwset.KvRwset.Version;

namespace FabricEvidence.SyntheticLedger;

/// <summary>Builds a <c>rwset.TxReadWriteSet</c> as a peer's transaction simulator records it.</summary>
public sealed class RwSetBuilder
{
    private readonly SortedDictionary<string, KVRWSet> _public = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, SortedDictionary<string, HashedRWSet>> _hashed = new(StringComparer.Ordinal);

    public RwSetBuilder Read(string ns, string key, (ulong Block, ulong Tx)? version)
    {
        var read = new KVRead { Key = key };
        if (version is { } v)
        {
            read.Version = new KvVersion { BlockNum = v.Block, TxNum = v.Tx };
        }

        Public(ns).Reads.Add(read);
        return this;
    }

    public RwSetBuilder Write(string ns, string key, byte[] value)
    {
        Public(ns).Writes.Add(new KVWrite { Key = key, Value = ByteString.CopyFrom(value) });
        return this;
    }

    public RwSetBuilder Write(string ns, string key, string value) => Write(ns, key, Encoding.UTF8.GetBytes(value));

    public RwSetBuilder Delete(string ns, string key)
    {
        Public(ns).Writes.Add(new KVWrite { Key = key, IsDelete = true });
        return this;
    }

    public RwSetBuilder WriteMetadata(string ns, string key, string name, byte[] value)
    {
        Public(ns).MetadataWrites.Add(new KVMetadataWrite { Key = key, Entries = { new KVMetadataEntry { Name = name, Value = ByteString.CopyFrom(value) } } });
        return this;
    }

    public RwSetBuilder WritePrivate(string ns, string collection, string key, byte[] value)
    {
        Hashed(ns, collection).HashedWrites.Add(new KVWriteHash
        {
            KeyHash = ByteString.CopyFrom(SHA256.HashData(Encoding.UTF8.GetBytes(key))),
            ValueHash = ByteString.CopyFrom(SHA256.HashData(value)),
        });
        return this;
    }

    public TxReadWriteSet Build()
    {
        var result = new TxReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv };
        foreach (var ns in _public.Keys.Union(_hashed.Keys).Order(StringComparer.Ordinal))
        {
            var set = new NsReadWriteSet { Namespace = ns, Rwset = (_public.GetValueOrDefault(ns) ?? new KVRWSet()).ToByteString() };
            if (_hashed.TryGetValue(ns, out var collections))
            {
                foreach (var (name, hashed) in collections)
                {
                    set.CollectionHashedRwset.Add(new CollectionHashedReadWriteSet { CollectionName = name, HashedRwset = hashed.ToByteString() });
                }
            }

            result.NsRwset.Add(set);
        }

        return result;
    }

    private KVRWSet Public(string ns)
    {
        if (!_public.TryGetValue(ns, out var set))
        {
            _public[ns] = set = new KVRWSet();
        }

        return set;
    }

    private HashedRWSet Hashed(string ns, string collection)
    {
        if (!_hashed.TryGetValue(ns, out var collections))
        {
            _hashed[ns] = collections = new SortedDictionary<string, HashedRWSet>(StringComparer.Ordinal);
        }

        if (!collections.TryGetValue(collection, out var set))
        {
            collections[collection] = set = new HashedRWSet();
        }

        return set;
    }
}
