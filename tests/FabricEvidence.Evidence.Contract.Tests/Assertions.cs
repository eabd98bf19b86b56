using FabricEvidence.Chaincode.Testing;

namespace FabricEvidence.Evidence.Contract.Tests;

internal static class Assertions
{
    /// <summary>
    /// Runs <paramref name="call"/> and asserts that it is refused with <paramref name="code"/> (the client sees
    /// <c>code: message</c>), that nothing was committed, and that the public state is byte for byte what it was.
    /// </summary>
    public static async Task<TestTransactionResult> RefusedAsync(this Ledger ledger, string code, Func<Task<TestTransactionResult>> call)
    {
        var before = ledger.Snapshot();
        var committed = ledger.State.Transactions.Count;

        var result = await call();

        Assert.False(result.IsSuccess, $"Expected '{code}', but the call succeeded: {result.PayloadText}");
        Assert.StartsWith(code + ": ", result.Message, StringComparison.Ordinal);
        Assert.True(result.Message.Length > code.Length + 10, $"The message says too little: {result.Message}");
        Assert.False(result.Committed);
        Assert.Null(result.ValidationCode);
        Assert.Equal(committed, ledger.State.Transactions.Count);
        Assert.Equal(before, ledger.Snapshot());
        return result;
    }
}
