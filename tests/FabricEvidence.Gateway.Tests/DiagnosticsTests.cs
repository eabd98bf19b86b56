using System.Collections.Concurrent;
using System.Diagnostics;
using FabricEvidence.Gateway.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace FabricEvidence.Gateway.Tests;

public sealed class DiagnosticsTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly ActivityListener _listener;

    public DiagnosticsTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GatewayDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => _activities.Enqueue(a),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    // Other test classes run in parallel, so each test picks out its own spans by a chaincode name only it uses.
    private List<Activity> SpansOf(string chaincode) =>
        _activities.Where(a => (a.GetTagItem("fabric.chaincode") as string) == chaincode || a.GetTagItem("fabric.transaction.id") is string id && _activities.Any(o => (o.GetTagItem("fabric.chaincode") as string) == chaincode && (o.GetTagItem("fabric.transaction.id") as string) == id)).ToList();

    [Fact]
    public async Task Each_step_is_a_span_tagged_with_channel_chaincode_transaction_name_and_id()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var contract = fixture.Network.GetContract("traced-cc", "Assets");

        await contract.EvaluateTransactionAsync("ReadAsset", ["secret-argument"]);
        await contract.SubmitAsync("CreateAsset", new ProposalOptions().AddArguments("secret-argument").AddTransientData("key", "secret-transient"));

        var spans = SpansOf("traced-cc");
        Assert.Equal(new[] { "Gateway CommitStatus", "Gateway Endorse", "Gateway Evaluate", "Gateway Submit" }, spans.Select(s => s.DisplayName).Order(StringComparer.Ordinal));
        foreach (var span in spans)
        {
            Assert.Equal(ActivityKind.Client, span.Kind);
            Assert.Equal("mychannel", span.GetTagItem("fabric.channel"));
            Assert.Matches("^[0-9a-f]{64}$", (string)span.GetTagItem("fabric.transaction.id")!);
            Assert.DoesNotContain(span.TagObjects, t => t.Value is string v && v.Contains("secret", StringComparison.Ordinal));
        }

        var endorse = spans.Single(s => s.DisplayName == "Gateway Endorse");
        Assert.Equal("Assets:CreateAsset", endorse.GetTagItem("fabric.transaction.name"));
        Assert.Equal("traced-cc", endorse.GetTagItem("fabric.chaincode"));
    }

    [Fact]
    public async Task Failed_step_span_has_error_status_and_the_gRPC_code()
    {
        await using var fixture = await GatewayFixture.StartAsync(o => o.Resilience = ResilienceOptions.Disabled);
        fixture.Server.FailNext("Evaluate", StatusCode.NotFound, "no such chaincode");

        await Assert.ThrowsAsync<EvaluateException>(() => fixture.Network.GetContract("failing-cc").EvaluateTransactionAsync("Tx", []));

        var span = Assert.Single(SpansOf("failing-cc"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal((int)StatusCode.NotFound, span.GetTagItem("rpc.grpc.status_code"));
    }

    [Fact]
    public async Task Event_stream_is_a_span_covering_the_stream()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        fixture.Server.Blocks.Add(new FakeBlock(1, new[] { new FakeTransaction("t1", "events-cc", "E") }));

        await fixture.Network.GetChaincodeEventsAsync("events-cc", new EventsOptions { StartBlock = 0 }).ToListAsync();

        Assert.Equal("Gateway ChaincodeEvents", Assert.Single(SpansOf("events-cc")).DisplayName);
    }

    [Fact]
    public async Task Stream_span_does_not_become_the_consumers_current_activity()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        fixture.Server.Blocks.Add(new FakeBlock(1, new[] { new FakeTransaction("t1", "current-cc", "E"), new FakeTransaction("t2", "current-cc", "E") }));
        using var consumer = new Activity("consumer").Start();
        var seen = 0;

        await foreach (var e in fixture.Network.GetChaincodeEventsAsync("current-cc", new EventsOptions { StartBlock = 0 }))
        {
            Assert.Same(consumer, Activity.Current);
            seen++;
        }

        Assert.Equal(2, seen);
        Assert.Same(consumer, Activity.Current);
        Assert.Equal(consumer.Id, Assert.Single(SpansOf("current-cc")).ParentId);
    }

    [Fact]
    public async Task Logs_describe_each_step_but_never_arguments_transient_data_keys_or_signatures()
    {
        var provider = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(provider).SetMinimumLevel(LogLevel.Trace));
        await using var fixture = await GatewayFixture.StartAsync(o =>
        {
            o.LoggerFactory = factory;
            o.Resilience.EvaluateMaxRetries = 1;
        });
        fixture.Server.FailNext("Evaluate", StatusCode.Unavailable, "busy");

        await fixture.Contract.EvaluateTransactionAsync("ReadAsset", ["secret-argument"]);
        await fixture.Contract.SubmitAsync("CreateAsset", new ProposalOptions().AddArguments("secret-argument").AddTransientData("key", "secret-transient"));
        fixture.Server.FailNext("Evaluate", StatusCode.PermissionDenied, "denied");
        await Assert.ThrowsAsync<EvaluateException>(() => fixture.Contract.EvaluateTransactionAsync("ReadAsset", ["secret-argument"]));

        var messages = provider.Messages.ToArray();
        Assert.Contains(messages, m => m.Contains("Evaluating transaction 'ReadAsset'", StringComparison.Ordinal) && m.Contains("succeeded", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("retry 1", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Getting the commit status", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("PermissionDenied", StringComparison.Ordinal));
        var keyBody = fixture.Credentials.PrivateKeyPem.Split('\n')[1];
        var signature = Convert.ToBase64String(Assert.Single(fixture.Server.SubmitRequests).PreparedTransaction.Signature.ToByteArray());
        Assert.All(messages, m =>
        {
            Assert.DoesNotContain("secret", m, StringComparison.Ordinal);
            Assert.DoesNotContain(keyBody, m, StringComparison.Ordinal);
            Assert.DoesNotContain(signature, m, StringComparison.Ordinal);
        });
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Messages.Enqueue($"{logLevel}: {formatter(state, exception)}");
        }
    }
}
