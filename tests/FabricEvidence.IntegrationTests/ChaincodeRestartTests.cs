using System.Collections.Concurrent;
using System.Diagnostics;
using FabricEvidence.Gateway;
using FabricEvidence.Protocol.Peer;
using Xunit.Abstractions;

namespace FabricEvidence.IntegrationTests;

/// <summary>
/// Both chaincode services are killed while several clients submit in a loop, then restarted: the SDK must report the
/// outage as typed errors, recover once the services are back, and every transaction it acknowledged as committed
/// must be on the ledger afterwards.
/// </summary>
[Collection(FabricNetworkGroup.Name)]
public sealed class ChaincodeRestartTests
{
    private const int Workers = 4;
    private const int CommitsPerPhase = 6;
    private static readonly TimeSpan PhaseTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan MinimumOutage = TimeSpan.FromSeconds(3);

    private readonly FabricNetwork _fabric;
    private readonly ITestOutputHelper _output;

    public ChaincodeRestartTests(FabricNetwork fabric, ITestOutputHelper output)
    {
        _fabric = fabric;
        _output = output;
    }

    private enum Phase
    {
        Before,
        Outage,
        Restarted,
    }

    private enum Outcome
    {
        Committed,
        CommittedInvalid,
        EndorseFailed,
        SubmitFailed,
        CommitStatusFailed,
        Unexpected,
    }

    [NetworkFact]
    public async Task Killing_and_restarting_the_chaincode_services_under_load_loses_no_acknowledged_commit()
    {
        await using var client = GatewayConnection.Connect(_fabric, 1, NetworkUser.Investigator);
        var attempts = new ConcurrentQueue<Attempt>();
        var phase = (int)Phase.Before;
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, Workers)
            .Select(worker => Task.Run(() => SubmitUntilStoppedAsync(client, worker, () => (Phase)Volatile.Read(ref phase), attempts, stop.Token)))
            .ToArray();
        var killed = false;
        var restarted = false;
        var clock = Stopwatch.StartNew();
        try
        {
            await WaitUntilAsync(() => Count(attempts, Phase.Before, Outcome.Committed) >= CommitsPerPhase, "commits before the kill", attempts);
            var killedAt = clock.Elapsed;
            Volatile.Write(ref phase, (int)Phase.Outage);
            foreach (var org in new[] { 1, 2 })
            {
                using var service = Process.GetProcessById(_fabric.ChaincodeServicePid(org));
                service.Kill();
                await service.WaitForExitAsync();
            }

            killed = true;
            await WaitUntilAsync(
                () => Count(attempts, Phase.Outage, Outcome.EndorseFailed) >= Workers && clock.Elapsed - killedAt >= MinimumOutage,
                "endorsement failures during the outage",
                attempts);

            var restartAt = clock.Elapsed;
            await _fabric.RestartChaincodeAsync();
            restarted = true;
            Volatile.Write(ref phase, (int)Phase.Restarted);
            _output.WriteLine($"Killed at {killedAt.TotalSeconds:0.0}s, restart-chaincode from {restartAt.TotalSeconds:0.0}s to {clock.Elapsed.TotalSeconds:0.0}s");
            await WaitUntilAsync(() => Count(attempts, Phase.Restarted, Outcome.Committed) >= CommitsPerPhase, "commits after the restart", attempts);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(workers);
            if (killed && !restarted)
            {
                // Leave the network usable for the other tests whatever happened here.
                await _fabric.RestartChaincodeAsync();
            }
        }

        var all = attempts.ToList();
        foreach (var group in all.GroupBy(a => (a.Phase, a.Outcome)).OrderBy(g => g.Key))
        {
            _output.WriteLine($"{group.Key.Phase,-9} {group.Key.Outcome,-18} {group.Count()}");
        }

        // Every failure was a typed SDK exception; nothing else escaped.
        Assert.Empty(all.Where(a => a.Outcome == Outcome.Unexpected).Select(a => a.Error!.ToString()));
        Assert.Empty(all.Where(a => a.Outcome == Outcome.CommittedInvalid).Select(a => a.Status!.ToString()));

        // During the outage the endorsement failures say which peer failed, of which organisation, and why.
        var outageFailures = all.Where(a => a.Phase == Phase.Outage && a.Outcome == Outcome.EndorseFailed).ToList();
        Assert.NotEmpty(outageFailures);
        var peers = new Dictionary<string, string> { [_fabric.PeerAddress(1)] = "Org1MSP", [_fabric.PeerAddress(2)] = "Org2MSP" };
        foreach (var failure in outageFailures)
        {
            var error = (EndorseException)failure.Error!;
            Assert.NotEmpty(error.Details);
            Assert.All(error.Details, detail =>
            {
                Assert.True(peers.TryGetValue(detail.Address, out var mspId), $"Unknown peer in {detail}");
                Assert.Equal(mspId, detail.MspId);
            });
            Assert.Contains(error.Details, detail => detail.Message.Contains("chaincode", StringComparison.OrdinalIgnoreCase));
        }

