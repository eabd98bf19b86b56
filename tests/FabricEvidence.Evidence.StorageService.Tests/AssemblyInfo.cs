// The service, its store and these tests run where Fabric runs: Linux (file modes, renameat2).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
