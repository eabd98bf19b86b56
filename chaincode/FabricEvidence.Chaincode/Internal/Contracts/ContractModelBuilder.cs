using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace FabricEvidence.Chaincode.Internal.Contracts;

/// <summary>
/// Reflects over the registered contract types once, validates them, and builds the routing table and the metadata
/// document. Every mistake in a contract definition is reported here, at startup, with the member it concerns.
/// </summary>
internal static partial class ContractModelBuilder
{
    public const string SystemContractName = "org.hyperledger.fabric";

    public const string MetadataSchemaUrl = "https://hyperledger.github.io/fabric-chaincode-node/main/api/contract-schema.json";

    public static ContractModel Build(IReadOnlyList<Type> contractTypes)
    {
        ArgumentNullException.ThrowIfNull(contractTypes);
        if (contractTypes.Count == 0)
        {
            throw new InvalidOperationException("No contracts are registered: register at least one class deriving from Contract.");
        }

        var schemas = new SchemaBuilder();
        var contracts = new List<ContractDescriptor>();
        var byName = new Dictionary<string, ContractDescriptor>(StringComparer.Ordinal);
        foreach (var type in contractTypes)
        {
            var contract = BuildContract(type, schemas);
            if (contracts.Any(c => c.Type == type))
            {
                throw new InvalidOperationException($"The contract {type.FullName} is registered twice.");
            }

            if (!byName.TryAdd(contract.Name, contract))
            {
                throw new InvalidOperationException($"Two contracts are named '{contract.Name}': {byName[contract.Name].Type.FullName} and {type.FullName}. Give one of them [Contract(Name = \"…\")].");
            }

            contracts.Add(contract);
        }

        var defaults = contracts.Where(c => c.Type.IsDefined(typeof(DefaultAttribute), inherit: false)).ToList();
        if (defaults.Count > 1)
        {
            throw new InvalidOperationException($"Only one contract can be [Default]; these are: {string.Join(", ", defaults.Select(c => c.Type.FullName))}.");
        }

        var defaultContract = defaults.Count == 1 ? defaults[0] : contracts[0];
        defaultContract.IsDefault = true;

        foreach (var dataType in contracts.Select(c => c.Type.Assembly).Distinct().SelectMany(DataTypesOf).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            schemas.AddDataType(dataType);
        }

        var metadataHolder = new byte[1][];
        var system = BuildSystemContract(metadataHolder);
        contracts.Add(system);
        byName.Add(system.Name, system);

        var metadata = WriteMetadata(contracts, defaultContract, schemas);
        metadataHolder[0] = metadata;
        return new ContractModel { ContractsByName = byName, Contracts = contracts, Default = defaultContract, Metadata = metadata };
    }

    private static IEnumerable<Type> DataTypesOf(Assembly assembly)
    {
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            types = ex.Types.OfType<Type>().ToArray();
        }