        _output.WriteLine("An endorsement refused during the outage: " + outageFailures[0].Error!.Message);

        // Every transaction acknowledged as committed valid is on the ledger, as seen through the other
        // organisation's peer: the commit status asked again, the ledger's record of the transaction, and the state.
        await using var auditor = GatewayConnection.Connect(_fabric, 2);
        var qscc = auditor.Network.GetContract("qscc");
        var acknowledged = all.Where(a => a.Outcome == Outcome.Committed).ToList();
        await Parallel.ForEachAsync(acknowledged, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (attempt, cancellationToken) =>
        {
            var status = await auditor.Gateway.NewCommit(attempt.CommitBytes!).GetStatusAsync(cancellationToken);
            Assert.Equal((attempt.Status!.BlockNumber, TxValidationCode.Valid), (status.BlockNumber, status.Code));
            var processed = ProcessedTransaction.Parser.ParseFrom(await qscc.EvaluateTransactionAsync("GetTransactionByID", [_fabric.Channel, attempt.TransactionId!], cancellationToken));
            Assert.Equal((int)TxValidationCode.Valid, processed.ValidationCode);
            var history = Evidence.Json(await auditor.Custody.EvaluateTransactionAsync("History", [attempt.Id], cancellationToken));
            Assert.Equal(attempt.TransactionId, Assert.Single(history.EnumerateArray()).Text("txId"));
        });

        // A refused endorsement never reached the ledger: its transaction id is unknown and its item unregistered.
        foreach (var failure in outageFailures.Take(5))
        {
            var error = (EndorseException)failure.Error!;
            await Assert.ThrowsAsync<EvaluateException>(() => qscc.EvaluateTransactionAsync("GetTransactionByID", [_fabric.Channel, error.TransactionId]));
            await Assert.ThrowsAsync<EvaluateException>(() => auditor.Custody.EvaluateTransactionAsync("Read", [failure.Id]));
        }

        _output.WriteLine($"{acknowledged.Count} acknowledged commits verified on the ledger in {clock.Elapsed.TotalSeconds:0.0}s");
    }

    private static async Task SubmitUntilStoppedAsync(GatewayConnection client, int worker, Func<Phase> phase, ConcurrentQueue<Attempt> attempts, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var started = phase();
            var id = Evidence.NewId($"load{worker}");
            var proposal = new ProposalOptions().AddArguments(id, "case-load", Evidence.Digest(id), "load");
            ISubmittedTransaction? submitted = null;
            try
            {
                // No cancellation token: an attempt in progress runs to its end, so its outcome is known.
                submitted = await client.Custody.StartSubmitAsync("Register", proposal, CancellationToken.None);
                var status = await submitted.GetStatusAsync(CancellationToken.None);
                attempts.Enqueue(new Attempt(started, id, submitted.TransactionId, status.Successful ? Outcome.Committed : Outcome.CommittedInvalid, status, submitted.GetBytes(), null));
            }
            catch (EndorseException ex)
            {
                attempts.Enqueue(new Attempt(started, id, ex.TransactionId, Outcome.EndorseFailed, null, null, ex));
            }
            catch (SubmitException ex)
            {
                attempts.Enqueue(new Attempt(started, id, ex.TransactionId, Outcome.SubmitFailed, null, null, ex));
            }
            catch (CommitStatusException ex)
            {
                attempts.Enqueue(new Attempt(started, id, ex.TransactionId, Outcome.CommitStatusFailed, null, submitted?.GetBytes(), ex));
            }
#pragma warning disable CA1031 // Anything else is the failure this test looks for; it is recorded and asserted on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                attempts.Enqueue(new Attempt(started, id, submitted?.TransactionId, Outcome.Unexpected, null, null, ex));
            }

            if (phase() == Phase.Outage)
            {
                // Refusals come back at once while the services are down; do not flood the peers' logs.
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    private static int Count(ConcurrentQueue<Attempt> attempts, Phase phase, Outcome outcome) =>
        attempts.Count(a => a.Phase == phase && a.Outcome == outcome);

    private static async Task WaitUntilAsync(Func<bool> condition, string what, ConcurrentQueue<Attempt> attempts)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > PhaseTimeout)
            {
                var summary = string.Join(", ", attempts.GroupBy(a => (a.Phase, a.Outcome)).Select(g => $"{g.Key.Phase}/{g.Key.Outcome}: {g.Count()}"));
                var lastError = attempts.LastOrDefault(a => a.Error is not null)?.Error;
                throw new TimeoutException($"No {what} within {PhaseTimeout.TotalSeconds:0}s ({summary}). Last error: {lastError}");
            }

            await Task.Delay(100);
        }
    }

    private sealed record Attempt(Phase Phase, string Id, string? TransactionId, Outcome Outcome, CommitStatus? Status, byte[]? CommitBytes, Exception? Error);
}
