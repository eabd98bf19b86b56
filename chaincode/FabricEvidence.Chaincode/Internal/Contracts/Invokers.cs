using System.Linq.Expressions;
using System.Reflection;

namespace FabricEvidence.Chaincode.Internal.Contracts;

/// <summary>
/// Compiles a delegate per transaction method at startup, so each call is a direct call rather than reflection, and
/// exceptions reach the router unwrapped (no <see cref="TargetInvocationException"/>).
/// </summary>
internal static class Invokers
{
    /// <summary>The type of the value the method produces once awaited, or <see langword="null"/> when it produces none.</summary>
    public static Type? ResultType(MethodInfo method)
    {
        var returnType = method.ReturnType;
        if (returnType == typeof(void) || returnType == typeof(Task) || returnType == typeof(ValueTask))
        {
            return null;
        }

        if (returnType.IsGenericType && (returnType.GetGenericTypeDefinition() == typeof(Task<>) || returnType.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            return returnType.GetGenericArguments()[0];
        }

        return returnType;
    }

    public static Func<Contract, object?[], ValueTask<object?>> Compile(MethodInfo method)
    {
        var contract = Expression.Parameter(typeof(Contract), "contract");
        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        var parameters = method.GetParameters();
        var convertedArguments = parameters.Select((p, i) => Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(i)), p.ParameterType));
        var call = method.IsStatic
            ? Expression.Call(method, convertedArguments)
            : Expression.Call(Expression.Convert(contract, method.DeclaringType!), method, convertedArguments);

        var returnType = method.ReturnType;
        Expression body;
        if (returnType == typeof(void))
        {
            body = Expression.Block(call, Expression.Call(Helper(nameof(Completed))));
        }
        else if (returnType == typeof(Task))
        {
            body = Expression.Call(Helper(nameof(FromTask)), call);
        }
        else if (returnType == typeof(ValueTask))
        {
            body = Expression.Call(Helper(nameof(FromValueTask)), call);
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            body = Expression.Call(Helper(nameof(FromTaskOf)).MakeGenericMethod(returnType.GetGenericArguments()), call);
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            body = Expression.Call(Helper(nameof(FromValueTaskOf)).MakeGenericMethod(returnType.GetGenericArguments()), call);
        }
        else
        {
            body = Expression.Call(Helper(nameof(FromValue)).MakeGenericMethod(returnType), call);
        }

        return Expression.Lambda<Func<Contract, object?[], ValueTask<object?>>>(body, contract, arguments).Compile();
    }

    private static MethodInfo Helper(string name) => typeof(Invokers).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;

    private static ValueTask<object?> Completed() => ValueTask.FromResult<object?>(null);

    private static async ValueTask<object?> FromTask(Task task)
    {
        await (task ?? throw NullTask()).ConfigureAwait(false);
        return null;
    }

    private static async ValueTask<object?> FromValueTask(ValueTask task)
    {
        await task.ConfigureAwait(false);
        return null;
    }

    private static async ValueTask<object?> FromTaskOf<T>(Task<T> task) => await (task ?? throw NullTask()).ConfigureAwait(false);

    private static async ValueTask<object?> FromValueTaskOf<T>(ValueTask<T> task) => await task.ConfigureAwait(false);

    private static ValueTask<object?> FromValue<T>(T value) => ValueTask.FromResult<object?>(value);

    private static InvalidOperationException NullTask() => new("The transaction method returned a null Task.");
}
