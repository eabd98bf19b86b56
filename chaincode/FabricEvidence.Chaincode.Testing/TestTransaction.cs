using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace FabricEvidence.Chaincode.Testing;

/// <summary>A transaction for <see cref="ContractTestHost.InvokeAsync"/>.</summary>
public sealed class TestTransaction
{
    /// <summary>The transaction name, <c>contract:transaction</c> or just <c>transaction</c>.</summary>
    public required string Function { get; init; }

    /// <summary>The arguments after the function name, UTF-8 encoded. Defaults to none.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Raw argument bytes after the function name; when set, used instead of <see cref="Args"/>.</summary>
    public IReadOnlyList<byte[]>? RawArgs { get; init; }

    /// <summary>Transient data. Defaults to none.</summary>
    public IReadOnlyDictionary<string, byte[]>? Transient { get; init; }

    /// <summary>The client; defaults to <see cref="ContractTestHost.Identity"/>.</summary>
    public TestIdentity? Identity { get; init; }

    /// <summary>The transaction id; defaults to the ledger's next id.</summary>
    public string? TxId { get; init; }

    /// <summary>The transaction timestamp; defaults to the ledger's clock.</summary>
    public FabricTimestamp? Timestamp { get; init; }

    /// <summary>Whether to call Init instead of Invoke. Defaults to <see langword="false"/>.</summary>
    public bool IsInit { get; init; }

    /// <summary>Whether to commit a successful transaction (submit) or not (evaluate). Defaults to <see langword="true"/>.</summary>
    public bool Submit { get; init; } = true;

    /// <summary>Answers chaincode-to-chaincode calls; see <see cref="InMemoryChaincodeStub.ChaincodeInvoker"/>.</summary>
    public Func<string, IReadOnlyList<byte[]>, string?, CancellationToken, Task<ChaincodeResponse>>? ChaincodeInvoker { get; init; }
}
