using System.Security.Cryptography;
using FabricEvidence.Gateway.Tests.Infrastructure;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Ledger.Rwset;
using FabricEvidence.Protocol.Ledger.Rwset.KvRwset;
using FabricEvidence.Protocol.Msp;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace FabricEvidence.Gateway.Tests;

public sealed class LedgerBlockTests
{
    [Theory]
    [InlineData(1UL, new byte[] { 0x02, 0x01, 0x01 })]
    [InlineData(128UL, new byte[] { 0x02, 0x02, 0x00, 0x80 })]
    [InlineData(ulong.MaxValue, new byte[] { 0x02, 0x09, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff })]
    public void Header_hash_is_SHA256_of_the_DER_sequence_of_number_previous_hash_and_data_hash(ulong number, byte[] derNumber)
    {
        var previous = Enumerable.Repeat((byte)0xAA, 32).ToArray();
        var data = Enumerable.Repeat((byte)0xBB, 32).ToArray();
        // SEQUENCE { INTEGER number, OCTET STRING previous, OCTET STRING data }, written out by hand.
        byte[] content = [.. derNumber, 0x04, 0x20, .. previous, 0x04, 0x20, .. data];
        byte[] der = [0x30, (byte)content.Length, .. content];

        Assert.Equal(SHA256.HashData(der), LedgerBlock.ComputeHeaderHash(number, previous, data));
    }

    [Fact]
    public void A_block_is_read_with_its_transactions_creators_validation_codes_events_endorsements_and_read_write_sets()
    {
        var creator = TestCredentials.Create(commonName: "investigator");
        var block = new Block
        {
            Header = new BlockHeader { Number = 7, PreviousHash = ByteString.CopyFrom(new byte[32]) },
            Data = new BlockData(),
            Metadata = new BlockMetadata(),
        };
        block.Data.Data.Add(Transaction("tx-valid", creator, withEvent: true).ToByteString());
        block.Data.Data.Add(Transaction("tx-conflict", creator, withEvent: false).ToByteString());
        block.Metadata.Metadata.Add(ByteString.Empty);
        block.Metadata.Metadata.Add(ByteString.Empty);
        block.Metadata.Metadata.Add(ByteString.CopyFrom([(byte)TxValidationCode.Valid, (byte)TxValidationCode.MvccReadConflict]));
        var view = LedgerBlock.Parse(block);
        block.Header.DataHash = ByteString.CopyFrom(view.ComputeDataHash());

        var parsed = LedgerBlock.Parse(block.ToByteArray());
        var (valid, conflict) = (parsed.Transactions[0], parsed.Transactions[1]);

        Assert.Equal(7UL, parsed.Number);
        Assert.Equal(parsed.DataHash.ToArray(), parsed.ComputeDataHash());
        Assert.Equal("tx-valid", valid.TransactionId);
        Assert.Equal(HeaderType.EndorserTransaction, valid.Type);
        Assert.Equal("Org1MSP", valid.CreatorMspId);
        using (var certificate = valid.GetCreatorCertificate())
        {
            Assert.Contains("CN=investigator", certificate.Subject, StringComparison.Ordinal);
        }

        Assert.Equal(1_714_564_800, valid.Timestamp.Seconds);
        Assert.Equal(123_456_789, valid.Timestamp.Nanos);
        Assert.True(valid.IsValid);
        Assert.Equal(TxValidationCode.MvccReadConflict, conflict.ValidationCode);
        Assert.False(conflict.IsValid);
        Assert.Equal("evidence", valid.ChaincodeName);
        Assert.Equal("EvidenceSubmitted", valid.ChaincodeEvent!.EventName);
        Assert.Null(conflict.ChaincodeEvent);
        var endorsement = Assert.Single(valid.Endorsements);
        Assert.Equal("Org2MSP", endorsement.MspId);
        var rwset = Assert.Single(valid.GetReadWriteSets());
        Assert.Equal("evidence", rwset.Namespace);
        Assert.Equal("E1", Assert.Single(rwset.Reads).Key);
        var write = Assert.Single(rwset.Writes);
        Assert.Equal("E1", write.Key);
        Assert.Equal("{\"digest\":\"ab\"}", System.Text.Encoding.UTF8.GetString(write.Value.Span));
        var collection = Assert.Single(rwset.Collections);
        Assert.Equal("evidencePrivate", collection.CollectionName);
        Assert.True(Assert.Single(collection.Writes).IsPurge);
    }

    [Fact]
    public void A_block_without_header_or_with_a_malformed_envelope_is_refused_with_what_is_wrong()
    {
        Assert.Throws<FormatException>(() => LedgerBlock.Parse(new Block { Data = new BlockData() }));
        var malformed = new Block { Header = new BlockHeader { Number = 3 }, Data = new BlockData() };
        malformed.Data.Data.Add(ByteString.CopyFrom(0xff, 0xff, 0xff));

        var ex = Assert.Throws<FormatException>(() => LedgerBlock.Parse(malformed).Transactions);

        Assert.Contains("Transaction 0 of block 3", ex.Message, StringComparison.Ordinal);
    }

    private static Envelope Transaction(string txId, TestCredentials creator, bool withEvent)
    {
        var identity = new SerializedIdentity { Mspid = "Org1MSP", IdBytes = ByteString.CopyFromUtf8(creator.CertificatePem) };
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.EndorserTransaction,
            ChannelId = "evidence",
            TxId = txId,
            Timestamp = new Timestamp { Seconds = 1_714_564_800, Nanos = 123_456_789 },
        };
        var header = new Header { ChannelHeader = channelHeader.ToByteString(), SignatureHeader = new SignatureHeader { Creator = identity.ToByteString() }.ToByteString() };
        var kv = new KVRWSet();
        kv.Reads.Add(new KVRead { Key = "E1" });
        kv.Writes.Add(new KVWrite { Key = "E1", Value = ByteString.CopyFromUtf8("{\"digest\":\"ab\"}") });
        var hashed = new HashedRWSet();
        hashed.HashedWrites.Add(new KVWriteHash { KeyHash = ByteString.CopyFrom(new byte[32]), IsPurge = true, IsDelete = true });
        var ns = new NsReadWriteSet { Namespace = "evidence", Rwset = kv.ToByteString() };
        ns.CollectionHashedRwset.Add(new CollectionHashedReadWriteSet { CollectionName = "evidencePrivate", HashedRwset = hashed.ToByteString() });
        var results = new TxReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv };
        results.NsRwset.Add(ns);
        var action = new ChaincodeAction
        {
            Results = results.ToByteString(),
            Response = new Response { Status = 200 },
            ChaincodeId = new ChaincodeID { Name = "evidence" },
        };
        if (withEvent)
        {
            action.Events = new ChaincodeEvent { ChaincodeId = "evidence", TxId = txId, EventName = "EvidenceSubmitted" }.ToByteString();
        }

        var endorsed = new ChaincodeEndorsedAction { ProposalResponsePayload = new ProposalResponsePayload { Extension = action.ToByteString() }.ToByteString() };
        endorsed.Endorsements.Add(new Endorsement { Endorser = new SerializedIdentity { Mspid = "Org2MSP" }.ToByteString(), Signature = ByteString.CopyFromUtf8("sig") });
        var transaction = new Transaction();
        transaction.Actions.Add(new TransactionAction { Header = header.SignatureHeader, Payload = new ChaincodeActionPayload { Action = endorsed }.ToByteString() });
        return new Envelope { Payload = new Payload { Header = header, Data = transaction.ToByteString() }.ToByteString(), Signature = ByteString.CopyFromUtf8("sig") };
    }
}
