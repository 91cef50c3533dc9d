using System.Text;

namespace Course.Core.Scripts;

/// <summary>
/// Writes a chapter in the narration-script format. The output is canonical: LF line ends,
/// one blank line between slides, no trailing spaces and no final newline, so that the seed
/// chapter is reproduced byte for byte.
/// </summary>
public static class ScriptWriter
{
    public static string Write(ChapterScript script, bool includeMetadata = true)
    {
        ArgumentNullException.ThrowIfNull(script);
        var builder = new StringBuilder(script.SegmentCount * 80);
        if (includeMetadata && !script.Metadata.IsEmpty)
        {
            WriteFrontMatter(builder, script.Metadata);
        }

        for (var s = 0; s < script.Slides.Count; s++)
        {
            if (s > 0)
            {
                builder.Append("\n\n");
            }

            WriteSlide(builder, script.Slides[s]);
        }

        return builder.ToString();
    }

    private static void WriteFrontMatter(StringBuilder builder, ScriptMetadata metadata)
    {
        builder.Append("---\n");
        foreach (var (key, value) in Pairs(metadata))
        {
            if (value is not null)
            {
                builder.Append(key).Append(": ").Append(value).Append('\n');
            }
        }

        builder.Append("---\n\n");
    }

    private static IEnumerable<(string Key, string? Value)> Pairs(ScriptMetadata metadata) =>
    [
        ("title", metadata.Title),
        ("language", metadata.Language),
        ("slug", metadata.Slug),
        ("description", metadata.Description),
    ];

    private static void WriteSlide(StringBuilder builder, ScriptSlide slide)
    {
        for (var i = 0; i < slide.Segments.Count; i++)
        {
            var segment = slide.Segments[i];
            if (segment.Text.Contains('\n') || segment.Text.Contains('\r'))
            {
                throw new ArgumentException($"Segment text cannot span lines: '{segment.Text}'.", nameof(slide));
            }

            if (i > 0)
            {
                builder.Append(segment.ContinuesLine ? ' ' : '\n');
            }

            builder.Append(segment.Text);
            if (segment.Pause is { } pause)
            {
                if (segment.Text.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(pause.Markup);
            }
        }
    }
}
