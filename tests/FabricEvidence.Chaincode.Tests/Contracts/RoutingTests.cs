using System.Text;
using FabricEvidence.Chaincode.Testing;

namespace FabricEvidence.Chaincode.Tests.Contracts;

public sealed class RoutingTests
{
    [Fact]
    public async Task Function_without_contract_prefix_goes_to_the_contract_marked_Default()
    {
        await using var host = Hosts.Assets();

        var result = await host.EvaluateAsync("Hello", ["Ada"]);

        Assert.Equal(200, result.Status);
        Assert.Equal("Hello, Ada", result.PayloadText);
    }

    [Fact]
    public async Task Empty_contract_part_before_the_colon_goes_to_the_default_contract()
    {
        await using var host = Hosts.Assets();

        var result = await host.EvaluateAsync(":Hello", ["Ada"]);

        Assert.Equal("Hello, Ada", result.EnsureSuccess().PayloadText);
    }

    [Fact]
    public async Task Without_Default_attribute_the_first_registered_contract_is_the_default()
    {
        await using var host = new ContractTestHost(services =>
        {
            services.AddContract<TypesContract>();
            services.AddContract<AssetContract>();
        });

        var result = await host.EvaluateAsync("Int", ["7"]);

        Assert.Equal("7", result.EnsureSuccess().PayloadText);
        Assert.Equal("TypesContract", ((ContractChaincode)host.Chaincode).DefaultContractName);
    }

