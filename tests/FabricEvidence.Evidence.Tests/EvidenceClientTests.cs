using System.Security.Cryptography;
using System.Text;
using FabricEvidence.Gateway;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace FabricEvidence.Evidence.Tests;

public sealed class EvidenceClientTests
{
    private static readonly EvidenceOrigin Origin = new("Operator 7", "Seized laptop", "dd", "9.1", "Station 4");

    private static SubmitEvidenceRequest Request(string id, string caseReference = "CASE-2026/1", DigestAlgorithm? algorithm = null) => new()
    {
        EvidenceId = id,
        CaseReference = caseReference,
        Description = "Disk image",
        DigestAlgorithm = algorithm ?? DigestAlgorithm.Sha256,
        Digest = new string('0', 64),
        Size = 0,
        RetainUntil = new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Origin = Origin,
        CaseDetails = "Suspect's laptop, seized under warrant 17",
    };

    [Fact]
    public async Task Endorsing_organisations_named_in_the_options_go_with_every_submitted_transaction_and_none_by_default()
    {
        await using var network = await EvidenceNetwork.StartAsync();
        var recorder = new EndorseRecorder();
        var options = new EvidenceClientOptions { EndorsingOrganizations = { "Org1MSP", "Org2MSP" } };
        var investigator = network.Client("investigator", options: options, interceptor: recorder);
        var storage = network.Client("storage", options: options, interceptor: recorder);
        var plain = network.Client("investigator", interceptor: recorder);

        var submitted = await investigator.SubmitAsync(Request("EV-E1"));
        await storage.ConfirmStorageAsync(new ConfirmStorageRequest
        {
            EvidenceId = "EV-E1",
            DigestAlgorithm = DigestAlgorithm.Sha256,
            ComputedDigest = submitted.Digest,
            Size = submitted.Size,
            ObjectLocation = "file://store/EV-E1",
            ObjectVersion = "v1",
        });
        await plain.SubmitAsync(Request("EV-E2"));

        Assert.Equal([["Org1MSP", "Org2MSP"], ["Org1MSP", "Org2MSP"], []], recorder.Endorsed);
        Assert.Throws<ArgumentException>(() => network.Client("investigator", options: new EvidenceClientOptions { EndorsingOrganizations = { " " } }));
    }

    /// <summary>Records the endorsing organisations of every Endorse request.</summary>
    private sealed class EndorseRecorder : Interceptor
    {
        public List<string[]> Endorsed { get; } = [];

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
        {
            if (request is FabricEvidence.Protocol.Gateway.EndorseRequest endorse)
            {
                lock (Endorsed)
                {
                    Endorsed.Add([.. endorse.EndorsingOrganizations]);
                }
            }

            return continuation(request, context);
        }
    }

    [Fact]
    public async Task Submission_and_storage_confirmation_are_two_transactions_by_two_parties()
    {
        await using var network = await EvidenceNetwork.StartAsync();
        var investigator = network.Client("investigator");
        var storage = network.Client("storage");
        var content = RandomNumberGenerator.GetBytes(300_000);

        var submitted = await investigator.SubmitAsync(Request("EV-1", algorithm: DigestAlgorithm.Sm3), new MemoryStream(content));
        var stored = await storage.ConfirmStorageAsync(new ConfirmStorageRequest
        {
            EvidenceId = "EV-1",
            DigestAlgorithm = DigestAlgorithm.Sm3,
            ComputedDigest = submitted.Digest,
            Size = content.Length,
            ObjectLocation = "file://store/EV-1",
            ObjectVersion = "v1",
        });
        var history = await storage.GetHistoryAsync("EV-1");

        Assert.Equal(EvidenceState.Submitted, submitted.State);
        Assert.Equal("SM3", submitted.DigestAlgorithm);
        Assert.Equal((await EvidenceDigest.ComputeAsync(new MemoryStream(content), DigestAlgorithm.Sm3)).Digest, submitted.Digest);
        Assert.Equal(content.Length, submitted.Size);
        Assert.Equal(EvidenceState.Stored, stored.State);
        Assert.True(stored.Storage!.Matched);
        Assert.Equal("investigator", stored.Submitted.Role);
        Assert.Equal("storage", stored.Storage.Confirmed.Role);
        Assert.NotEqual(stored.Submitted.CertificateFingerprint, stored.Storage.Confirmed.CertificateFingerprint);
        Assert.NotEqual(stored.Submitted.TxId, stored.Storage.Confirmed.TxId);
        Assert.Equal([EvidenceState.Submitted, EvidenceState.Stored], history.Select(h => h.Record.State));
        Assert.Equal(history[1].TxId, stored.Storage.Confirmed.TxId);
        Assert.Equal(history[1].Timestamp, stored.Storage.Confirmed.Timestamp);
    }

