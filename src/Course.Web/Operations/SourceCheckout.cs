namespace Course.Web.Operations;

/// <summary>
/// `dotnet run` from a checkout runs in Development, as a launch profile would make it, without one: the SDK
/// writes "Using launch settings from …" on standard output whenever a project has a launch profile, which
/// would put a line before every operator command's document. A published app (no project file in its
/// folder) stays in Production unless told otherwise, and an environment named anywhere always wins.
/// </summary>
public static class SourceCheckout
{
    public static string? DefaultEnvironment(string[] args) =>
        IsNamed(args) || !File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "Course.Web.csproj"))
            ? null
            : Environments.Development;

    private static bool IsNamed(string[] args) =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"))
        || args.Any(a => a.StartsWith("--environment", StringComparison.OrdinalIgnoreCase));
}
