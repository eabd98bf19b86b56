using System.Security.Cryptography;

namespace FabricEvidence.Evidence.Storage.Tests;

/// <summary>The package README's opening example, run.</summary>
public sealed class ReadmeExampleTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "fe-readme-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void The_README_opens_with_the_example_this_test_runs()
    {
        var (mirrored, problem) = ReadmeSnippets.IsMirrored("sdk/FabricEvidence.Evidence.Storage/README.md", "tests/FabricEvidence.Evidence.Storage.Tests/ReadmeExampleTests.cs");

        Assert.True(mirrored, problem);
    }

    [Fact]
    public async Task The_README_example_stores_an_object_once_with_its_digest()
    {
        var root = _root;
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            var store = new FileSystemObjectStore(new FileSystemObjectStoreOptions { RootPath = root });
            byte[] content = "seized phone image"u8.ToArray();
            StoredObject stored = await store.PutAsync("EV-2026-0001", new MemoryStream(content), content.Length, DigestAlgorithm.Sha256);
            Console.WriteLine($"{stored.Key} version {stored.Version}: {stored.Digest!.Algorithm} {stored.Digest.Hex}");

            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), stored.Digest.Hex);
            await Assert.ThrowsAsync<ObjectAlreadyExistsException>(() => store.PutAsync("EV-2026-0001", new MemoryStream(content), content.Length, DigestAlgorithm.Sha256));
        }
        finally
        {
            Console.SetOut(console);
        }

        Assert.StartsWith("EV-2026-0001 version ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("SHA-256 ", output.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(_root, "*", SearchOption.AllDirectories))
            {
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(entry, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            Directory.Delete(_root, recursive: true);
        }
    }
}
