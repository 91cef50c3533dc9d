using Course.Core.Scripts;

namespace Course.Core.Authoring;

/// <summary>A slide of a chapter (published or draft) with the key that links progress and quizzes to it.</summary>
public sealed record KeyedSlide(string Key, string Text);

/// <summary>
/// Carries slide keys through edits: each time a draft parses, its slides are matched against the slides
/// the keys were last given to (<see cref="SlideKeyMatcher"/>), so a slide keeps its key from its first
/// save to its publication, and a quiz can name a slide that has never been published.
/// </summary>
public static class KeyedSlides
{
    /// <summary>Each slide of the script as text on its own (no metadata): what slides are compared by.</summary>
    public static IReadOnlyList<string> TextsOf(ChapterScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        return [.. script.Slides.Select(s => ScriptWriter.Write(new ChapterScript(ScriptMetadata.Empty, [s]), includeMetadata: false))];
    }

    /// <summary>The new slides with the keys of the slides they continue; the others get <paramref name="newKey"/>'s.</summary>
    public static IReadOnlyList<KeyedSlide> Follow(IReadOnlyList<KeyedSlide> previous, IReadOnlyList<string> slides, Func<string> newKey)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(slides);
        ArgumentNullException.ThrowIfNull(newKey);

        var matches = SlideKeyMatcher.Match([.. previous.Select(p => p.Text)], slides);
        var taken = previous.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var result = new KeyedSlide[slides.Count];
        for (var i = 0; i < slides.Count; i++)
        {
            result[i] = new KeyedSlide(matches[i] is { } old ? previous[old].Key : Fresh(), slides[i]);
        }

        return result;

        // A fresh key never reuses one the chapter had: a quiz pointing at a deleted slide must not find a new one.
        string Fresh()
        {
            string key;
            do
            {
                key = newKey();
            }
            while (!taken.Add(key));

            return key;
        }
    }
}