    [Fact]
    public async Task Refusals_arrive_as_exceptions_typed_by_the_contracts_code()
    {
        await using var network = await EvidenceNetwork.StartAsync();
        var investigator = network.Client("investigator");
        var custodian = network.Client("custodian");
        var storage = network.Client("storage");
        await investigator.SubmitAsync(Request("EV-2"));
        var confirmation = new ConfirmStorageRequest { EvidenceId = "EV-2", DigestAlgorithm = DigestAlgorithm.Sha256, ComputedDigest = new string('0', 64), Size = 0, ObjectLocation = "file://x", ObjectVersion = "v1" };

        var forbidden = await Assert.ThrowsAsync<EvidenceForbiddenException>(() => investigator.ConfirmStorageAsync(confirmation));
        var wrongState = await Assert.ThrowsAsync<EvidenceWrongStateException>(() => custodian.OfferTransferAsync("EV-2", "Org2MSP", "Analysis"));
        await storage.ConfirmStorageAsync(confirmation);
        var conflict = await Assert.ThrowsAsync<EvidenceConflictException>(() => storage.ConfirmStorageAsync(confirmation));
        var notFound = await Assert.ThrowsAsync<EvidenceNotFoundException>(() => investigator.GetEvidenceAsync("EV-404"));
        var invalid = await Assert.ThrowsAsync<EvidenceInvalidArgumentException>(() => investigator.SubmitAsync(Request("EV-3") with { Digest = "not-hex" }));

        Assert.Equal(EvidenceErrorCode.Forbidden, forbidden.Code);
        Assert.Equal("ConfirmStorage", forbidden.Operation);
        Assert.Equal("EV-2", forbidden.EvidenceId);
        Assert.IsAssignableFrom<GatewayException>(forbidden.InnerException);
        Assert.Equal(EvidenceErrorCode.WrongState, wrongState.Code);
        Assert.Equal(EvidenceErrorCode.Conflict, conflict.Code);
        Assert.Equal(EvidenceErrorCode.NotFound, notFound.Code);
        Assert.Equal(EvidenceErrorCode.InvalidArgument, invalid.Code);
        Assert.StartsWith("GetEvidence of EV-404 was refused (not-found): ", notFound.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<EvidenceNotFoundException>(() => investigator.GetEvidenceAsync("EV-3"));
    }

    [Fact]
    public async Task Custody_moves_only_when_the_receiving_organisation_accepts()
    {
        await using var network = await EvidenceNetwork.StartAsync();
        var investigator = network.Client("investigator");
        var storage = network.Client("storage");
        var custodian1 = network.Client("custodian");
        var custodian2 = network.Client("custodian", "Org2MSP");
        await StoredAsync(investigator, storage, "EV-4");

        var offered = await custodian1.OfferTransferAsync("EV-4", "Org2MSP", "Forensic analysis");
        var pending = await custodian2.ListPendingTransfersAsync("Org2MSP").ToListAsync();
        var accepted = await custodian2.AcceptTransferAsync("EV-4");

        Assert.Equal("Org2MSP", offered.Transfer!.ToMspId);
        Assert.Equal("EV-4", Assert.Single(pending).Id);
        Assert.Equal("Org2MSP", accepted.Holder);
        Assert.Null(accepted.Transfer);
        await Assert.ThrowsAsync<EvidenceForbiddenException>(() => custodian1.OfferTransferAsync("EV-4", "Org1MSP", "Back"));
    }

    [Fact]
    public async Task Paged_queries_enumerate_every_page()
    {
        await using var network = await EvidenceNetwork.StartAsync();
        var investigator = network.Client("investigator", options: new EvidenceClientOptions { PageSize = 3 });
        for (var i = 0; i < 7; i++)
        {
            await investigator.SubmitAsync(Request($"EV-P{i}", caseReference: "CASE-P"));
        }

        await investigator.SubmitAsync(Request("EV-OTHER", caseReference: "CASE-Q"));

        var items = await investigator.ListByCaseAsync("CASE-P").ToListAsync();
        var first = await investigator.GetCasePageAsync("CASE-P", 5, string.Empty);
        var second = await investigator.GetCasePageAsync("CASE-P", 5, first.Bookmark);

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"EV-P{i}"), items.Select(r => r.Id));
        Assert.True(first.HasMore);
        Assert.Equal(5, first.Items.Count);
        Assert.Equal(2, second.Items.Count);
        Assert.False(second.HasMore);
        Assert.Equal(8, (await investigator.ListPendingConfirmationsAsync().ToListAsync()).Count);
    }

    [Fact]
    public async Task Events_are_typed_filtered_and_resume_after_a_checkpoint_without_gap_or_duplicate()
    {
        await using var network = await EvidenceNetwork.StartAsync();
        var investigator = network.Client("investigator");
        var storage = network.Client("storage");
        await StoredAsync(investigator, storage, "EV-E1");
        await StoredAsync(investigator, storage, "EV-E2");
        var checkpointer = Checkpointers.InMemory();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var first = new List<EvidenceEvent>();
        await foreach (var e in investigator.GetEventsAsync(new EvidenceEventsOptions { StartBlock = 0 }, timeout.Token))
        {
            first.Add(e);
            await checkpointer.CheckpointChaincodeEventAsync(new ContractEvent(e.BlockNumber, e.By.TxId, "evidence", e.Type, default));
            if (first.Count == 2)
            {
                break;
            }
        }

        await StoredAsync(investigator, storage, "EV-E3");
        var resumed = new List<EvidenceEvent>();
        await foreach (var e in investigator.GetEventsAsync(new EvidenceEventsOptions { Checkpoint = checkpointer, Types = [EvidenceEventTypes.StorageConfirmed] }, timeout.Token))
        {
            resumed.Add(e);
            if (e.EvidenceId == "EV-E3")
            {
                break;
            }
        }

        Assert.Equal([EvidenceEventTypes.EvidenceSubmitted, EvidenceEventTypes.StorageConfirmed], first.Select(e => e.Type));
        Assert.Equal(["EV-E2", "EV-E3"], resumed.Select(e => e.EvidenceId));
        Assert.All(resumed, e => Assert.Equal(EvidenceState.Stored, e.State));
        Assert.Equal("storage", resumed[0].By.Role);
    }

    [Fact]
    public async Task Private_details_travel_as_canonical_transient_data_and_their_hashes_verify()
    {
        await using var network = await EvidenceNetwork.StartAsync();
        var investigator = network.Client("investigator");
        var custodian = network.Client("custodian");

        var record = await investigator.SubmitAsync(Request("EV-PD"));
        var details = await investigator.GetPrivateDetailsAsync("EV-PD");
        var verification = await custodian.VerifyPrivateDetailsAsync("EV-PD");

        Assert.Equal(Origin, details.Origin);
        Assert.Equal("Suspect's laptop, seized under warrant 17", details.CaseDetails);
        Assert.Equal(PrivateDataStatus.Match, verification.Origin);
        Assert.Equal(PrivateDataStatus.Match, verification.CaseDetails);
        Assert.Matches("^[0-9a-f]{64}$", record.OriginHash);
        var publicState = string.Join("\n", network.Peer.Ledger.Transactions.SelectMany(t => t.Args).Select(a => Encoding.UTF8.GetString(a)))
            + string.Join("\n", network.Peer.Events.Select(e => Encoding.UTF8.GetString(e.Payload)));
        Assert.DoesNotContain("Operator 7", publicState, StringComparison.Ordinal);
        Assert.DoesNotContain("warrant 17", publicState, StringComparison.Ordinal);
        await Assert.ThrowsAsync<EvidenceForbiddenException>(() => custodian.GetPrivateDetailsAsync("EV-PD"));
    }

    [Fact]
    public async Task A_file_is_verified_against_the_recorded_digest_with_the_items_algorithm()
    {
        await using var network = await EvidenceNetwork.StartAsync();
        var investigator = network.Client("investigator");
        var content = RandomNumberGenerator.GetBytes(65_537);
        await investigator.SubmitAsync(Request("EV-V", algorithm: DigestAlgorithm.Sm3), new MemoryStream(content));
        var altered = (byte[])content.Clone();
        altered[40_000] ^= 1;

        var same = await investigator.VerifyContentAsync("EV-V", new MemoryStream(content));
        var different = await investigator.VerifyContentAsync("EV-V", new MemoryStream(altered));

        Assert.True(same.Matches);
        Assert.False(different.Matches);
        Assert.Equal("SM3", different.DigestAlgorithm);
        Assert.False(different.StorageConfirmed);
    }

    private static async Task StoredAsync(EvidenceClient investigator, EvidenceClient storage, string id)
    {
        var record = await investigator.SubmitAsync(Request(id));
        await storage.ConfirmStorageAsync(new ConfirmStorageRequest
        {
            EvidenceId = id,
            DigestAlgorithm = DigestAlgorithm.Sha256,
            ComputedDigest = record.Digest,
            Size = record.Size,
            ObjectLocation = "file://store/" + id,
            ObjectVersion = "v1",
        });
    }
}

