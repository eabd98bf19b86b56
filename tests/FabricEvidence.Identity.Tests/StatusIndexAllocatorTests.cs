namespace FabricEvidence.Identity.Tests;

public sealed class StatusIndexAllocatorTests
{
    [Fact]
    public void Allocation_is_a_permutation_of_the_whole_list()
    {
        const int capacity = StatusList.MinimumPrivacyCapacity;
        var seen = new bool[capacity];
        for (var i = 0; i < capacity; i++)
        {
            var index = StatusIndexAllocator.IndexFor("org1/residence/0", i, capacity);
            Assert.InRange(index, 0, capacity - 1);
            Assert.False(seen[index], $"index {index} given twice");
            seen[index] = true;
        }
    }

    [Fact]
    public void Allocation_is_deterministic_and_depends_on_the_list()
    {
        var a = Enumerable.Range(0, 100).Select(i => StatusIndexAllocator.IndexFor("list-a", i, 131_072)).ToArray();
        var again = Enumerable.Range(0, 100).Select(i => StatusIndexAllocator.IndexFor("list-a", i, 131_072)).ToArray();
        var b = Enumerable.Range(0, 100).Select(i => StatusIndexAllocator.IndexFor("list-b", i, 131_072)).ToArray();
        Assert.Equal(a, again);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Consecutive_credentials_land_far_apart_and_out_of_order()
    {
        var indexes = Enumerable.Range(0, 1000).Select(i => StatusIndexAllocator.IndexFor("org1/residence/0", i, 131_072)).ToArray();
        // Issuance order must not show in positions: about half of the neighbours go down, and they spread over the list.
        var descending = indexes.Zip(indexes.Skip(1)).Count(p => p.Second < p.First);
        Assert.InRange(descending, 400, 600);
        Assert.True(indexes.Min() < 131_072 / 10 && indexes.Max() > 131_072 * 9 / 10);
        var adjacent = indexes.Zip(indexes.Skip(1)).Count(p => Math.Abs(p.Second - p.First) < 16);
        Assert.True(adjacent < 5, $"{adjacent} consecutive credentials got neighbouring positions");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(1000)]
    [InlineData(4096)]
    public void Small_and_odd_capacities_are_permuted_too(int capacity)
    {
        var all = Enumerable.Range(0, capacity).Select(i => StatusIndexAllocator.IndexFor("x", i, capacity)).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, capacity), all);
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentException>("listId", () => StatusIndexAllocator.IndexFor("", 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>("sequence", () => StatusIndexAllocator.IndexFor("x", 10, 10));
        Assert.Throws<ArgumentOutOfRangeException>("sequence", () => StatusIndexAllocator.IndexFor("x", -1, 10));
        Assert.Throws<ArgumentOutOfRangeException>("capacity", () => StatusIndexAllocator.IndexFor("x", 0, 1));
    }
}
