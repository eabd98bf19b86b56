using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using FabricEvidence.Benchmarks;

// Three ways in (README.md):
//   serve [--port N]     the echo server alone; prints "LISTENING <port>", stops when stdin closes
//   compare [options]    our client vs @grpc/grpc-js against one server process, as a table
//   anything else        BenchmarkDotNet (--filter '*', --list flat, --job short, ...)
if (args is ["serve", ..])
{
    var port = 0;
    if (args is not ["serve"] and not ["serve", "--port", _])
    {
        Console.Error.WriteLine("usage: serve [--port N]");
        return 2;
    }

    if (args is ["serve", "--port", var text] && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535))
    {
        Console.Error.WriteLine($"--port must be a number between 0 and 65535, got '{text}'.");
        return 2;
    }

    return await ServerProcess.ServeAsync(port);
}

if (args is ["compare", .. var compareArgs])
{
    return await CompareCommand.RunAsync(compareArgs);
}

// BenchmarkDotNet runs each benchmark class in a child process that inherits this environment, so one server
// process started here serves them all.
using (var server = await ServerProcess.StartAsync())
{
    Environment.SetEnvironmentVariable(BenchmarkServer.AddressVariable, server.Address);
    // BenchmarkDotNet builds a project of its own around these benchmarks, without the compiler server; on a busy
    // two-core machine that takes longer than its default two minutes.
    BenchmarkSwitcher.FromAssembly(typeof(EchoService).Assembly).Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(15)));
}

return 0;
