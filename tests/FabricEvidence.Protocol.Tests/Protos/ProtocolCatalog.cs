using System.Reflection;
using FabricEvidence.Protocol.Common;
using Google.Protobuf.Reflection;

namespace FabricEvidence.Protocol.Tests.Protos;

/// <summary>
/// Every file, message and enum that protoc generated into FabricEvidence.Protocol, found through reflection so a
/// message added to a .proto file is covered by the conformance tests without anyone listing it.
/// </summary>
internal static class ProtocolCatalog
{
    private static readonly Lazy<IReadOnlyList<FileDescriptor>> LazyFiles = new(FindFiles);
    private static readonly Lazy<IReadOnlyList<MessageDescriptor>> LazyMessages = new(FindMessages);

    /// <summary>The file descriptors of every *Reflection class in the protocol assembly, by file name.</summary>
    public static IReadOnlyList<FileDescriptor> Files => LazyFiles.Value;

    /// <summary>
    /// Every message type, nested ones included, ordered by full name; map-entry types (synthetic, not messages a user
    /// can name) and google.protobuf well-known types (not ours) are left out.
    /// </summary>
    public static IReadOnlyList<MessageDescriptor> Messages => LazyMessages.Value;

    /// <summary>The protobuf packages our files declare (e.g. "common", "protos", "google.rpc").</summary>
    public static IReadOnlyList<string> Packages =>
        Files.Select(f => f.Package).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static MessageDescriptor Message(string fullName) =>
        Messages.FirstOrDefault(m => m.FullName == fullName)
        ?? throw new ArgumentException($"FabricEvidence.Protocol defines no message {fullName}.", nameof(fullName));

    /// <summary>Every enum type, nested ones included, ordered by full name.</summary>
    public static IReadOnlyList<EnumDescriptor> Enums() =>
        Files.SelectMany(f => f.EnumTypes.Concat(f.MessageTypes.SelectMany(NestedEnums)))
            .OrderBy(e => e.FullName, StringComparer.Ordinal)
            .ToList();

    public static bool IsMapEntry(MessageDescriptor message) => message.GetOptions()?.MapEntry == true;

    private static IEnumerable<EnumDescriptor> NestedEnums(MessageDescriptor message) =>
        message.EnumTypes.Concat(message.NestedTypes.SelectMany(NestedEnums));

    private static List<FileDescriptor> FindFiles()
    {
        var assembly = typeof(Envelope).Assembly;
        var files = assembly.GetTypes()
            .Where(t => t.IsAbstract && t.IsSealed && t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static))
            .Where(p => p is not null && p.PropertyType == typeof(FileDescriptor))
            .Select(p => (FileDescriptor)p!.GetValue(null)!)
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new InvalidOperationException($"No generated *Reflection classes found in {assembly.FullName}; the catalog would test nothing.");
        }

        return files;
    }

    private static List<MessageDescriptor> FindMessages()
    {
        var all = new List<MessageDescriptor>();
        foreach (var file in Files)
        {
            foreach (var message in file.MessageTypes)
            {
                AddWithNested(message, all);
            }
        }

        return all
            .Where(m => !IsMapEntry(m) && !m.FullName.StartsWith("google.protobuf.", StringComparison.Ordinal))
            .OrderBy(m => m.FullName, StringComparer.Ordinal)
            .ToList();
    }

    private static void AddWithNested(MessageDescriptor message, List<MessageDescriptor> into)
    {
        into.Add(message);
        foreach (var nested in message.NestedTypes)
        {
            AddWithNested(nested, into);
        }
    }
}