public sealed class EvidenceReadmeTests
{
    [Fact]
    public void The_README_opens_with_the_example_this_test_runs()
    {
        var (mirrored, problem) = TestSupport.ReadmeSnippets.IsMirrored("sdk/FabricEvidence.Evidence/README.md", "tests/FabricEvidence.Evidence.Tests/EvidenceClientTests.cs");

        Assert.True(mirrored, problem);
    }

    [Fact]
    public async Task The_README_example_submits_confirms_and_lists_the_history()
    {
        await using var network = await EvidenceNetwork.StartAsync();
        var investigatorGateway = network.Gateway("investigator");
        var storageGateway = network.Gateway("storage");
        var path = Path.GetTempFileName();
        await File.WriteAllBytesAsync(path, System.Security.Cryptography.RandomNumberGenerator.GetBytes(10_000));
        var cancellationToken = CancellationToken.None;
        var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            var investigator = new EvidenceClient(investigatorGateway);
            var storage = new EvidenceClient(storageGateway);

            await using var file = File.OpenRead(path);
            var submitted = await investigator.SubmitAsync(new SubmitEvidenceRequest
            {
                EvidenceId = "EV-2026-0001",
                CaseReference = "CASE-2026/17",
                Description = "Disk image",
                DigestAlgorithm = DigestAlgorithm.Sm3,
                Digest = "",
                Size = 0,
                RetainUntil = DateTimeOffset.UtcNow.AddYears(10),
                Origin = new EvidenceOrigin("Officer 7", "Seized laptop", "dd", "9.1", "Station 4"),
            }, file, cancellationToken: cancellationToken);

            var stored = await storage.ConfirmStorageAsync(new ConfirmStorageRequest
            {
                EvidenceId = submitted.Id,
                DigestAlgorithm = DigestAlgorithm.Sm3,
                ComputedDigest = submitted.Digest,
                Size = submitted.Size,
                ObjectLocation = "s3://evidence/EV-2026-0001",
                ObjectVersion = "v1",
            }, cancellationToken);

            foreach (var step in await investigator.GetHistoryAsync(submitted.Id, cancellationToken))
            {
                Console.WriteLine($"{step.Record.LastChange.Type} by {step.Record.LastChange.By.MspId}/{step.Record.LastChange.By.Role} in {step.TxId}");
            }

            Assert.Equal(EvidenceState.Stored, stored.State);
            Assert.Equal(10_000, submitted.Size);
        }
        finally
        {
            Console.SetOut(new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true });
            File.Delete(path);
        }

        Assert.Contains("EvidenceSubmitted by Org1MSP/investigator", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("StorageConfirmed by Org1MSP/storage", output.ToString(), StringComparison.Ordinal);
    }
}
