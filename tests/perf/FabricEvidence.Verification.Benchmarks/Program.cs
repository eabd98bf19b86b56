using System.Diagnostics;
using System.Globalization;
using FabricEvidence.SyntheticLedger;
using FabricEvidence.Verification;

// Arguments: transactions=N (default 100), perBlock=K (default 1), runs=R (default 30), fileMiB=M (default 64),
// caseItems=C (default 1000: the case whose report is generated).
var settings = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));
var transactions = settings.GetValueOrDefault("transactions", 100);
var perBlock = settings.GetValueOrDefault("perBlock", 1);
var runs = settings.GetValueOrDefault("runs", 30);
var fileMiB = settings.GetValueOrDefault("fileMiB", 64);
var caseItems = settings.GetValueOrDefault("caseItems", 1000);

Console.WriteLine($"Bundle verification benchmark: 1 item, {transactions} transactions, {perBlock} per block, {runs} measured runs");
Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} CPUs, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");

// The custody story: submission, storage confirmation, then accesses, with a transfer offer and acceptance in the middle.
var file = "benchmark evidence file"u8.ToArray();
using var ledger = EvidenceLedger.Create();
var item = ledger.NewItem("EV-BENCH-0001", file);
var pending = new List<PendingTransaction>();
void Add(PendingTransaction transaction)
{
    pending.Add(transaction);
    if (pending.Count == perBlock)
    {
        ledger.Commit([.. pending]);
        pending.Clear();
    }
}

// Transactions that depend on the previous write go into a block of their own, as a real chaincode run would need.
void AddWrite(Func<PendingTransaction> make)
{
    if (pending.Count > 0)
    {
        ledger.Commit([.. pending]);
        pending.Clear();
    }

    ledger.Commit(make());
}

AddWrite(() => ledger.Submit(item));
AddWrite(() => ledger.ConfirmStorage(item));
for (var i = 2; i < transactions; i++)
{
    if (i == transactions / 2)
    {
        AddWrite(() => ledger.OfferTransfer(item));
    }
    else if (i == transactions / 2 + 1)
    {
        AddWrite(() => ledger.AcceptTransfer(item));
    }
    else
    {
        Add(ledger.RecordAccess(item));
    }
}

if (pending.Count > 0)
{
    ledger.Commit([.. pending]);
}

var source = new InMemoryBlockSource(ledger.Channel.Blocks.Select(b => (ReadOnlyMemory<byte>)b));
var build = Stopwatch.StartNew();
var bundle = await new EvidenceBundleBuilder(source).BuildAsync(new BundleRequest
{
    Chaincode = ledger.Chaincode,
    Items = [new BundleItemRequest { ItemId = item.Id, TransactionIds = item.TransactionIds }],
});
build.Stop();
var zip = new MemoryStream();
await bundle.WriteAsync(zip);
Console.WriteLine($"Ledger: {ledger.Channel.Height} blocks; bundle: {bundle.Manifest.Entries.Count} entries, {zip.Length / 1024.0:F1} KiB zipped, built in {build.Elapsed.TotalMilliseconds:F1} ms");

var verifier = new BundleVerifier();
async Task<BundleVerificationResult> VerifyOnceAsync()
{
    // From the zip bytes, as a court would: read, then verify with the file.
    return await verifier.VerifyAsync(new MemoryStream(zip.ToArray()), [new EvidenceFile(item.Id, new MemoryStream(file))]);
}

var cold = Stopwatch.StartNew();
var first = await VerifyOnceAsync();
cold.Stop();
if (!first.IsVerified)
{
    Console.Error.WriteLine("The benchmark bundle did not verify:");
    foreach (var failure in first.Failures)
    {
        Console.Error.WriteLine(failure);
    }

    return 1;
}

Console.WriteLine($"First verification (cold: JIT, first X.509 chains): {cold.Elapsed.TotalMilliseconds:F1} ms, {first.Checks.Count} checks");
for (var i = 0; i < 3; i++)
{
    await VerifyOnceAsync();
}

GC.Collect();
GC.WaitForPendingFinalizers();
GC.Collect();
using var process = Process.GetCurrentProcess();
process.Refresh();
var workingSetBefore = process.WorkingSet64;
var times = new List<double>();
var allocated = new List<long>();
for (var i = 0; i < runs; i++)
{
    var bytes = GC.GetTotalAllocatedBytes(precise: true);
    var watch = Stopwatch.StartNew();
    var result = await VerifyOnceAsync();
    watch.Stop();
    allocated.Add(GC.GetTotalAllocatedBytes(precise: true) - bytes);
    times.Add(watch.Elapsed.TotalMilliseconds);
    if (!result.IsVerified)
    {
        Console.Error.WriteLine("A run did not verify.");
        return 1;
    }
}

