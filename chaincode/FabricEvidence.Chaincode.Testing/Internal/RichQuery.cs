using System.Text.Json;
using FabricEvidence.Chaincode.Internal.Contracts;

namespace FabricEvidence.Chaincode.Testing.Internal;

/// <summary>
/// A subset of CouchDB's Mango query language, evaluated over the in-memory world state. See
/// <see cref="InMemoryChaincodeStub.GetQueryResult"/> for what is supported and how it differs from CouchDB.
/// </summary>
internal sealed class RichQuery
{
    private static readonly HashSet<string> SupportedTopLevel = new(StringComparer.Ordinal) { "selector", "sort", "limit", "skip", "use_index" };

    private readonly Func<JsonElement, bool> _predicate;
    private readonly IReadOnlyList<(string[] Path, bool Descending)> _sort;
    private readonly int? _limit;
    private readonly int _skip;

    private RichQuery(Func<JsonElement, bool> predicate, IReadOnlyList<(string[] Path, bool Descending)> sort, int? limit, int skip)
    {
        _predicate = predicate;
        _sort = sort;
        _limit = limit;
        _skip = skip;
    }

    public static RichQuery Parse(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(query);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The rich query is not valid JSON: {ex.Message}", nameof(query), ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException("A rich query is a JSON object with a \"selector\".", nameof(query));
            }

            foreach (var member in root.EnumerateObject())
            {
                if (!SupportedTopLevel.Contains(member.Name))
                {
                    throw new NotSupportedException($"The in-memory stub does not support the query field \"{member.Name}\" (supported: selector, sort, limit, skip, use_index).");
                }
            }

            if (!root.TryGetProperty("selector", out var selector) || selector.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException("A rich query needs a \"selector\" object.", nameof(query));
            }

            var predicate = CompileSelector(selector.Clone(), []);
            var sort = root.TryGetProperty("sort", out var sortElement) ? ParseSort(sortElement) : [];
            int? limit = root.TryGetProperty("limit", out var limitElement) ? ReadCount(limitElement, "limit") : null;
            var skip = root.TryGetProperty("skip", out var skipElement) ? ReadCount(skipElement, "skip") : 0;
            return new RichQuery(predicate, sort, limit, skip);
        }
    }

    /// <summary>The matching entries: key order (CouchDB's _id order) unless the query sorts, then skip and limit.</summary>
    public IReadOnlyList<KeyValue> Execute(IEnumerable<KeyValue> entries)
    {
        var matches = new List<(KeyValue Entry, JsonElement Document)>();
        foreach (var entry in entries)
        {
            if (TryParseObject(entry.Value, out var document) && _predicate(document))
            {
                matches.Add((entry, document));
            }
        }

        IEnumerable<(KeyValue Entry, JsonElement Document)> ordered = matches;
        if (_sort.Count > 0)
        {
            // CouchDB sorts through an index on the sort fields, which documents without them are not in.
            ordered = matches
                .Where(m => _sort.All(s => TryGetPath(m.Document, s.Path, out _)))
                .Order(Comparer<(KeyValue Entry, JsonElement Document)>.Create(CompareForSort));
        }

        var result = ordered.Skip(_skip);
        if (_limit is { } limit)
        {
            result = result.Take(limit);
        }

        return result.Select(m => m.Entry).ToList();
    }

    private int CompareForSort((KeyValue Entry, JsonElement Document) x, (KeyValue Entry, JsonElement Document) y)
    {
        foreach (var (path, descending) in _sort)
        {
            TryGetPath(x.Document, path, out var a);
            TryGetPath(y.Document, path, out var b);
            var order = Collate(a, b);
            if (order != 0)
            {
                return descending ? -order : order;
            }
        }

        return Utf8OrdinalComparer.Instance.Compare(x.Entry.Key, y.Entry.Key);
    }

    private static bool TryParseObject(byte[] value, out JsonElement document)
    {
        try
        {
            using var parsed = JsonDocument.Parse(value);
            if (parsed.RootElement.ValueKind == JsonValueKind.Object)
            {
                document = parsed.RootElement.Clone();
                return true;
            }
        }
        catch (JsonException)
        {
            // CouchDB keeps values that are not JSON objects as attachments, which selectors never match.
        }

        document = default;
        return false;
    }

    private static int ReadCount(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value) && value >= 0
            ? value
            : throw new ArgumentException($"The query's \"{name}\" must be a non-negative integer.");

    private static List<(string[] Path, bool Descending)> ParseSort(JsonElement sort)
    {
        if (sort.ValueKind != JsonValueKind.Array)
        {
            throw new ArgumentException("The query's \"sort\" must be an array.");
        }

        var result = new List<(string[] Path, bool Descending)>();
        foreach (var item in sort.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                result.Add((item.GetString()!.Split('.'), false));
                continue;
            }

            if (item.ValueKind != JsonValueKind.Object || item.EnumerateObject().Count() != 1)
            {
                throw new ArgumentException("Each \"sort\" entry is a field name or {\"field\": \"asc\" | \"desc\"}.");
            }

            var field = item.EnumerateObject().Single();
            var direction = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString() : null;
            if (direction is not ("asc" or "desc"))
            {
                throw new ArgumentException($"The sort direction of \"{field.Name}\" must be \"asc\" or \"desc\".");
            }

            result.Add((field.Name.Split('.'), direction == "desc"));
        }

        if (result.Select(s => s.Descending).Distinct().Count() > 1)
        {
            throw new ArgumentException("CouchDB requires all sort fields to use the same direction.");
        }

        return result;
    }

    private static Func<JsonElement, bool> CompileSelector(JsonElement selector, string[] prefix)
    {
        var conditions = new List<Func<JsonElement, bool>>();
        foreach (var member in selector.EnumerateObject())
        {
            var value = member.Value;
            switch (member.Name)
            {
                case "$and":
                    var all = CompileList(value, prefix, "$and");
                    conditions.Add(d => all.All(c => c(d)));
                    break;
                case "$or":
                    var any = CompileList(value, prefix, "$or");
                    conditions.Add(d => any.Any(c => c(d)));
                    break;
                case "$nor":
                    var none = CompileList(value, prefix, "$nor");
                    conditions.Add(d => !none.Any(c => c(d)));
                    break;
                case "$not":
                    if (value.ValueKind != JsonValueKind.Object)
                    {
                        throw new ArgumentException("\"$not\" takes a selector object.");
                    }

                    var inner = CompileSelector(value, prefix);
                    conditions.Add(d => !inner(d));
                    break;
                default:
                    if (member.Name.StartsWith('$'))
                    {
                        throw new NotSupportedException($"The in-memory stub does not support the selector operator \"{member.Name}\" at this position.");
                    }

                    conditions.Add(CompileField([.. prefix, .. member.Name.Split('.')], value));
                    break;
            }
        }

        return d => conditions.All(c => c(d));
    }

    private static List<Func<JsonElement, bool>> CompileList(JsonElement value, string[] prefix, string op)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new ArgumentException($"\"{op}\" takes an array of selectors.");
        }

        return value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.Object
            ? CompileSelector(item, prefix)
            : throw new ArgumentException($"\"{op}\" takes an array of selector objects.")).ToList();
    }

    private static Func<JsonElement, bool> CompileField(string[] path, JsonElement condition)
    {
        if (condition.ValueKind != JsonValueKind.Object)
        {
            return d => TryGetPath(d, path, out var actual) && Collate(actual, condition) == 0;
        }

        var names = condition.EnumerateObject().Select(m => m.Name).ToList();
        if (names.Count > 0 && names.All(n => !n.StartsWith('$')))
        {
            return CompileSelector(condition, path);
        }

        if (names.Any(n => !n.StartsWith('$')))
        {
            throw new ArgumentException($"The condition on \"{string.Join('.', path)}\" mixes operators and field names.");
        }

        var tests = condition.EnumerateObject().Select(m => CompileOperator(path, m.Name, m.Value)).ToList();
        return d => tests.All(t => t(d));
    }

    private static Func<JsonElement, bool> CompileOperator(string[] path, string op, JsonElement operand)
    {
        // Every operator but $exists needs the field to be present, as in CouchDB.
        Func<JsonElement, bool> Present(Func<JsonElement, bool> test) => d => TryGetPath(d, path, out var actual) && test(actual);

        switch (op)
        {
            case "$eq": return Present(a => Collate(a, operand) == 0);
            case "$ne": return Present(a => Collate(a, operand) != 0);
            case "$gt": return Present(a => Collate(a, operand) > 0);
            case "$gte": return Present(a => Collate(a, operand) >= 0);
            case "$lt": return Present(a => Collate(a, operand) < 0);
            case "$lte": return Present(a => Collate(a, operand) <= 0);
            case "$in":
                var allowed = Array(operand, op);
                return Present(a => allowed.Any(v => Collate(a, v) == 0));
            case "$nin":
                var excluded = Array(operand, op);
                return Present(a => !excluded.Any(v => Collate(a, v) == 0));
            case "$exists":
                if (operand.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    throw new ArgumentException("\"$exists\" takes true or false.");
                }

                var expected = operand.ValueKind == JsonValueKind.True;
                return d => TryGetPath(d, path, out _) == expected;
            case "$type":
                var type = operand.ValueKind == JsonValueKind.String ? operand.GetString() : null;
                return Present(a => TypeName(a) == type);
            case "$size":
                var size = operand.ValueKind == JsonValueKind.Number && operand.TryGetInt32(out var n) ? n : throw new ArgumentException("\"$size\" takes an integer.");
                return Present(a => a.ValueKind == JsonValueKind.Array && a.GetArrayLength() == size);
            case "$all":
                var required = Array(operand, op);
                return Present(a => a.ValueKind == JsonValueKind.Array && required.All(r => a.EnumerateArray().Any(x => Collate(x, r) == 0)));
            default:
                throw new NotSupportedException($"The in-memory stub does not support the selector operator \"{op}\" (supported: $eq, $ne, $gt, $gte, $lt, $lte, $in, $nin, $exists, $type, $size, $all, $and, $or, $nor, $not).");
        }
    }

    private static JsonElement[] Array(JsonElement operand, string op) =>
        operand.ValueKind == JsonValueKind.Array ? operand.EnumerateArray().ToArray() : throw new ArgumentException($"\"{op}\" takes an array.");

    private static string TypeName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => "number",
        JsonValueKind.String => "string",
        JsonValueKind.Array => "array",
        _ => "object",
    };

    private static bool TryGetPath(JsonElement document, string[] path, out JsonElement value)
    {
        value = document;
        foreach (var segment in path)
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(segment, out value))
            {
                value = default;
                return false;
            }
        }

        return true;
    }

    // CouchDB's collation across types: null < false < true < numbers < strings < arrays < objects. Strings compare by
    // code point here; CouchDB uses ICU collation, which orders letters case-insensitively first.
    private static int Collate(JsonElement a, JsonElement b)
    {
        var rank = Rank(a).CompareTo(Rank(b));
        if (rank != 0)
        {
            return rank;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Number:
                return a.TryGetDecimal(out var da) && b.TryGetDecimal(out var db) ? da.CompareTo(db) : a.GetDouble().CompareTo(b.GetDouble());
            case JsonValueKind.String:
                return Utf8OrdinalComparer.Instance.Compare(a.GetString(), b.GetString());
            case JsonValueKind.Array:
                var left = a.EnumerateArray().ToArray();
                var right = b.EnumerateArray().ToArray();
                for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
                {
                    var order = Collate(left[i], right[i]);
                    if (order != 0)
                    {
                        return order;
                    }
                }

                return left.Length.CompareTo(right.Length);
            case JsonValueKind.Object:
                var x = a.EnumerateObject().ToArray();
                var y = b.EnumerateObject().ToArray();
                for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
                {
                    var order = Utf8OrdinalComparer.Instance.Compare(x[i].Name, y[i].Name);
                    if (order == 0)
                    {
                        order = Collate(x[i].Value, y[i].Value);
                    }

                    if (order != 0)
                    {
                        return order;
                    }
                }

                return x.Length.CompareTo(y.Length);
            default:
                return 0;
        }
    }

    private static int Rank(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => 0,
        JsonValueKind.False => 1,
        JsonValueKind.True => 2,
        JsonValueKind.Number => 3,
        JsonValueKind.String => 4,
        JsonValueKind.Array => 5,
        _ => 6,
    };
}
