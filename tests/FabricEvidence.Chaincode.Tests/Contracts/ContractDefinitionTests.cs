namespace FabricEvidence.Chaincode.Tests.Contracts;

public sealed class ContractDefinitionTests
{
    private static string Reject(params Type[] contracts) =>
        Assert.Throws<InvalidOperationException>(() => new ContractChaincode(contracts)).Message;

    [Fact]
    public void No_contracts_is_rejected() =>
        Assert.Equal("No contracts are registered: register at least one class deriving from Contract.", Reject());

    [Fact]
    public void Two_default_contracts_are_rejected() =>
        Assert.StartsWith("Only one contract can be [Default]", Reject(typeof(Greeter), typeof(OtherDefault)), StringComparison.Ordinal);

    [Fact]
    public void Two_contracts_with_one_name_are_rejected() =>
        Assert.StartsWith("Two contracts are named 'assets'", Reject(typeof(AssetContract), typeof(NamedAssets)), StringComparison.Ordinal);

    [Fact]
    public void Contract_registered_twice_is_rejected() =>
        Assert.Equal($"The contract {typeof(Greeter).FullName} is registered twice.", Reject(typeof(Greeter), typeof(Greeter)));

    [Fact]
    public void Contract_name_with_a_colon_is_rejected() =>
        Assert.Contains("contains ':'", Reject(typeof(ColonName)), StringComparison.Ordinal);

    [Fact]
    public void Reserved_system_contract_name_is_rejected() =>
        Assert.Contains("'org.hyperledger.fabric'", Reject(typeof(SystemName)), StringComparison.Ordinal);

    [Fact]
    public void Type_that_is_not_a_contract_is_rejected() =>
        Assert.Contains("is not a contract", Reject(typeof(string)), StringComparison.Ordinal);

    [Fact]
    public void Contract_without_transactions_is_rejected() =>
        Assert.Contains("has no [Transaction] methods", Reject(typeof(Empty)), StringComparison.Ordinal);

    [Fact]
    public void Transaction_without_context_parameter_is_rejected() =>
        Assert.Contains("the first parameter of a transaction must be the Context", Reject(typeof(NoContext)), StringComparison.Ordinal);

    [Fact]
    public void Overloaded_transactions_are_rejected() =>
        Assert.Contains("has two transactions named 'Do'", Reject(typeof(OverloadedTransactions)), StringComparison.Ordinal);

    [Fact]
    public void Non_public_transaction_is_rejected() =>
        Assert.Contains("is marked [Transaction] but is not public", Reject(typeof(PrivateTransaction)), StringComparison.Ordinal);

    [Fact]
    public void Async_void_transaction_is_rejected() =>
        Assert.Contains("is 'async void'", Reject(typeof(AsyncVoid)), StringComparison.Ordinal);

    [Fact]
    public void Generic_transaction_is_rejected() =>
        Assert.Contains("is generic", Reject(typeof(GenericTransaction)), StringComparison.Ordinal);

    [Theory]
    [InlineData(typeof(ObjectParameter), "UntypedParameter parameter 'value': Object is not supported")]
    [InlineData(typeof(DateTimeParameter), "Use DateTimeOffset")]
    [InlineData(typeof(SetParameter), "HashSet<String> has no stable iteration order")]
    [InlineData(typeof(NullableParameter), "Nullable<Int32> is not supported: an argument is always present")]
    [InlineData(typeof(FlagsParameter), "The [Flags] enum Permissions is not supported")]
    [InlineData(typeof(NestedSetResult), "Bag.items: HashSet<String> has no stable iteration order")]
    [InlineData(typeof(SortedDictionaryParameter), "SortedDictionary<String, Int32> has no stable iteration order")]
    public void Unsupported_argument_or_result_types_are_rejected_with_their_path(Type contract, string expected) =>
        Assert.Contains(expected, Reject(contract), StringComparison.Ordinal);

    [Fact]
    public void Two_data_types_published_under_one_name_are_rejected() =>
        Assert.Contains("would both be published as 'Item'", Reject(typeof(CollidingNames)), StringComparison.Ordinal);