process.Refresh();
times.Sort();
Console.WriteLine($"Verification, {runs} runs: mean {times.Average():F1} ms, median {times[runs / 2]:F1} ms, p95 {times[(int)(runs * 0.95)]:F1} ms, min {times[0]:F1} ms");
Console.WriteLine($"Allocated per verification: {allocated.Average() / 1024 / 1024:F2} MiB");
Console.WriteLine($"Working set: {workingSetBefore / 1024 / 1024} MiB before the runs, {process.WorkingSet64 / 1024 / 1024} MiB after; peak {process.PeakWorkingSet64 / 1024 / 1024} MiB (whole process, ledger generation included)");

// File digests: the part of verification that grows with the evidence file.
var content = new byte[fileMiB * 1024 * 1024];
new Random(1).NextBytes(content);
foreach (var algorithm in new[] { DigestAlgorithms.Sha256, DigestAlgorithms.Sm3 })
{
    await FileDigest.ComputeAsync(new MemoryStream(content), algorithm);
    var watch = Stopwatch.StartNew();
    await FileDigest.ComputeAsync(new MemoryStream(content), algorithm);
    watch.Stop();
    Console.WriteLine($"{algorithm} of a {fileMiB} MiB file: {watch.Elapsed.TotalMilliseconds:F0} ms ({fileMiB / watch.Elapsed.TotalSeconds:F0} MiB/s)");
}

// Report generation for a case: C items, each submitted and confirmed (two transactions), 50 items' transactions
// per block; one bundle for the case, verified with every file; then the report in each format and language.
Console.WriteLine();
Console.WriteLine($"Case report benchmark: {caseItems} items, 2 transactions each");
using var caseLedger = EvidenceLedger.Create();
var caseFiles = new Dictionary<string, byte[]>(StringComparer.Ordinal);
var caseItemList = new List<EvidenceItem>();
for (var i = 0; i < caseItems; i++)
{
    var id = $"EV-CASE-{i:D5}";
    caseFiles[id] = System.Text.Encoding.UTF8.GetBytes($"evidence file {i}");
    caseItemList.Add(caseLedger.NewItem(id, caseFiles[id]));
}

foreach (var chunk in caseItemList.Chunk(50))
{
    caseLedger.Commit([.. chunk.Select(item => caseLedger.Submit(item))]);
    caseLedger.Commit([.. chunk.Select(item => caseLedger.ConfirmStorage(item))]);
}

var caseBundle = await new EvidenceBundleBuilder(new InMemoryBlockSource(caseLedger.Channel.Blocks.Select(b => (ReadOnlyMemory<byte>)b))).BuildAsync(new BundleRequest
{
    Chaincode = caseLedger.Chaincode,
    Items = [.. caseItemList.Select(item => new BundleItemRequest { ItemId = item.Id, TransactionIds = item.TransactionIds })],
});
var caseWatch = Stopwatch.StartNew();
var caseResult = await verifier.VerifyAsync(caseBundle, [.. caseItemList.Select(item => new EvidenceFile(item.Id, new MemoryStream(caseFiles[item.Id])))]);
caseWatch.Stop();
if (!caseResult.IsVerified)
{
    Console.Error.WriteLine("The case bundle did not verify: " + caseResult.Failures.First());
    return 1;
}

Console.WriteLine($"Case bundle: {caseLedger.Channel.Height} blocks, {caseResult.Transactions.Count} transactions, {caseResult.Checks.Count} checks; verified in {caseWatch.Elapsed.TotalSeconds:F2} s");
foreach (var culture in new[] { "en", "zh-CN" })
{
    foreach (var format in new[] { ReportFormat.Html, ReportFormat.Json, ReportFormat.Pdf })
    {
        var options = new VerificationReportOptions { Culture = culture, GeneratedAt = DateTimeOffset.UnixEpoch };
        await VerificationReport.Create(caseResult, options).WriteAsync(Stream.Null, format); // warm-up (JIT, font load)
        GC.Collect();
        var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
        var output = new MemoryStream();
        var watch = Stopwatch.StartNew();
        await VerificationReport.Create(caseResult, options).WriteAsync(output, format);
        watch.Stop();
        var allocatedMiB = (GC.GetTotalAllocatedBytes(precise: true) - bytesBefore) / 1024.0 / 1024;
        Console.WriteLine($"Report {format,-4} {culture,-5}: {watch.Elapsed.TotalMilliseconds,8:F0} ms, {output.Length / 1024.0 / 1024,6:F2} MiB written, {allocatedMiB,7:F0} MiB allocated");
    }
}

process.Refresh();
Console.WriteLine($"Peak working set of the whole run: {process.PeakWorkingSet64 / 1024 / 1024} MiB");

return 0;
