using System.Text;
using System.Text.Json;

namespace FabricEvidence.Gateway.Tests;

public sealed class CheckpointerTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("checkpoints");

    private string PathFor(string name) => Path.Combine(_directory.FullName, name);

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task In_memory_checkpointer_follows_Fabric_semantics()
    {
        var checkpointer = Checkpointers.InMemory();
        Assert.Null(checkpointer.BlockNumber);
        Assert.Null(checkpointer.TransactionId);

        await checkpointer.CheckpointTransactionAsync(5, "tx5");
        Assert.Equal(5UL, checkpointer.BlockNumber);
        Assert.Equal("tx5", checkpointer.TransactionId);

        await checkpointer.CheckpointBlockAsync(5);
        Assert.Equal(6UL, checkpointer.BlockNumber);
        Assert.Null(checkpointer.TransactionId);

        await checkpointer.CheckpointChaincodeEventAsync(new ContractEvent(9, "tx9", "cc", "ev", default));
        Assert.Equal(9UL, checkpointer.BlockNumber);
        Assert.Equal("tx9", checkpointer.TransactionId);
    }

    [Fact]
    public async Task File_checkpointer_starts_empty_persists_as_json_number_and_reloads()
    {
        var path = PathFor("cp.json");

        var checkpointer = await Checkpointers.FileAsync(path);
        Assert.Null(checkpointer.BlockNumber);
        Assert.False(File.Exists(path));
        await checkpointer.CheckpointTransactionAsync(12, "abc");

        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(path)))
        {
            Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("blockNumber").ValueKind);
            Assert.Equal(12UL, json.RootElement.GetProperty("blockNumber").GetUInt64());
            Assert.Equal("abc", json.RootElement.GetProperty("transactionId").GetString());
        }

        await checkpointer.CheckpointBlockAsync(12);
        var reopened = await Checkpointers.FileAsync(path);
        Assert.Equal(13UL, reopened.BlockNumber);
        Assert.Null(reopened.TransactionId);
        Assert.Equal("{\"blockNumber\":13}", await File.ReadAllTextAsync(path));
        Assert.Single(Directory.GetFiles(_directory.FullName));
    }

    [Theory]
    [InlineData("{\"blockNumber\":\"12\",\"transactionId\":\"abc\"}", 12UL, "abc")] // Node writes a string
    [InlineData("{\"blockNumber\":12,\"transactionId\":\"abc\"}", 12UL, "abc")] // Go writes a number
    [InlineData("{\"blockNumber\":13,\"transactionId\":\"\"}", 13UL, null)] // Go after CheckpointBlock
    [InlineData("{\"blockNumber\":0,\"transactionId\":\"\"}", null, null)] // Go's empty state
    [InlineData("{}", null, null)] // Node's empty state
    [InlineData("", null, null)]
    [InlineData("{\"blockNumber\":\"18446744073709551615\"}", ulong.MaxValue, null)]
    public async Task File_checkpointer_reads_files_written_by_the_Go_and_Node_clients(string content, ulong? block, string? transaction)
    {
        var path = PathFor("other.json");
        await File.WriteAllTextAsync(path, content);

        var checkpointer = await Checkpointers.FileAsync(path);

        Assert.Equal(block, checkpointer.BlockNumber);
        Assert.Equal(transaction, checkpointer.TransactionId);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"blockNumber\":-1}")]
    [InlineData("{\"blockNumber\":\"twelve\"}")]
    [InlineData("{\"blockNumber\":1.5}")]
    [InlineData("{\"transactionId\":\"abc\"}")]
    [InlineData("{\"blockNumber\":1,\"transactionId\":7}")]
    public async Task File_that_is_not_a_checkpoint_is_rejected_naming_the_file(string content)
    {
        var path = PathFor("bad.json");
        await File.WriteAllTextAsync(path, content);

        var ex = await Assert.ThrowsAsync<FileCheckpointerException>(() => Checkpointers.FileAsync(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_checkpointer_in_a_missing_folder_fails_at_open()
    {
        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => Checkpointers.FileAsync(PathFor(Path.Combine("missing", "cp.json"))));
    }

    [Fact]
    public async Task Readers_never_see_a_torn_checkpoint_while_it_is_rewritten()
    {
        var path = PathFor("busy.json");
        var checkpointer = await Checkpointers.FileAsync(path);
        await checkpointer.CheckpointTransactionAsync(0, new string('x', 10_000));
        using var stop = new CancellationTokenSource();
        var torn = 0;
        var reads = 0;
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                byte[] bytes;
                try
                {
                    bytes = await File.ReadAllBytesAsync(path);
                }
                catch (IOException)
                {
                    continue;
                }

                reads++;
                try
                {
                    using var _ = JsonDocument.Parse(bytes);
                }
                catch (JsonException)
                {
                    torn++;
                }
            }
        });

        for (ulong i = 1; i <= 300; i++)
        {
            await checkpointer.CheckpointTransactionAsync(i, new string((char)('a' + (int)(i % 26)), 10_000 + (int)i));
        }

        await stop.CancelAsync();
        await reader;
        Assert.True(reads > 0);
        Assert.Equal(0, torn);
        Assert.Equal(300UL, (await Checkpointers.FileAsync(path)).BlockNumber);
        Assert.Single(Directory.GetFiles(_directory.FullName));
    }

    [Fact]
    public async Task Concurrent_checkpoints_leave_one_of_the_written_states()
    {
        var path = PathFor("concurrent.json");
        var checkpointer = await Checkpointers.FileAsync(path);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => checkpointer.CheckpointBlockAsync((ulong)i).AsTask()));

        var reopened = await Checkpointers.FileAsync(path);
        Assert.Equal(checkpointer.BlockNumber, reopened.BlockNumber);
        Assert.InRange(reopened.BlockNumber!.Value, 1UL, 50UL);
        Assert.Equal(Encoding.UTF8.GetBytes($"{{\"blockNumber\":{reopened.BlockNumber}}}"), await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task Empty_transaction_id_is_rejected()
    {
        var checkpointer = Checkpointers.InMemory();

        await Assert.ThrowsAsync<ArgumentException>(() => checkpointer.CheckpointTransactionAsync(1, "").AsTask());
    }
}
