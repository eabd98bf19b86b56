using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace FabricEvidence.Chaincode.Testing;

/// <summary>What a transaction run by <see cref="ContractTestHost"/> returned and whether it was committed.</summary>
public sealed class TestTransactionResult
{
    internal TestTransactionResult(ChaincodeResponse response, string txId, FabricTimestamp timestamp, ChaincodeEventRecord? chaincodeEvent, Protocol.Peer.TxValidationCode? validationCode)
    {
        Response = response;
        TxId = txId;
        Timestamp = timestamp;
        Event = chaincodeEvent;
        ValidationCode = validationCode;
    }

    /// <summary>The chaincode response.</summary>
    public ChaincodeResponse Response { get; }

    /// <summary>The response status (200 success, 500 error).</summary>
    public int Status => Response.Status;

    /// <summary>The response message (the error message for failures).</summary>
    public string Message => Response.Message;

    /// <summary>Whether the response is a success.</summary>
    public bool IsSuccess => Response.IsSuccess;

    /// <summary>The payload as UTF-8 text.</summary>
    public string PayloadText => Encoding.UTF8.GetString(Response.Payload);

    /// <summary>The transaction id.</summary>
    public string TxId { get; }

    /// <summary>The transaction timestamp.</summary>
    public FabricTimestamp Timestamp { get; }

    /// <summary>The chaincode event the transaction set, if any.</summary>
    public ChaincodeEventRecord? Event { get; }

    /// <summary>The committer's verdict for a submitted successful transaction; <see langword="null"/> when nothing was committed.</summary>
    public Protocol.Peer.TxValidationCode? ValidationCode { get; }

    /// <summary>Whether the transaction changed the ledger.</summary>
    public bool Committed => ValidationCode == Protocol.Peer.TxValidationCode.Valid;

    /// <summary>The payload deserialized from JSON with <see cref="ChaincodeJson"/>.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <returns>The value.</returns>
    public T PayloadAs<T>() => ChaincodeJson.Deserialize<T>(Response.Payload);

    /// <summary>Returns this result if the response is a success and any commit was valid; throws otherwise.</summary>
    /// <returns>This result.</returns>
    /// <exception cref="InvalidOperationException">The transaction failed; the message carries the status and message.</exception>
    public TestTransactionResult EnsureSuccess()
    {
        if (!IsSuccess)
        {
            throw new InvalidOperationException($"Transaction {TxId} failed with status {Status}: {Message}");
        }

        if (ValidationCode is { } code && code != Protocol.Peer.TxValidationCode.Valid)
        {
            throw new InvalidOperationException($"Transaction {TxId} was not committed: {code}.");
        }

        return this;
    }
}