    [Theory]
    [InlineData(typeof(BadEmail), "ContactEmail 'not-an-address' is not an e-mail address")]
    [InlineData(typeof(BadUrl), "ContactUrl 'example.org' is not an absolute URL")]
    [InlineData(typeof(LicenseUrlWithoutName), "LicenseUrl needs License")]
    public void Info_that_would_not_validate_against_the_metadata_schema_is_rejected(Type contract, string expected) =>
        Assert.Contains(expected, Reject(contract), StringComparison.Ordinal);

    [Fact]
    public void Valid_contracts_list_their_names_with_the_system_contract_last()
    {
        var chaincode = new ContractChaincode([typeof(AssetContract), typeof(Greeter)]);

        Assert.Equal(["assets", "Greeter", "org.hyperledger.fabric"], chaincode.ContractNames);
        Assert.Equal("Greeter", chaincode.DefaultContractName);
    }

    [Default]
    public sealed class OtherDefault : Contract
    {
        [Transaction] public void Do(Context c) { }
    }

    [Contract(Name = "assets")]
    public sealed class NamedAssets : Contract
    {
        [Transaction] public void Do(Context c) { }
    }

    [Contract(Name = "a:b")]
    public sealed class ColonName : Contract
    {
        [Transaction] public void Do(Context c) { }
    }

    [Contract(Name = "org.hyperledger.fabric")]
    public sealed class SystemName : Contract
    {
        [Transaction] public void Do(Context c) { }
    }

    public sealed class Empty : Contract
    {
        public void Do(Context c) { }
    }

    public sealed class NoContext : Contract
    {
        [Transaction] public void Do(string value) { }
    }

    public sealed class OverloadedTransactions : Contract
    {
        [Transaction] public void Do(Context c) { }

        [Transaction] public void Do(Context c, string value) { }
    }

    public sealed class PrivateTransaction : Contract
    {
        [Transaction] internal void Do(Context c) { }
    }

    public sealed class AsyncVoid : Contract
    {
        [Transaction] public async void Do(Context c) => await Task.Yield();
    }

    public sealed class GenericTransaction : Contract
    {
        [Transaction] public void Do<T>(Context c, T value) { }
    }

    public sealed class ObjectParameter : Contract
    {
        [Transaction(Name = "UntypedParameter")] public void Do(Context c, object value) { }
    }

    public sealed class DateTimeParameter : Contract
    {
        [Transaction] public void Do(Context c, DateTime value) { }
    }

    public sealed class SetParameter : Contract
    {
        [Transaction] public void Do(Context c, HashSet<string> value) { }
    }

    public sealed class SortedDictionaryParameter : Contract
    {
        [Transaction] public void Do(Context c, SortedDictionary<string, int> value) { }
    }

    public sealed class NullableParameter : Contract
    {
        [Transaction] public void Do(Context c, int? value) { }
    }

    [Flags]
    public enum Permissions
    {
        None = 0,
        Read = 1,
        Write = 2,
    }

    public sealed class FlagsParameter : Contract
    {
        [Transaction] public void Do(Context c, Permissions value) { }
    }

    public sealed record Bag(HashSet<string> Items);

    public sealed class NestedSetResult : Contract
    {
        [Transaction] public Bag Do(Context c) => new([]);
    }

    public static class One
    {
        public sealed record Item(string A);
    }

    public static class Two
    {
        public sealed record Item(string B);
    }

    public sealed class CollidingNames : Contract
    {
        [Transaction] public void Do(Context c, One.Item first, Two.Item second) { }
    }

    [Info(ContactEmail = "not-an-address")]
    public sealed class BadEmail : Contract
    {
        [Transaction] public void Do(Context c) { }
    }

    [Info(ContactUrl = "example.org")]
    public sealed class BadUrl : Contract
    {
        [Transaction] public void Do(Context c) { }
    }

    [Info(LicenseUrl = "https://example.org/licence")]
    public sealed class LicenseUrlWithoutName : Contract
    {
        [Transaction] public void Do(Context c) { }
    }
}