    [Fact]
    public async Task Contract_is_addressed_by_its_attribute_name_and_otherwise_by_its_class_name()
    {
        await using var host = Hosts.Assets();

        var byAttribute = await host.EvaluateAsync("assets:Sum", ["2", "3"]);
        var byClassName = await host.EvaluateAsync("TypesContract:Int", ["5"]);
        var classNameOfRenamed = await host.EvaluateAsync("AssetContract:Sum", ["2", "3"]);

        Assert.Equal("5", byAttribute.EnsureSuccess().PayloadText);
        Assert.Equal("5", byClassName.EnsureSuccess().PayloadText);
        Assert.False(classNameOfRenamed.IsSuccess);
        Assert.Contains("Unknown contract 'AssetContract'", classNameOfRenamed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transaction_name_from_attribute_replaces_the_method_name()
    {
        await using var host = Hosts.Assets();

        var byMethodName = await host.EvaluateAsync("assets:Add", ["2", "3"]);

        Assert.False(byMethodName.IsSuccess);
        Assert.Contains("no transaction named 'Add'", byMethodName.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Function_is_split_at_the_first_colon_only()
    {
        await using var host = Hosts.Assets();

        var result = await host.EvaluateAsync("Greeter:Where:extra");

        Assert.False(result.IsSuccess);
        Assert.Equal("Contract 'Greeter' has no transaction named 'Where:extra' (function 'Greeter:Where:extra').", result.Message);
    }

    [Fact]
    public async Task Static_transaction_methods_are_routed_too()
    {
        await using var host = Hosts.Assets();

        var result = await host.EvaluateAsync("Greeter:Shout", ["hi"]);

        Assert.Equal("HI!", result.EnsureSuccess().PayloadText);
    }

    [Fact]
    public async Task Context_carries_contract_and_transaction_names()
    {
        await using var host = Hosts.Assets();

        var result = await host.EvaluateAsync("Greeter:Where");

        Assert.Equal("Greeter/Where", result.EnsureSuccess().PayloadText);
    }

    [Fact]
    public async Task Unknown_contract_fails_naming_it_and_listing_the_known_contracts()
    {
        await using var host = Hosts.Assets();

        var result = await host.SubmitAsync("nope:Create", ["a1", "red", "1"]);

        Assert.Equal(500, result.Status);
        Assert.Equal(
            "Unknown contract 'nope' in function 'nope:Create'. This chaincode has the contracts: assets, Greeter, TypesContract, HookedContract, CustomContextContract, WrongContextContract, org.hyperledger.fabric.",
            result.Message);
        Assert.Null(result.ValidationCode);
        Assert.Empty(host.Ledger.GetAllState());
    }

    [Fact]
    public async Task Unknown_transaction_fails_with_a_message_naming_the_function_and_the_next_transaction_works()
    {
        await using var host = Hosts.Assets();

        var unknown = await host.SubmitAsync("assets:Destroy", ["a1"]);
        var next = await host.SubmitAsync("assets:Create", ["a1", "red", "1"]);

        Assert.Equal(500, unknown.Status);
        Assert.Equal("Contract 'assets' has no transaction named 'Destroy' (function 'assets:Destroy').", unknown.Message);
        Assert.True(next.EnsureSuccess().Committed);
    }

    [Fact]
    public async Task Public_methods_without_Transaction_attribute_are_not_exposed()
    {
        await using var host = Hosts.Assets();

        var result = await host.SubmitAsync("assets:NotATransaction");

        Assert.False(result.IsSuccess);
        Assert.Null(host.Ledger.GetState("sneaky"));
    }

    [Fact]
    public async Task Overridden_unknown_transaction_hook_can_succeed_and_skips_the_other_hooks()
    {
        var log = new CallLog();
        await using var host = Hosts.Assets(log);

        var result = await host.SubmitAsync("HookedContract:Missing", ["x"]);

        Assert.Equal(200, result.Status);
        Assert.Empty(result.Response.Payload);
        Assert.Equal(["unknown Missing"], log.Entries);
    }

    [Fact]
    public async Task Invocation_without_arguments_succeeds_with_an_empty_payload_and_runs_no_contract_code()
    {
        var log = new CallLog();
        await using var host = new ContractTestHost(services =>
        {
            services.AddContract<HookedContract>();
            Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, log);
        });
        var stub = host.Ledger.CreateStub([]);

        var invoke = await host.Chaincode.InvokeAsync(stub, CancellationToken.None);
        var init = await host.Chaincode.InitAsync(stub, CancellationToken.None);

        Assert.Equal(ChaincodeResponse.Ok, invoke.Status);
        Assert.Empty(invoke.Payload);
        Assert.Equal(ChaincodeResponse.Ok, init.Status);
        Assert.Empty(log.Entries);
    }

    [Fact]
    public async Task Init_routes_like_invoke()
    {
        await using var host = Hosts.Assets();

        var result = await host.InvokeAsync(new TestTransaction { Function = "assets:Create", Args = ["a1", "red", "3"], IsInit = true });

        Assert.True(result.EnsureSuccess().Committed);
        Assert.NotNull(host.Ledger.GetState("a1"));
    }

    [Fact]
    public async Task Function_name_that_is_not_UTF8_fails_clearly()
    {
        await using var host = Hosts.Assets();
        var stub = host.Ledger.CreateStub([[0xC3, 0x28]]);

        var response = await host.Chaincode.InvokeAsync(stub, CancellationToken.None);

        Assert.Equal(500, response.Status);
        Assert.Equal("The function name (the first argument) is not valid UTF-8.", response.Message);
    }

    [Fact]
    public async Task Custom_context_from_CreateContext_reaches_transactions_that_declare_it()
    {
        await using var host = Hosts.Assets();

        var result = await host.InvokeAsync(new TestTransaction { Function = "CustomContextContract:Mark", TxId = "tx-77", Submit = false });

        Assert.Equal("audit:tx-77", result.EnsureSuccess().PayloadText);
    }

    [Fact]
    public async Task Transaction_declaring_a_context_type_the_contract_does_not_create_fails_clearly()
    {
        await using var host = Hosts.Assets();

        var result = await host.EvaluateAsync("WrongContextContract:Mark");

        Assert.Equal(500, result.Status);
        Assert.Equal("Transaction 'WrongContextContract:Mark' takes a AuditContext but WrongContextContract.CreateContext returned a Context.", result.Message);
    }

    [Fact]
    public async Task Cancellation_token_parameter_receives_the_runtime_token_and_is_not_an_argument()
    {
        await using var host = Hosts.Assets();

        var result = await host.EvaluateAsync("TypesContract:Token", ["x"]);

        Assert.Equal("true", result.EnsureSuccess().PayloadText);
    }

    [Fact]
    public async Task Contracts_get_constructor_services_from_dependency_injection()
    {
        var log = new CallLog();
        await using var host = Hosts.Assets(log);

        await host.SubmitAsync("HookedContract:Run", ["a"]);

        Assert.Contains("run a", log.Entries);
    }

    [Fact]
    public async Task Cancellation_by_the_runtime_is_rethrown_not_turned_into_a_response()
    {
        await using var host = Hosts.Assets();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var stub = host.Ledger.CreateStub("TypesContract:Wait");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Chaincode.InvokeAsync(stub, cancelled.Token));
    }

    [Fact]
    public async Task Cancellation_exception_not_caused_by_the_runtime_becomes_an_error_response()
    {
        await using var host = Hosts.Assets();

        var result = await host.SubmitAsync("TypesContract:CancelledInside");

        Assert.Equal(500, result.Status);
        Assert.Equal("Gave up", result.Message);
    }
}
