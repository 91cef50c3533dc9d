namespace Course.Core.Tests;

/// <summary>The seed chapter as shipped with the product, copied beside the tests by the build.</summary>
internal static class SeedChapter
{
    public static byte[] Bytes() =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Seed", "chapter-01-foundation-models.es.txt"));
}
