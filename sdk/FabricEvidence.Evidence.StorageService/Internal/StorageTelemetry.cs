using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FabricEvidence.Evidence.StorageService.Internal;

/// <summary>The service's traces and metrics (OpenTelemetry picks them up by <see cref="Name"/>).</summary>
internal sealed class StorageTelemetry : IDisposable
{
    public const string Name = "FabricEvidence.Evidence.StorageService";

    private readonly Meter _meter;
    private readonly Counter<long> _bytesReceived;
    private readonly Counter<long> _uploadsStored;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _bytesServed;
    private readonly Counter<long> _integrityChecks;
    private readonly UpDownCounter<long> _activeUploads;

    public StorageTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        _bytesReceived = _meter.CreateCounter<long>("evidence.storage.upload.bytes", "By", "Content bytes received and written.");
        _uploadsStored = _meter.CreateCounter<long>("evidence.storage.uploads.stored", "{object}", "Objects stored and confirmed.");
        _refused = _meter.CreateCounter<long>("evidence.storage.requests.refused", "{request}", "Requests refused, by code.");
        _bytesServed = _meter.CreateCounter<long>("evidence.storage.download.bytes", "By", "Content bytes served.");
        _integrityChecks = _meter.CreateCounter<long>("evidence.storage.integrity.checks", "{check}", "Objects hashed again, by result.");
        _activeUploads = _meter.CreateUpDownCounter<long>("evidence.storage.uploads.active", "{request}", "Upload requests in progress.");
    }

    public static ActivitySource Source { get; } = new(Name);

    public void Received(long bytes) => _bytesReceived.Add(bytes);

    public void Stored(string algorithm) => _uploadsStored.Add(1, new KeyValuePair<string, object?>("digest.algorithm", algorithm));

    public void Refused(string code) => _refused.Add(1, new KeyValuePair<string, object?>("code", code));

    public void Served(long bytes) => _bytesServed.Add(bytes);

    public void IntegrityChecked(string result) => _integrityChecks.Add(1, new KeyValuePair<string, object?>("result", result));

    public void UploadActive(int delta) => _activeUploads.Add(delta);

    public void Dispose() => _meter.Dispose();
}
