using System.Text;
using BenchmarkDotNet.Attributes;
using Course.Core.Rendering;
using Course.Core.Scripts;

namespace Course.Benchmarks;

/// <summary>
/// Parsing and writing the seed chapter. Throughput in MB/s = seed size / mean time; the seed is
/// read once so only the format code is measured.
/// </summary>
[MemoryDiagnoser]
public class ScriptBenchmarks
{
    private byte[] bytes = [];
    private string text = "";
    private ChapterScript script = null!;

    [GlobalSetup]
    public void Setup()
    {
        bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Seed", "chapter-01-foundation-models.es.txt"));
        text = Encoding.UTF8.GetString(bytes);
        script = ScriptParser.Parse(text).GetScriptOrThrow();
        Console.WriteLine($"// seed: {bytes.Length} bytes, {script.Slides.Count} slides, {script.SegmentCount} segments");
    }

    [Benchmark(Description = "parse seed (UTF-8 bytes)")]
    public ChapterScript? ParseBytes() => ScriptParser.Parse(bytes).Script;

    [Benchmark(Description = "parse seed (string)")]
    public ChapterScript? ParseString() => ScriptParser.Parse(text).Script;

    [Benchmark(Description = "write seed")]
    public string Write() => ScriptWriter.Write(script);

    [Benchmark(Description = "write seed as SSML")]
    public string WriteSsml() => SsmlWriter.Write(script, "es");

    [Benchmark(Description = "render seed segments (Markdig)")]
    public int Render()
    {
        var length = 0;
        foreach (var slide in script.Slides)
        {
            foreach (var segment in slide.Segments)
            {
                length += SegmentMarkdown.Render(segment.Text).Html.Length;
            }
        }

        return length;
    }
}
