using Microsoft.Extensions.Localization;

namespace Course.Web.Components.Shared;

/// <summary>"1 slide", "3 slides": counted texts with a singular where the resources give one.</summary>
public static class LocalizerCounts
{
    /// <summary>
    /// The resource <paramref name="key"/> with <paramref name="count"/> as {0}; for exactly one, the resource
    /// <paramref name="key"/>One instead when there is one (English and Spanish both say "1 slide", "1 diapositiva").
    /// </summary>
    public static LocalizedString Counted(this IStringLocalizer localizer, string key, int count)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        if (count == 1 && localizer[key + "One", count] is { ResourceNotFound: false } one)
        {
            return one;
        }

        return localizer[key, count];
    }
}
