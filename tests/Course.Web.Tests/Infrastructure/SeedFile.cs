namespace Course.Web.Tests.Infrastructure;

internal static class SeedFile
{
    /// <summary>The seed chapter as the app ships it (copied to the app's output by its build).</summary>
    public static byte[] Bytes() =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Seed", "chapter-01-foundation-models.es.txt"));
}
