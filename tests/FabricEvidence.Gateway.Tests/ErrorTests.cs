using FabricEvidence.Gateway.Tests.Infrastructure;
using Grpc.Core;
using ProtoErrorDetail = FabricEvidence.Protocol.Gateway.ErrorDetail;

namespace FabricEvidence.Gateway.Tests;

public class ErrorTests
{
    public static TheoryData<string> Stages => new() { "Evaluate", "Endorse", "Submit", "CommitStatus" };

    private static readonly StatusCode[] ErrorCodes = Enum.GetValues<StatusCode>().Where(c => c != StatusCode.OK).ToArray();

    [Theory]
    [MemberData(nameof(Stages))]
    public async Task Every_gRPC_error_code_becomes_the_stage_exception_with_code_message_and_details(string stage)
    {
        await using var fixture = await GatewayFixture.StartAsync(o => o.Resilience = ResilienceOptions.Disabled);
        var details = new[]
        {
            new ProtoErrorDetail { Address = "peer0.org1.example.com:7051", MspId = "Org1MSP", Message = "chaincode response 500, asset exists" },
            new ProtoErrorDetail { Address = "peer0.org2.example.com:9051", MspId = "Org2MSP", Message = "timeout" },
            new ProtoErrorDetail { Address = "peer1.org2.example.com:9051", MspId = "Org2MSP", Message = "access denied" },
        };

        foreach (var code in ErrorCodes)
        {
            fixture.Server.FailNext(stage, code, $"server says {code}", details);

            var ex = stage == "Evaluate"
                ? await Assert.ThrowsAnyAsync<GatewayException>(() => fixture.Contract.EvaluateTransactionAsync("CreateAsset", ["a1"]))
                : await Assert.ThrowsAnyAsync<GatewayException>(() => fixture.Contract.SubmitTransactionAsync("CreateAsset", ["a1"]));

            var expectedType = stage switch
            {
                "Evaluate" => typeof(EvaluateException),
                "Endorse" => typeof(EndorseException),
                "Submit" => typeof(SubmitException),
                _ => typeof(CommitStatusException),
            };
            Assert.Equal(expectedType, ex.GetType());
            Assert.Equal(code, ex.StatusCode);
            Assert.IsType<RpcException>(ex.InnerException);
            Assert.Equal(code, ex.GrpcStatus!.Value.StatusCode);
            Assert.Contains($"server says {code}", ex.Message, StringComparison.Ordinal);
            Assert.Contains(code.ToString(), ex.Message, StringComparison.Ordinal);
            Assert.Contains("mychannel", ex.Message, StringComparison.Ordinal);
            Assert.Equal(3, ex.Details.Count);
            Assert.Equal("peer0.org1.example.com:7051", ex.Details[0].Address);
            Assert.Equal("Org1MSP", ex.Details[0].MspId);
            Assert.Equal("chaincode response 500, asset exists", ex.Details[0].Message);
            Assert.Equal("Org2MSP", ex.Details[2].MspId);
            Assert.Contains("peer0.org2.example.com:9051 (Org2MSP): timeout", ex.Message, StringComparison.Ordinal);
            Assert.Contains("access denied", ex.ToString(), StringComparison.Ordinal);
            if (ex is TransactionException transactionError)
            {
                Assert.Matches("^[0-9a-f]{64}$", transactionError.TransactionId);
                Assert.Contains(transactionError.TransactionId, ex.Message, StringComparison.Ordinal);
            }

            if (stage is "Evaluate" or "Endorse")
            {
                Assert.Contains("'CreateAsset'", ex.Message, StringComparison.Ordinal);
                Assert.Contains("'basic'", ex.Message, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("chaincode response 500, not-found: Item 'EV-1' does not exist.", 500, "not-found", "Item 'EV-1' does not exist.")]
    [InlineData("chaincode response 500, asset exists", 500, null, "asset exists")]
    [InlineData("chaincode response 403, Forbidden: capitalised words are not codes", 403, null, "Forbidden: capitalised words are not codes")]
    [InlineData("chaincode response 500, wrong-state: line one\nline two", 500, "wrong-state", "line one\nline two")]
    public void The_chaincode_error_is_read_from_the_first_endpoint_that_has_one(string detail, int status, string? code, string message)
    {
        var details = new[] { new EndpointError("orderer:7050", "OrdererMSP", "timeout"), new EndpointError("peer0:7051", "Org1MSP", detail) };
        var error = new GatewayException("failed", StatusCode.Aborted, details, null).ChaincodeError;

        Assert.Equal(new ChaincodeError(status, message, code), error);
    }

    [Fact]
    public void The_chaincode_error_of_an_evaluation_is_read_from_the_status_detail_and_is_null_when_no_chaincode_answered()
    {
        var evaluation = new GatewayException("failed", StatusCode.Unknown, [], new RpcException(new Status(StatusCode.Unknown, "evaluate call to endorser returned error: chaincode response 500, conflict: already there")));
        var unreachable = new GatewayException("failed", StatusCode.Unavailable, [new EndpointError("peer0:7051", "Org1MSP", "connection refused")], null);

        Assert.Equal(new ChaincodeError(500, "already there", "conflict"), evaluation.ChaincodeError);
        Assert.Null(unreachable.ChaincodeError);
    }

    [Fact]
    public async Task Error_without_details_has_an_empty_detail_list()
    {
        await using var fixture = await GatewayFixture.StartAsync(o => o.Resilience = ResilienceOptions.Disabled);
        fixture.Server.FailNext("Evaluate", StatusCode.NotFound, "chaincode basic not found");

        var ex = await Assert.ThrowsAsync<EvaluateException>(() => fixture.Contract.EvaluateTransactionAsync("Tx", []));

        Assert.Empty(ex.Details);
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.StartsWith("Evaluating transaction 'Tx' of chaincode 'basic' (ID ", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("on channel 'mychannel' failed with gRPC status NotFound: chaincode basic not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_peer_is_an_Unavailable_gateway_error()
    {
        var credentials = TestCredentials.Create();
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress("http://127.0.0.1:1");
        await using var gateway = FabricGateway.Connect(new GatewayOptions
        {
            Channel = channel,
            Identity = credentials.Identity,
            Signer = credentials.Signer,
            Resilience = ResilienceOptions.Disabled,
        });

        var ex = await Assert.ThrowsAsync<EvaluateException>(() => gateway.GetNetwork("ch").GetContract("cc").EvaluateTransactionAsync("Tx", []));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Contains("connection refused by 127.0.0.1:1", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("TLS", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_signature_is_rejected_by_the_peer_and_surfaces_as_PermissionDenied()
    {
        var alice = TestCredentials.Create();
        var mallory = TestCredentials.Create(commonName: "mallory");
        await using var fixture = await GatewayFixture.StartAsync(
            o => { o.Signer = Signers.CreatePrivateKeySigner(mallory.PrivateKey); o.Resilience = ResilienceOptions.Disabled; },
            credentials: alice);

        var ex = await Assert.ThrowsAsync<EvaluateException>(() => fixture.Contract.EvaluateTransactionAsync("Tx", []));

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.NotEmpty(fixture.Server.Violations);
    }
}