        return types.Where(t => t.IsDefined(typeof(DataTypeAttribute), inherit: false));
    }

    private static ContractDescriptor BuildContract(Type type, SchemaBuilder schemas)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!typeof(Contract).IsAssignableFrom(type) || type.IsAbstract || type.ContainsGenericParameters)
        {
            throw new InvalidOperationException($"{type.FullName} is not a contract: a contract is a non-abstract, non-generic class deriving from {nameof(Contract)}.");
        }

        var attribute = ChaincodeJsonOptions.Attribute<ContractAttribute>(type);
        var name = string.IsNullOrEmpty(attribute?.Name) ? type.Name : attribute.Name;
        if (name.Contains(':', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The contract name '{name}' of {type.FullName} contains ':', which separates the contract from the transaction name.");
        }

        if (string.IsNullOrWhiteSpace(name) || name == SystemContractName)
        {
            throw new InvalidOperationException($"The contract name '{name}' of {type.FullName} is not allowed.");
        }

        ObjectFactory factory;
        try
        {
            factory = ActivatorUtilities.CreateFactory(type, Type.EmptyTypes);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"The contract {type.FullName} has no public constructor the runtime can call: {ex.Message}", ex);
        }

        var info = ChaincodeJsonOptions.Attribute<InfoAttribute>(type);
        ValidateInfo(info, type.FullName!);
        return new ContractDescriptor
        {
            Name = name,
            Type = type,
            IsDefault = false,
            Info = info,
            Factory = services => (Contract)factory(services, null),
            LoggerCategory = type.FullName ?? type.Name,
            Transactions = BuildTransactions(type, name, schemas),
        };
    }

    private static Dictionary<string, TransactionDescriptor> BuildTransactions(Type type, string contractName, SchemaBuilder schemas)
    {
        var transactions = new Dictionary<string, TransactionDescriptor>(StringComparer.Ordinal);
        // Static methods are allowed so that transactions which do not use the contract instance satisfy CA1822.
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.FlattenHierarchy;
        foreach (var method in type.GetMethods(all).OrderBy(m => m.MetadataToken))
        {
            var attribute = method.GetCustomAttribute<TransactionAttribute>(inherit: true);
            if (attribute is null)
            {
                continue;
            }

            var where = $"{type.FullName}.{method.Name}";
            if (!method.IsPublic)
            {
                throw new InvalidOperationException($"{where} is marked [Transaction] but is not public.");
            }

            if (method.ContainsGenericParameters)
            {
                throw new InvalidOperationException($"{where} is marked [Transaction] but is generic: the runtime cannot choose its type arguments.");
            }

            if (method.ReturnType == typeof(void) && method.IsDefined(typeof(AsyncStateMachineAttribute), inherit: false))
            {
                throw new InvalidOperationException($"{where} is 'async void': the runtime could not wait for it or see its exceptions. Return Task instead.");
            }

            var name = string.IsNullOrEmpty(attribute.Name) ? method.Name : attribute.Name;
            var transaction = BuildTransaction(method, name, $"{contractName}:{name}", where, attribute.Intent, schemas);
            if (!transactions.TryAdd(name, transaction))
            {
                throw new InvalidOperationException($"Contract '{contractName}' has two transactions named '{name}' ({where} and {transactions[name].Method.Name}); overloads are not supported, so give one a distinct [Transaction(Name = \"…\")].");
            }
        }

        if (transactions.Count == 0)
        {
            throw new InvalidOperationException($"The contract {type.FullName} has no [Transaction] methods; only methods marked [Transaction] can be invoked.");
        }

        return transactions;
    }

    private static TransactionDescriptor BuildTransaction(MethodInfo method, string name, string qualifiedName, string where, TransactionIntent intent, SchemaBuilder schemas)
    {
        var parameters = method.GetParameters();
        if (parameters.Length == 0 || !typeof(Context).IsAssignableFrom(parameters[0].ParameterType))
        {
            throw new InvalidOperationException($"{where}: the first parameter of a transaction must be the {nameof(Context)} (or the subclass the contract's CreateContext returns).");
        }

        var takesToken = parameters.Length > 1 && parameters[^1].ParameterType == typeof(CancellationToken);
        var arguments = parameters[1..(takesToken ? ^1 : ^0)];
        var descriptors = new List<ParameterDescriptor>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in arguments)
        {
            if (parameter.ParameterType.IsByRef || parameter.IsOut)
            {
                throw new InvalidOperationException($"{where}: parameter '{parameter.Name}' is passed by reference, which a transaction argument cannot be.");
            }

            if (parameter.ParameterType == typeof(CancellationToken) || typeof(Context).IsAssignableFrom(parameter.ParameterType))
            {
                throw new InvalidOperationException($"{where}: parameter '{parameter.Name}' is a {parameter.ParameterType.Name}, which can only be the first (context) or last (token) parameter.");
            }

            var paramAttribute = parameter.GetCustomAttribute<ParamAttribute>(inherit: true);
            var parameterName = string.IsNullOrEmpty(paramAttribute?.Name) ? parameter.Name! : paramAttribute.Name;
            if (!names.Add(parameterName))
            {
                throw new InvalidOperationException($"{where}: two parameters are named '{parameterName}'.");
            }

            var path = $"{qualifiedName} parameter '{parameterName}'";
            descriptors.Add(new ParameterDescriptor
            {
                Name = parameterName,
                Description = string.IsNullOrEmpty(paramAttribute?.Description) ? null : paramAttribute.Description,
                Codec = Codec(parameter.ParameterType, path),
                Schema = Schema(schemas, parameter.ParameterType, path),
            });
        }

        var resultType = Invokers.ResultType(method);
        var resultPath = $"{qualifiedName} result";
        var returns = method.ReturnParameter.GetCustomAttribute<ReturnsAttribute>(inherit: true);
        return new TransactionDescriptor
        {
            Name = name,
            Method = method,
            Intent = intent,
            ContextType = parameters[0].ParameterType,
            Parameters = descriptors,
            TakesCancellationToken = takesToken,
            Invoke = Invokers.Compile(method),
            Result = resultType is null ? null : Codec(resultType, resultPath),
            ResultSchema = resultType is null ? null : Schema(schemas, resultType, resultPath),
            ResultDescription = returns?.Description,
        };
    }

    private static ValueCodec Codec(Type type, string path)
    {
        try
        {
            return ValueCodec.For(type);
        }
        catch (NotSupportedException ex)
        {
            throw new InvalidOperationException($"{path}: {ex.Message}", ex);
        }
    }

    private static JsonObject Schema(SchemaBuilder schemas, Type type, string path)
    {
        try
        {
            return schemas.ForArgument(type, path);
        }
        catch (NotSupportedException ex)
        {
            throw new InvalidOperationException(ex.Message, ex);
        }
    }

    private static ContractDescriptor BuildSystemContract(byte[][] metadataHolder)
    {
        var method = typeof(SystemContract).GetMethod(nameof(SystemContract.GetMetadata))!;
        var transaction = new TransactionDescriptor
        {
            Name = nameof(SystemContract.GetMetadata),
            Method = method,
            Intent = TransactionIntent.Evaluate,
            ContextType = typeof(Context),
            Parameters = [],
            TakesCancellationToken = false,
            Invoke = Invokers.Compile(method),
            Result = ValueCodec.For(typeof(byte[])),
            ResultSchema = new JsonObject { ["type"] = "object" },
            ResultDescription = "The contract metadata, valid against Fabric's contract-schema.json.",
        };
        return new ContractDescriptor
        {
            Name = SystemContractName,
            Type = typeof(SystemContract),
            IsDefault = false,
            Info = null,
            Factory = _ => new SystemContract(metadataHolder[0]),
            LoggerCategory = typeof(SystemContract).FullName!,
            Transactions = new Dictionary<string, TransactionDescriptor>(StringComparer.Ordinal) { [transaction.Name] = transaction },
        };
    }

    private static byte[] WriteMetadata(IReadOnlyList<ContractDescriptor> contracts, ContractDescriptor defaultContract, SchemaBuilder schemas)
    {
        var assembly = defaultContract.Type.Assembly;
        var assemblyInfo = assembly.GetCustomAttribute<InfoAttribute>();
        ValidateInfo(assemblyInfo, assembly.GetName().Name!);
        var version = VersionOf(assembly);

        var contractsNode = new JsonObject();
        foreach (var contract in contracts)
        {
            var transactions = new JsonArray();
            foreach (var transaction in contract.Transactions.Values.OrderBy(t => t.Name, Utf8OrdinalComparer.Instance))
            {
                var parameters = new JsonArray();
                foreach (var parameter in transaction.Parameters)
                {
                    var node = new JsonObject { ["name"] = parameter.Name };
                    if (parameter.Description is not null)
                    {
                        node["description"] = parameter.Description;
                    }

                    node["schema"] = parameter.Schema.DeepClone();
                    parameters.Add((JsonNode)node);
                }

                var transactionNode = new JsonObject
                {
                    ["name"] = transaction.Name,
                    ["tag"] = transaction.Intent == TransactionIntent.Submit ? new JsonArray("SUBMIT", "submitTx") : new JsonArray("EVALUATE"),
                    ["parameters"] = parameters,
                };
                if (transaction.ResultSchema is not null)
                {
                    var returns = (JsonObject)transaction.ResultSchema.DeepClone();
                    if (!string.IsNullOrEmpty(transaction.ResultDescription))
                    {
                        returns["description"] = transaction.ResultDescription;
                    }

                    transactionNode["returns"] = returns;
                }

                transactions.Add((JsonNode)transactionNode);
            }

            var contractVersion = contract.Type == typeof(SystemContract) ? version : VersionOf(contract.Type.Assembly);
            contractsNode[contract.Name] = new JsonObject
            {
                ["name"] = contract.Name,
                ["info"] = InfoNode(contract.Info, contract.Name, contractVersion),
                ["contractInstance"] = new JsonObject { ["name"] = contract.Name, ["default"] = contract.IsDefault },
                ["transactions"] = transactions,
            };
        }

        var root = new JsonObject
        {
            ["$schema"] = MetadataSchemaUrl,
            ["info"] = InfoNode(assemblyInfo, assembly.GetName().Name!, version),
            ["contracts"] = contractsNode,
            ["components"] = new JsonObject { ["schemas"] = schemas.BuildComponents() },
        };
        return JsonSerializer.SerializeToUtf8Bytes(root, ChaincodeJsonOptions.Instance);
    }

    private static JsonObject InfoNode(InfoAttribute? info, string defaultTitle, string defaultVersion)
    {
        var node = new JsonObject
        {
            ["title"] = string.IsNullOrEmpty(info?.Title) ? defaultTitle : info.Title,
            ["version"] = string.IsNullOrEmpty(info?.Version) ? defaultVersion : info.Version,
        };
        if (info is null)
        {
            return node;
        }

        AddIfPresent(node, "description", info.Description);
        AddIfPresent(node, "termsOfService", info.TermsOfService);
        if (!string.IsNullOrEmpty(info.ContactName) || !string.IsNullOrEmpty(info.ContactEmail) || !string.IsNullOrEmpty(info.ContactUrl))
        {
            var contact = new JsonObject();
            AddIfPresent(contact, "name", info.ContactName);
            AddIfPresent(contact, "url", info.ContactUrl);
            AddIfPresent(contact, "email", info.ContactEmail);
            node["contact"] = contact;
        }

        if (!string.IsNullOrEmpty(info.License))
        {
            var license = new JsonObject { ["name"] = info.License };
            AddIfPresent(license, "url", info.LicenseUrl);
            node["license"] = license;
        }

        return node;
    }

    private static void AddIfPresent(JsonObject node, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            node[name] = value;
        }
    }

    // The metadata schema requires URLs to be URIs and e-mail addresses to be addresses; a typo is caught here rather
    // than by a client validating the metadata.
    private static void ValidateInfo(InfoAttribute? info, string owner)
    {
        if (info is null)
        {
            return;
        }

        foreach (var (label, url) in new[] { ("LicenseUrl", info.LicenseUrl), ("ContactUrl", info.ContactUrl) })
        {
            if (!string.IsNullOrEmpty(url) && (!Uri.TryCreate(url, UriKind.Absolute, out _) || url.Any(char.IsWhiteSpace)))
            {
                throw new InvalidOperationException($"[Info] of {owner}: {label} '{url}' is not an absolute URL.");
            }
        }

        if (!string.IsNullOrEmpty(info.LicenseUrl) && string.IsNullOrEmpty(info.License))
        {
            throw new InvalidOperationException($"[Info] of {owner}: LicenseUrl needs License (the licence name) as well.");
        }

        if (!string.IsNullOrEmpty(info.ContactEmail) && !EmailPattern().IsMatch(info.ContactEmail))
        {
            throw new InvalidOperationException($"[Info] of {owner}: ContactEmail '{info.ContactEmail}' is not an e-mail address.");
        }
    }

    private static string VersionOf(Assembly assembly)
    {
        var version = assembly.GetName().Version ?? new Version(0, 0, 0);
        return string.Create(CultureInfo.InvariantCulture, $"{version.Major}.{version.Minor}.{Math.Max(version.Build, 0)}");
    }

    [GeneratedRegex("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}

/// <summary>The contract every chaincode has: <c>org.hyperledger.fabric:GetMetadata</c> describes all the others.</summary>
internal sealed class SystemContract(byte[] metadata) : Contract
{
    [Transaction(TransactionIntent.Evaluate)]
    public byte[] GetMetadata(Context context)
    {
        _ = context;
        return (byte[])metadata.Clone();
    }
}
